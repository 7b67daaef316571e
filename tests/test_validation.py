"""Validation through `check`: each mistake an editor can make gets its message and line."""

import pytest

from conftest import MINI_CASE


def first_error(project, text, slug="bad"):
    project.case(slug, text)
    result = project.check()
    assert result.code == 1, result.err
    return result.err.splitlines()[0]


def test_clean_content_passes(project):
    project.case("good")
    result = project.check()
    assert result.code == 0, result.err
    assert "clean" in result.out


@pytest.mark.parametrize("replace, expected", [
    (("sdgs: [4]", "sdgs: [4, 18]"), "content/cases/bad.md:5:11: sdgs[2]: must be at most 17, not 18"),
    (("city: seoul", "city: seol"), "content/cases/bad.md:4:7: city: 'seol' is not a known city; did you mean \"seoul\"?"),
    (("published: 2024-01-01", "published: 2024-02-30"), "content/cases/bad.md:6:12: '2024-02-30' is not a real date"),
    (("title: \"Test case\"", "title: NO"), "content/cases/bad.md:2:8: title: must be text, not read by YAML as false; "
                                              "YAML reads yes, no, on, off, true and false as true/false: put the text in quotes, \"NO\""),
    (("title: \"Test case\"", "titel: \"Test case\""), "content/cases/bad.md:2:1: titel: unknown field 'titel'; did you mean \"title\"?"),
])
def test_messages_name_file_line_field_and_fix(project, replace, expected):
    line = first_error(project, MINI_CASE.replace(*replace))
    assert line.startswith(expected), line


def test_every_problem_in_every_file_is_reported_at_once(project):
    project.case("one", MINI_CASE.replace("sdgs: [4]", "sdgs: [0]"))
    project.case("two", MINI_CASE.replace("city: seoul", "city: busan"))
    result = project.check()
    assert result.code == 1
    assert "content/cases/one.md:5" in result.err and "content/cases/two.md:4" in result.err
    assert "2 errors in 2 files" in result.err


def test_missing_closing_fence(project):
    line = first_error(project, "---\ntitle: x\n\nBody\n")
    assert line == ("content/cases/bad.md:1:1: the front matter is not closed; add a line `---` after the "
                    "last field, before the text")


def test_missing_required_field(project):
    line = first_error(project, MINI_CASE.replace('summary: "A case for tests."\n', ""))
    assert "summary: the required field 'summary' is missing" not in line  # the field name leads once
    assert line.startswith("content/cases/bad.md:2:1: the required field 'summary' is missing; add `summary:")


def test_budget_that_does_not_add_up(project):
    text = MINI_CASE.replace("sources:\n", "budget:\n  total: 100\n  currency: KRW\n  sources:\n"
                             "    - {name: A, amount: 60}\n    - {name: B, amount: 30}\nsources:\n")
    line = first_error(project, text)
    assert line.startswith("content/cases/bad.md:8:10: budget.total: the sources add up to 90 but the total is 100")


def test_build_stops_and_keeps_the_previous_site(project):
    project.case("good")
    assert project.build().code == 0
    before = {p: p.read_bytes() for p in project.public.rglob("*") if p.is_file()}
    project.case("good", MINI_CASE.replace("sdgs: [4]", "sdgs: [99]"))
    result = project.build()
    assert result.code == 1
    assert "previous site is unchanged" in result.err
    after = {p: p.read_bytes() for p in project.public.rglob("*") if p.is_file()}
    assert after == before
    assert not [*project.root.glob(".public.staging-*"), *project.root.glob(".public.old-*")], \
        "no staging folder is left behind"
