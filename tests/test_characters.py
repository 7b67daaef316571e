"""Every text value is checked after decoding: what YAML's escapes and Markdown's entities
make is held to the same rules as what the file holds.

`"\\0 \\x1b \\uFFFE"` in double quotes decodes into characters the scan of the raw file never
sees; they broke the XML feeds and reached the HTML and the CSV export. Direction overrides
and zero-width characters passed in titles and names. Each case below failed on main.
"""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cityedu_site import characters, fastyaml, frontmatter, schema
from conftest import MINI_CASE, MINI_CITY, Project

CONTROL_FIX = "delete it; it is invisible in most editors (between double quotes, the escape {} writes it)"
INVISIBLE_FIX = ("delete it; invisible characters make a name look like another (between double quotes, the escape "
                 "{} writes it)")
DIRECTION_FIX = ("delete it; browsers set the direction of right-to-left scripts by themselves (between double "
                 "quotes, the escape {} writes it)")


def check_lines(project: Project) -> list[str]:
    result = project.check()
    assert "Traceback" not in result.out + result.err
    return result.err.splitlines()


# ---- front matter: each value, key and file kind -----------------------------------------------

@pytest.mark.parametrize("old, new, expected", [
    # the example: escapes decode into NUL, ESC and a noncharacter
    ('title: "Test case"', r'title: "A\0 \x1b \uFFFE"',
     "content/cases/bad.md:2:8: title: character 2 is the control character U+0000 (and 2 more such characters); "
     + CONTROL_FIX.format(r"\x00")),
    ('title: "Test case"', r'title: "Escape \e[31m red"',
     "content/cases/bad.md:2:8: title: character 8 is the control character U+001B; " + CONTROL_FIX.format(r"\x1b")),
    ('title: "Test case"', r'title: "Next line \N here"',
     "content/cases/bad.md:2:8: title: character 11 is the control character U+0085; " + CONTROL_FIX.format(r"\x85")),
    ('title: "Test case"', r'title: "Delete \x7f"',
     "content/cases/bad.md:2:8: title: character 8 is the control character U+007F; " + CONTROL_FIX.format(r"\x7f")),
    ('title: "Test case"', r'title: "Not a character \uFDD0"',
     r"content/cases/bad.md:2:8: title: character 17 is U+FDD0, which is not a character; delete it (between double "
     r"quotes, the escape \uFDD0 writes it)"),
    ('title: "Test case"', r'title: "Not a character \U0010FFFF"',
     "content/cases/bad.md:2:8: title: character 17 is U+10FFFF, which is not a character"),
    # (an escaped lone surrogate, \\uD800, is refused by YAML itself)
    # direction controls and invisible characters, written as themselves or as escapes
    ('title: "Test case"', 'title: "Invoice \u202egnp.exe"',
     "content/cases/bad.md:2:8: title: character 9 is the direction control U+202E (RIGHT-TO-LEFT OVERRIDE), which "
     "makes text read in another order than it is stored; " + DIRECTION_FIX.format(r"\u202E")),
    ('title: "Test case"', r'title: "Isolated \u2067x\u2069"',
     "content/cases/bad.md:2:8: title: character 10 is the direction control U+2067 (RIGHT-TO-LEFT ISOLATE), which "
     "makes text read in another order than it is stored (and 1 more such characters)"),
    ('title: "Test case"', 'title: "Test\u200bcase"',
     "content/cases/bad.md:2:8: title: character 5 is the invisible character U+200B (ZERO WIDTH SPACE); "
     + INVISIBLE_FIX.format(r"\u200B")),
    ('title: "Test case"', 'title: "\ufeffTest case"',
     "content/cases/bad.md:2:8: title: character 1 is the invisible character U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
    ('title: "Test case"', 'title: "Test\u2060case"',
     "content/cases/bad.md:2:8: title: character 5 is the invisible character U+2060 (WORD JOINER)"),
    ('title: "Test case"', 'title: "\u3164"',
     "content/cases/bad.md:2:8: title: character 1 is the invisible character U+3164 (HANGUL FILLER)"),
    ('title: "Test case"', 'title: "Test\u200dcase"',
     "content/cases/bad.md:2:8: title: character 5 is the invisible U+200D (ZERO WIDTH JOINER) outside a word; "
     "delete it; a joiner belongs only between two letters of a script that uses it, or inside an emoji (between "
     r"double quotes, the escape \u200D writes it)"),
    ('title: "Test case"', 'title: "\u200c송파"',
     "content/cases/bad.md:2:8: title: character 1 is the invisible U+200C (ZERO WIDTH NON-JOINER) outside a word"),
    ('title: "Test case"', 'title: "송파\u200d\u200dgu"',
     "content/cases/bad.md:2:8: title: character 3 is the invisible U+200D (ZERO WIDTH JOINER) outside a word"),
    # nested values, list items, plain and single-quoted scalars
    ("sdgs: [4]", "sdgs: [4]\nkeywords: [learning, \"smart\\x00city\"]",
     "content/cases/bad.md:6:22: keywords[2]: character 6 is the control character U+0000"),
    ("sources:\n", 'budget:\n  total: 1\n  currency: KRW\n  sources:\n    - {name: "A\\u202Eb", amount: 1}\nsources:\n',
     "content/cases/bad.md:11:14: budget.sources[1].name: character 2 is the direction control U+202E"),
    ('summary: "A case for tests."', "summary: A case\u200b for tests.",
     "content/cases/bad.md:3:10: summary: character 7 is the invisible character U+200B (ZERO WIDTH SPACE)"),
    ('summary: "A case for tests."', "summary: 'A case\u202a for tests.'",
     "content/cases/bad.md:3:10: summary: character 7 is the direction control U+202A (LEFT-TO-RIGHT EMBEDDING)"),
    ('  - publisher: "Test"', '  - publisher: "Test"\n    url: "https://example.org/\\u202Ex"',
     "content/cases/bad.md:9:10: sources[1].url: character 21 is the direction control U+202E"),
    # keys: named with their escapes, and the value under the name meant is still checked
    ('title: "Test case"', '"title\\u200b": "Test case"',
     r"content/cases/bad.md:2:1: the field name 'title\u200b': character 6 is the invisible character U+200B "
     "(ZERO WIDTH SPACE)"),
    ('title: "Test case"', '"ti\\ttle": "Test case"',
     r"content/cases/bad.md:2:1: the field name 'ti\ttle': character 3 is a tab (U+0009); write the name on one "
     "line, without tabs"),
    ("sources:\n", 'budget: {"total\\u202e": 1, currency: KRW}\nsources:\n',
     r"content/cases/bad.md:7:10: budget: the field name 'total\u202e': character 6 is the direction control U+202E"),
])
def test_refused_characters_in_front_matter_are_told_at_their_value(project, old, new, expected):
    assert old in MINI_CASE
    project.case("bad", MINI_CASE.replace(old, new))
    lines = check_lines(project)
    assert lines[0].startswith(expected), lines
    assert lines[-1] == "1 error in 1 file", lines  # and nothing follows from it


def test_a_field_name_on_several_lines_is_told_where_it_is(project):
    project.case("bad", MINI_CASE.replace("sdgs: [4]", "sdgs: [4]\n? |\n  key\n  on lines\n: x"))
    assert check_lines(project) == [
        r"content/cases/bad.md:6:3: the field name 'key\non lines\n': character 4 is a line break (U+000A) (and 1 "
        "more such characters); write the name on one line",
        "content/cases/bad.md:6:3: keyon lines: unknown field 'keyon lines'; known fields: "
        + ", ".join(field.name for field in schema.CASE.fields),
        "2 errors in 1 file"]


def test_a_city_name_with_an_invisible_character_cannot_pose_as_another(project):
    """`Seoul` and `Seoul\\u200b` looked alike and did not clash: the invisible one is refused."""
    project.write("content/cities/seoul-2.md", MINI_CITY.replace("name: Seoul", 'name: "Seoul\\u200B"'))
    project.write("content/cities/busan.md", MINI_CITY.replace("name: Seoul", "name: Busan")
                  .replace("name_local: 서울특별시", 'name_local: "부산\u202e광역시"'))
    assert check_lines(project) == [
        "content/cities/busan.md:3:13: name_local: character 3 is the direction control U+202E (RIGHT-TO-LEFT "
        "OVERRIDE), which makes text read in another order than it is stored; " + DIRECTION_FIX.format(r"\u202E"),
        "content/cities/seoul-2.md:2:7: name: character 6 is the invisible character U+200B (ZERO WIDTH SPACE); "
        + INVISIBLE_FIX.format(r"\u200B"),
        "2 errors in 2 files"]


def test_a_reference_with_a_refused_character_is_told_once(project):
    project.case("bad", MINI_CASE.replace("city: seoul", 'city: "seoul\\u200b"'))
    assert check_lines(project) == [
        "content/cases/bad.md:4:7: city: character 6 is the invisible character U+200B (ZERO WIDTH SPACE); "
        + INVISIBLE_FIX.format(r"\u200B"),
        "1 error in 1 file"]


@pytest.mark.parametrize("title", [
    "نامه\u200cها",  # Persian: the non-joiner keeps two letters apart
    "क्\u200dष and ക്\u200d",  # Devanagari and Malayalam: the joiner shapes a conjunct
    "👩\u200d💻 programmers",  # an emoji sequence
    "عربي\u200f (2024) and English\u200e",  # direction marks (not overrides) in mixed text
    "Grüße aus Köln 😀 𠀋",  # characters beyond U+FFFF
])
def test_joiners_between_letters_and_direction_marks_are_fine(project, title):
    project.case("good", MINI_CASE.replace('title: "Test case"', f'title: "{title}"'))
    result = project.check()
    assert result.code == 0, result.err


def test_tabs_and_line_breaks_in_one_line_fields_become_spaces(project):
    project.case("good", MINI_CASE.replace('title: "Test case"', 'title: "Test\\tcase\\nwith  lines"')
                 .replace('summary: "A case for tests."', "summary: |\n  A case\n  for tests."))
    assert project.build().code == 0
    page = (project.public / "cases" / "good" / "index.html").read_text("utf-8")
    assert "<h1>Test case with lines</h1>" in page
    assert "A case for tests." in page


@pytest.mark.parametrize("entry, expected", [
    ('{title: "Health\\x1b[0m", description: "d"}', "content/themes.yaml:{line}:16: fresh.title: character 7 is "
     "the control character U+001B"),
    ('{title: "Health", description: "Care \\u202Eevil"}', "content/themes.yaml:{line}:39: fresh.description: "
     "character 6 is the direction control U+202E"),
    ('{"title\\u200b": "Health", description: "d"}', r"content/themes.yaml:{line}:9: fresh: the field name "
     r"'title\u200b': character 6 is the invisible character U+200B"),
    ('{title: "' + "x" * 81 + '", description: "d"}', "content/themes.yaml:{line}:16: fresh.title: is 81 characters "
     "long, over the limit of 80; shorten it"),
    ('{title: "Health", description: "' + "x" * 301 + '"}', "content/themes.yaml:{line}:39: fresh.description: is "
     "301 characters long, over the limit of 300; shorten it"),
    ('{title: "Health"}', "content/themes.yaml:{line}:8: fresh: the required field 'description' is missing"),
    ('"Health"', 'content/themes.yaml:{line}:8: fresh: a theme needs a title and a description, both text; write '
     'fresh: {{title: "…", description: "…"}}'),
    ('{title: "Health", description: "d", colour: red}', "content/themes.yaml:{line}:44: fresh.colour: unknown "
     "field 'colour' in fresh"),
])
def test_themes_yaml_is_held_to_the_same_rules(project, entry, expected):
    themes = project.root / "content" / "themes.yaml"
    text = themes.read_text("utf-8")
    themes.write_text(text + f"fresh: {entry}\n", encoding="utf-8")
    project.case("good")
    lines = check_lines(project)
    assert lines[0].startswith(expected.format(line=text.count("\n") + 1)), lines
    assert lines[-1] == "1 error in 1 file", lines


def test_a_theme_slug_with_a_final_line_break_is_refused(project):
    """`$` in the slug pattern let "health\\n" through."""
    themes = project.root / "content" / "themes.yaml"
    text = themes.read_text("utf-8")
    themes.write_text(text + '"fresh\\n": {title: "T", description: "d"}\n', encoding="utf-8")
    project.case("good")
    lines = check_lines(project)
    assert lines[0].startswith(f"content/themes.yaml:{text.count(chr(10)) + 1}:1: the field name 'fresh\\n': "
                               "character 6 is a line break (U+000A)"), lines


# ---- the shortcut: a front matter that shows no refused character is not walked -------------------

yaml_texts = st.one_of(
    st.builds(lambda data, flow: yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow),
              st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=12), st.lists(st.text(max_size=6),
                              max_size=3)), max_size=4), st.booleans()),
    st.builds(lambda data: yaml.safe_dump(data, allow_unicode=False),  # every odd character as an escape
              st.dictionaries(st.text(max_size=8), st.text(max_size=12), max_size=4)),
    st.text(st.sampled_from('ab:- "\'\\\n\t?|>{}[],\u200d\u200c\u202e\x85\u3164나'), max_size=40),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=yaml_texts)
def test_text_that_shows_no_refused_character_decodes_into_none(text):
    """frontmatter.parse skips the walk over keys and values when may_hold_refused() says
    no: then no decoded key or value may hold a refused character."""
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError):
        return
    if characters.may_hold_refused(text):
        return

    def strings(node):
        if isinstance(node, str):
            yield node, characters.VALUE_RE
        elif isinstance(node, list):
            for item in node:
                yield from strings(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str):
                    yield key, characters.KEY_RE
                yield from strings(value)

    assert [s for s, pattern in strings(data) if characters.first_refused(s, pattern) >= 0] == []


def test_the_fast_and_the_full_parse_screen_alike():
    for text in ['title: "a\\x1bb"\n', "title: 'a\u202eb'\n", 'title: "x"\ntitle: "y\\x00"\n']:
        parsed = frontmatter.parse(text, "x.md", 2)
        assert [p.message.split(";")[0] for p in parsed.problems][-1].startswith("character ")
    assert fastyaml.load('title: "a\\x1bb"\n', 8) == {"title": "a\x1bb"}  # decoded, then screened by parse


# ---- what passes never breaks a feed, a CSV or a page -----------------------------------------

ODD = "\x00\x01\x08\t\x0b\x0c\r\x1b\x7f\x80\x85\x9f\xa0\xad\u200b\u200c\u200d\u200e\u202a\u202e\u2028\u2029" \
      "\u2066\u2069\u3164\ufdd0\ufeff\ufffd\ufffe\uffff\U0001f600\U0001fffe"
hostile_text = st.text(st.one_of(st.sampled_from(ODD), st.sampled_from("ab <&>\"']]>"), st.characters(
    exclude_categories=("Cs",))), min_size=1, max_size=20)


@pytest.fixture(scope="module")
def feed_site(tmp_path_factory) -> Project:
    return Project(tmp_path_factory.mktemp("feeds") / "site")


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=hostile_text, keyword=hostile_text, name=hostile_text)
def test_whatever_passes_check_keeps_feeds_well_formed_and_exports_clean(feed_site, title, keyword, name):
    """Values written with JSON escapes (valid YAML double quotes) for every character: when
    check accepts them, every feed parses as XML and no output holds NUL or ESC."""
    case = MINI_CASE.replace('title: "Test case"', f"title: {json.dumps(title)}").replace(
        "sdgs: [4]", f"sdgs: [4]\nkeywords: [{json.dumps(keyword)}]")
    city = MINI_CITY.replace("name: Seoul", f"name: {json.dumps(name)}")
    feed_site.write("content/cases/hostile.md", case)
    feed_site.write("content/cities/seoul.md", city)
    result = feed_site.build()
    assert result.code in (0, 1), result.err
    if result.code == 1:
        assert all(line.startswith(("content/", "Build stopped")) or " error" in line
                   for line in result.err.splitlines()), result.err
        return
    for path in feed_site.public.rglob("*"):
        if not path.is_file() or path.relative_to(feed_site.public).parts[0] == "admin":  # the vendored CMS
            continue
        data = path.read_bytes()
        assert b"\x00" not in data and b"\x1b" not in data, path
        if path.suffix == ".xml":
            xml.dom.minidom.parseString(data)
        if path.suffix == ".csv":
            list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_describe_names_each_kind_of_refused_character():
    """The wording of every class, including those YAML refuses before we see them (a lone
    surrogate) and the body's (an entity wrote it)."""
    assert characters.describe("\ud800") == (
        "U+D800, half of a character (a lone surrogate)",
        "write the character itself, or delete it (between double quotes, the escape \\uD800 writes it)")
    assert characters.describe("\U0001fffe", markup="html") == (
        "U+1FFFE, which is not a character", "delete it (the entity &#x1FFFE; writes it too)")
