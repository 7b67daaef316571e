"""The one configured Markdown renderer and the link policy for untrusted bodies.

The reference is markdown-it-py's "js-default" preset: CommonMark plus tables and
strikethrough, raw HTML off (a `<script>` in a body is shown as text), no typographer.
markdown-it-pyrs (the same markdown-it, in Rust) renders the same documents fifteen times
faster; we use it wherever it gives byte-identical output (tests compare the two on the
CommonMark spec examples and on whole corpora) and fall back to the reference for the one
construct where the two parsers differ: emphasis delimiters next to non-ASCII punctuation
or symbols (`*£*`), which markdown-it-py treats by the newer spec.

After rendering, every href and src we produced is checked against the policy: http(s),
mailto, tel and relative links only. A body that breaks it is a Problem, so nothing
unsafe is ever published.
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from .problems import Problem

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_ATTR_RE = re.compile(r'<(a|img)\s[^>]*?\b(href|src)="([^"]*)"')
_H1_RE = re.compile(r"^<h1>", re.M)


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
# markdown-it-pyrs puts a newline inside an empty blockquote; markdown-it-py does not.
_EMPTY_QUOTE = ("<blockquote>\n</blockquote>", "<blockquote></blockquote>")


class Renderer:
    """Markdown → HTML, identical to markdown-it-py's js-default preset with raw HTML off."""

    def __init__(self, fast: bool = True):
        self.reference = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})
        self.fast = _fast_parser() if fast else None

    def render(self, text: str) -> str:
        if self.fast is not None and not _NEEDS_REFERENCE.search(text) and not _DEEP_NESTING.search(text):
            return self.fast.render(text, xhtml=False).replace(*_EMPTY_QUOTE)
        return self.reference.render(text)


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


# Where a Markdown source can put a URL: inline links and images `](…)`, reference
# definitions `]: …`, autolinks `<scheme:…>`; and where it can make a top-level heading.
_DESTINATION_RE = re.compile(r"\]\(\s*<?([^\s)>]*)|\]:[ \t]*\n?[ \t]*<?(\S*)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_HEADING_RE = re.compile(r"^[ \t>*+0-9.)-]*(#(?=[ \t]|$)|=+[ \t]*$)", re.M)
_PLAINLY_FINE = re.compile(r"(?:https?://[^\s\\&%/][^\s\\&%]*|mailto:[^\s\\&%]+|tel:[^\s\\&%]+"
                           r"|[A-Za-z0-9_.~#?=+-][^\s\\&%:]*)?")
_DANGEROUS_SCHEME_RE = re.compile(r"^(javascript|vbscript|data|file):", re.I)


def body_problems(body: str, rel: str, body_line: int) -> list[Problem]:
    """What in a body breaks our link and heading policy, placed at its line in the file.

    Most bodies hold only plain https links and ## headings: a scan of the source shows
    it, and they are not rendered. The others are rendered and their HTML is checked."""
    suspects = [d for groups in _DESTINATION_RE.findall(body) for d in groups
                if d and not _PLAINLY_FINE.fullmatch(d)]
    if not suspects and not _HEADING_RE.search(body):
        return []
    body_html = shared_renderer().render(body)
    problems = html_problems(body_html, body, rel, body_line)
    reported = {p.message for p in problems}
    for destination in suspects:  # refused by the renderer (shown as text), still worth saying
        compact = "".join(c for c in html.unescape(destination) if c.isprintable() and not c.isspace())
        dangerous = _DANGEROUS_SCHEME_RE.match(compact)
        if dangerous:
            message = f"a link uses the scheme {dangerous.group(1).lower()}:, which is not allowed"
            if message not in reported:
                line, col = _find(body, destination, body_line)
                problems.append(Problem(rel, line, col, "body", message, "link only to http(s) pages, "
                                        "mailto: addresses, tel: numbers or pages of this site"))
                reported.add(message)
    return problems


def html_problems(body_html: str, body: str, rel: str, body_line: int) -> list[Problem]:
    """What in rendered HTML breaks the policy: every href and src, and h1 headings."""
    problems = []
    seen = set()
    for match in _ATTR_RE.finditer(body_html):
        tag, url = match.group(1), html.unescape(match.group(3))
        reason = link_refusal(url)
        if reason and (tag, url) not in seen:  # the same link a thousand times is one problem
            seen.add((tag, url))
            line, col = _find(body, url, body_line)
            what = "image" if tag == "img" else "link"
            problems.append(Problem(rel, line, col, "body", f"the {what} {_shorten(url)!r} {reason[0]}",
                                    reason[1]))
    if _H1_RE.search(body_html):
        line, col = _find_heading(body, body_line)
        problems.append(Problem(rel, line, col, "body", "a top-level heading (# …) in the text",
                                "the title is the page's only top-level heading; start sections "
                                "with ## and sub-sections with ###"))
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
    index = body.find(needle)
    if index < 0:
        index = body.find(needle.split(":", 1)[0] + ":")
    if index < 0:
        return body_line, 0
    line_start = body.rfind("\n", 0, index) + 1
    return body_line + body.count("\n", 0, index), index - line_start + 1


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
