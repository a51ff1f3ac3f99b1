"""CPU time to read the worst CSV files the page accepts (5 MB each), as a ratio to a plain one of the same size.

Run: .venv/bin/python -m benchmarks.upload   (add --repeats 1 for a smoke run)
"""

import argparse
import statistics
import time

from curvefit.inputs.upload import MAX_BYTES, UploadError, points, read_table


def _fill(row, header: bytes = b"") -> bytes:
    """Rows row(i) until the file is just under MAX_BYTES."""
    parts, size, i = [header], len(header), 0
    while True:
        line = row(i)
        if size + len(line) > MAX_BYTES - 16:
            return b"".join(parts)
        parts.append(line)
        size += len(line)
        i += 1


FILES = {
    "plain x,y with a header (baseline)": lambda: _fill(lambda i: f"{i / 7:.6f},{i / 9:.6f}\n".encode(), b"x,y\n"),
    "short rows 1,2": lambda: _fill(lambda i: b"1,2\n"),
    "every cell a different word": lambda: _fill(lambda i: f"w{i},v{i}\n".encode()),
    "decimal commas and words": lambda: _fill(lambda i: f"{i},5;{'n/a' if i % 2 else i}\n".encode(), b"x;y\n"),
    "one million empty columns": lambda: (b"," * 1_000_000 + b"\n") * 5,
    "50 columns": lambda: _fill(lambda i: (",".join(str(i + j) for j in range(50)) + "\n").encode()),
    "UTF-16": lambda: ("x,y\n" + "".join(f"{i},{i % 9}\n" for i in range(300_000))).encode("utf-16")[:MAX_BYTES],
}


def _read(raw: bytes) -> float:
    start = time.process_time()
    try:
        table = read_table(raw)
        points(table, table.names[0], table.names[1])
    except UploadError:
        pass
    return time.process_time() - start


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    files = {name: make() for name, make in FILES.items()}
    times = {name: [] for name in files}
    for _ in range(args.repeats):  # alternate, so a noisy moment hits every file alike
        for name, raw in files.items():
            times[name].append(_read(raw))
    baseline = statistics.median(times[next(iter(files))])
    print(f"{'file':40} {'MB':>5} {'CPU s':>7} {'x baseline':>10}")
    for name, raw in files.items():
        median = statistics.median(times[name])
        print(f"{name:40} {len(raw) / 2**20:>5.1f} {median:>7.3f} {median / baseline:>10.1f}")


if __name__ == "__main__":
    main()
