"""Every body `check` accepts renders in bounded time, with either renderer.

markdown-it-pyrs took 66 s on half a megabyte of nested `*` emphasis that `check` passed in
0.2 s; markdown-it-py takes seconds on as many unmatched `[`. For each known pathological
family of Markdown, at the file size limit and at the largest size `check` accepts: the
check answers in under 2 s, and an accepted body renders in under 2 s both through the
build's renderer (markdown-it-pyrs, or markdown-it-py where it routes the body) and through
markdown-it-py alone (a platform without the markdown-it-pyrs wheel). Times are CPU time of
this process, so that other work on a shared machine does not make the test flaky.
"""

from __future__ import annotations

import time

import pytest

from cityedu_site import markdown
from cityedu_site.sources import MAX_FILE_BYTES
from conftest import MINI_CASE

BOUND = 2.0  # seconds
SIZE = MAX_FILE_BYTES - 1024  # a body at the file limit, with room for front matter


def fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def nest(opening: str, closing: str, middle: str, size: int) -> str:
    count = max(0, (size - len(middle)) // (len(opening) + len(closing)))
    return opening * count + middle + closing * count


def table(columns: int, row: str, size: int) -> str:
    head = "|" + "a|" * columns + "\n|" + "-|" * columns + "\n"
    return head + fill(row, max(0, size - len(head)))


def all_limits(size: int) -> str:
    """Every limit nearly reached at once: lines, brackets, formatting characters, table cells."""
    images = "> - ![x\n" * (markdown.MAX_BRACKETS - 1)
    rows = table(markdown.MAX_TABLE_COLUMNS, "|x|\n", 0) + "|x|\n" * (markdown.MAX_TABLE_CELLS // markdown.MAX_TABLE_COLUMNS - 1)
    marks = images.count(">") + images.count("!") + rows.count("|")
    emphasis = "*a* " * ((markdown.MAX_MARKS - marks) // 2 - 10) + "\n\n"
    lines = "a\n" * (markdown.MAX_LINES - 10 - (images + rows + emphasis).count("\n"))
    return (images + "\n" + rows + "\n" + emphasis + lines)[:size]


FAMILIES = {
    "nested-star": lambda n: nest("*a ", " b*", "x", n),
    "nested-underscore": lambda n: nest("_a ", " b_", "x", n),
    "nested-strong": lambda n: nest("**", "**", "a", n),
    "nested-star-underscore": lambda n: nest("*_", "_*", "a", n),
    "open-emphasis": lambda n: fill("*a ", n),
    "alternating-emphasis": lambda n: fill("*_", n),
    "strikethrough": lambda n: fill("~~a ", n),
    "links": lambda n: fill("[a](b) ", n),
    "links-unclosed": lambda n: fill("[a](", n),
    "links-nested": lambda n: nest("[", "](b)", "a", n),
    "brackets": lambda n: fill("[", n),
    "brackets-text": lambda n: fill("[a", n),
    "images-unclosed": lambda n: fill("![", n),
    "reference-definitions": lambda n: fill("[a]: b\n", n),
    "reference-uses": lambda n: "[a]: b\n\n" + fill("[a] ", n - 8),
    "blockquotes-deep": lambda n: fill(">", n),
    "blockquote-lines": lambda n: fill("> a\n", n),
    "lists-deep": lambda n: fill("1. ", n),
    "lists-deep-bullets": lambda n: fill("- * + ", n),
    "list-items": lambda n: fill("- a\n", n),
    "lists-indented": lambda n: "".join(" " * i + "- x\n" for i in range(0, 2000, 2))[:n],
    "quotes-and-lists": lambda n: fill("> - ", n),
    "backticks": lambda n: fill("`", n),
    "backtick-runs": lambda n: "".join("`" * i + "a" for i in range(1, 3000))[:n],
    "entities": lambda n: fill("&amp;", n),
    "entities-numeric": lambda n: fill("&#x202;", n),
    "table-columns": lambda n: "|" + "a|" * (n // 4) + "\n|" + "-|" * (n // 4) + "\n",
    "table-rows": lambda n: table(2, "|a|b|\n", n),
    "table-wide-short-rows": lambda n: table(200, "|x\n", n),
    "table-at-column-limit": lambda n: table(markdown.MAX_TABLE_COLUMNS, "|x\n", n),
    "autolinks": lambda n: fill("<a:b> ", n),
    "angle-brackets": lambda n: fill("<a ", n),
    "escapes": lambda n: fill("\\*", n),
    "lines": lambda n: fill("a\n", n),
    "paragraphs": lambda n: fill("a\n\n", n),
    "headings": lambda n: fill("# a\n", n),
    "setext-headings": lambda n: fill("a\n=\n", n),
    "thematic-breaks": lambda n: fill("---\n", n),
    "punctuation": lambda n: fill("a-b:c#d=e@f$g%h+i^j{k}", n),
    "prose": lambda n: fill("Songpa-gu runs one education brand for residents of every age. ", n),
    "all-limits": all_limits,
}


def cpu_seconds(function, *args) -> tuple[float, object]:
    start = time.process_time()
    result = function(*args)
    return time.process_time() - start, result


def check(body: str) -> markdown.Rendered:
    return markdown.render_checked(body, "content/cases/x.md", 12, "cases/x/")


def largest_accepted(family) -> int:
    """The largest size of a family that the limits accept (counting is cheap: bisect)."""
    low, high = 0, SIZE
    while low < high:
        middle = (low + high + 1) // 2
        if markdown.complexity_problems(family(middle), "x.md", 1):
            high = middle - 1
        else:
            low = middle
    return low


@pytest.fixture(scope="module")
def renderers():
    fast = markdown.Renderer(fast=True)
    assert fast.fast is not None, "markdown-it-pyrs is installed with the project"
    return {"build's renderer": fast, "markdown-it-py alone": markdown.Renderer(fast=False)}


def assert_bounded(body: str, renderers) -> None:
    seconds, rendered = cpu_seconds(check, body)
    assert seconds < BOUND, f"check took {seconds:.2f} s"
    if any(p.message.startswith(("the text has", "a table has")) for p in rendered.problems):
        assert rendered.html == "", "a body refused for its size is not rendered"
        return
    for name, renderer in renderers.items():
        seconds, html = cpu_seconds(renderer.render, body)
        assert seconds < BOUND, f"{name} took {seconds:.2f} s on {len(body):,} characters"
        if name == "build's renderer":
            assert html == rendered.html


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_each_pathological_family_at_the_size_limit_checks_and_renders_in_bounded_time(name, renderers):
    body = FAMILIES[name](SIZE)
    assert len(body.encode()) <= SIZE + 8
    assert_bounded(body, renderers)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_each_pathological_family_at_the_largest_accepted_size_renders_in_bounded_time(name, renderers):
    body = FAMILIES[name](largest_accepted(FAMILIES[name]))  # (refused at any size: its smallest)
    assert_bounded(body, renderers)


def test_the_issues_example_is_refused_with_what_to_simplify():
    """~500 KB of nested `*` emphasis passed check and took 66 s to build."""
    body = FAMILIES["nested-star"](500_000)
    seconds, rendered = cpu_seconds(check, body)
    assert seconds < BOUND
    assert [p.text() for p in rendered.problems] == [
        "content/cases/x.md:12:30001: body: the text has 166,666 formatting characters (* _ ` ~ < > | & \\ !), "
        "over the limit of 10,000; simplify it: fewer table cells and less emphasis, or split the text"]


def test_nested_emphasis_below_the_limits_goes_to_the_reference_renderer():
    """markdown-it-pyrs pairs nested delimiters in quadratic time: past a few thousand, the
    reference (linear) renders, and both give the same HTML."""
    body = nest("*a ", " b*", "x", 3 * 2 * markdown.MAX_FAST_DELIMITERS)
    assert not markdown.complexity_problems(body, "x.md", 1)
    assert not markdown.fast_renders(body)
    assert markdown.fast_renders(nest("*a ", " b*", "x", 3 * markdown.MAX_FAST_DELIMITERS))
    assert markdown.Renderer().render(body) == markdown.Renderer(fast=False).render(body)


@pytest.mark.parametrize("body, expected", [
    ("a\n" * 5_001, "content/cases/x.md:5012:1: body: the text has 5,002 lines, over the limit of 5,000; split it "
     "into several case studies, or put long lists and tables in a PDF in content/media/ and link to it"),
    ("x " * 5_000 + "[" * 1_001, "content/cases/x.md:12:11001: body: the text has 1,001 square brackets [ (links, "
     "images and others), over the limit of 1,000; link to fewer places, use round brackets ( ) for asides, or "
     "split the text"),
    ("intro\n\n" + "| a " * 31 + "|\n" + "|---" * 31 + "|\n", "content/cases/x.md:15:1: body: a table has 31 "
     "columns, over the limit of 30; split it into narrower tables"),
    ("> - " + "| a " * 31 + "|\n>   " + "|:-:" * 31 + "|\n", "content/cases/x.md:13:1: body: a table has 31 "
     "columns, over the limit of 30"),
    ("| a " * 6 + "|\n" + "|---" * 6 + "|\n" + "| 1 |\n" * 4_000, "content/cases/x.md:13:1: body: a table has 6 "
     "columns and 4,000 rows, over the limit of 20,000 cells; split it into smaller tables, or put the figures in a "
     "PDF in content/media/ and link to it"),
])
def test_each_limit_is_told_where_the_text_passes_it(body, expected):
    [problem] = check(body).problems
    assert problem.text().startswith(expected), problem.text()


def test_a_table_at_the_limits_is_accepted():
    body = "| a " * 30 + "|\n" + "|---" * 30 + "|\n" + "| 1 |\n" * 666
    rendered = check(body)
    assert rendered.problems == [] and rendered.html.count("<td>") == 30 * 666


def test_the_issues_example_is_refused_by_check_quickly(project):
    """The whole path: `check` on a case whose text is ~500 KB of nested emphasis."""
    project.case("nested", MINI_CASE.replace("Text.", FAMILIES["nested-star"](500_000)))
    start = time.process_time()
    result = project.check()
    assert time.process_time() - start < BOUND
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/cases/nested.md:12:30001: body: the text has 166,666 formatting characters (* _ ` ~ < > | & \\ !), "
        "over the limit of 10,000; simplify it: fewer table cells and less emphasis, or split the text",
        "1 error in 1 file"]
