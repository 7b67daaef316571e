"""The form's test tools: decap-server (the CMS's local backend, from npm, installed by
`make test` into .cache/tools/cms/) against a copy of the project, and helpers that fill in
the form the way an editor does, by the fields' labels."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from conftest import ROOT

TOOLS = ROOT / ".cache" / "tools" / "cms" / "node_modules"
DECAP_SERVER = TOOLS / "decap-server" / "dist" / "index.js"
LOCAL_BACKEND = "http://localhost:8081"  # where config.yml tells the CMS to look (netlify.toml allows it)


def require_tools() -> None:
    assert DECAP_SERVER.exists(), "decap-server is not installed: run `make cms-tools` (make test does)"


def project_copy(folder: Path, repository: str = "example/cityedu") -> Path:
    """The real project's content, templates, assets and settings, with a repository set."""
    for name in ("content", "templates", "assets"):
        shutil.copytree(ROOT / name, folder / name)
    settings = (ROOT / "site.toml").read_text("utf-8")
    settings = settings.replace('# repository = "owner/name"', f'repository = "{repository}"')
    (folder / "site.toml").write_text(settings, "utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DecapServer:
    """`with DecapServer(project) as server:` decap-server writing project's files, on a free port."""

    def __init__(self, repository: Path):
        self.repository = repository
        self.port = free_port()
        self.log = repository.parent / "decap-server.log"
        self._process: subprocess.Popen | None = None

    def __enter__(self) -> DecapServer:
        require_tools()
        env = {**os.environ, "PORT": str(self.port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(self.repository)}
        with self.log.open("w") as log:  # cwd: a folder without a .env for it to read
            self._process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=self.repository.parent,
                                             stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                assert self._process.poll() is None, self.log.read_text()
                time.sleep(0.1)
        raise AssertionError(f"decap-server did not start: {self.log.read_text()}")

    def __exit__(self, *exc) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=10)

    def serve_to(self, page) -> None:
        """Send the page's requests for the local backend's usual address to this server
        (the CSP has allowed them already: the browser checks it before the request)."""
        def forward(route):
            try:
                response = route.fetch(url=route.request.url.replace(LOCAL_BACKEND, f"http://127.0.0.1:{self.port}"))
                route.fulfill(response=response)
            except PlaywrightError:  # the page went away while its request was on its way
                with contextlib.suppress(PlaywrightError):
                    route.abort()
        page.route(f"{LOCAL_BACKEND}/**", forward)


def field(page, label: str, index: int = -1):
    """The input of the field labelled so (the last one by default: the newest list item's)."""
    labels = page.locator("label").filter(has_text=re.compile(rf"^{re.escape(label)}( \(optional\))?$", re.I))
    return page.locator("#" + labels.nth(index).get_attribute("for"))


def choose(page, label: str, text: str, index: int = -1) -> None:
    """Pick an option of a select or relation field by typing its start and pressing Enter."""
    field(page, label, index).click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.wait_for()
    page.keyboard.press("Enter")


def sign_in(page, admin_url: str) -> None:
    page.goto(admin_url)
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Case studies").first.wait_for()


def publish(page) -> None:
    """Publish the entry open in the editor, and wait until it is written."""
    page.get_by_text("Unsaved changes").wait_for()
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.get_by_text("Changes saved").wait_for(timeout=20_000)
