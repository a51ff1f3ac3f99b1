"""The downloads' route: each file made in answer to its request, only for a page that is still open."""

import asyncio
import gc
import io
import logging
import threading

import pytest
import torch
from PIL import Image
from starlette.routing import Router

from curvefit import Config, Trainer
from curvefit.budgets import share
from curvefit.budgets.share import Account, Share
from curvefit.serving import animation, downloads, export
from curvefit.serving.log_limit import LimitedLog
from curvefit.session.player import Player
from curvefit.session.run import Run


class Page:
    """What the route reads of a page: its run (the fit, its timeline), the lock the live frame takes, the
    language, and its player's account that its work is paid from."""

    def __init__(self, language="en"):
        self.run, self.player = Run(Trainer(Config())), Player()
        for _ in range(3):
            self.run.timeline.record(self.run.trainer)
            self.run.trainer.train(5)
        self.lock, self.language = threading.Lock(), language


async def fetch(
    path: str, accept_language: str = "en", base: str = "", method: str = "GET", routes=downloads.routes
) -> tuple[int, dict[str, str], bytes]:
    """One GET through the routes (the downloads'), as the server would pass it on (no HTTP client needed)."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    headers = [(b"accept-language", accept_language.encode())]
    path, _, query = path.partition("?")
    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "root_path": "",
             "query_string": query.encode(), "headers": headers}  # fmt: skip
    await Router(routes(base))(scope, receive, send)
    start, body = sent[0], b"".join(message.get("body", b"") for message in sent[1:])
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def get(path: str, accept_language: str = "en", base: str = "", method="GET") -> tuple[int, dict[str, str], bytes]:
    return asyncio.run(fetch(path, accept_language, base, method))


def test_each_file_comes_whole_as_an_attachment_with_its_own_name():
    page = Page()
    token = downloads.token_for(page)
    expected = {
        "curvefit_data.csv": export.data_csv(page.run.trainer),
        "curvefit_fit.csv": export.predictions_csv(page.run.trainer),
        export.SCRIPT_NAME: export.script(page.run.trainer).encode(),
        "curvefit_fit.png": animation.fit_png(page.run.trainer),
    }
    assert set(downloads.FILES) == {*expected, "curvefit_weights.pt", "curvefit_training.gif"}
    for name in downloads.FILES:
        status, headers, body = get("/" + downloads.link(token, name))
        assert status == 200 and headers["content-disposition"] == f'attachment; filename="{name}"'
        assert headers["content-type"].startswith(downloads.FILES[name].media.split(";")[0])
        if name in expected:
            assert body == expected[name]
    weights = torch.load(io.BytesIO(get("/" + downloads.link(token, "curvefit_weights.pt"))[2]), weights_only=True)
    assert torch.equal(weights["hidden.weight"], page.run.trainer.model.hidden.weight)
    with Image.open(io.BytesIO(get("/" + downloads.link(token, "curvefit_training.gif"))[2])) as gif:
        assert gif.format == "GIF" and gif.n_frames == 4  # three snapshots and the fit as it is now


def test_a_file_is_made_when_asked_so_it_is_the_fit_as_it_is_then():
    page = Page()
    token = downloads.token_for(page)
    before = downloads.made(token, "curvefit_weights.pt")
    page.run.trainer.train(10)
    assert downloads.made(token, "curvefit_weights.pt") != before


def test_a_download_waits_for_the_frame_that_is_training():
    page = Page()
    token = downloads.token_for(page)
    done = threading.Event()
    with page.lock:  # the live frame holds it while it trains
        worker = threading.Thread(target=lambda: (downloads.made(token, "curvefit_data.csv"), done.set()))
        worker.start()
        assert not done.wait(0.2)  # made only once the frame has let go (an upper bound on waiting, not a timing)
    worker.join(timeout=60)
    assert done.is_set()


@pytest.mark.parametrize("language, words", [("en", "is closed"), ("zh-CN,zh;q=0.9", "已经关闭")])
def test_a_closed_pages_links_answer_404_in_the_browsers_language(language, words):
    page = Page()
    token = downloads.token_for(page)
    assert get("/" + downloads.link(token, "curvefit_data.csv"))[0] == 200
    del page
    gc.collect()
    status, headers, body = get("/" + downloads.link(token, "curvefit_data.csv"), accept_language=language)
    assert status == 404 and words in body.decode() and headers["content-type"].startswith("text/plain")


def test_a_pages_links_end_with_its_session_even_while_the_page_is_still_in_memory():
    # Python's cycle collector may keep a closed tab's page for minutes: the session's end decides, not it.
    page, session = Page(), {"open": True}
    token = downloads.token_for(page, alive=lambda: session["open"])
    assert get("/" + downloads.link(token, "curvefit_data.csv"))[0] == 200
    session["open"] = False
    status, _, body = get("/" + downloads.link(token, "curvefit_data.csv"))
    assert status == 404 and b"is closed" in body and downloads.made(token, "curvefit_data.csv") is None
    session["open"] = True  # the token names no page once its session has ended, whatever comes back
    assert get("/" + downloads.link(token, "curvefit_data.csv"))[0] == 404


def test_a_file_asked_for_again_of_the_same_fit_is_sent_again_not_made_again(monkeypatch):
    page, makes = Page(), []
    png = downloads.FILES["curvefit_fit.png"]
    monkeypatch.setitem(
        downloads.FILES, "curvefit_fit.png", png._replace(make=lambda r: makes.append(1) or png.make(r))
    )
    path = "/" + downloads.link(downloads.token_for(page), "curvefit_fit.png")
    first = [get(path)[2] for _ in range(5)]
    assert len(makes) == 1 and len(set(first)) == 1
    page.run.trainer.train(5)  # a new state of the fit: a new file
    assert get(path)[2] != first[0] and len(makes) == 2
    page.language = "zh"  # its words are the page's
    get(path)
    assert len(makes) == 3


def test_head_says_what_the_file_is_without_making_it(monkeypatch):
    page = Page()
    gif = downloads.FILES["curvefit_training.gif"]
    monkeypatch.setitem(downloads.FILES, "curvefit_training.gif", gif._replace(make=lambda r: pytest.fail("made")))
    status, headers, body = get("/" + downloads.link(downloads.token_for(page), "curvefit_training.gif"), method="HEAD")
    assert status == 200 and headers["content-type"] == "image/gif" and "content-length" not in headers
    assert headers["content-disposition"] == 'attachment; filename="curvefit_training.gif"' and body == b""


def test_a_file_that_fails_answers_500_in_a_line_and_logs_one_traceback_a_minute(monkeypatch, caplog):
    page = Page()
    png = downloads.FILES["curvefit_fit.png"]
    monkeypatch.setitem(downloads.FILES, "curvefit_fit.png", png._replace(make=lambda r: 1 / 0))
    monkeypatch.setattr(downloads, "LOG", LimitedLog(logging.getLogger("curvefit.test"), every_s=3600))
    path = "/" + downloads.link(downloads.token_for(page), "curvefit_fit.png")
    with caplog.at_level(logging.ERROR):
        answers = [get(path) for _ in range(30)]
    assert {status for status, _, _ in answers} == {500} and b"Traceback" not in answers[0][2]
    assert b"Something went wrong" in answers[0][2]
    assert len(caplog.records) == 1 and "ZeroDivisionError" in caplog.text


def test_an_unknown_token_or_file_gets_nothing():
    page = Page()
    token = downloads.token_for(page)
    assert get("/" + downloads.link("x" * 22, "curvefit_data.csv"))[0] == 404
    status, _, body = get("/" + downloads.link(token, "app.py"))
    assert status == 404 and b"no file of that name" in body  # the page is open: it is not said to be closed
    assert get("/" + downloads.link(token, "..%2Fapp.py"))[0] == 404
    assert downloads.token_for(page) != token  # each link's secret is new


def test_a_page_has_two_downloads_in_hand_at_most_and_a_third_is_told_to_wait():
    page = Page()
    path = "/" + downloads.link(token := downloads.token_for(page), "curvefit_training.gif")

    async def three_at_once():
        with page.lock:  # the live frame trains: the first two wait for it in the server's threads
            asked = [asyncio.create_task(fetch(path, "zh-CN")) for _ in range(3)]
            answered, _ = await asyncio.wait(asked, timeout=60, return_when=asyncio.FIRST_COMPLETED)
            assert [task for task in asked if task in answered] == [asked[2]]  # the third, without waiting
        return await asyncio.gather(*asked)

    first, second, third = asyncio.run(three_at_once())
    assert first[0] == second[0] == 200 and first[2][:3] == b"GIF"
    assert third[0] == 429 and "还在生成" in third[2].decode()
    assert token not in downloads._in_flight  # nothing counted stays
    assert get(path)[0] == 200


@pytest.mark.parametrize("base", ["cf", "/cf/", "a/b"])
def test_under_a_base_url_path_the_route_is_where_the_page_is(base):
    token = downloads.token_for(page := Page())
    under = "/" + base.strip("/") + "/" + downloads.link(token, "curvefit_data.csv")
    assert get(under, base=base)[2] == export.data_csv(page.run.trainer)
    assert get("/" + downloads.link(token, "curvefit_data.csv"), base=base)[2] == b"Not Found"  # no route there


def test_a_page_whose_account_is_spent_gets_no_new_file_but_the_one_already_made(monkeypatch):
    page = Page()
    path = "/" + downloads.link(downloads.token_for(page), "curvefit_fit.png")
    made = get(path)[2]
    page.player.account.pay(1000.0)  # loops of downloads, or costly training, spent it
    assert get(path)[2] == made  # the same fit: sent again, at no cost
    page.run.trainer.train(5)
    status, _, body = get(path)
    assert status == 429 and b"used its share of the server" in body
    assert page.player.account.recent_s > 0  # the made one was paid for


def test_a_file_is_made_in_its_turn_at_the_servers_cpu(monkeypatch):
    monkeypatch.setattr(share, "SHARE", Share(limit=1, wait_s=0.01))
    page, taken, release = Page(), threading.Event(), threading.Event()

    def other_session():
        with share.SHARE.turn(Account()):
            taken.set()
            release.wait(600)

    holder = threading.Thread(target=other_session)
    holder.start()
    assert taken.wait(60)
    status, _, body = get("/" + downloads.link(downloads.token_for(page), "curvefit_fit.png"))
    release.set()
    holder.join(60)
    assert status == 503 and b"The server is busy" in body


def test_a_pages_requests_start_a_quarter_second_apart_however_fast_they_come(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr(downloads, "_clock", lambda: clock[0])
    token = downloads.token_for(page := Page())
    waits = [downloads._wait_for_turn(token) for _ in range(4)]  # a loop asking four times at once
    assert waits == [0.0, downloads.MIN_GAP_S, 2 * downloads.MIN_GAP_S, 3 * downloads.MIN_GAP_S]
    other = downloads.token_for(Page())
    assert downloads._wait_for_turn(other) == 0.0  # each page its own pace
    clock[0] += 10
    assert downloads._wait_for_turn(token) == 0.0  # a person's next click, later, waits for nothing
    del page
    gc.collect()
    assert token not in downloads._next_start  # a page gone leaves nothing behind


def test_a_pages_next_request_waits_as_long_as_the_bytes_it_was_sent_take_at_its_rate(monkeypatch):
    monkeypatch.setattr(downloads, "PAGE_BYTES_PER_S", 1000)
    monkeypatch.setattr(downloads, "_clock", lambda: 100.0)  # no time passes, however slow the machine
    token = downloads.token_for(page := Page())
    body = get("/" + downloads.link(token, "curvefit_data.csv"))[2]
    assert len(body) > 1000 and downloads._wait_for_turn(token) == pytest.approx(len(body) / 1000)
    del page
