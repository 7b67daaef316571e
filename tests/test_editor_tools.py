"""Tools for editors: `new`, `new-city`, CONTRIBUTING.md and the README kept in step
with the schema and the command line."""

from __future__ import annotations

import re

from cityedu_site import scaffold, schema
from cityedu_site.cli import COMMANDS
from conftest import ROOT, run_cli


def test_new_writes_a_case_with_every_field_that_check_then_guides(project):
    result = run_cli("new", "--root", str(project.root), "--city", "seoul", "Human Library: Seoul's mentors")
    assert result.code == 0, result.err
    path = project.root / "content" / "cases" / "human-library-seoul-s-mentors.md"
    text = path.read_text("utf-8")
    for spec in schema.CASE.fields:
        assert re.search(rf"^(# )?{spec.name}:", text, re.M), spec.name
        assert f"# {spec.name} (" in text, f"{spec.name} has a comment"
    check = project.check()
    assert check.code == 1
    fields = re.findall(r"^content/cases/human-library-seoul-s-mentors\.md:\d+:\d+: ([\w.\[\]]+):", check.err, re.M)
    assert set(fields) == {"summary", "sdgs", "sources[1].publisher", "sources[1].title"}


def test_new_case_passes_check_once_the_blanks_are_filled(project):
    run_cli("new", "--root", str(project.root), "--city", "seoul", "Filled in")
    path = project.root / "content" / "cases" / "filled-in.md"
    text = path.read_text("utf-8")
    text = text.replace('summary: ""', 'summary: "Done."').replace("sdgs: []", "sdgs: [4]")
    text = text.replace('publisher: ""', 'publisher: "Someone"').replace('title: ""', 'title: "A report"')
    path.write_text(text, "utf-8")
    assert project.check().code == 0


def test_new_refuses_unknown_city_and_existing_file(project):
    result = run_cli("new", "--root", str(project.root), "--city", "seol", "X")
    assert result.code == 2 and 'did you mean "seoul"?' in result.err
    assert run_cli("new", "--root", str(project.root), "--city", "seoul", "Twice").code == 0
    again = run_cli("new", "--root", str(project.root), "--city", "seoul", "Twice")
    assert again.code == 2 and "already exists" in again.err


def test_new_city_writes_every_city_field(project):
    result = run_cli("new-city", "--root", str(project.root), "São Paulo")
    assert result.code == 0
    text = (project.root / "content" / "cities" / "sao-paulo.md").read_text("utf-8")
    for spec in schema.CITY.fields:
        assert re.search(rf"^(# )?{spec.name}:", text, re.M), spec.name


def test_contributing_field_tables_are_up_to_date():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    assert scaffold.update_reference(text) == text, "run: python -m cityedu_site.scaffold"
    for kind in ("case", "city"):
        for name, *_ in schema.field_reference(kind):
            assert f"| `{name}` |" in text


def test_every_command_is_documented_in_the_readme_or_contributing():
    docs = (ROOT / "README.md").read_text("utf-8") + (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    for command in COMMANDS:
        assert f"build.py {command}" in docs, command
