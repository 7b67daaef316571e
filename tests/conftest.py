"""Shared fixtures: the real site built once, tiny sites built per test, a real HTTP
server and a real browser (Debian's chromium through Playwright)."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from cityedu_site.cli import main

ROOT = Path(__file__).resolve().parents[1]
# The build cache lives in the user's cache folder: the tests' builds (and the processes
# they start) keep theirs in a folder of the session's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cityedu-test-cache-")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real content/ built with its search index, once per test session."""
    output = tmp_path_factory.mktemp("real") / "public"
    result = run_cli("build", "--root", str(ROOT), "--output", str(output))
    assert result.code == 0, result.err
    return output


MINI_CITY = """\
---
name: Seoul
name_local: 서울특별시
country: KR
region: East Asia
---
The capital.
"""

MINI_CASE = """\
---
title: "Test case"
summary: "A case for tests."
city: seoul
sdgs: [4]
published: 2024-01-01
sources:
  - publisher: "Test"
---
## Background

Text.
"""


class Project:
    """A tiny project in a temporary folder: the real templates and assets, minimal content."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "cases").mkdir(parents=True)
        (root / "content" / "cities").mkdir(parents=True)
        shutil.copy(ROOT / "content" / "themes.yaml", root / "content" / "themes.yaml")
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "assets", root / "assets")
        self.write("content/cities/seoul.md", MINI_CITY)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def case(self, slug: str, text: str = MINI_CASE) -> Path:
        return self.write(f"content/cases/{slug}.md", text)

    def build(self, *extra: str) -> Run:
        return run_cli("build", "--root", str(self.root), "--no-search", *extra)

    def check(self) -> Run:
        return run_cli("check", "--root", str(self.root))

    @property
    def public(self) -> Path:
        return self.root / "public"


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "site")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
