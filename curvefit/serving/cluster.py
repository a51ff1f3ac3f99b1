"""Several page servers on one machine behind one nginx: a browser stays with one, together they use every core.

Run from the repository: .venv/bin/python -m curvefit.serving.cluster --processes 2 --port 8501
One Streamlit server is one Python process, which runs Python on one core at a time (its interpreter lock);
a session lives in one process (its websocket, its download links), so the proxy keeps each browser on
the process it met first, by a cookie: not by address, since a whole class may come from one address.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..inputs.upload import MAX_MB

COOKIE = "curvefit_route"
START_S = 120.0  # a server starts in a few seconds (torch's import); a busy machine may take much longer

NGINX_CONF = """\
# Written by curvefit/serving/cluster.py for this run.
worker_processes 1;
# On a reload (SIGHUP) the old worker closes its websockets after this: the pages reconnect to the new one,
# and their cookie takes each back to its own process and session.
worker_shutdown_timeout 2s;
pid {run}/nginx.pid;
error_log {run}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    log_format route '$remote_addr $curvefit_route $upstream_addr $status "$request"';
    access_log {run}/nginx-access.log route;
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    client_max_body_size {upload_mb}m;

    map $http_upgrade $connection_upgrade {{ default upgrade; "" close; }}
    # A browser's first request picks a process by its own random id; the cookie keeps it there after.
    map $cookie_{cookie} $curvefit_route {{ "" $request_id; default $cookie_{cookie}; }}
    upstream curvefit {{
        hash $curvefit_route consistent;
{servers}
    }}
    server {{
        listen {listen};
        location / {{
            proxy_pass http://curvefit;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 1d;  # a page's websocket may be quiet a long while (paused, in a background tab)
            proxy_buffering off;  # the downloads are paced by the page's server, not by nginx's buffers
            add_header Set-Cookie "{cookie}=$curvefit_route; Path=/; HttpOnly; SameSite=Lax" always;
        }}
    }}
}}
"""


def nginx_conf(listen: str, ports: list[int], run: Path) -> str:
    """nginx's configuration: `listen` (host:port) proxied to the servers on loopback `ports`, sticky by cookie."""
    upload_mb = MAX_MB + 1  # the page's upload cap, and a megabyte for the form around the file
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=0;" for port in ports)
    return NGINX_CONF.format(listen=listen, servers=servers, run=run, cookie=COOKIE, upload_mb=upload_mb)


def free_port() -> int:
    """A port free on loopback now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the Streamlit server at `url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def nginx_binary() -> str:
    """nginx: CURVEFIT_NGINX, else the one on PATH or Debian's."""
    found = os.environ.get("CURVEFIT_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(found, os.X_OK):
        raise FileNotFoundError(f"no nginx at {found}: install it (apt-get install nginx) or set CURVEFIT_NGINX")
    return found


@dataclass
class Cluster:
    """A running cluster: where to open it, its processes, and the folder with nginx's logs and config."""

    url: str
    servers: list[subprocess.Popen]
    nginx: subprocess.Popen
    run: Path

    def stopped(self) -> subprocess.Popen | None:
        """A process of the cluster that has exited, if any."""
        return next((p for p in [*self.servers, self.nginx] if p.poll() is not None), None)


@contextlib.contextmanager
def cluster(processes: int, host: str = "127.0.0.1", port: int = 0, app: Path = Path("app.py"),
            options: tuple[str, ...] = ()) -> Iterator[Cluster]:  # fmt: skip
    """`processes` servers of `app` on loopback, nginx before them on host:port (0: a free one), for the block."""
    binary = nginx_binary()  # before anything starts: without it there is nothing to serve through
    run = Path(tempfile.mkdtemp(prefix="curvefit-cluster-"))
    run.chmod(0o755)  # nginx's workers may run as another user (when started as root); they need its temp folders
    ports, port = [free_port() for _ in range(processes)], port or free_port()
    env = {
        **os.environ,
        "CURVEFIT_LOAD_DIR": str(run / "load"),  # the load page of any process counts all of them
        # One secret for all: a browser's XSRF cookie holds on another process too, if its own one stops.
        "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32),
    }
    servers, nginx = [], None
    try:
        for own in ports:
            command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.address", "127.0.0.1",
                       "--server.port", str(own), "--server.headless", "true", *options]  # fmt: skip
            with open(run / f"streamlit-{own}.log", "wb") as log:  # (the process keeps its own copy open)
                servers.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env))
        _wait_until(lambda: all(healthy(f"http://127.0.0.1:{own}") for own in ports), servers)
        (run / "nginx.conf").write_text(nginx_conf(f"{host}:{port}", ports, run))
        nginx = subprocess.Popen([binary, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"])
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
        _wait_until(lambda: healthy(url), [*servers, nginx])
        yield Cluster(url, servers, nginx, run)
    finally:
        for process in [nginx, *servers]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGQUIT if process is nginx else signal.SIGTERM)  # nginx: finish, then stop
        for process in [nginx, *servers]:
            if process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=20)
                if process.poll() is None:
                    process.kill()
        shutil.rmtree(run, ignore_errors=True)


def _wait_until(ready, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_S
    while not ready():
        if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
            raise RuntimeError("a server of the cluster did not start (its log is in the run folder)")
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cores = os.cpu_count() or 1
    parser.add_argument("--processes", type=int, default=cores, help="server processes (default: one per core)")
    parser.add_argument("--host", default="0.0.0.0", help="where nginx listens (default: every address)")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--app", type=Path, default=Path("app.py"))
    parser.add_argument("options", nargs="*", help="after --: options for each `streamlit run`")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    try:
        _serve(args, stop)
    except (FileNotFoundError, RuntimeError) as error:  # no nginx, or a server that would not start: one line
        print(f"curvefit: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def _serve(args: argparse.Namespace, stop: list) -> None:
    with cluster(args.processes, args.host, args.port, args.app, tuple(args.options)) as running:
        print(f"curvefit: {args.processes} server processes behind nginx at {running.url}", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            while not stop and running.stopped() is None:
                time.sleep(1)
        if (ended := running.stopped()) is not None and not stop:
            print(f"curvefit: a process ended ({' '.join(ended.args[:4])}); stopping the others", file=sys.stderr)
            raise SystemExit(1)


if __name__ == "__main__":
    main()
