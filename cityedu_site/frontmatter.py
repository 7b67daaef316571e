"""YAML front matter → plain data, strictly, with the position of every value.

PyYAML's C parser does the work. On top of it we refuse what editors never mean and
YAML silently accepts: duplicate keys (YAML keeps the last), anchors and aliases (the
"billion laughs"), impossible dates (a ValueError, not a YAMLError), numbers too long to
read (another ValueError), absurd nesting.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml

from . import characters, fastyaml
from .problems import Problem, dotted

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class InvalidDate:
    """Stands in for a value whose Problem is already reported: a date or a number YAML could
    not build, a text holding a character text may not hold (characters.py)."""

    text: str


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that records duplicate keys and impossible dates instead of hiding them."""

    def __init__(self, stream):
        super().__init__(stream)
        # (where, message, hint, where an earlier occurrence is) for each problem found
        self.findings: list[tuple[yaml.Mark, str, str, yaml.Mark | None]] = []

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key, e.g. a list; PyYAML reports it below
                continue
            if first is not None:
                self.findings.append((key_node.start_mark, f"the field {key!r} appears twice",
                                      "keep one of them; YAML would silently use the last", first))
            else:
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            self.findings.append((node.start_mark, f"{node.value!r} is not a real date",
                                  "write it as YYYY-MM-DD with a month from 01 to 12 and a day "
                                  "that exists in that month", None))
            return InvalidDate(node.value)

    def construct_yaml_int(self, node):
        try:
            value = super().construct_yaml_int(node)
        except ValueError:  # over Python's limit of 4,300 digits
            value = None
        if value is None or value.bit_length() > fastyaml.MAX_INT_BITS:
            shown = node.value if len(node.value) <= 24 else node.value[:20] + "…"
            self.findings.append((node.start_mark, f"the number {shown} is too long ({len(node.value)} "
                                  "characters)", "write an amount in digits, at most 38 of them; put "
                                  "text in quotes", None))
            return InvalidDate(node.value)
        return value


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)


class Locator:
    """Finds the line and column of a value by its path, walking the composed YAML nodes.

    Only consulted when there is a problem to report, so a clean file pays nothing: given
    the text instead of the nodes, it composes them on first use.
    """

    def __init__(self, root: yaml.Node | None, first_line: int, text: str | None = None, *,
                 source: str | None = None):
        self._node = root
        self._text = text
        self._first_line = first_line
        # YAML also breaks lines at U+0085, U+2028 and U+2029, which editors do not: with one
        # of them in the text, positions are counted from the mark's index in the text instead.
        source = text if source is None else source
        self._source = source if source is not None and _OTHER_BREAKS.search(source) else None

    @property
    def _root(self) -> yaml.Node | None:
        if self._node is None and self._text is not None:
            loader = _BaseLoader(self._text)
            try:
                self._node = loader.get_single_node()
            finally:
                loader.dispose()
            self._text = None
        return self._node

    def position(self, path: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """(line, col) of the value at path; of its key when key=True; else of the nearest parent."""
        node, key_node = self._root, None
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        if target is None:
            return self._first_line - 1, 1  # the opening `---`
        return self.mark_position(target.start_mark)

    def raw(self, path: Sequence[str | int]) -> str | None:
        """The text of a scalar as the editor wrote it ("NO" where YAML read False)."""
        node = self._node_at(path)
        return node.value if isinstance(node, yaml.ScalarNode) else None

    def _node_at(self, path: Sequence[str | int]) -> yaml.Node | None:
        node = self._root
        for step in path:
            child = _child(node, step)
            if child is None:
                return None
            node = child[1]
        return node

    def key_text(self, path: Sequence[str | int], key) -> str | None:
        """How the editor wrote a key YAML did not read as text (`no:` read as False), in the
        mapping at path; None when it is not found."""
        node = self._node_at(path)
        if isinstance(node, yaml.MappingNode):
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and not key_node.style:
                    try:
                        value = fastyaml.plain_value(key_node.value)
                    except Exception:  # text YAML could not read: not this key
                        continue
                    if type(value) is type(key) and value == key:
                        return key_node.value
        return None

    def mark_position(self, mark: yaml.Mark) -> tuple[int, int]:
        if self._source is not None and 0 <= mark.index <= len(self._source):
            index, text = mark.index, self._source
            return self._first_line + text.count("\n", 0, index), index - text.rfind("\n", 0, index)
        return self._first_line + mark.line, mark.column + 1


_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")
# What YAML accepts in a document; anything else is a control character it refuses.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _child(node, step):
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node, value_node
        for key_node, value_node in node.value:  # a key that lost refused characters (characters.screen)
            if isinstance(key_node, yaml.ScalarNode) and characters.clean_key(key_node.value) == str(step):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return None, node.value[step]
    return None


MAX_DEPTH = 8


def _deeper_than(root, limit: int):
    """The first node deeper than limit, found without recursion; None when all is shallow."""
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in node.value)
    return None


@dataclass(slots=True)
class Parsed:
    data: dict | None
    locator: Locator
    problems: list[Problem]


_HINTS = [
    ("mapping values are not allowed", "a value contains ': '; put the whole value in double quotes"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("could not find expected ':'", "each line needs the form `field: value`; check the indentation "
     "and close any quotes"),
    ("did not find expected key", "check the indentation: fields of the same list item line up"),
    ("found undefined alias", "remove the `*` or put the value in quotes"),
    ("tag:yaml.org,2002:merge", "write the fields out in full; `<<` merge keys are not allowed"),
    ("could not determine a constructor", "remove the tag (the word starting with !), or put the "
     "whole value in quotes"),
    ("expected <block end>", "check the indentation of this line against the lines above"),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    ("while scanning a quoted scalar", "a quote is not closed"),
]


def parse(text: str, rel: str, first_line: int) -> Parsed:
    """Parse front matter text that starts on file line first_line."""
    data = fastyaml.load(text, MAX_DEPTH)
    if isinstance(data, dict):  # the common case: clean front matter, no nodes needed
        locator = Locator(None, first_line, text)
        data, problems = _screen(data, rel, locator, text)
        return Parsed(data, locator, problems)
    locator = Locator(None, first_line, source=text)
    if "&" in text or "*" in text:
        problem = _find_anchor(text, rel, locator)
        if problem:
            return Parsed(None, locator, [problem])
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
        locator = Locator(root, first_line, source=text)
        deep = _deeper_than(root, MAX_DEPTH)
        if deep is not None:
            line, col = locator.mark_position(deep.start_mark)
            return Parsed(None, locator, [Problem(rel, line, col, "", f"the front matter nests deeper than "
                                                  f"{MAX_DEPTH} levels", "fields nest at most a few levels")])
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        return Parsed(None, locator, [_syntax_problem(exc, rel, locator, text)])
    except yaml.reader.ReaderError as exc:
        return Parsed(None, locator, [_reader_problem(exc, rel, first_line, text)])
    except yaml.YAMLError as exc:
        return Parsed(None, locator, [Problem(rel, first_line, 1, "", f"the front matter is not valid YAML ({exc})")])
    finally:
        loader.dispose()
    problems = [_finding_problem(finding, rel, locator) for finding in loader.findings]
    if isinstance(data, dict):
        data, refused = _screen(data, rel, locator, text)
        problems.extend(refused)
    if data is None:
        problems.append(Problem(rel, first_line - 1, 1, "", "the front matter is empty",
                                "add the required fields between the two `---` lines"))
    elif not isinstance(data, dict):
        line, col = locator.position(())
        problems.append(Problem(rel, line, col, "", "the front matter must be a list of `field: value` lines",
                                "start each line with a field name followed by a colon"))
        data = None
    return Parsed(data, locator, problems)


def _screen(data: dict, rel: str, locator: Locator, text: str) -> tuple[dict, list[Problem]]:
    """Every key and value checked for characters text may not hold, after YAML decoded them
    (unless the text shows that none can hold one: nearly all front matter)."""
    problems: list[Problem] = []
    if not characters.may_hold_refused(text):
        return data, problems

    def report(path: tuple, message: str, hint: str, key: str | None) -> None:
        line, col = locator.position(path) if key is None else locator.position((*path, key), key=True)
        problems.append(Problem(rel, line, col, dotted([characters.clean_key(step) for step in path]), message, hint))

    return characters.screen(data, report, InvalidDate), problems


def _finding_problem(finding, rel: str, locator: Locator) -> Problem:
    mark, message, hint, earlier = finding
    if earlier is not None:
        message += f" (first on line {locator.mark_position(earlier)[0]})"
    line, col = locator.mark_position(mark)
    return Problem(rel, line, col, "", message, hint)


def _syntax_problem(exc: yaml.MarkedYAMLError, rel: str, locator: Locator, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:  # it ran to the end
        line, col = locator.mark_position(exc.context_mark)
        return Problem(rel, line, col, "", "the front matter is not valid YAML: this quote is not closed",
                       "add the closing quote at the end of the value")
    unclosed = _unclosed_quote(text, mark) if mark else None
    if unclosed is not None:
        line, col = locator.mark_position(unclosed)
        return Problem(rel, line, col, "", "the front matter is not valid YAML: this quote is closed only on "
                       f"line {locator.mark_position(mark)[0]}",
                       "close the quote on the same line, or put a value that holds quotes in single quotes")
    line, col = locator.mark_position(mark) if mark else locator.position(())
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}, {what}"
    hint = next((h for needle, h in _HINTS if needle in str(exc)), "check the quotes and the indentation")
    if mark and "\t" in text[text.rfind("\n", 0, mark.index) + 1:mark.index + 1]:  # libyaml names no tab
        hint = "indent with spaces, not tabs"
    return Problem(rel, line, col, "", f"the front matter is not valid YAML: {what}", hint)


def _unclosed_quote(text: str, error: yaml.Mark) -> yaml.Mark | None:
    """Where a quoted value starts that runs over lines and ends on the error's line.

    `title: "Test case` with its closing quote forgotten swallows the lines below up to the
    next quote, and YAML reports the error there; the editor's mistake is where it opened."""
    last = None
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if token.start_mark.index >= error.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and last.start_mark.line < last.end_mark.line == error.line:
        return last.start_mark
    return None


def _reader_problem(exc: yaml.reader.ReaderError, rel: str, first_line: int, text: str) -> Problem:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return Problem(rel, first_line, 1, "", f"the front matter cannot be read as YAML ({exc.reason})")
    index = bad.start()
    line, col = first_line + text.count("\n", 0, index), index - text.rfind("\n", 0, index)
    return Problem(rel, line, col, "", f"the front matter contains the control character U+{ord(bad.group()):04X}",
                   "delete it; it is invisible in most editors")


def _find_anchor(text: str, rel: str, locator: Locator) -> Problem | None:
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = locator.mark_position(event.start_mark)
                return Problem(rel, line, col, "", "YAML anchors (&name) and aliases (*name) are not allowed",
                               "write the value out in full, or put text that starts with & or * in quotes")
    except yaml.YAMLError:
        return None  # the parse below reports the syntax error with its position
    return None


def is_date(value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
