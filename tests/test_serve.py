"""`python build.py serve` over real HTTP: edits, additions and deletions show up."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import MINI_CASE, ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_until(check, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except (urllib.error.URLError, ConnectionError, OSError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"not true after {timeout} s")


@pytest.fixture
def server(project):
    project.case("first")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", "--root", str(project.root), "--port", str(port),
         "--no-search"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until(lambda: fetch(base)[0] == 200, timeout=30)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serves_the_site_with_the_live_reload_script(server):
    status, html = fetch(server + "cases/first/")
    assert status == 200
    assert "<h1>Test case</h1>" in html
    assert "livereload.js" in html


def test_an_edited_case_is_rebuilt_and_served(server, project):
    project.case("first", MINI_CASE.replace('title: "Test case"', 'title: "Edited title"'))
    wait_until(lambda: "<h1>Edited title</h1>" in fetch(server + "cases/first/")[1])


def test_an_added_case_appears_and_a_deleted_one_disappears(server, project):
    project.case("second", MINI_CASE.replace('title: "Test case"', 'title: "Second case"'))
    wait_until(lambda: fetch(server + "cases/second/")[0] == 200)
    assert "Second case" in fetch(server)[1]
    (project.root / "content" / "cases" / "first.md").unlink()
    wait_until(lambda: fetch(server + "cases/first/")[0] == 404)
    status, html = fetch(server + "cases/first/")
    assert "Page not found" in html
    assert "cases/first/" not in fetch(server)[1]


def test_a_broken_save_keeps_the_last_good_site(server, project):
    project.case("first", "---\ntitle: [unclosed\n---\n")
    time.sleep(1.5)  # long enough for several polls and a failed rebuild
    status, html = fetch(server + "cases/first/")
    assert status == 200 and "<h1>Test case</h1>" in html
    project.case("first", MINI_CASE.replace('title: "Test case"', 'title: "Fixed again"'))
    wait_until(lambda: "<h1>Fixed again</h1>" in fetch(server + "cases/first/")[1])


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_an_edit(server, project, page):
    page.goto(server + "cases/first/")
    assert page.inner_text("h1") == "Test case"
    page.wait_for_timeout(500)  # let the live-reload socket connect
    project.case("first", MINI_CASE.replace('title: "Test case"', 'title: "Reloaded by itself"'))
    page.wait_for_function("document.querySelector('h1').textContent === 'Reloaded by itself'", timeout=15_000)
