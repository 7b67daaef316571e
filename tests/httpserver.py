"""A real HTTP server for tests: serves a folder on 127.0.0.1 under any path prefix, with
the headers netlify.toml declares (so the Content-Security-Policy is tested as shipped)
and the 404 page for missing files, as Netlify does."""

from __future__ import annotations

import functools
import re
import threading
import tomllib
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]


def netlify_headers(path: Path = ROOT / "netlify.toml") -> dict[str, str]:
    """The headers netlify.toml sends for every page ("/*")."""
    config = tomllib.loads(path.read_text("utf-8"))
    for rule in config.get("headers", []):
        if rule.get("for") == "/*":
            return dict(rule.get("values", {}))
    return {}


def netlify_headers_for(path: str, config: Path = ROOT / "netlify.toml") -> dict[str, str]:
    """The headers Netlify sends for a request path: every rule whose `for` matches, in
    order, a later rule's value of a header replacing an earlier one's (as the Netlify CLI
    and netlify/build's headers-parser merge them). `*` matches anything, `:name` a segment."""
    headers: dict[str, str] = {}
    for rule in tomllib.loads(config.read_text("utf-8")).get("headers", []):
        pattern = re.escape(rule["for"]).replace(r"\*", ".*")
        pattern = re.sub(r":[A-Za-z]+", "[^/]+", pattern)
        if re.fullmatch(pattern, path):
            headers.update(rule.get("values", {}))
    return headers


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"
    extra_headers: dict[str, str] = {}
    headers_for: Callable[[str], dict[str, str]] | None = None

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def end_headers(self) -> None:
        headers = self.extra_headers
        if self.headers_for is not None:
            headers = type(self).headers_for("/" + urlsplit(self.path).path[len(self.prefix):])
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-prefix" / "missing")  # → 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class SiteServer:
    """`with SiteServer(folder, prefix="/kb/") as server: server.url("cases/")`"""

    def __init__(self, directory: Path, prefix: str = "/", headers: dict[str, str] | None = None,
                 headers_for: Callable[[str], dict[str, str]] | None = None):
        """headers: sent with every response; headers_for: a function of the request's path
        below the prefix ("/admin/"), such as netlify_headers_for."""
        handler = type("Handler", (_Handler,), {"prefix": prefix, "extra_headers": headers or {},
                                                "headers_for": staticmethod(headers_for) if headers_for else None})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.prefix = prefix
        self.base = f"http://127.0.0.1:{self._server.server_port}{prefix}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        return self.base + path

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

