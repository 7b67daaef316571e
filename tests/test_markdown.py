"""The fast Markdown path gives exactly markdown-it-py's output, and bodies obey the link policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityedu_site import markdown
from conftest import MINI_CASE, ROOT, run_cli

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark-spec-examples.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def renderers():
    fast = markdown.Renderer(fast=True)
    assert fast.fast is not None, "markdown-it-pyrs is installed with the project"
    return fast, markdown.Renderer(fast=False)


def test_fast_path_equals_markdown_it_py_on_every_commonmark_spec_example(renderers):
    fast, reference = renderers
    assert len(SPEC["examples"]) == 652
    differ = [i for i, md in enumerate(SPEC["examples"]) if fast.render(md) != reference.render(md)]
    assert differ == []


def test_fast_path_equals_markdown_it_py_on_the_real_content(renderers):
    fast, reference = renderers
    files = sorted((ROOT / "content").rglob("*.md"))
    assert files
    for path in files:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert fast.render(body) == reference.render(body), path.name


@pytest.mark.parametrize("text", [
    "*£*bravo and *€*", "‘*quoted*’", "H~2~O and ~~gone~~", "> \n", "[x]\n\n> [x]: /u\n",
    "*평생학습*과 **송파구**는", "| 표 | 값 |\n|---|--:|\n| 가 | 1 |\n", "<script>alert(1)</script>",
    "[a](javascript:alert(1)) <javascript:alert(1)>",
])
def test_fast_path_equals_markdown_it_py_on_tricky_text(renderers, text):
    fast, reference = renderers
    assert fast.render(text) == reference.render(text)


def test_raw_html_is_shown_as_text(renderers):
    fast, _ = renderers
    assert fast.render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def problems_of(body: str, line: int = 12) -> list[str]:
    return [p.text() for p in markdown.render_checked(body, "content/cases/x.md", line, "cases/x/").problems]


@pytest.mark.parametrize("body, expected", [
    ("[a](javascript:alert(1))", "body: a link uses the scheme javascript:, which is not allowed"),
    ("[a](&#106;avascript:alert(1))", "body: a link uses the scheme javascript:, which is not allowed"),
    ("<vbscript:msgbox(1)>", "body: a link uses the scheme vbscript:, which is not allowed"),
    ("[a](/cases/x/)", "body: the link '/cases/x/' starts with /, which breaks on mirrors of this site"),
    ("[x]: //evil.example\n\n[a][x]", "body: the link '//evil.example' leaves out the scheme"),
    ("> # Title", "body: a top-level heading (# …) in the text"),
    ("Title\n=====", "body: a top-level heading (# …) in the text"),
])
def test_body_policy_messages(body, expected):
    [problem] = markdown.render_checked(body, "content/cases/x.md", 12, "cases/x/").problems
    assert expected in problem.text()
    assert problem.line == 12


# Every form Markdown has for a link or an image, each carrying a protocol-relative URL
# (another host, whatever the scheme of the page): the check sees what the renderer made.
EVIL = "//evil.example/p"
LINK_FORMS = {
    "inline": (f"[x]({EVIL})", 12, 5),
    "inline-angle": (f"[x](<{EVIL}>)", 12, 6),
    "inline-title": (f'[x]({EVIL} "t")', 12, 5),
    "multi-line": (f"[x](\n{EVIL})", 13, 1),
    "multi-line-quote": (f"> [x](\n> {EVIL})", 13, 3),  # the issue's example
    "multi-line-list": (f"- [x](\n  {EVIL})", 13, 3),
    "reference": (f"[x][r]\n\n[r]: {EVIL}", 14, 6),
    "reference-next-line": (f"[x][r]\n\n[r]:\n{EVIL}", 15, 1),
    "reference-collapsed": (f"[r][]\n\n[r]: {EVIL}", 14, 6),
    "reference-shortcut": (f"[r]\n\n[r]: {EVIL}", 14, 6),
    "reference-in-quote": (f"> [x][r]\n>\n> [r]: {EVIL}", 14, 8),
    "in-list": (f"1. item\n2. [x]({EVIL})", 13, 8),
    "in-nested-quote-list": (f"> - > [x]({EVIL})", 12, 11),
    "in-table": (f"| a | b |\n|---|---|\n| [x]({EVIL}) | c |", 14, 7),
    "in-heading": (f"## [x]({EVIL})", 12, 8),
    "in-emphasis": (f"*[x]({EVIL})*", 12, 6),
    "image": (f"![x]({EVIL})", 12, 6),
    "image-reference": (f"![x][r]\n\n[r]: {EVIL}", 14, 6),
    "image-in-link": (f"[![x]({EVIL})](https://example.org/)", 12, 7),
    "entity-slashes": ("[x](&#47;&#47;evil.example/p)", 12, 5),
    "escaped-slash": ("[x](\\//evil.example/p)", 12, 6),
}


@pytest.mark.parametrize("name", sorted(LINK_FORMS))
def test_every_form_of_link_is_checked_on_what_the_renderer_made(name):
    body, line, col = LINK_FORMS[name]
    problems = markdown.render_checked(body, "content/cases/x.md", 12, "cases/x/").problems
    assert len(problems) == 1, (body, [p.text() for p in problems])
    [problem] = problems
    assert (problem.line, problem.col) == (line, col), problem.text()
    what = "image" if name.startswith("image") else "link"
    assert problem.text() == (f"content/cases/x.md:{line}:{col}: body: the {what} '//evil.example/p' leaves out the "
                              "scheme; write the full address starting with https://")


def test_the_issues_multi_line_link_in_a_quote_is_refused_by_check(project):
    """`> [x](\\n> //evil.example/p)` passed `check` and published a link to another host."""
    project.case("bad", MINI_CASE.replace("Text.", "> [x](\n> //evil.example/p)"))
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/cases/bad.md:13:3: body: the link '//evil.example/p' leaves out the scheme; write the full "
        "address starting with https://",
        "1 error in 1 file"]
    assert project.build().code == 1 and not project.public.exists()


@pytest.mark.parametrize("body, expected", [
    ("![photo](https://example.org/x.png)",
     "content/cases/x.md:12:10: body: the image 'https://example.org/x.png' is on another site, and browsers show "
     "only this site's images here (its Content-Security-Policy); save the image in content/media/ and show it "
     "with ![what it shows](../../media/name.png)"),
    ("![photo](http://example.org/x.png)", "content/cases/x.md:12:10: body: the image 'http://example.org/x.png' "
     "is on another site"),
    ("![photo][p]\n\n[p]: https://example.org/x.png", "content/cases/x.md:14:6: body: the image "
     "'https://example.org/x.png' is on another site"),
    ("![photo](x.png)", "content/cases/x.md:12:10: body: the image 'x.png' is not a file of content/media/; put the "
     "image in content/media/ and write its address relative to the page: ![what it shows](../../media/name.png)"),
    ("![photo](../../assets/favicon.svg)", "content/cases/x.md:12:10: body: the image '../../assets/favicon.svg' "
     "is not a file of content/media/"),
    ("![photo](../../../media/x.png)", "content/cases/x.md:12:10: body: the image '../../../media/x.png' is not "
     "a file of content/media/"),
])
def test_images_in_bodies_are_files_of_content_media(body, expected):
    [problem] = problems_of(body)
    assert problem.startswith(expected), problem


def test_media_a_body_refers_to_are_found_however_written():
    body = ("![a](../../media/a.png) [b](../../media/docs/b.pdf#page=2) ![c][c] [d](<../../media/d e.pdf>)\n"
            "[e](../../media/e.pdf?download) [f](./../../media/f.png) [other](../other-case/) [web](https://x.org/)\n"
            "![a again](../../media/a.png)\n\n[c]: ../../media/c.webp\n")
    rendered = markdown.render_checked(body, "content/cases/x.md", 12, "cases/x/")
    assert rendered.problems == []
    assert [(m.name, m.image, m.line, m.col) for m in rendered.media] == [
        ("a.png", True, 12, 6), ("docs/b.pdf", False, 12, 29), ("c.webp", True, 16, 6), ("d e.pdf", False, 12, 73),
        ("e.pdf", False, 13, 5), ("f.png", False, 13, 37)]


@pytest.mark.parametrize("body, expected", [
    ("A &#x202E;gnp.exe", "content/cases/x.md:12:3: body: the text holds the direction control U+202E "
     "(RIGHT-TO-LEFT OVERRIDE), which makes text read in another order than it is stored; delete it; browsers set "
     "the direction of right-to-left scripts by themselves (the entity &#x202E; writes it too)"),
    ("A &#8238;gnp.exe", "content/cases/x.md:12:3: body: the text holds the direction control U+202E"),
    ("[a \u2066x\u2069](https://example.org/)", "content/cases/x.md:12:4: body: the text holds the direction "
     "control U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("| a |\n|---|\n| \u202dx |", "content/cases/x.md:14:3: body: the text holds the direction control U+202D"),
    ("line\n\n> a \x85 b", "content/cases/x.md:14:5: body: the text holds the control character U+0085; delete it; "
     "it is invisible in most editors (the entity &#x85; writes it too)"),
    ("![alt \u202e](../../media/a.png)", "content/cases/x.md:12:7: body: the text holds the direction control U+202E"),
])
def test_what_entities_and_characters_put_into_the_html_is_checked(body, expected):
    [problem] = problems_of(body)
    assert problem.startswith(expected), problem


def test_entities_for_control_characters_become_the_replacement_character():
    """markdown-it turns &#0;, &#27;, &#x85; and noncharacters into U+FFFD: no control
    character reaches the HTML through an entity, so none needs telling."""
    rendered = markdown.render_checked("&#0; &#27; &#x85; &#x9F; &#127; &#xFFFE; &#xFDD0; &#xD800;",
                                       "content/cases/x.md", 12, "cases/x/")
    assert rendered.problems == []
    assert rendered.html == "<p>" + " ".join(["\ufffd"] * 8) + "</p>\n"


def test_zero_width_characters_and_marks_are_fine_in_bodies():
    """Thai marks word breaks with U+200B; Persian and the Indic scripts need the joiners;
    mixed Arabic and Latin text needs the direction marks U+200E and U+200F."""
    body = "ภาษา\u200bไทย می\u200cخواهم क्\u200dष 👩\u200d💻 عربي\u200f (1) abc\u200e"
    assert problems_of(body) == []


def test_the_benchmark_corpus_is_valid_and_the_fast_path_renders_it_alike(renderers, tmp_path):
    """bench/corpus.py makes what the benchmark builds: every file passes `check`, and every
    body (tables, lists, Korean) renders the same on both paths."""
    from bench import corpus

    site = tmp_path / "corpus"
    corpus.generate(site, cases=300)
    run = run_cli("check", "--root", str(site))
    # Its dates are fixed, so its statuses age into warnings (cityedu_site/reporting.py): no errors.
    assert run.code == 0 and "error" not in run.out.splitlines()[0], run.out + run.err
    fast, reference = renderers
    files = sorted((site / "content").rglob("*.md"))
    assert len(files) > 300
    for path in files:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert fast.render(body) == reference.render(body), path.name
