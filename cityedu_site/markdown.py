"""The one configured Markdown renderer and the link policy for untrusted bodies.

The reference is markdown-it-py's "js-default" preset: CommonMark plus tables and
strikethrough, raw HTML off (a `<script>` in a body is shown as text), no typographer.
markdown-it-pyrs (the same markdown-it, in Rust) renders the same documents fifteen times
faster; we use it wherever it gives byte-identical output (tests compare the two on the
CommonMark spec examples and on whole corpora) and fall back to the reference where the
two parsers differ (emphasis delimiters next to non-ASCII punctuation or symbols, `*£*`,
which markdown-it-py treats by the newer spec) and where markdown-it-pyrs is slow or
fragile (nested emphasis, deep nesting).

Every body is rendered when it is checked, and the policy is enforced on the HTML the
renderer produced (render_checked): every href and src (http(s), mailto, tel and links
relative to the page; images only from content/media/, since the Content-Security-Policy
lets browsers show no other), no top-level heading, no control character or direction
override, even one an entity wrote. A body that breaks it is a Problem, so nothing unsafe
is published. A body too long or too densely formatted to render in bounded time is
refused before it is rendered (complexity_problems).
"""

from __future__ import annotations

import functools
import html
import itertools
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from . import characters, urls
from .problems import Problem

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ATTR_RE = re.compile(r'<(a|img)\s[^>]*?\b(href|src)="([^"]*)"')


# The rules of markdown-it's js-default preset, minus raw HTML, for markdown-it-pyrs.
_FAST_RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
               "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
               "table", "strikethrough"]
# An emphasis delimiter beside a non-ASCII character that is neither a letter, a digit nor
# a space. Written to start with the delimiter, so the regex engine skips ahead quickly.
_NEEDS_REFERENCE = re.compile(r"[*_~](?:(?<=[^\x00-\x7f\w\s][*_~])|(?=[^\x00-\x7f\w\s]))")
# markdown-it-pyrs has no limit on nesting: a body of a hundred thousand `>` or `1. ` overflows
# its stack and kills the process. markdown-it-py stops nesting at 100 levels; lines that
# start with enough container markers or indentation to nest that deep go to it.
_DEEP_NESTING = re.compile(r"^[ \t>*+0-9.)-]{64,}", re.M)
# markdown-it-pyrs pairs emphasis delimiters in quadratic time when they nest (half a
# megabyte of `*a *a … b* b*` took a minute), markdown-it-py in linear time. Past this many
# `*` and `_`, far more than prose holds, the reference renders the body.
MAX_FAST_DELIMITERS = 3_000
# markdown-it-pyrs puts a newline inside an empty blockquote; markdown-it-py does not.
_EMPTY_QUOTE = ("<blockquote>\n</blockquote>", "<blockquote></blockquote>")

# What a body may hold, so that either renderer makes its HTML in well under a second at the
# file size limit. markdown-it-py, the slower, spends up to ~50 µs on a line (a table row),
# ~130 µs on an unmatched `[` and ~16 µs on a formatting character (a table cell);
# tests/test_render_time.py holds every known pathological family to 2 s on both renderers.
MAX_LINES = 5_000
MAX_BRACKETS = 1_000
MAX_MARKS = 10_000
MARKS = "*_`~<>|&\\!"
MAX_TABLE_COLUMNS = 30
MAX_TABLE_CELLS = 20_000
_MARK_RE = re.compile("[" + re.escape(MARKS) + "]")
_DELIMITER_CELL_RE = re.compile(r":?-+:?")


class Renderer:
    """Markdown → HTML, identical to markdown-it-py's js-default preset with raw HTML off."""

    def __init__(self, fast: bool = True):
        self.reference = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
        self.fast = _fast_parser() if fast else None

    def render(self, text: str) -> str:
        if self.fast is not None and fast_renders(text):
            return self.fast.render(text, xhtml=False).replace(*_EMPTY_QUOTE)
        return self.reference.render(text)


def fast_renders(text: str) -> bool:
    """Whether markdown-it-pyrs renders text exactly as markdown-it-py does, and quickly."""
    return (text.count("*") + text.count("_") <= MAX_FAST_DELIMITERS and not _NEEDS_REFERENCE.search(text)
            and not _DEEP_NESTING.search(text))


def _fast_parser():
    try:
        import markdown_it_pyrs
    except ImportError:  # a platform without its wheel: the reference renders everything
        return None
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(_FAST_RULES)


@functools.cache
def shared_renderer() -> Renderer:
    """One renderer per process: building the parsers costs more than a page."""
    return Renderer()


@dataclass(frozen=True, slots=True)
class MediaLink:
    """A file of content/media/ a body shows (an image) or links to, and where it says so."""

    name: str  # below content/media/
    image: bool
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Rendered:
    """A body's HTML (empty when it was refused unrendered), what in it breaks the policy, and
    the media it refers to (whether they exist is for the caller, who knows content/media/)."""

    html: str
    problems: list[Problem]
    media: tuple[MediaLink, ...]


def render_checked(body: str, rel: str, body_line: int, page_url: str) -> Rendered:
    """Render a body as the build does and check what came out, in one pass. page_url is
    the page's address ("cases/x/"): relative links are resolved from there."""
    problems = complexity_problems(body, rel, body_line)
    if problems:  # rendering it could take minutes: not attempted
        return Rendered("", problems, ())
    body_html = shared_renderer().render(body)
    problems, media = html_problems(body_html, body, rel, body_line, page_url)
    return Rendered(body_html, problems + refused_links(body, rel, body_line, problems), media)


def complexity_problems(body: str, rel: str, body_line: int) -> list[Problem]:
    """A body too long or too densely formatted to render quickly, told where it passes the
    limit. Counting characters is cheap: a normal body costs next to nothing."""
    problems = []
    if len(body) > min(MAX_LINES, MAX_BRACKETS, MAX_MARKS):  # else it cannot hold that many
        lines = body.count("\n") + 1
        if lines > MAX_LINES:
            problems.append(Problem(rel, body_line + MAX_LINES, 1, "body", f"the text has {lines:,} lines, over "
                                    f"the limit of {MAX_LINES:,}", "split it into several case studies, or put "
                                    "long lists and tables in a PDF in content/media/ and link to it"))
        brackets = body.count("[")
        if brackets > MAX_BRACKETS:
            index = _nth(re.finditer(r"\[", body), MAX_BRACKETS)
            problems.append(_at(body, index, rel, body_line, f"the text has {brackets:,} square brackets [ (links, "
                                f"images and others), over the limit of {MAX_BRACKETS:,}",
                                "link to fewer places, use round brackets ( ) for asides, or split the text"))
        marks = sum(body.count(mark) for mark in MARKS)
        if marks > MAX_MARKS:
            index = _nth(_MARK_RE.finditer(body), MAX_MARKS)
            problems.append(_at(body, index, rel, body_line, f"the text has {marks:,} formatting characters "
                                f"({' '.join(MARKS)}), over the limit of {MAX_MARKS:,}",
                                "simplify it: fewer table cells and less emphasis, or split the text"))
    if "|" in body and "-" in body:
        problems.extend(_table_problems(body, rel, body_line))
    return problems


def _table_problems(body: str, rel: str, body_line: int) -> list[Problem]:
    """A table too wide, or with too many cells: every row gets a cell for each column,
    however few it writes, so the HTML grows as their product."""
    lines = body.split("\n")
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        if "-" not in line or "|" not in line or line.strip(" \t>|:-*+.)0123456789"):
            continue  # not a delimiter row (`|---|:--:|`, in a quote or a list too)
        columns = len(_DELIMITER_CELL_RE.findall(line))
        first = number
        while number < len(lines) and lines[number].strip(" \t>"):  # the rows, up to a blank line at most
            number += 1
        rows = number - first
        if columns > MAX_TABLE_COLUMNS or columns * rows > MAX_TABLE_CELLS:
            index = sum(len(text) + 1 for text in lines[:first - 1])
            if columns > MAX_TABLE_COLUMNS:
                return [_at(body, index, rel, body_line, f"a table has {columns} columns, over the limit of "
                            f"{MAX_TABLE_COLUMNS}", "split it into narrower tables")]
            return [_at(body, index, rel, body_line, f"a table has {columns} columns and {rows:,} rows, over the "
                        f"limit of {MAX_TABLE_CELLS:,} cells", "split it into smaller tables, or put the figures "
                        "in a PDF in content/media/ and link to it")]
    return []


def _nth(matches, index: int) -> int:
    return next(itertools.islice(matches, index, None)).start()


def _at(body: str, index: int, rel: str, body_line: int, message: str, hint: str) -> Problem:
    line, col = _position(body, index, body_line)
    return Problem(rel, line, col, "body", message, hint)


def _position(body: str, index: int, body_line: int) -> tuple[int, int]:
    """(line, column) in the file of body[index]."""
    line_start = body.rfind("\n", 0, index) + 1
    return body_line + body.count("\n", 0, index), index - line_start + 1


def html_problems(body_html: str, body: str, rel: str, body_line: int,
                  page_url: str) -> tuple[list[Problem], tuple[MediaLink, ...]]:
    """What in rendered HTML breaks the policy (every href and src, h1 headings, characters),
    and the media it refers to. Raw HTML is off, so every tag in it is the renderer's own."""
    problems = []
    media: dict[tuple[str, bool], MediaLink] = {}
    seen = set()
    for match in _ATTR_RE.finditer(body_html):
        tag, url = match.group(1), html.unescape(match.group(3))
        if (tag, url) in seen:  # the same link a thousand times is one problem
            continue
        seen.add((tag, url))
        reason = link_refusal(url) or (_image_refusal(url, page_url) if tag == "img" else None)
        if reason:
            line, col = _find(body, url, body_line)
            what = "image" if tag == "img" else "link"
            problems.append(Problem(rel, line, col, "body", f"the {what} {_shorten(url)!r} {reason[0]}", reason[1]))
            continue
        name = media_name(page_url, url)
        if name is not None and (name, tag == "img") not in media:
            media[name, tag == "img"] = MediaLink(name, tag == "img", *_find(body, url, body_line))
    if "<h1>" in body_html:  # raw HTML is off: a <h1> in the text is written &lt;h1&gt;
        line, col = _find_heading(body, body_line)
        problems.append(Problem(rel, line, col, "body", "a top-level heading (# …) in the text",
                                "the title is the page's only top-level heading; start sections "
                                "with ## and sub-sections with ###"))
    refused = characters.first_refused(body_html, characters.HTML_RE)
    if refused >= 0:
        what, fix = characters.describe(body_html[refused], markup="html")
        line, col = _find_character(body, body_html[refused], body_line)
        problems.append(Problem(rel, line, col, "body", f"the text holds {what}", fix))
    return problems, tuple(media.values())


def media_name(page_url: str, url: str) -> str | None:
    """The file below content/media/ that a relative URL on the page at page_url leads to, or None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(page_url, unquote(parts.path)))
    prefix = urls.media("")
    return target[len(prefix):] if target.startswith(prefix) else None


def _image_refusal(url: str, page_url: str) -> tuple[str, str] | None:
    """Images are files of content/media/: the Content-Security-Policy (img-src 'self')
    makes browsers refuse any other, and readers would see a broken image."""
    example = f"![what it shows]({urls.relative(page_url, urls.media('name.png'))})"
    if urlsplit(url).scheme:
        return ("is on another site, and browsers show only this site's images here (its "
                "Content-Security-Policy)", f"save the image in content/media/ and show it with {example}")
    if media_name(page_url, url) is None:
        return ("is not a file of content/media/",
                f"put the image in content/media/ and write its address relative to the page: {example}")
    return None


_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")


def _find_character(body: str, char: str, body_line: int) -> tuple[int, int]:
    """Where a character is written in the body: as itself, or as an entity."""
    index = body.find(char)
    if index < 0:
        index = next((m.start() for m in _ENTITY_RE.finditer(body) if html.unescape(m.group()) == char), -1)
    return _position(body, index, body_line) if index >= 0 else (body_line, 0)


# Where a Markdown source can put a URL: inline links and images `](…)`, reference
# definitions `]: …`, autolinks `<scheme:…>`.
_DESTINATION_RE = re.compile(r"\]\(\s*<?([^\s)>]*)|\]:[ \t]*\n?[ \t]*<?(\S*)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_DANGEROUS_SCHEME_RE = re.compile(r"^(javascript|vbscript|data|file):", re.I)
_PLAIN_STARTS = ("https://", "http://", "mailto:", "tel:", "../", "./", "#")  # cannot turn into a scheme


def refused_links(body: str, rel: str, body_line: int, reported: list[Problem]) -> list[Problem]:
    """Links the renderer refused and showed as text (`[a](javascript:…)`): harmless, yet
    worth telling the editor. This adds to the check of the HTML above, never replaces it."""
    problems = []
    told = {p.message for p in reported}
    for groups in _DESTINATION_RE.findall(body):
        for destination in filter(None, groups):
            if destination.startswith(_PLAIN_STARTS):
                continue
            compact = "".join(c for c in html.unescape(destination) if c.isprintable() and not c.isspace())
            dangerous = _DANGEROUS_SCHEME_RE.match(compact)
            if dangerous:
                message = f"a link uses the scheme {dangerous.group(1).lower()}:, which is not allowed"
                if message not in told:
                    line, col = _find(body, destination, body_line)
                    problems.append(Problem(rel, line, col, "body", message, "link only to http(s) pages, "
                                            "mailto: addresses, tel: numbers or pages of this site"))
                    told.add(message)
    return problems


@functools.lru_cache(maxsize=4096)
def link_refusal(url: str) -> tuple[str, str] | None:
    """(why, how to fix) when a URL in a body is not allowed, else None."""
    stripped = url.strip()
    parts = urlsplit(stripped)
    if parts.scheme:
        if parts.scheme.lower() not in ALLOWED_SCHEMES:
            return (f"uses the scheme {parts.scheme}:, which is not allowed",
                    "link only to http(s) pages, mailto: addresses, tel: numbers or pages of this site")
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            return "has no host name", "write the full address, like https://example.org/page"
        return None
    if stripped.startswith("//"):
        return "leaves out the scheme", "write the full address starting with https://"
    if stripped.startswith("/"):
        return ("starts with /, which breaks on mirrors of this site",
                "link relative to this page, for example ../other-case/")
    if "\\" in stripped:
        return "contains a backslash", "use forward slashes in links"
    return None


def _shorten(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."


def _find(body: str, needle: str, body_line: int) -> tuple[int, int]:
    """Where a URL of the HTML is written in the body: as it is, percent-decoded (a space
    in `<…>`), or as a destination written with entities or escapes."""
    index = body.find(needle)
    if index < 0:
        index = body.find(unquote(needle))
    if index < 0:
        index = next((m.start(g) for m in _DESTINATION_RE.finditer(body) for g in (1, 2, 3)
                      if m.group(g) and unquote(html.unescape(m.group(g).replace("\\", ""))) == unquote(needle)), -1)
    if index < 0:
        index = body.find(needle.split(":", 1)[0] + ":")
    return _position(body, index, body_line) if index >= 0 else (body_line, 0)


def _find_heading(body: str, body_line: int) -> tuple[int, int]:
    """Where the first top-level heading starts: `# x`, a line underlined with `===`, in a
    quote or a list too (the parser's line map knows them all)."""
    for token in shared_renderer().reference.parse(body):
        if token.type == "heading_open" and token.tag == "h1" and token.map:
            line = body.split("\n")[token.map[0]]
            marker = re.match(r"[ \t>*+0-9.)-]*?(?=#)", line) if token.markup == "#" else None
            col = marker.end() + 1 if marker else len(line) - len(line.lstrip(" \t>*+0123456789.)-")) + 1
            return body_line + token.map[0], col
    return body_line, 0
