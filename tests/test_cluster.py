"""Two server processes behind nginx on loopback: a browser's session stays on one process, whatever it does."""

import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from curvefit.inputs.upload import MAX_MB
from curvefit.serving.cluster import COOKIE, cluster, main, nginx_binary, nginx_conf
from tests.test_browser import CHROMIUM, FLAGS, _step

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r'^\S+ (?P<route>\S+) (?P<upstream>\S+) (?P<status>\d+) "(?P<request>[^"]*)"$')


def _log(run: Path) -> list[dict]:
    """nginx's access log: each request's route (the cookie's value), the process it went to, its status."""
    path = run / "nginx-access.log"
    lines = path.read_text().splitlines() if path.exists() else []
    return [found.groupdict() for line in lines if (found := LINE.match(line))]


def _streams(run: Path, route: str) -> int:
    """How many of the browser's websockets have closed."""
    return sum(line["route"] == route and "_stcore/stream" in line["request"] for line in _log(run))


def _wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the deadline"
        time.sleep(0.2)


def test_the_proxys_configuration_is_nginxs_and_keeps_a_browser_by_its_cookie(tmp_path):
    conf = nginx_conf("127.0.0.1:8080", [9001, 9002], tmp_path)
    assert "server 127.0.0.1:9001" in conf and "server 127.0.0.1:9002" in conf
    assert "hash $curvefit_route consistent" in conf and f"$cookie_{COOKIE}" in conf  # by cookie, not address
    assert "proxy_set_header Upgrade $http_upgrade" in conf  # the page's websocket goes through
    assert f"client_max_body_size {MAX_MB + 1}m" in conf  # an upload the page takes, nginx lets through
    (tmp_path / "nginx.conf").write_text(conf)
    checked = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                             capture_output=True, text=True)  # fmt: skip
    assert checked.returncode == 0, checked.stderr


def test_the_command_without_nginx_says_so_in_a_line_and_starts_nothing(monkeypatch, capsys):
    monkeypatch.setenv("CURVEFIT_NGINX", "/nonexistent/nginx")
    with pytest.raises(SystemExit) as stopped:
        main(["--processes", "1", "--host", "127.0.0.1", "--port", "0"])
    err = capsys.readouterr().err
    assert (
        stopped.value.code == 1 and err.startswith("curvefit: no nginx at /nonexistent/nginx") and err.count("\n") == 1
    )


def test_the_command_refuses_no_processes_in_a_line(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--processes", "0"])
    assert stopped.value.code == 2 and "--processes must be at least 1" in capsys.readouterr().err


def test_a_browser_stays_on_one_process_through_play_a_download_and_a_reconnect():
    with cluster(2, app=ROOT / "app.py") as running, sync_playwright() as playwright:
        for _ in range(20):  # new visitors (no cookie yet) are spread over both processes
            urllib.request.urlopen(f"{running.url}/_stcore/health", timeout=30).close()
        assert len({line["upstream"] for line in _log(running.run) if "health" in line["request"]}) == 2

        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{running.url}/?spf=5")
        page.get_by_role("button", name="Play").click(timeout=90_000)
        page.wait_for_function("() => /Step ([1-9]\\d{2,}|[5-9]\\d) · train loss/.test(document.body.innerText)",
                               timeout=90_000)  # fmt: skip
        route = next(cookie["value"] for cookie in context.cookies() if cookie["name"] == COOKIE)

        # A download through the proxy: only the session's own process knows its link.
        link = page.get_by_role("link", name="Data (CSV)").get_attribute("href", timeout=60_000)
        response = context.request.get(urllib.parse.urljoin(page.url, link))
        assert response.status == 200 and response.text().count("\n") == 101

        # A reconnect: nginx reloads, and its old worker closes the page's websocket (worker_shutdown_timeout).
        os.kill(running.nginx.pid, signal.SIGHUP)
        _wait_for(lambda: _streams(running.run, route) == 1)  # logged when it closed
        at = _step(page)
        page.wait_for_function(  # and the same session goes on playing: no new one at step 0 on the other process
            "last => { const m = document.body.innerText.match(/Step ([\\d,]+) · train loss/);"
            "  return m && Number(m[1].replace(/,/g, '')) > last + 20; }",
            arg=at,
            timeout=90_000,
        )
        browser.close()  # its second websocket closes, and is logged
        _wait_for(lambda: _streams(running.run, route) == 2)
        mine = [line for line in _log(running.run) if line["route"] == route]
        assert any("download/" in line["request"] for line in mine)
        assert len({line["upstream"] for line in mine}) == 1, mine  # page, websockets, download: one process
