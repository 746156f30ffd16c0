"""Serve a generated site on 127.0.0.1: nginx under our control, or Python's http.server as a fallback.

nginx runs in the foreground (``daemon off``) with one worker, from a config
written into a temporary prefix, so it is our child process: we stop it, and
read the CPU time of its master and worker from /proc.  Extensionless paths
are served by ``try_files $uri $uri.html $uri/index.html =404``.

    .venv/bin/python -m benchmarks.serve SITE_DIR      # serves until Ctrl-C
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Self

NGINX_CONF = """\
{user}worker_processes 1;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; text/plain txt; }}
    default_type text/html;
    charset utf-8;
    access_log off;
    server_tokens off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{
            try_files $uri $uri.html $uri/index.html =404;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` and its live children (nginx: master and workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the ")" of comm: state ppid ... utime (field 14) is index 11, stime index 12.
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / ticks


class Server:
    """``with Server(root) as server:`` serves ``root`` at ``server.origin``."""

    def __init__(self, root: Path, *, prefer_nginx: bool = True) -> None:
        self.root = root.resolve()
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.nginx = shutil.which("nginx") if prefer_nginx else None
        self.kind = "nginx" if self.nginx else "python http.server"
        self._prefix = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if self.nginx:
            conf = self._prefix / "nginx.conf"
            conf.write_text(self._nginx_conf(), encoding="utf-8")
            command = [self.nginx, "-e", str(self._prefix / "error.log"), "-p", str(self._prefix), "-c", str(conf)]
            command += ["-g", "daemon off;"]
        else:
            print(
                f"serving with Python's http.server (nginx: {shutil.which('nginx')}); it may be the bottleneck",
                file=sys.stderr,
            )
            command = [sys.executable, "-m", "benchmarks.serve", "--python-server", str(self.root), str(self.port)]
        self.process = subprocess.Popen(command, cwd=Path(__file__).resolve().parent.parent)
        self._wait_ready()

    def _nginx_conf(self) -> str:
        # As root, nginx workers switch to "nobody"; keep the user who owns the files instead.
        user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
        return NGINX_CONF.format(user=user, prefix=self._prefix, port=self.port, root=self.root)

    def _wait_ready(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.origin + "/robots.txt", timeout=1) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.kind} did not answer on {self.origin}")

    def cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.process.pid) if self.process else 0.0

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            # nginx: SIGQUIT is a graceful stop; http.server: SIGTERM.
            self.process.send_signal(signal.SIGQUIT if self.nginx else signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self._prefix, ignore_errors=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


class _ExtensionlessHandler(SimpleHTTPRequestHandler):
    """http.server with nginx's ``try_files $uri $uri.html $uri/index.html``."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if not os.path.exists(local) and os.path.isfile(local + ".html"):
            return local + ".html"
        return local


class _LoopbackServer(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True
    # socketserver listens with a backlog of 5: Scrapy's 16 connections at once
    # overflow it, and each dropped SYN costs the crawl a one-second retransmit.
    request_queue_size = 128


def serve_python(root: Path, port: int) -> None:
    handler = partial(_ExtensionlessHandler, directory=str(root))
    with _LoopbackServer(("127.0.0.1", port), handler) as httpd:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        httpd.serve_forever()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", type=Path)
    parser.add_argument("port", type=int, nargs="?")
    parser.add_argument("--python-server", action="store_true", help="serve with http.server (internal)")
    args = parser.parse_args(argv)
    if args.python_server:
        serve_python(args.root, args.port)
        return
    # SIGTERM unwinds like Ctrl-C, so the context manager stops nginx too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with Server(args.root) as server:
        print(f"{server.kind} serving {server.root} at {server.origin} (Ctrl-C stops)")
        try:
            signal.pause()
        except KeyboardInterrupt:
            print("stopping")


if __name__ == "__main__":
    main()
