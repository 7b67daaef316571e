"""Rebuilds do only the work a change needs, and give byte-for-byte the output of a clean build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityedu_site.builder import Builder
from cityedu_site.config import load_config
from cityedu_site.output import MARKER
from conftest import MINI_CASE

DISTRICT = """\
---
name: Songpa-gu
name_local: 송파구
country: KR
parent: seoul
---
A district.
"""


def case_text(title: str, city: str = "seoul", sdgs: str = "[4]", published: str = "2024-01-01",
              themes: str = "[lifelong-learning]") -> str:
    return (MINI_CASE.replace('title: "Test case"', f'title: "{title}"').replace("city: seoul", f"city: {city}")
            .replace("sdgs: [4]", f"sdgs: {sdgs}\nthemes: {themes}").replace("published: 2024-01-01", f"published: {published}"))


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


@pytest.fixture
def site(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # mirror.json records the build time
    project.write("content/cities/songpa-gu.md", DISTRICT)
    for number in range(12):
        project.case(f"case-{number:02d}", case_text(f"Case {number:02d}", city=("seoul", "songpa-gu")[number % 2],
                                                      sdgs=f"[{4 + number % 3}]", published=f"2024-01-{number + 1:02d}"))
    return project


def clean_tree(project, tmp_path: Path) -> dict[str, bytes]:
    output = tmp_path / f"clean-{len(list(tmp_path.iterdir()))}"
    config = load_config(project.root, output_dir=str(output), search=False)
    Builder(config, clean=True).build()
    return tree(output)


CHANGES = [
    ("edit a title", lambda p: p.case("case-03", case_text("A new title", city="songpa-gu", sdgs="[5]",
                                                            published="2024-01-04"))),
    ("edit a date, which reorders lists", lambda p: p.case("case-05", case_text("Case 05", city="songpa-gu",
                                                                                 sdgs="[6]", published="2025-06-01"))),
    ("add a case", lambda p: p.case("case-new", case_text("Brand new", sdgs="[4, 17]", published="2024-03-01"))),
    ("rename a case", lambda p: (p.root / "content/cases/case-07.md").rename(p.root / "content/cases/case-seven.md")),
    ("delete a case", lambda p: (p.root / "content/cases/case-01.md").unlink()),
    ("rename a city", lambda p: p.write("content/cities/songpa-gu.md", DISTRICT.replace("name: Songpa-gu",
                                                                                       "name: Songpa District"))),
    ("edit a theme", lambda p: p.write("content/themes.yaml", (p.root / "content/themes.yaml").read_text("utf-8")
                                       .replace('"Lifelong Learning"', '"Learning for Life"'))),
    ("edit a template", lambda p: p.write("templates/404.html", (p.root / "templates/404.html").read_text("utf-8")
                                          .replace("Page not found", "Nothing here"))),
    ("edit the stylesheet", lambda p: p.write("assets/style.css", (p.root / "assets/style.css").read_text("utf-8")
                                              + "\n.extra { color: red; }\n")),
]


def test_every_kind_of_change_gives_the_clean_output(site, tmp_path):
    config = load_config(site.root, search=False)
    warm = Builder(config)  # like `serve`: keeps its state in memory
    warm.build()
    for name, change in CHANGES:
        change(site)
        result = warm.build()
        assert result.mode != "unchanged", name
        assert tree(site.public) == clean_tree(site, tmp_path), name


def big_case(number: int, summary: str = "A case for tests.", body: str = "") -> str:
    text = case_text(f"Case {number:03d}", city=("seoul", "songpa-gu")[number % 2], sdgs=f"[{4 + number % 3}, 11]",
                     published=f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}")
    return text.replace("A case for tests.", summary) + body


EDITS = [  # (what, change, whether no case moves in any list: then few pages show it)
    ("a sentence of a body", lambda p: p.case("case-017", big_case(17, body="\nOne more sentence.\n")), True),
    ("a summary", lambda p: p.case("case-017", big_case(17, summary="Shorter.")), True),
    ("a case others show as related", lambda p: p.case("case-018", big_case(18, summary="Related, edited.")), True),
    ("a case on page 3 of its lists", lambda p: p.case("case-119", big_case(119, body="\nNew.\n")), True),
    ("two cases at once", lambda p: (p.case("case-001", big_case(1, body="\nA.\n")),
                                     p.case("case-100", big_case(100, body="\nB.\n"))), True),
    ("a case's goals", lambda p: p.case("case-017", big_case(17).replace("sdgs: [6, 11]", "sdgs: [6, 11, 16]")),
     False),
    ("a date, which moves it", lambda p: p.case("case-018", big_case(18).replace("published: 2024-07-19",
                                                                                 "published: 2019-07-19")), False),
]


def test_edits_to_a_big_site_give_the_clean_output(project, tmp_path, monkeypatch):
    """120 cases: lists of three pages, feeds cut at 50, cases shown as others' related cases."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    project.write("content/cities/songpa-gu.md", DISTRICT)
    for number in range(120):
        project.case(f"case-{number:03d}", big_case(number))
    warm = Builder(load_config(project.root, search=False))
    first = warm.build()
    assert (project.public / "cases" / "page" / "3" / "index.html").is_file()
    for name, change, small in EDITS:
        change(project)
        result = warm.build()
        assert result.mode == "rebuild" and result.rendered < first.rendered / (10 if small else 4), (name, result)
        assert tree(project.public) == clean_tree(project, tmp_path), name


def test_the_cli_path_reuses_the_cache_on_disk(site, tmp_path):
    assert site.build().code == 0
    for name, change in CHANGES[:5]:
        change(site)
        run = site.build()
        assert run.code == 0 and "pages and data files made" in run.out, (name, run.out)
        assert tree(site.public) == clean_tree(site, tmp_path), name


def test_an_edit_renders_only_the_pages_that_show_the_case(site):
    config = load_config(site.root, search=False)
    builder = Builder(config)
    first = builder.build()
    site.case("case-03", case_text("Retitled", city="songpa-gu", sdgs="[5]", published="2024-01-04"))
    result = builder.build()
    assert result.mode == "rebuild"
    assert 0 < result.rendered < first.rendered / 3
    nothing = builder.build()
    assert nothing.mode == "unchanged" and nothing.rendered == 0


def test_nothing_changed_reads_no_content(site, monkeypatch):
    assert site.build().code == 0
    import cityedu_site.content as content_module

    def fail(*args, **kwargs):
        raise AssertionError("content was loaded although nothing changed")

    monkeypatch.setattr(content_module, "load_content", fail)
    run = site.build()
    assert run.code == 0 and "Nothing changed" in run.out


def test_a_deleted_output_file_is_noticed(site):
    assert site.build().code == 0
    (site.public / "cases" / "case-02" / "index.html").unlink()
    run = site.build()
    assert run.code == 0 and "Nothing changed" not in run.out
    assert (site.public / "cases" / "case-02" / "index.html").is_file()


def test_serve_shows_an_edit_before_the_search_index_catches_up(site):
    """`serve` builds with later=True: the page changes at once, in a whole site whose search
    index and listings of every case are the previous ones; the next build brings them up."""
    config = load_config(site.root)
    builder = Builder(config)
    builder.build()
    fragments = {p.name for p in (site.public / "pagefind" / "fragment").iterdir()}
    site.case("case-03", case_text("Zebracrossing", city="songpa-gu", sdgs="[5]", published="2024-01-04"))
    result = builder.build(later=True)
    assert result.mode == "rebuild" and not result.complete
    assert "Zebracrossing" in (site.public / "cases" / "case-03" / "index.html").read_text("utf-8")
    assert {p.name for p in (site.public / "pagefind" / "fragment").iterdir()} == fragments
    assert "Zebracrossing" not in (site.public / "data" / "cases.json").read_text("utf-8")
    assert mirror_matches(site.public), "the folder put live is whole: mirror.json lists what it holds"
    rest = builder.build()
    assert rest.complete and rest.rendered == 3  # cases.json, cases.csv, indicators.csv
    assert "Zebracrossing" in (site.public / "data" / "cases.json").read_text("utf-8")
    assert {p.name for p in (site.public / "pagefind" / "fragment").iterdir()} != fragments
    assert mirror_matches(site.public)
    assert builder.build().mode == "unchanged"


def mirror_matches(public: Path) -> bool:
    listed = {entry["path"]: entry["size"] for entry in json.loads((public / "mirror.json").read_text("utf-8"))["files"]}
    present = {p.relative_to(public).as_posix(): p.stat().st_size for p in public.rglob("*")
               if p.is_file() and p.name not in (MARKER, "mirror.json")}
    return listed == present


def test_work_left_for_later_is_done_by_the_next_build(site, tmp_path):
    """Two builds with later=True in a row, then one without: the clean output."""
    builder = Builder(load_config(site.root, search=False))
    builder.build()
    site.case("case-03", case_text("Deferred once", city="songpa-gu", sdgs="[5]", published="2024-01-04"))
    assert not builder.build(later=True).complete
    site.case("case-04", case_text("Deferred twice", sdgs="[6]", published="2024-01-05"))
    assert not builder.build(later=True).complete
    assert builder.build().complete
    assert tree(site.public) == clean_tree(site, tmp_path)


def test_another_day_is_a_change(site, monkeypatch):
    """Validation and timelines depend on the build's date: a new day is not 'nothing changed'."""
    assert Builder(load_config(site.root)).build().mode == "full"
    assert Builder(load_config(site.root)).build().mode == "unchanged"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1735689600 + 86400))
    assert Builder(load_config(site.root)).build().mode != "unchanged"
