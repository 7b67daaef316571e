"""Every build is all or nothing (issue 13), on every path: clean, rebuild, serve.

public/ always exists and holds one whole build; a build that fails at any file
operation, or is killed at any moment, leaves it byte for byte as it was; nothing such a
build leaves beside it survives the next, and no page of it ever reaches public/ later.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cityedu_site.builder import Builder
from cityedu_site.config import load_config
from cityedu_site.errors import BuildError
from cityedu_site.output import MARKER, FileOps
from conftest import MINI_CASE, ROOT, run_cli

EPOCH = "1735689600"


def tree(folder: Path, marker: bool = False) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and (marker or p.name != MARKER)}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for pattern in (".public.staging-*", ".public.old-*") for p in root.glob(pattern))


def case_text(number: int, word: str) -> str:
    return (MINI_CASE.replace('title: "Test case"', f'title: "Case {number} {word}"')
            .replace("published: 2024-01-01", f"published: 2024-01-{number % 28 + 1:02d}")
            .replace("sdgs: [4]", f"sdgs: [{4 + number % 3}]"))


def write_state(project, cases: int, word: str) -> None:
    """Every case's title carries the word: switching words changes every page."""
    for number in range(cases):
        project.case(f"case-{number:03d}", case_text(number, word))


class References:
    """The clean build of each content state, built once, into folders of its own."""

    def __init__(self, project, tmp_path: Path):
        self.project, self.folder, self.trees = project, tmp_path / "references", {}

    def of(self, state: str) -> dict[str, bytes]:
        if state not in self.trees:
            output = self.folder / state
            Builder(load_config(self.project.root, output_dir=str(output), search=False), clean=True).build()
            self.trees[state] = tree(output)
        return self.trees[state]


class FailAt(FileOps):
    """Fails the Nth file operation with 'no space left on device', counting those of forked
    workers too."""

    def __init__(self, n: int):
        self.n = n
        self.count = multiprocessing.Value("i", 0)

    def step(self, what: str, path: str) -> None:
        with self.count.get_lock():
            self.count.value += 1
            reached = self.count.value == self.n
        if reached:
            raise OSError(errno.ENOSPC, f"injected failure of {what}", path)


@pytest.fixture
def site(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return project


class Recording(FileOps):
    def __init__(self):
        self.operations: list[str] = []

    def step(self, what: str, path: str) -> None:
        self.operations.append(what)


def operations_to_fail(builder_for, first_state: str, site, cases: int) -> list[int]:
    """Which operations the sweep fails: every one up to and including the swap (a failure
    there must leave public/ as it was); after it (the spare is made: a failure costs the
    next build time, never the site) every one of a rebuild's, every fifth of a clean
    build's (the same few kinds, hundreds of times)."""
    write_state(site, cases, first_state)
    recording = Recording()
    builder_for(recording).build()
    swap = recording.operations.index("exchange") + 1
    total = len(recording.operations)
    stride = 1 if total < 150 else 5
    return [*range(1, swap + 1), *range(swap + 1, total + 1, stride), 10**9]  # the last: no failure


@pytest.mark.parametrize("path", ["rebuild by a new process", "rebuild in serve's process", "clean build"])
def test_a_failure_at_any_file_operation_leaves_the_previous_site(site, tmp_path, path):
    """Sweep N over the file operations a build makes: each build failing at its Nth gives
    exit 3 and the previous site byte for byte, or (after the swap) the new one; the next
    build gives the clean output and leaves nothing beside public/."""
    cases = 3 if path == "clean build" else 6
    references = References(site, tmp_path)
    config = load_config(site.root, search=False)
    states = ["one", "two"]
    write_state(site, cases, states[1])
    kept = Builder(config)
    kept.build()

    def builder_for(ops: FileOps) -> Builder:
        if path == "rebuild in serve's process":
            kept.output.ops = ops
            return kept
        return Builder(config, ops=ops, clean=path == "clean build")

    live = states[0]  # what the recording build puts live
    sweep = operations_to_fail(builder_for, live, site, cases)
    for round_, n in enumerate(sweep):
        target = states[1 - states.index(live)]  # always a change: a half-written folder would show
        write_state(site, cases, target)
        before = tree(site.public, marker=True)
        failing = FailAt(n)
        builder = builder_for(failing)
        try:
            builder.build()
            failed = False
        except BuildError as exc:
            assert "injected failure" in str(exc), exc
            failed = True
        finally:
            kept.output.ops = FileOps()
            builder.wait()  # (a process waits for its cache writer as it exits)
        if failed:
            assert tree(site.public, marker=True) == before, f"operation {n} failed and public/ changed"
        else:
            assert tree(site.public) == references.of(target), f"operation {n} failed after the swap"
            live = target
        if round_ % 10 == 9 or n == sweep[-1]:  # now and then, and at the end: the next build mends all
            write_state(site, cases, live)
            kept.build()
            assert tree(site.public) == references.of(live), n
            assert leftovers(site.root) == [], n
    assert not failed, "the last build of the sweep fails nothing"


def test_a_failing_search_stage_leaves_the_previous_site(site):
    """The issue's example: an edited title, a search stage that cannot run; exit 3, and the
    previous pages, search index and mirror.json byte for byte."""
    write_state(site, 3, "one")
    assert run_cli("build", "--root", str(site.root)).code == 0
    before = tree(site.public, marker=True)
    write_state(site, 3, "two")
    os.environ["PAGEFIND_BINARY_PATH"] = "/nonexistent/pagefind"
    try:
        result = run_cli("build", "--root", str(site.root))
    finally:
        del os.environ["PAGEFIND_BINARY_PATH"]
    assert result.code == 3, result.err
    assert "previous site is unchanged" in result.err or "search" in result.err
    assert tree(site.public, marker=True) == before
    assert leftovers(site.root) == []
    again = run_cli("build", "--root", str(site.root))
    assert again.code == 0 and "Case 0 two" in (site.public / "cases/case-000/index.html").read_text("utf-8")


def test_a_template_error_in_a_rebuild_leaves_the_previous_site(site):
    write_state(site, 3, "one")
    assert site.build().code == 0
    before = tree(site.public, marker=True)
    write_state(site, 3, "two")
    site.write("templates/case.html", (site.root / "templates/case.html").read_text("utf-8")
               .replace("{{ case.title }}", "{{ case.title.nonexistent_attribute }}", 1))
    result = site.build()
    assert result.code == 3 and re.search(r"rendering /cases/case-00\d/ with case.html failed", result.err), \
        result.err
    assert tree(site.public, marker=True) == before


def watch_public(public: Path, stop: threading.Event, gaps: list) -> None:
    """Polls public/ as a web server would: it must always be a folder with a marker."""
    while not stop.is_set():
        try:
            (public / MARKER).read_bytes()
        except OSError as exc:
            gaps.append(repr(exc))
        time.sleep(0.0005)


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_a_whole_site(site, tmp_path):
    """Builds killed with SIGKILL (the process group, workers included) at random moments,
    clean and incremental: public/ never goes missing and is always one whole build; the
    next build gives the clean output and leaves nothing beside public/."""
    cases = 150
    references = References(site, tmp_path)
    states = ["one", "two", "three"]
    write_state(site, cases, states[0])
    assert site.build().code == 0
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(site.root), "--no-search"]
    started = time.perf_counter()
    write_state(site, cases, states[1])
    subprocess.run(command, check=True, capture_output=True)
    duration = time.perf_counter() - started
    randomness = random.Random(13)
    current = states[1]
    for round_ in range(8):
        target = states[(states.index(current) + 1) % len(states)]
        write_state(site, cases, target)
        before = tree(site.public)
        stop, gaps = threading.Event(), []
        watcher = threading.Thread(target=watch_public, args=(site.public, stop, gaps))
        watcher.start()
        extra = ["--clean"] if round_ % 3 == 2 else []
        process = subprocess.Popen(command + extra, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(randomness.uniform(0.05, duration * 1.1))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        stop.set()
        watcher.join()
        assert gaps == [], f"round {round_}: public/ was missing or unreadable: {gaps[:3]}"
        after = tree(site.public)
        assert after in (before, references.of(target)), f"round {round_}: public/ is neither whole site"
        assert site.build().code == 0
        assert tree(site.public) == references.of(target), round_
        assert leftovers(site.root) == [], round_
        current = target


def test_leftovers_of_killed_builds_are_removed_and_a_missing_site_restored(site):
    write_state(site, 2, "one")
    assert site.build().code == 0
    site_tree = tree(site.public)
    # A build killed while staging, and one killed between the two renames of the swap used
    # where folders cannot be exchanged in one step: public/ is then aside.
    (site.root / ".public.staging-killed").mkdir()
    (site.root / ".public.staging-killed" / MARKER).write_text("building\n", "utf-8")
    (site.root / ".public.staging-killed" / "half.html").write_text("half", "utf-8")
    os.rename(site.public, site.root / ".public.old-killed")
    assert site.build().code == 0
    assert tree(site.public) == site_tree
    assert leftovers(site.root) == []


def test_published_files_are_readable_by_a_web_server_of_another_user(site):
    """Folders 0755 and files 0644 with the usual umask, after a clean build and a rebuild,
    search index included."""
    mask = os.umask(0o022)
    try:
        write_state(site, 2, "one")
        assert run_cli("build", "--root", str(site.root)).code == 0
        write_state(site, 2, "two")
        assert run_cli("build", "--root", str(site.root)).code == 0
    finally:
        os.umask(mask)
    modes = {p.relative_to(site.root).as_posix(): p.stat().st_mode & 0o777
             for p in [site.public, *site.public.rglob("*")]}
    wrong = {path: oct(mode) for path, mode in modes.items()
             if mode != (0o755 if (site.root / path).is_dir() else 0o644)}
    assert wrong == {}
    assert any(path.startswith("public/pagefind/") for path in modes)


@pytest.mark.parametrize("output", ["content/media", "content", "templates/out", "assets", "cityedu-src",
                                    ".", ".."])
def test_the_output_folder_may_not_hold_or_be_inside_what_the_site_is_made_from(site, output):
    site.case("good")
    if output == "cityedu-src":  # the generator's own package
        output = str(ROOT / "cityedu_site" / "out")
    before = sorted(p.as_posix() for p in site.root.rglob("*"))
    result = site.build("--output", output)
    assert result.code == 2, result.err
    assert result.err.startswith("error: refusing to build into"), result.err
    assert sorted(p.as_posix() for p in site.root.rglob("*")) == before
    assert not (ROOT / "cityedu_site" / "out").exists()
