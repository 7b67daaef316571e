"""Bad input, one fixture file per mistake: `check` exits 1 and names the file, the line,
the column, the field, what is wrong and how to fix it, without a traceback.

Each fixture in tests/fixtures/bad is copied into a minimal valid project (conftest's
Project: a city `seoul`, the real themes, templates and assets), next to a good case and
the good city fixtures (a district `songpa-gu` of seoul). Every fixture must have its row
in EXPECTED: a test fails when one is added without saying what it should produce.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import MINI_CASE, MINI_CITY, ROOT, Project, run_cli

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"


@dataclass(frozen=True)
class Expect:
    fixture: str  # below tests/fixtures/bad, e.g. "cases/broken-yaml.md"
    line: int  # 0: the problem concerns the whole file
    col: int  # 0: no column
    text: str  # what the message says, after the location
    errors: int = 1  # how many errors the run reports, all told: no follow-on noise
    where: str = ""  # the file the message names, when not the fixture itself

    @property
    def reported_file(self) -> str:
        return self.where or f"content/{self.fixture}"

    @property
    def location(self) -> str:
        where = self.reported_file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        return where + ": "


def case(name: str, line: int, col: int, text: str, **kw) -> pytest.param:
    return pytest.param(Expect(f"cases/{name}", line, col, text, **kw), id=f"cases/{name}")


def city(name: str, line: int, col: int, text: str, **kw) -> pytest.param:
    return pytest.param(Expect(f"cities/{name}", line, col, text, **kw), id=f"cities/{name}")


LINK_HINT = "link only to http(s) pages, mailto: addresses, tel: numbers or pages of this site"

EXPECTED = [
    # ---- the file itself: name, encoding, size, fences
    case("Bad Name.md", 0, 0, "the file name 'Bad Name.md' is not a valid slug (it becomes the page's URL); "
         "rename it to bad-name.md"),
    case("not-markdown.txt", 0, 0, "only Markdown files (.md) belong here; rename it to not-markdown.md"),
    case("empty-file.md", 1, 1, "the file is empty; start it with front matter between two lines of `---`"),
    case("only-whitespace.md", 1, 1, "the file is empty"),
    case("no-front-matter.md", 1, 1, "the file does not start with front matter; make the first line `---`"),
    case("missing-closing-fence.md", 1, 1, "the front matter is not closed; add a line `---` after the last "
         "field, before the text"),
    case("empty-front-matter.md", 1, 1, "the front matter is empty; add the required fields between the two "
         "`---` lines"),
    case("front-matter-is-a-list.md", 2, 1, "the front matter must be a list of `field: value` lines"),
    case("not-utf8.md", 2, 12, "the file is not UTF-8 (byte 0xE9 cannot be read); save it as UTF-8"),
    case("utf16.md", 1, 1, "the file is saved as UTF-16; save it as UTF-8"),
    case("control-character.md", 12, 5, "the file contains the control character U+0007; delete it"),
    case("control-character-c1.md", 2, 13, "the file contains the control character U+009B; delete it"),
    case("too-large.md", 0, 0, "the file is 612 KiB, over the limit of 512 KiB"),
    case("front-matter-too-large.md", 2, 1, "the front matter is over 32 KiB; keep long text in the body"),
    # ---- YAML syntax and YAML's surprises
    case("broken-yaml.md", 3, 18, "the front matter is not valid YAML: mapping values are not allowed in this "
         "context; a value contains ': '; put the whole value in double quotes"),
    case("yaml-unclosed-quote.md", 2, 8, "the front matter is not valid YAML: this quote is closed only on line 3; "
         "close the quote on the same line"),
    case("yaml-quote-never-closed.md", 2, 8, "the front matter is not valid YAML: this quote is not closed; add "
         "the closing quote at the end of the value"),
    case("yaml-tab-indent.md", 8, 1, "the front matter is not valid YAML: while scanning for the next token, found "
         "character that cannot start any token; indent with spaces, not tabs"),
    case("yaml-python-tag.md", 2, 8, "the front matter is not valid YAML: could not determine a constructor for the "
         "tag 'tag:yaml.org,2002:python/object/apply:os.system'; remove the tag (the word starting with !)"),
    case("yaml-alias-bomb.md", 2, 7, "YAML anchors (&name) and aliases (*name) are not allowed; write the value "
         "out in full"),
    case("yaml-anchor.md", 7, 11, "YAML anchors (&name) and aliases (*name) are not allowed"),
    case("yaml-deep-nesting.md", 7, 19, "the front matter nests deeper than 8 levels"),
    case("duplicate-key.md", 7, 1, "the field 'title' appears twice (first on line 2); keep one of them; YAML "
         "would silently use the last"),
    case("duplicate-nested-key.md", 10, 3, "the field 'total' appears twice (first on line 8)"),
    case("yaml-no-read-as-false.md", 2, 8, "title: must be text, not read by YAML as false; YAML reads yes, no, "
         "on, off, true and false as true/false: put the text in quotes, \"NO\""),
    case("yaml-status-no.md", 7, 31, "period.status: 'no' is not a known status; choose one of: completed, "
         "ongoing, planned"),
    case("title-number-unquoted.md", 2, 8, "title: must be text, not the number 2019; put it in quotes to keep it "
         "as written: \"2019\""),
    case("keyword-number-unquoted.md", 7, 23, "keywords[2]: must be text, not the number 2019; put it in quotes"),
    case("keyword-date-unquoted.md", 7, 12, "keywords[1]: must be text, not the date 2019-10-22; put it in quotes "
         "to keep it as written: \"2019-10-22\""),
    case("key-read-as-false.md", 7, 1, "no: unknown field 'no'; known fields: title, summary"),
    case("number-too-long.md", 8, 10, "the number 99999999999999999999… is too long (5000 characters); write an "
         "amount in digits, at most 38 of them"),
    # YAML breaks lines at U+2028 too, editors do not: the line is the editor's
    case("line-separator-in-title.md", 4, 7, "city: 'seol' is not a known city"),
    case("phone-number-unquoted.md", 9, 12, "contacts[1].phone: must be a phone number in quotes, not the number "
         "0221472375; put it in quotes to keep it as written: \"0221472375\""),
    # ---- fields: required, unknown, types
    case("missing-required-field.md", 2, 1, "the required field 'summary' is missing; add `summary: \"…\"`"),
    case("required-field-empty.md", 3, 1, "summary: is required but empty; fill it in: `summary: \"…\"`"),
    case("unknown-field.md", 7, 1, "author: unknown field 'author'; known fields: title, summary, city"),
    case("unknown-field-typo.md", 3, 1, "summmary: unknown field 'summmary'; did you mean \"summary\"?"),
    case("unknown-nested-field-typo.md", 9, 3, "budget.curency: unknown field 'curency' in budget; did you mean "
         "\"currency\"?"),
    case("wrong-type-title-is-a-list.md", 2, 8, "title: must be text, not a list; write one piece of text in "
         "double quotes"),
    case("wrong-type-sdgs-not-a-list.md", 5, 7, "sdgs: must be a list, not the number 4; write it as a list in "
         "brackets, [4]"),
    case("wrong-type-amount-is-text.md", 8, 10, "budget.total: must be a number, 0 or more, not text; write the "
         "number in digits only"),
    # ---- values out of range, dates
    case("sdg-above-17.md", 5, 11, "sdgs[2]: must be at most 17, not 18; use a whole number from 1 to 17"),
    case("sdg-zero.md", 5, 8, "sdgs[1]: must be at least 1, not 0"),
    case("sdg-not-whole.md", 5, 8, "sdgs[1]: must be a whole number, not 4.5"),
    case("sdg-listed-twice.md", 5, 11, "sdgs[2]: 4 is listed twice; remove the repeat"),
    case("impossible-date.md", 6, 12, "'2024-02-30' is not a real date; write it as YYYY-MM-DD with a month from "
         "01 to 12 and a day that exists in that month"),
    case("impossible-date-quoted.md", 6, 12, "published: '2023-02-29' is not a real date"),
    case("impossible-month-in-period.md", 7, 17, "period.start: '2019-13' is not a real date; check the month"),
    case("end-before-start.md", 7, 28, "period.end: the end (2019) is before the start (2021); swap them"),
    case("updated-before-published.md", 7, 10, "updated: the update (2023-01-01) is before publication "
         "(2024-01-01)"),
    case("status-planned-but-started.md", 7, 31, "period.status: says planned but the start (1990) has passed"),
    case("status-ongoing-but-ended.md", 7, 42, "period.status: says ongoing but the end (1991) has passed; use "
         "status: completed"),
    case("status-ongoing-but-starts-in-future.md", 7, 31, "period.status: says ongoing but the start (2190) is "
         "in the future; use status: planned"),
    case("status-completed-but-ends-in-future.md", 7, 42, "period.status: says completed but the end (2190) is "
         "in the future; use status: ongoing"),
    # ---- money
    case("negative-amount.md", 8, 10, "budget.total: must not be negative (-100); write the amount without a "
         "minus sign"),
    case("negative-source-amount.md", 11, 30, "budget.sources[1].amount: must not be negative (-100)"),
    case("budget-does-not-add-up.md", 8, 10, "budget.total: the sources add up to 90 but the total is 100; make "
         "the amounts add up exactly"),
    # the bad amount alone: the rule that sources add up does not judge a list with an item left out
    case("budget-source-invalid.md", 12, 31, "budget.sources[2].amount: must not be negative (-40)"),
    case("unknown-currency.md", 9, 13, "budget.currency: 'KRV' is not a known currency code; did you mean \"KRW\"?"),
    case("lowercase-currency.md", 9, 13, "budget.currency: 'krw' must be written 'KRW'; write \"KRW\""),
    # ---- references
    case("unknown-city.md", 4, 7, "city: 'seol' is not a known city; did you mean \"seoul\"?"),
    case("unknown-theme.md", 6, 10, "themes[1]: 'lifelong-learnin' is not a known theme; did you mean "
         "\"lifelong-learning\"?"),
    # ---- contacts, e-mail addresses, URLs
    case("bad-email.md", 9, 12, "contacts[1].email: 'kim at example.org' is not an e-mail address; write it as "
         "name@example.org"),
    case("email-with-mailto.md", 9, 12, "contacts[1].email: 'mailto:kim@example.org' starts with mailto:; write "
         "the address alone: kim@example.org"),
    case("contact-without-email-or-phone.md", 8, 5, "contacts[1]: a contact needs an email or a phone"),
    case("bad-url-no-scheme.md", 9, 10, "sources[1].url: 'www.example.org/report' has no https:// in front; "
         "write https://www.example.org/report"),
    case("bad-url-with-space.md", 9, 10, "links[1].url: 'https://example.org/a report' contains spaces or "
         "characters not allowed in a web address"),
    case("bad-url-broken-brackets.md", 9, 10, "sources[1].url: 'https://[2001:db8::1/report' is not a valid web "
         "address (check the brackets and the port)"),
    case("bad-url-javascript.md", 9, 10, "links[1].url: 'javascript:alert(1)' is not a web address; only http:// "
         "and https:// are allowed here"),
    # ---- images: paths stay inside content/media
    case("image-src-dotdot.md", 8, 10, "images[1].src: '../../../etc/passwd' is not an image file name we accept"),
    case("image-src-absolute.md", 8, 10, "images[1].src: '/etc/passwd.png' is not an image file name we accept"),
    case("image-src-missing-file.md", 8, 10, "images[1].src: there is no file content/media/photo.jpg; add the "
         "image to content/media/"),
    case("image-without-alt.md", 8, 5, "images[1]: the required field 'alt' is missing; add `alt: …` under "
         "images[1]", errors=2),  # and photo.jpg is not in content/media
    # ---- the body: link policy and headings
    case("body-javascript-link.md", 12, 9, f"body: a link uses the scheme javascript:, which is not allowed; "
         f"{LINK_HINT}"),
    case("body-javascript-link-mixed-case.md", 12, 9, "body: a link uses the scheme javascript:"),
    case("body-javascript-link-entity.md", 12, 9, "body: a link uses the scheme javascript:"),
    case("body-image-javascript.md", 12, 6, "body: a link uses the scheme javascript:"),
    case("body-data-link.md", 12, 9, "body: a link uses the scheme data:"),
    case("body-vbscript-autolink.md", 12, 2, "body: a link uses the scheme vbscript:"),
    case("body-protocol-relative-link.md", 12, 12, "body: the link '//evil.example/' leaves out the scheme; "
         "write the full address starting with https://"),
    case("body-root-relative-link.md", 12, 20, "body: the link '/cases/x/' starts with /, which breaks on mirrors "
         "of this site"),
    case("body-top-level-heading.md", 10, 1, "body: a top-level heading (# …) in the text; the title is the "
         "page's only top-level heading"),
    case("body-setext-heading.md", 10, 1, "body: a top-level heading (# …) in the text"),
    # ---- cities, and what only shows across files
    city("negative-population.md", 4, 13, "population: must not be negative (-5)"),
    city("unknown-country.md", 3, 10, "country: 'KO' is not a known country code; use a two-letter ISO 3166 code"),
    city("unknown-parent.md", 4, 9, "parent: 'seol' is not a known city; did you mean \"seoul\"?"),
    city("parent-is-itself.md", 4, 9, "parent: a city cannot be its own parent; remove `parent:`"),
    city("parent-is-a-district.md", 4, 9, "parent: 'songpa-gu' is itself a district of 'seoul'; use the "
         "metropolitan city as parent: parent: seoul"),
    # The later file in path order is the one told: here seoul.md, whose name came second.
    city("name-differs-by-case.md", 2, 7, "name: the name 'Seoul' is already used by "
         "content/cities/name-differs-by-case.md ('SEOUL'); each city needs its own name",
         where="content/cities/seoul.md"),
    city("name-full-width.md", 2, 7, "name: the name 'Seoul' is already used by content/cities/name-full-width.md "
         "('Ｓｅｏｕｌ')", where="content/cities/seoul.md"),
]


def bad_fixtures() -> set[str]:
    return {p.relative_to(BAD).as_posix() for p in BAD.rglob("*") if p.is_file()}


def make_project(root: Path) -> Project:
    """The minimal valid project each fixture goes into: one good case, seoul and songpa-gu."""
    project = Project(root)
    project.case("good")
    for path in (GOOD / "cities").iterdir():
        shutil.copy(path, project.root / "content" / "cities" / path.name)
    return project


def add_fixture(project: Project, fixture: str) -> None:
    target = project.root / "content" / fixture
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BAD / fixture, target)


def problem_lines(output: str, file: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(file + ":")]


def assert_reported(expect: Expect, output: str) -> None:
    lines = problem_lines(output, expect.reported_file)
    wanted = expect.location
    matching = [line for line in lines if line.startswith(wanted) and expect.text in line]
    assert matching, (f"expected a line starting {wanted!r} containing {expect.text!r}; "
                      f"the problems for {expect.reported_file} were:\n" + "\n".join(lines))


def errors_summary(count: int, files: int = 1) -> str:
    return f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}"


# ---- one fixture at a time ------------------------------------------------------------------

def test_the_minimal_project_is_clean(tmp_path):
    result = make_project(tmp_path / "site").check()
    assert result.code == 0, result.err
    assert result.out == "check: the content is clean\n"


@pytest.mark.parametrize("expect", EXPECTED)
def test_each_bad_fixture_gets_its_message_at_its_line(tmp_path, expect: Expect):
    project = make_project(tmp_path / "site")
    add_fixture(project, expect.fixture)
    result = project.check()
    output = result.out + result.err
    assert "Traceback" not in output
    assert result.code == 1, output
    assert_reported(expect, result.err)
    assert result.err.rstrip().splitlines()[-1] == errors_summary(expect.errors), result.err
    assert result.out.startswith("check: " + errors_summary(expect.errors))


def test_every_bad_fixture_has_an_expectation():
    listed = [p.values[0].fixture for p in EXPECTED]
    assert len(listed) == len(set(listed)), "a fixture is listed twice in EXPECTED"
    missing = sorted(bad_fixtures() - set(listed))
    assert not missing, f"add these fixtures to EXPECTED in {Path(__file__).name}: {missing}"
    gone = sorted(set(listed) - bad_fixtures())
    assert not gone, f"EXPECTED lists fixtures that do not exist: {gone}"


def test_every_bad_fixture_at_once_is_reported_in_one_run(tmp_path):
    """All problems at once: the check does not stop at the first file, or the first problem."""
    project = make_project(tmp_path / "site")
    for fixture in sorted(bad_fixtures()):
        add_fixture(project, fixture)
    result = project.check()
    assert "Traceback" not in result.out + result.err
    assert result.code == 1
    for param in EXPECTED:
        expect = param.values[0]
        if expect.where:  # a clash between files: other files clash here too
            assert f"content/{expect.fixture}" in result.err, expect.fixture
        else:
            assert_reported(expect, result.err)
    told = {line.split(":", 1)[0] for line in result.err.splitlines() if line.startswith("content/")}
    assert {f"content/{f}" for f in bad_fixtures()} - told <= {
        "content/cities/name-differs-by-case.md"}  # first of its name: the others are told
    assert "content/cases/good.md" not in told


# ---- the good fixtures: BOM, CRLF, raw HTML ---------------------------------------------------

@pytest.fixture
def good_site(tmp_path) -> Project:
    project = Project(tmp_path / "site")
    for path in GOOD.rglob("*.md"):
        shutil.copy(path, project.root / "content" / path.relative_to(GOOD))
    check = project.check()
    assert check.code == 0, check.err
    assert check.out == "check: the content is clean\n"
    build = project.build()
    assert build.code == 0, build.err
    return project


def case_page(project: Project, slug: str) -> BeautifulSoup:
    path = project.public / "cases" / slug / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_byte_order_mark_and_crlf_line_endings_are_accepted(good_site):
    raw = (GOOD / "cases" / "bom-and-crlf.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture is what it says
    page = case_page(good_site, "bom-and-crlf")
    assert page.find("h1").get_text(strip=True) == "Test case"
    prose = page.select_one(".prose")
    assert prose.find("h2").get_text() == "Background"
    assert prose.find("p").get_text() == "Text."
    html = (good_site.public / "cases" / "bom-and-crlf" / "index.html").read_text(encoding="utf-8")
    assert "\ufeff" not in html and "\r" not in html


def test_raw_html_in_a_body_is_shown_as_text(good_site):
    page = case_page(good_site, "raw-script-is-text")
    prose = page.select_one(".prose")
    assert not prose.find("script")
    text = prose.get_text()
    assert "Before <script>alert(1)</script> after." in text
    assert "<script>alert(2)</script>" in text
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()]


def test_the_good_district_is_listed_under_its_city(good_site):
    page = BeautifulSoup((good_site.public / "cities" / "seoul" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert "Songpa-gu" in page.get_text()


# ---- what needs two files: duplicate slugs, names that differ only by case or normalisation --

@pytest.mark.parametrize("name, other", [
    ("Seoul", "seoul"),
    ("Seoul", "SEOUL "),
    ("Seoul", "Ｓｅｏｕｌ"),  # full-width letters (NFKC)
    ("Séoul", unicodedata.normalize("NFD", "Séoul")),  # é as one character, and as e + accent
    ("Straße", "STRASSE"),  # casefold
])
def test_city_names_that_differ_only_by_case_or_normalisation_clash(project, name, other):
    project.write("content/cities/seoul.md", MINI_CITY.replace("name: Seoul", f"name: {name}"))
    project.write("content/cities/zz-other.md", MINI_CITY.replace("name: Seoul", f'name: "{other}"'))
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cities/zz-other.md:2:7: name: the name "), result.err
    assert "is already used by content/cities/seoul.md" in result.err


def test_different_city_names_do_not_clash(project):
    project.write("content/cities/busan.md", MINI_CITY.replace("name: Seoul", "name: Busan"))
    project.write("content/cities/seoul-2.md", MINI_CITY.replace("name: Seoul", 'name: "Seoul 2"'))
    assert project.check().code == 0


def test_a_slug_used_twice_is_refused(project):
    """A case's earlier slug (an alias, for its old address) cannot be another case's slug or alias."""
    project.case("first")
    project.case("second", MINI_CASE.replace("sources:", "aliases: [first]\nsources:"))
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/second.md:7:10: aliases: 'first' is the slug of "
                                 "content/cases/first.md"), result.err
    project.case("first", MINI_CASE.replace("sources:", "aliases: [old]\nsources:"))
    project.case("second", MINI_CASE.replace("sources:", "aliases: [old]\nsources:"))
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/second.md:7:10: aliases: 'old' is already an alias of "
                                 "content/cases/first.md"), result.err


def test_a_file_name_that_differs_only_by_case_is_refused(project):
    project.case("seoul-case")
    project.write("content/cases/Seoul-Case.md", MINI_CASE)
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/Seoul-Case.md: the file name 'Seoul-Case.md' is not a valid "
                                 "slug"), result.err


def test_a_theme_listed_twice_in_themes_yaml_is_refused(project):
    themes = project.root / "content" / "themes.yaml"
    text = themes.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("lifelong-learning:"))
    themes.write_text(text + first + "\n", encoding="utf-8")
    project.case("good")
    result = project.check()
    assert result.code == 1
    line = text.count("\n") + 1
    assert f"content/themes.yaml:{line}:1: the field 'lifelong-learning' appears twice" in result.err, result.err


# ---- more of the acceptance list, written inline --------------------------------------------

@pytest.mark.parametrize("old, new, expected", [
    ('published: 2024-01-01', 'published: 2024-01-01T25:00:00',
     "content/cases/bad.md:6:12: '2024-01-01T25:00:00' is not a real date"),
    ('title: "Test case"', 'title: yes', "content/cases/bad.md:2:8: title: must be text, not read by YAML as "
     "true; YAML reads yes, no, on, off, true and false as true/false: put the text in quotes, \"yes\""),
    ('title: "Test case"', 'title: 1_000', "content/cases/bad.md:2:8: title: must be text, not the number 1_000"),
    ('title: "Test case"', 'title: 12:30', "content/cases/bad.md:2:8: title: must be text, not the number 12:30"),
    ('title: "Test case"', 'title: 2019-10-22', "content/cases/bad.md:2:8: title: must be text, not the date "
     "2019-10-22; put it in quotes"),
    ('sources:', 'budget: {total: 1, currency: KRW, On: 2}\nsources:', "content/cases/bad.md:7:35: budget.On: "
     "unknown field 'On' in budget; known fields: total, currency"),
    ('sources:', 'budget: {total: 3,242, currency: KRW}\nsources:', "content/cases/bad.md:7:19: budget.242: "
     "unknown field '242' in budget; a field name is a word, not a number"),
    ('sdgs: [4]', 'sdgs: [4]\n2024-01-01: x', "content/cases/bad.md:6:1: 2024-01-01: unknown field '2024-01-01'"),
    ('Text.', '> # Quoted', "content/cases/bad.md:12:3: body: a top-level heading (# …) in the text"),
    ('Text.', '- item\n- Sub\n  ===', "content/cases/bad.md:13:3: body: a top-level heading (# …) in the text"),
    ('sdgs: [4]', 'sdgs: [.inf]', "content/cases/bad.md:5:8: sdgs[1]: must be a finite number"),
    ('sdgs: [4]', 'sdgs: [0x' + 'f' * 5000 + ']', "content/cases/bad.md:5:8: the number 0xffffffffffffffffff… "
     "is too long"),
    ('sources:', 'budget: {total: 1.0e+999, currency: KRW}\nsources:',
     "content/cases/bad.md:7:17: budget.total: must be a finite number"),
    ('title: "Test case"', 'title: !foo bar', "content/cases/bad.md:2:8: the front matter is not valid YAML: could "
     "not determine a constructor for the tag '!foo'; remove the tag"),
    ('sdgs: [4]', 'sdgs: [4]\n<<: {title: x}', "content/cases/bad.md:6:1: the front matter is not valid YAML: "
     "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'; write the fields out in full"),
    ('title: "Test case"\nsummary: "A case for tests."', 'title: "Test case\nsummary: A case for tests.',
     "content/cases/bad.md:2:8: the front matter is not valid YAML: this quote is closed only on line 8; close "
     "the quote on the same line"),  # where "Test" opens: the mistake is on line 2
    ('  - publisher: "Test"', '  - publisher: "Test"\n    url: "https://example.org:99999/"',
     "content/cases/bad.md:9:10: sources[1].url: 'https://example.org:99999/' is not a valid web address"),
    ('  - publisher: "Test"', '  - publisher: "Test"\n    url: "ftp://example.org/x"',
     "content/cases/bad.md:9:10: sources[1].url: 'ftp://example.org/x' is not a web address"),
    ('  - publisher: "Test"', '  - publisher: "Test"\n    url: "https://localhost/x"',
     "content/cases/bad.md:9:10: sources[1].url: 'https://localhost/x' has no valid host name"),
    ('sources:', 'contacts:\n  - {name: K, email: "kim@@example.org"}\nsources:',
     "content/cases/bad.md:8:22: contacts[1].email: 'kim@@example.org' is not an e-mail address"),
    ('sources:', 'contacts:\n  - {name: K, email: "<kim@example.org>"}\nsources:',
     "content/cases/bad.md:8:22: contacts[1].email: '<kim@example.org>' is not an e-mail address"),
    ('sources:', 'budget: {total: 100, currency: EURO}\nsources:',
     "content/cases/bad.md:7:32: budget.currency: 'EURO' is not a known currency code; did you mean \"EUR\"?"),
    ('sources:', 'period: {start: 2019, end: "2019-02-29"}\nsources:',
     "content/cases/bad.md:7:28: period.end: '2019-02-29' is not a real date"),
    ('sources:', 'period: {start: "2020-05", end: "2020-04"}\nsources:',
     "content/cases/bad.md:7:33: period.end: the end (2020-04) is before the start (2020-05)"),
])
def test_more_mistakes_get_their_message_and_line(project, old, new, expected):
    assert old in MINI_CASE
    project.case("bad", MINI_CASE.replace(old, new))
    result = project.check()
    assert "Traceback" not in result.out + result.err
    assert result.code == 1, result.err
    assert result.err.startswith(expected), result.err
    assert result.err.splitlines()[-1] == "1 error in 1 file", result.err


def test_norway_is_a_country_code_not_false(project):
    project.write("content/cities/oslo.md", "---\nname: Oslo\ncountry: NO\n---\nThe capital.\n")
    result = project.check()
    assert result.code == 0, result.err


def test_one_bad_item_does_not_make_the_rules_across_fields_judge_the_rest(project):
    """A budget source with a bad amount is reported alone, not also as "does not add up";
    a source with a bad URL does not make the case "have no sources"."""
    project.case("bad", MINI_CASE.replace("sources:\n  - publisher: \"Test\"\n", (
        "budget:\n  total: 100\n  currency: KRW\n  sources:\n    - {name: A, amount: 60}\n"
        "    - {name: B, amount: -40}\nsources:\n  - publisher: \"Test\"\n    url: \"example\"\n")))
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/cases/bad.md:12:25: budget.sources[2].amount: must not be negative (-40); write the amount "
        "without a minus sign",
        "content/cases/bad.md:15:10: sources[1].url: 'example' is not a web address; only http:// and https:// "
        "are allowed here; link to a web page; e-mail addresses and phone numbers go in contacts",
        "2 errors in 1 file",
    ]


def test_the_same_bad_link_many_times_is_one_problem(project):
    project.case("bad", MINI_CASE + "\n" + "[a](/x) " * 2000 + "\n")
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines()[-1] == "1 error in 1 file", result.err[:2000]


# ---- GitHub Actions ---------------------------------------------------------------------------

def test_github_actions_gets_annotations(tmp_path, monkeypatch):
    project = make_project(tmp_path / "site")
    for fixture in ("cases/sdg-above-17.md", "cases/not-markdown.txt", "cases/bad-url-no-scheme.md"):
        add_fixture(project, fixture)
    project.case("warned", MINI_CASE.replace('sources:\n  - publisher: "Test"\n', ""))
    project.case("percent", MINI_CASE.replace('  - publisher: "Test"', '  - publisher: "Test"\n'
                                              '    url: "https://example.org/100% sure"'))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = project.check()
    assert result.code == 1
    annotations = [line for line in result.out.splitlines() if line.startswith("::")]
    assert annotations == [
        "::error file=content/cases/bad-url-no-scheme.md,line=9,col=10,title=sources[1].url::'www.example.org/report' "
        "has no https:// in front; write https://www.example.org/report",
        "::error file=content/cases/not-markdown.txt::only Markdown files (.md) belong here; rename it to "
        "not-markdown.md or move it out of content/",
        "::error file=content/cases/percent.md,line=9,col=10,title=sources[1].url::'https://example.org/100%25 sure' "
        "contains spaces or characters not allowed in a web address; copy the address from the browser's address bar",
        "::error file=content/cases/sdg-above-17.md,line=5,col=11,title=sdgs[2]::must be at most 17, not 18; use a "
        "whole number from 1 to 17",
        "::warning file=content/cases/warned.md,line=2,col=1::no sources: readers cannot check where the facts come "
        "from; add `sources:` with at least a publisher",
    ]
    # the plain messages are still written for people reading the log
    assert "content/cases/sdg-above-17.md:5:11: sdgs[2]: must be at most 17, not 18" in result.err


def test_annotations_only_on_github_actions(tmp_path, monkeypatch):
    project = make_project(tmp_path / "site")
    add_fixture(project, "cases/sdg-above-17.md")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = project.check()
    assert result.code == 1
    assert "::error" not in result.out + result.err


# ---- absurd input is refused quickly, in a separate process -----------------------------------

def run_check_process(root: Path) -> subprocess.CompletedProcess:
    """`python build.py check` in its own process: a crash or a hang (past 20 s) fails the test."""
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--root", str(root)],
                          capture_output=True, text=True, timeout=20, env=env)


ABSURD = {
    "alias-bomb": (BAD / "cases" / "yaml-alias-bomb.md").read_bytes(),
    "too-large": (BAD / "cases" / "too-large.md").read_bytes(),
    "front-matter-too-large": (BAD / "cases" / "front-matter-too-large.md").read_bytes(),
    # Deeper than any parser should be asked to go, yet under the size limits.
    "deep-flow": MINI_CASE.replace("sdgs: [4]", "sdgs: " + "[" * 15000 + "]" * 15000).encode(),
    "deep-mapping": MINI_CASE.replace("sdgs: [4]", "sdgs: " + "{a: " * 6000 + "1" + "}" * 6000).encode(),
    "long-number": MINI_CASE.replace("sdgs: [4]", "sdgs: [" + "9" * 30000 + "]").encode(),
    "many-items": MINI_CASE.replace("sdgs: [4]", "sdgs: [" + ",".join(["4"] * 15000) + "]").encode(),
    # the top-level heading makes `check` render the body, 200,000 levels deep
    "deep-body-with-a-heading": (MINI_CASE + ">" * 200_000 + "\n\n# Title\n").encode(),
    "many-bad-links": (MINI_CASE + "[x](/root/) " * 900 + "\n").encode(),
    # more formatting than any renderer handles quickly: refused unrendered
    "deep-blockquote": (MINI_CASE + ">" * 200_000 + "\n").encode(),
    "many-links": (MINI_CASE + "[x](/root/) " * 20_000 + "\n").encode(),
}
# As deep as the limits on a body let nesting go (markdown.MAX_MARKS counts the `>`).
DEEP_BODIES = {
    "blockquote": MINI_CASE + ">" * 9_000 + "\n",
    "list": MINI_CASE + "1. " * 150_000 + "\n",
    "list-and-quote": MINI_CASE + "> - " * 2_400 + "\n",
    "indented-lists": MINI_CASE + "".join(" " * i + "- x\n" for i in range(0, 1300, 2)),
}


@pytest.mark.parametrize("name", sorted(ABSURD))
def test_absurd_input_is_refused_quickly_with_a_message(tmp_path, name):
    project = make_project(tmp_path / "site")
    project.write("content/cases/absurd.md", ABSURD[name])
    done = run_check_process(project.root)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    lines = problem_lines(done.stderr, "content/cases/absurd.md")
    assert lines, done.stderr[-2000:]
    assert done.stderr.rstrip().splitlines()[-1] == "1 error in 1 file", done.stderr[-2000:]


@pytest.mark.parametrize("name", sorted(DEEP_BODIES))
def test_absurdly_deep_markdown_builds_without_crashing(tmp_path, name):
    """Nesting alone is no mistake `check` reports; the build must render it and live
    (markdown-it-pyrs overflowed its stack on these and killed the process)."""
    project = make_project(tmp_path / "site")
    project.write("content/cases/deep.md", DEEP_BODIES[name].encode())
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--no-search", "--root",
                           str(project.root)], capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert (project.public / "cases" / "deep" / "index.html").is_file()


def test_the_real_content_is_clean():
    result = run_cli("check", "--root", str(ROOT))
    assert result.code == 0, result.err


# ---- names an editor on Windows could not check out, and empty texts -------------------------------
# (made in the test, not kept as fixtures: a file named con.md would break this repository on Windows)

@pytest.mark.parametrize("folder, name, expected", [
    ("cases", "con.md", "the name 'con.md' is reserved on Windows for a device (CON), so the repository cannot be "
     "checked out there; rename it, for example to con-case.md"),
    ("cases", "AUX.md", "the name 'AUX.md' is reserved on Windows for a device (AUX), so the repository cannot be "
     "checked out there; rename it, for example to AUX-case.md"),
    ("cases", "nul.md", "the name 'nul.md' is reserved on Windows for a device (NUL)"),
    ("cases", "com1.md", "the name 'com1.md' is reserved on Windows for a device (COM1)"),
    ("cases", "lpt9.md", "the name 'lpt9.md' is reserved on Windows for a device (LPT9)"),
    ("cases", "Prn.txt", "the name 'Prn.txt' is reserved on Windows for a device (PRN)"),
    ("cases", "case.md.", "the name 'case.md.' ends with a dot, which Windows drops; rename it to case.md"),
    ("cases", "case.md ", "the name 'case.md ' ends with a space, which Windows drops; rename it to case.md"),
    ("cities", "prn.md", "the name 'prn.md' is reserved on Windows for a device (PRN), so the repository cannot be "
     "checked out there; rename it, for example to prn-city.md"),
    ("cities", "seoul.md...", "the name 'seoul.md...' ends with a dot, which Windows drops; rename it to seoul.md"),
])
def test_names_windows_cannot_hold_are_errors_with_a_new_name(project, folder, name, expected):
    project.case("good")
    project.write(f"content/{folder}/{name}", MINI_CITY if folder == "cities" else MINI_CASE)
    result = project.check()
    assert result.code == 1
    told = result.err.splitlines()
    assert told[0].startswith(f"content/{folder}/{name}: {expected}"), told
    assert told[1:] == ["1 error in 1 file"]


def test_a_file_name_ending_in_a_line_break_is_not_a_slug(project):
    """The slug pattern ended in `$`, which also matches before a final line break."""
    project.write("content/cases/case\n.md", MINI_CASE)
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/case\\n.md: the file name 'case\\n.md' is not a valid slug"), \
        "the name is shown with its line break escaped, on one line: " + result.err


@pytest.mark.parametrize("body", ["", "\n", "   \n\n\t\n"])
def test_an_empty_text_is_a_warning(project, body):
    project.case("empty", MINI_CASE.split("## Background")[0] + body)
    project.write("content/cities/seoul.md", MINI_CITY.replace("The capital.\n", body))
    result = project.check()
    assert result.code == 0
    assert result.err.splitlines() == [
        "content/cases/empty.md:9:1: warning: body: the text below the front matter is empty, so the case study's "
        "page shows only the facts; write the case study's text below the closing `---`",
        "content/cities/seoul.md:6:1: warning: body: the text below the front matter is empty, so the city's page "
        "shows only the facts; write the city's text below the closing `---`"]
    assert result.out == "check: 2 warnings in 2 files\n"
