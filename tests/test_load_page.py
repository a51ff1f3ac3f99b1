"""The teacher's view of the load: sessions training and their steps a second, numbers only, for every process."""

import asyncio
import json
import os
import time

from curvefit.budgets import share
from curvefit.budgets.share import RATE_WINDOW_S, Account
from curvefit.serving import load_page
from tests.test_downloads import fetch
from tests.test_share import Clock


def test_an_accounts_steps_a_second_are_over_the_last_window_or_since_it_began():
    clock = Clock()
    account = Account(clock=clock)
    assert account.steps_per_s() is None  # it never trained: not counted as training
    account.trained(50)
    clock.now += 2
    account.trained(50)
    assert account.steps_per_s() == 100 / 2  # two seconds in: not diluted by the window it has not lived
    for _ in range(20):
        clock.now += 1
        account.trained(40)
    assert account.steps_per_s() == 40  # the last window only, not the 50s of the start
    clock.now += RATE_WINDOW_S + 1
    assert account.steps_per_s() is None  # paused a whole window: no longer training


def test_the_share_reports_the_rates_of_the_sessions_that_trained_lately():
    clock = Clock()
    shared = share.Share(limit=1, clock=clock)
    playing, paused = Account(clock=clock), Account(clock=clock)
    for account, steps in ((playing, 30), (paused, 0)):
        with shared.turn(account):
            account.trained(steps) if steps else None
    clock.now += 1
    assert shared.rates() == [30.0]


def test_the_page_says_how_many_train_and_their_steps_a_second_in_the_browsers_language():
    lines = load_page.report([20.0, 40.0, 60.0], processes=2).splitlines()
    assert "sessions training: 3" in lines and "server processes: 2" in lines
    assert "steps a second each: 40 (median), 20 (slowest)" in lines and "steps a second in all: 120" in lines
    idle = load_page.report([])
    assert "sessions training: 0" in idle and "median" not in idle


def test_every_process_counts_the_fresh_numbers_the_others_published(tmp_path):
    now = 1_000_000.0
    (tmp_path / "1.json").write_text(json.dumps({"at": now - 1, "rates": [10, 20]}))
    (tmp_path / "2.json").write_text(json.dumps({"at": now - 10 * load_page.FRESH_S, "rates": [99]}))
    (tmp_path / "3.json").write_text("{half written")
    (tmp_path / f"{os.getpid()}.json").write_text(json.dumps({"at": now, "rates": [77]}))  # its own, old
    rates, processes = load_page.all_rates(tmp_path, own=[5.0], now=now)
    assert sorted(rates) == [5.0, 10.0, 20.0] and processes == 2  # a stopped process and a broken file: not counted


def test_a_process_publishes_what_its_share_counts(tmp_path, monkeypatch):
    account = Account()
    with share.SHARE.turn(account):
        account.trained(25)
    load_page.publish(tmp_path)
    published = json.loads((tmp_path / f"{os.getpid()}.json").read_text())
    assert published["rates"] == [25.0] and abs(published["at"] - time.time()) < 60
    assert not list(tmp_path.glob("*.tmp"))


def test_the_route_answers_plain_text_under_the_pages_path_in_the_asked_language(monkeypatch):
    monkeypatch.delenv("CURVEFIT_LOAD_DIR", raising=False)
    account = Account()
    with share.SHARE.turn(account):
        account.trained(12)

    def get(path, language="en"):
        status, headers, body = asyncio.run(fetch(path, language, base="demo", routes=load_page.routes))
        return status, headers, body.decode()

    status, headers, english = get("/demo/load")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "sessions training: 1" in english and "steps a second each: 12" in english
    chinese = get("/demo/load", "zh-CN")[2]
    assert "sessions training" not in chinese and "12" in chinese
    assert get("/demo/load?lang=en", "zh-CN")[2] == english
    assert get("/load")[0] == 404
