"""The build cache is plain data outside the project: nothing in it can run, a damaged one
costs time and says so, never a wrong page (issue 13)."""

from __future__ import annotations

import gc
import io
import json
import pickle
from pathlib import Path

import pytest

from cityedu_site import cache
from cityedu_site.builder import Builder
from cityedu_site.config import load_config
from cityedu_site.serve import Rebuilder
from conftest import MINI_CASE

ARMED = Path("/tmp/cityedu-test-pickle-ran")


class Payload:
    """Unpickling this creates a file: the proof that a pickle was loaded."""

    def __reduce__(self):
        return (open, (str(ARMED), "w"))


def test_a_planted_pickle_is_never_loaded(project):
    ARMED.unlink(missing_ok=True)
    project.case("first")
    assert project.build().code == 0
    payload = pickle.dumps(Payload())
    old_place = project.root / ".cache" / "cityedu-site" / "planted"  # where the cache used to be
    for folder in (old_place, cache.folder_for(project.public)):
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("manifest.pickle", "content.pickle", "state.json", "pages.json", "content.json"):
            (folder / name).write_bytes(payload)
    project.case("first", MINI_CASE.replace("Test case", "Edited"))
    result = project.build()
    assert result.code == 0, result.err
    assert not ARMED.exists(), "a pickle in a cache folder was loaded"
    assert "note: the build cache" in result.err and "set aside" in result.err
    assert "Edited" in (project.public / "cases/first/index.html").read_text("utf-8")


DAMAGE = {
    "garbage bytes": b"\x00\xff garbage",
    "JSON of another shape": b'{"format": 6, "pages": [1, 2, 3]}',
    "nesting a parser cannot follow": b"[" * 100_000,
    "cut short": None,  # the file's first half
}


@pytest.mark.parametrize("name", ["state.json", "pages.json", "content.json"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_set_aside_and_the_build_runs_clean(project, tmp_path, name, damage, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project.case("first")
    project.case("second", MINI_CASE.replace("Test case", "Second"))
    assert project.build().code == 0
    file = cache.folder_for(project.public) / name
    data = file.read_bytes()
    file.write_bytes(DAMAGE[damage] if DAMAGE[damage] is not None else data[:len(data) // 2])
    project.case("first", MINI_CASE.replace("Test case", "Edited"))
    result = project.build()
    assert result.code == 0, result.err
    assert "set aside" in result.err, result.err
    clean = tmp_path / "clean"
    Builder(load_config(project.root, output_dir=str(clean), search=False), clean=True).build()
    assert tree(project.public) == tree(clean)


def test_a_content_cache_naming_a_type_outside_the_model_is_set_aside(project):
    project.case("first")
    assert project.build().code == 0
    file = cache.folder_for(project.public) / "content.json"
    header, *lines = file.read_bytes().split(b"\n")
    entry = json.loads(lines[0])
    entry["entity"]["~"] = "Popen"
    file.write_bytes(b"\n".join([header, json.dumps(entry).encode(), *lines[1:]]))
    project.case("first", MINI_CASE.replace("Test case", "Edited"))
    result = project.build()
    assert result.code == 0 and "content cache was set aside (an unknown type 'Popen')" in result.err, result.err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".cityedu-site"}


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def test_serve_runs_200_edits_with_flat_memory(project):
    """serve's rebuilds froze the collector's objects on every build and kept every card and
    data line ever made: memory grew with each edit of a long session."""
    for number in range(4):
        project.case(f"case-{number}", MINI_CASE.replace("Test case", f"Case {number}"))
    builder = Builder(load_config(project.root, search=False))
    builder.build()
    rebuilder = Rebuilder(builder, lambda: None, io.StringIO(), io.StringIO())
    frozen = gc.get_freeze_count()
    for edit in range(220):
        project.case("case-1", MINI_CASE.replace("Test case", f"Case 1, edit {edit}")
                     .replace("Text.", f"Edited {edit} times. " * (1 + edit % 7)))
        assert rebuilder.rebuild(["content/cases/case-1.md"]), rebuilder.err.getvalue()
        if edit == 19:
            gc.collect()
            before = resident_bytes()
    gc.collect()
    grown = resident_bytes() - before
    assert "Edited 219 times." in (project.public / "cases/case-1/index.html").read_text("utf-8")
    assert gc.get_freeze_count() == frozen
    assert grown < 4 * 1024 * 1024, f"{grown / 1024:.0f} KiB more after 200 edits"
