"""Random front matter and random bodies: the build never crashes. It builds (exit 0, and
the case's page exists, with no executable markup), or it reports problems (exit 1, each
named by file), and `check` agrees with it.

The build runs in this process (cli.main, as conftest's run_cli does), in one project
reused across examples, each example writing a case under a new slug. Hypothesis runs
derandomized and without its example database, so CI sees the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import string

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import Project, run_cli
from media_samples import PNG
from test_safety import unsafe_markup

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

CASE_FIELDS = ["title", "summary", "city", "sdgs", "published", "updated", "themes", "period", "budget",
               "stakeholders", "partners", "contacts", "keywords", "links", "sources", "images",
               "reported", "places", "lead", "sdgs_in_source", "sdg_targets", "milestones", "indicators", "inferred"]
NESTED_FIELDS = ["start", "end", "status", "total", "currency", "note", "name", "amount", "role", "organization",
                 "email", "phone", "publisher", "url", "date", "src", "alt", "caption",
                 "years", "first", "last", "id", "author", "accessed", "type", "title", "kind", "place", "source",
                 "value", "unit", "qualifier", "field", "how", "reason"]
TYPOS = ["titel", "Title", "summmary", "sdg", "SDGs", "citty", "publised", "theme", "author", "tags", "date",
         "", " ", "title ", "ｔｉｔｌｅ", "<script>", "__proto__", "1", "true"]

# Text with everything that has a meaning somewhere: YAML, Markdown, HTML, URLs, Unicode.
ODD = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\xa0\xad\u200b\u200e\u2028\u2029\ufeff\ufffd\U0001f600"
SPECIAL = ":-[]{}&*!|>'\"%@`#,?<>/\\=;()~^$+_.\t\n\r "
text_chars = st.one_of(
    st.sampled_from(string.ascii_letters + string.digits),
    st.sampled_from(SPECIAL),
    st.sampled_from(ODD),
    st.characters(exclude_categories=("Cs",)),
)
random_text = st.text(text_chars, max_size=30)
WORDS = ["NO", "no", "yes", "On", "off", "true", "~", "null", "NaN", ".inf", "-.inf", "0x1F", "0o17", "017", "1_000",
         "12:30", "2019-10-22", "2024-02-30", "2019-13", "1e3", "1.0e+3", "9" * 40, "-5", "4", "18", "0",
         "seoul", "SEOUL", "Ｓｅｏｕｌ", "seol", "songpa-gu", "KRW", "krw", "KRV", "USD", "lifelong-learning",
         "lifelong-learnin", "planned", "ongoing", "completed", "photo.png", "../photo.png", "/etc/passwd",
         "https://example.org/x", "http://[::1/", "https://example.org:99999/", "javascript:alert(1)",
         "JaVaScRiPt:alert(1)", "data:text/html,x", "mailto:kim@example.org", "kim@example.org", "kim at example",
         "+82-2-2147-2375", "0221472375", "&a", "*a", "!!python/object:os.system", "!!binary aGk=", "<<",
         "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "- x", ": x", "# x", "| x", "> x",
         "'", '"', "{", "[", "}", "]", "", " ", "\t", "\ufeff", "\x85"]
words = st.sampled_from(WORDS)

scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-10, max_value=30), st.integers(), st.integers(min_value=-2**200, max_value=2**200),
    st.floats(), st.dates(), st.datetimes(),
    random_text, words,
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(NESTED_FIELDS + CASE_FIELDS), words, random_text), inner,
                        max_size=4),
    ),
    max_leaves=12,
)
keys = st.one_of(st.sampled_from(CASE_FIELDS), st.sampled_from(TYPOS), random_text, st.integers(), st.booleans(),
                 st.dates())

VALID = {
    "title": "Test case", "summary": "A case for tests.", "city": "seoul", "sdgs": [4],
    "published": dt.date(2024, 1, 1), "sources": [{"publisher": "Test"}],
}
PLAUSIBLE = {  # values that are often right, so that some examples build with more than the minimum
    "updated": st.sampled_from([dt.date(2024, 2, 1), dt.date(2024, 3, 1), dt.date(2023, 1, 1), "2024-02-01"]),
    "themes": st.lists(st.sampled_from(["lifelong-learning", "health", "smart-city", "lifelong-learnin"]),
                       max_size=3, unique=True),
    "period": st.fixed_dictionaries({}, optional={
        "start": st.sampled_from([2019, "2019-10", dt.date(2019, 10, 22), 2190, "2019-13"]),
        "end": st.sampled_from([2021, 2018, "2030-01", None]),
        "status": st.sampled_from(["planned", "ongoing", "completed", False]),
    }),
    "budget": st.fixed_dictionaries({"total": st.sampled_from([100, 100.5, -1, "100"]),
                                     "currency": st.sampled_from(["KRW", "krw", "EUR", "XXX"])},
                                    optional={"sources": st.lists(st.fixed_dictionaries(
                                        {"name": random_text, "amount": st.sampled_from([50, 100, -50, 0])}),
                                        max_size=3),
                                              "note": random_text}),
    "stakeholders": st.lists(random_text, max_size=3),
    "partners": st.lists(st.one_of(random_text, words), max_size=3),
    "keywords": st.lists(st.one_of(random_text, words, st.integers(0, 3000)), max_size=4),
    "contacts": st.lists(st.fixed_dictionaries({"name": random_text}, optional={
        "email": st.sampled_from(["kim@example.org", "a@b", "mailto:kim@example.org", "x@例え.jp"]),
        "phone": st.sampled_from(["+82-2-2147-2375", "0221472375", 221472375, "call me"]),
        "role": random_text, "organization": random_text}), max_size=2),
    "links": st.lists(st.fixed_dictionaries({"title": random_text, "url": st.sampled_from(
        ["https://example.org/x", "javascript:alert(1)", "www.example.org", "https://example.org/a b",
         "https://例え.jp/", "http://[::1/"])}), max_size=2),
    "reported": st.sampled_from([2021, "2021-03", dt.date(2021, 3, 1), 2190, "2021-13", 4.3]),
    "sdg_targets": st.lists(st.sampled_from(["4.3", 4.3, "4.a", "4.10", "18.1", "4-3", 4, "8.5"]), max_size=3),
    "sdgs_in_source": st.lists(st.sampled_from([4, 5, "4.3", 4.3, 18, "x"]), max_size=3),
    "milestones": st.lists(st.fixed_dictionaries({"date": st.sampled_from([2019, "2019-10-22", "x"]),
                                                  "title": random_text}, optional={
        "end": st.sampled_from([2018, 2020]), "kind": st.sampled_from(["session", "sesion"]),
        "place": st.sampled_from(["seoul", "busan"]), "source": st.sampled_from(["a", "b"])}), max_size=2),
    "indicators": st.lists(st.fixed_dictionaries({"name": random_text, "value": st.sampled_from([1, -1, "1"]),
                                                  "unit": random_text}, optional={
        "date": st.sampled_from([2020, "2020-10-01"]), "qualifier": st.sampled_from(["about", "some"])}), max_size=2),
    "inferred": st.lists(st.fixed_dictionaries({"field": st.sampled_from(["period.start", "x", "milestones[1]"]),
                                                "reason": random_text},
                                               optional={"how": st.sampled_from(["derived", "guessed"])}), max_size=2),
    "images": st.lists(st.fixed_dictionaries({"src": st.sampled_from(["photo.png", "missing.png", "../x.png"]),
                                              "alt": random_text}, optional={"caption": random_text}), max_size=2),
}


@st.composite
def front_matter_data(draw) -> dict:
    """A valid case, then some fields taken away, set to plausible or random values, or misspelt."""
    data = dict(VALID)
    for name in draw(st.lists(st.sampled_from(sorted(PLAUSIBLE)), max_size=4, unique=True)):
        data[name] = draw(PLAUSIBLE[name])
    if draw(st.integers(0, 2)) == 0:
        name = draw(st.sampled_from(CASE_FIELDS))
        if draw(st.booleans()):
            data.pop(name, None)
        else:
            data[name] = draw(values)
    if draw(st.integers(0, 3)) == 0:
        data[draw(keys)] = draw(values)
    return data


def dump(data: dict, style: str) -> str:
    if style == "flow":
        return yaml.safe_dump(data, allow_unicode=True, default_flow_style=True, width=10**6)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


yaml_line = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(CASE_FIELDS + TYPOS), st.one_of(words, random_text)),
    st.builds(lambda indent, v: " " * indent + f"- {v}", st.integers(0, 6), st.one_of(words, random_text)),
    st.builds(lambda indent, k, v: " " * indent + f"{k}: {v}", st.integers(0, 6), st.sampled_from(NESTED_FIELDS),
              st.one_of(words, random_text)),
    random_text, words,
)


@st.composite
def front_matter_text(draw) -> str:
    """YAML-ish text: well-formed YAML of random data, lines that may not be YAML, or anything."""
    kind = draw(st.sampled_from(["dump", "dump", "dump", "lines", "mixed", "raw"]))
    if kind == "dump":
        return dump(draw(front_matter_data()), draw(st.sampled_from(["block", "flow"])))
    if kind == "lines":
        return "\n".join(draw(st.lists(yaml_line, max_size=10))) + "\n"
    if kind == "mixed":  # valid YAML with a few lines broken in
        lines = dump(draw(front_matter_data()), "block").splitlines()
        for _ in range(draw(st.integers(1, 3))):
            lines.insert(draw(st.integers(0, len(lines))), draw(yaml_line))
        return "\n".join(lines) + "\n"
    return draw(st.text(text_chars, max_size=200))


SCHEMES = ["https://example.org/x", "http://example.org", "mailto:kim@example.org", "tel:+82", "javascript:alert(1)",
           "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "java\tscript:x", "data:text/html,x", "vbscript:x",
           "file:///etc/passwd", "//evil.example/", "/root-relative/", "../relative/", "#anchor", "?q=1", "", " ",
           "<>", "http://[::1/", "https://example.org/\"onmouseover=\"x", "x:y", "\\\\server\\x"]
inline = st.one_of(
    random_text, words,
    st.builds(lambda t: f"*{t}*", random_text), st.builds(lambda t: f"**{t}**", random_text),
    st.builds(lambda t: f"`{t}`", random_text), st.builds(lambda t: f"~~{t}~~", random_text),
    st.builds(lambda t, u: f"[{t}]({u})", random_text, st.sampled_from(SCHEMES)),
    st.builds(lambda t, u: f"![{t}]({u})", random_text, st.sampled_from(SCHEMES)),
    st.builds(lambda u: f"<{u}>", st.sampled_from(SCHEMES)),
    st.builds(lambda t, u: f'[{t}]({u} "{t}")', random_text, st.sampled_from(SCHEMES)),
    st.sampled_from(["<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "<!--", "-->",
                     "<iframe src=x>", "&amp;", "&#0;", "&#x110000;", "&nbsp;", "\\", "\x00", "\r", "\u2028",
                     "*£*", "_é_", "***", "[", "]", "](", "<", ">"]),
)
paragraph = st.builds(" ".join, st.lists(inline, min_size=1, max_size=6))
block = st.one_of(
    paragraph,
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 7), paragraph),
    st.builds(lambda t: f"{t}\n===", paragraph), st.builds(lambda t: f"{t}\n---", paragraph),
    st.builds(lambda items: "\n".join(f"- {i}" for i in items), st.lists(paragraph, min_size=1, max_size=3)),
    st.builds(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1)),
              st.lists(paragraph, min_size=1, max_size=3)),
    st.builds(lambda n, t: "> " * n + t, st.integers(1, 120), paragraph),
    st.builds(lambda n, t: "- " * n + t, st.integers(1, 80), paragraph),
    st.builds(lambda lang, t: f"```{lang}\n{t}\n```", st.sampled_from(["", "html", "js", "`"]), paragraph),
    st.builds(lambda t: "    " + t, paragraph),
    st.builds(lambda a, b: f"| {a} | {b} |\n|---|---|\n| {b} | {a} |", paragraph, paragraph),
    st.builds(lambda u: f"[ref]: {u}\n\n[x][ref]", st.sampled_from(SCHEMES)),
    st.sampled_from(["<script>\nalert(1)\n</script>", "<div onclick=alert(1)>", "---", "***", "", "\t", "   "]),
)
safe_inline = st.one_of(random_text, words, st.builds(lambda t: f"*{t}*", random_text),
                       st.builds(lambda t: f"[{t}](https://example.org/{t})", random_text))
safe_bodies = st.builds("\n\n".join, st.lists(st.one_of(
    st.builds(" ".join, st.lists(safe_inline, min_size=1, max_size=6)),
    st.builds(lambda t: f"## {t}", random_text)), max_size=5))
bodies = st.one_of(
    safe_bodies,
    st.builds("\n\n".join, st.lists(block, max_size=6)),
    st.builds("\n".join, st.lists(block, max_size=6)),
    st.text(text_chars, max_size=300),
)


@st.composite
def files(draw) -> bytes:
    """A whole content file: front matter and body, sometimes with CRLF, a BOM, no fences, or any bytes."""
    shape = draw(st.sampled_from(["normal"] * 8 + ["no-closing", "no-front-matter", "bytes"]))
    if shape == "bytes":
        return draw(st.binary(max_size=300))
    front, body = draw(front_matter_text()), draw(bodies)
    if shape == "no-closing":
        text = f"---\n{front}{body}"
    elif shape == "no-front-matter":
        text = body
    else:
        text = f"---\n{front}---\n{body}"
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


# ---- the property -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("property") / "site")
    project.write("content/media/photo.png", PNG)
    project.write("content/cities/songpa-gu.md", "---\nname: Songpa-gu\ncountry: KR\nparent: seoul\n---\nA district.\n")
    return project


_slugs = itertools.count()


def build_one(project: Project, data: bytes) -> tuple[int, str]:
    """Write data as the project's only case, build, and hold the result to the property."""
    for old in (project.root / "content" / "cases").iterdir():
        old.unlink()
    slug = f"case-{next(_slugs)}"
    project.write(f"content/cases/{slug}.md", data)
    result = project.build()
    output = result.out + result.err
    assert "Traceback" not in output
    assert result.code in (0, 1), output
    check = run_cli("check", "--root", str(project.root))
    assert check.code == result.code, (output, check.err)
    if result.code == 0:
        page = project.public / "cases" / slug / "index.html"
        assert page.is_file(), output
        assert unsafe_markup(page.read_text(encoding="utf-8")) == []
    else:
        problems = [line for line in result.err.splitlines() if line.startswith("content/")]
        assert problems, result.err
        assert "Build stopped: nothing was written" in result.err
    return result.code, output


@SETTINGS
@given(data=files())
def test_random_files_build_or_are_reported_never_crash(site, data):
    event(f"exit {build_one(site, data)[0]}")


@SETTINGS
@given(data=front_matter_data(), body=bodies, style=st.sampled_from(["block", "flow"]))
def test_random_well_formed_front_matter_builds_or_is_reported(site, data, body, style):
    """Always well-formed YAML: the schema, not the YAML parser, is what is exercised."""
    code, _ = build_one(site, f"---\n{dump(data, style)}---\n{body}".encode())
    event(f"exit {code}")


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_random_bodies_under_valid_front_matter(site, body):
    """The body alone varies: a body without a dangerous link or a top-level heading builds."""
    code, output = build_one(site, f"---\n{dump(VALID, 'block')}---\n{body}".encode())
    event(f"exit {code}")
    if code == 1:
        assert all(":" in line and (" body: " in line or "control character" in line or "not UTF-8" in line)
                   for line in output.splitlines() if line.startswith("content/cases/")), output


def test_a_valid_case_builds_and_an_incomplete_one_is_reported(site):
    """The helper the properties use tells the two outcomes apart (the properties print how
    often each happens with --hypothesis-show-statistics)."""
    assert build_one(site, f"---\n{dump(VALID, 'block')}---\n## Hello\n".encode())[0] == 0
    assert build_one(site, f"---\n{dump(VALID, 'flow')}---\n## Hello\n".encode())[0] == 0
    assert build_one(site, b"---\ntitle: x\n---\n")[0] == 1
