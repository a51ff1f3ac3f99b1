"""The benchmarks run (tiny, untimed), so they cannot rot; their numbers come from running them by hand."""

from benchmarks import caps, speed, upload


def test_speed_benchmark_prints_every_row_and_no_run_diverges(capsys):
    speed.main(["--repeats", "1", "--steps", "5"])
    out = capsys.readouterr().out
    assert "torch threads 1" in out and "diverged" not in out
    for row in ("P1 tutorial size", "P1 tutorial size, adam", "P4 100k points, 64,64, batch 256, tanh", "P3 one frame"):
        assert row in out
    assert "P2 K=32 ensemble" in out and out.count("x  >=") == 7  # seven ratios, each against its target
    assert out.count("before issue 11:") == 3  # each frame's drawing timed against the frame before


def test_caps_benchmark_measures_the_named_links_and_the_highest_predicted(capsys):
    caps.main(["--top", "1", "--sample", "1", "--steps", "3"])
    out = capsys.readouterr().out
    assert all(name in out for name in caps.NAMED) and "highest chunk_s" in out and "highest memory_bytes" in out
    assert "highest frame_s" in out and "worst chunk" in out and "worst first frame" in out


def test_upload_benchmark_reads_every_file(capsys):
    upload.main(["--repeats", "1"])
    out = capsys.readouterr().out
    assert all(name in out for name in upload.FILES)


def test_frames_benchmark_counts_what_a_browser_shows(capsys):
    from benchmarks import frames

    frames.main(["--seconds", "2", "--speeds", "5"])
    header, row = capsys.readouterr().out.splitlines()[-2:]
    assert "frames/s" in header and row.split()[0] == "5"
    fps, steps_shown = float(row.split()[1]), float(row.split()[3])
    # How many frames fit in two seconds depends on the machine (printed, not judged); each one a lone tab shows
    # carries its 5 steps, whatever the machine.
    assert fps == 0 or steps_shown == 5


def test_first_paint_benchmark_prints_both_ratios(capsys):
    from benchmarks import first_paint

    first_paint.main(["--visits", "1", "--starts", "1"])
    out = capsys.readouterr().out
    assert out.count("x\n") == 5 and "warm server, a visit" in out and "first visit after start" in out
    assert "the whole page, warm" in out and "server start, healthy" in out


def test_hostile_benchmark_measures_a_visitor_beside_each_kind_of_hostile_tab(capsys):
    from benchmarks import hostile

    hostile.main(["--downloaders", "1", "--replayers", "1", "--seconds", "1", "--warm-up", "0.5"])
    lines = capsys.readouterr().out.splitlines()
    assert "whole page" in lines[0] and [line.split()[0] for line in lines[1:]] == ["idle", "1", "1"]
    assert "200:" in lines[2]  # the downloading tab got its files while the visitor was there


def test_load_benchmark_prints_each_students_way_to_step_200(capsys):
    from benchmarks import load

    load.main(["--trainers", "1", "--viewers", "1", "--seconds", "2", "--ttl", "0"])
    header, row = capsys.readouterr().out.splitlines()[-2:]
    assert "step 200 median/worst s" in header and "steps/s each/total" in header and "frames/s each" in header
    assert row.split()[0] == "1" and ("got there" in row or " / " in row)  # printed, not judged
