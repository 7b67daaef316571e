"""Which characters text may hold, checked after decoding.

The raw file is scanned for control characters when it is read (sources.py), but YAML's
double-quoted escapes (`"\\0 \\x1b \\uFFFE"`) and Markdown's entities (`&#x202E;`) make
characters the raw file does not hold. So the rules apply to what the parsers produced:
every key and value of the front matter (frontmatter.parse) and the HTML a body renders
to (markdown.py).

- Control characters (C0 but tab and newline, DEL, C1), noncharacters and lone surrogates
  are refused everywhere: they break XML feeds and CSV files, or cannot be written as UTF-8.
- Direction controls (the overrides and isolates U+202A–202E, U+2066–2069) are refused
  everywhere: they make text read in another order than it is stored ("gnp.exe"). The
  marks U+200E, U+200F and U+061C stay allowed: they only nudge neutral characters and
  mixed Arabic or Hebrew text needs them.
- Invisible characters are refused in the front matter (titles, names, keywords: what
  readers search, compare and tell apart): zero-width space, word joiner, invisible
  operators, the byte-order mark and the Hangul fillers that show as blanks. The joiners
  U+200C and U+200D are part of writing in Persian, the Indic scripts and emoji, so they
  pass between two letters, marks or symbols and are refused elsewhere (at an edge, next
  to a space or punctuation, doubled). Body text may hold them all: Thai prose uses the
  zero-width space to mark word breaks.
- Tab and newline are whitespace in values (one-line fields fold them into spaces,
  kinds.Text) but refused in keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"  # and U+1FFFE, U+1FFFF … U+10FFFF: see _refused()
_SURROGATES = "\ud800-\udfff"
_DIRECTION = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b\u2060-\u2064\ufeff\u115f\u1160\u3164\uffa0"
_JOINERS = "\u200c\u200d"
# One search per value: a clean value costs one pass of the regex engine. The class holds
# every character beyond U+FFFF as one range, which the engine tests fast (listing the 32
# noncharacters there made it ten times slower); _refused() lets the others through.
_ASTRAL = "\U00010000-\U0010ffff"
VALUE_RE = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}{_SURROGATES}{_DIRECTION}{_INVISIBLE}{_JOINERS}{_ASTRAL}]")
KEY_RE = re.compile(f"[\t\n{_CONTROLS}{_NONCHARACTERS}{_SURROGATES}{_DIRECTION}{_INVISIBLE}{_JOINERS}{_ASTRAL}]")
HTML_RE = re.compile(f"[{_CONTROLS}{_NONCHARACTERS}{_SURROGATES}{_DIRECTION}{_ASTRAL}]")


def first_refused(text: str, pattern: re.Pattern = VALUE_RE) -> int:
    """The index of the first character text may not hold, or -1."""
    match = pattern.search(text)
    while match is not None:
        index = match.start()
        if _refused(text, index):
            return index
        match = pattern.search(text, index + 1)
    return -1


def _refused(text: str, index: int) -> bool:
    char = text[index]
    if char > "\uffff":
        return ord(char) & 0xFFFE == 0xFFFE  # a noncharacter; an emoji or a rare ideograph is fine
    return char not in _JOINERS or not _joins(text, index)


def _joins(text: str, index: int) -> bool:
    """A joiner where a script or an emoji uses it: after a letter, mark or symbol beyond ASCII
    (a Malayalam chillu ends a word with one), not doubled and not before a Latin letter or
    digit; refused at the start, after ASCII, a space or punctuation."""
    if index == 0:
        return False
    before = text[index - 1]
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before > "\x7f" and unicodedata.category(before)[0] in "LMS"
            and not (after.isascii() and after.isalnum()) and after not in _JOINERS)


def describe(char: str, markup: str = "yaml") -> tuple[str, str]:
    """(what the character is, how to fix it) for a message "character 3 is {what}; {fix}". markup
    says how the character may hide in the source: a YAML escape or an HTML entity."""
    code = ord(char)
    named = f"U+{code:04X}" + (f" ({unicodedata.name(char)})" if unicodedata.name(char, "") else "")
    if char == "\t":
        return "a tab (U+0009)", "write the name on one line, without tabs"
    if char == "\n":
        return "a line break (U+000A)", "write the name on one line"
    if markup == "yaml":
        escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
        written = f" (between double quotes, the escape {escape} writes it)"
    else:
        written = f" (the entity &#x{code:X}; writes it too)"
    if _matches(_CONTROLS, char):
        return f"the control character U+{code:04X}", f"delete it; it is invisible in most editors{written}"
    if _matches(_NONCHARACTERS, char):
        return f"U+{code:04X}, which is not a character", f"delete it{written}"
    if _matches(_SURROGATES, char):
        return (f"U+{code:04X}, half of a character (a lone surrogate)",
                f"write the character itself, or delete it{written}")
    if _matches(_DIRECTION, char):
        return (f"the direction control {named}, which makes text read in another order than it is stored",
                f"delete it; browsers set the direction of right-to-left scripts by themselves{written}")
    if char in _JOINERS:
        return (f"the invisible {named} outside a word", "delete it; a joiner belongs only between two "
                f"letters of a script that uses it, or inside an emoji{written}")
    return (f"the invisible character {named}",
            f"delete it; invisible characters make a name look like another{written}")


def _matches(ranges: str, char: str) -> bool:
    return re.fullmatch(f"[{ranges}]", char) is not None or ranges == _NONCHARACTERS and ord(char) & 0xFFFE == 0xFFFE


def may_hold_refused(yaml_text: str) -> bool:
    """Whether YAML text can decode into a key or value holding a refused character: only
    when the text holds one itself (in context: a joiner at a value's edge is beside a
    quote, a space or a line break in the text too), or writes one with an escape between
    double quotes (a backslash), or a key with a tab or, after `? `, a line break."""
    return "\\" in yaml_text or "\t" in yaml_text or "? " in yaml_text or first_refused(yaml_text) >= 0


# (path of the value, or of the mapping when key is given; message; hint; the key)
Report = Callable[[tuple, str, str, "str | None"], None]


def screen(data, report: Report, stand_in: Callable[[str], object]):
    """Check every key and value of parsed YAML; report each refused character once, at its
    value (or key). A value so reported is replaced by stand_in(value), which the schema
    knows as already reported; a key loses the refused characters, so its value is still
    checked under the name the editor meant."""
    return _screen(data, (), report, stand_in)


def _screen(node, path: tuple, report: Report, stand_in):
    if isinstance(node, str):
        index = first_refused(node)
        if index < 0:
            return node
        report(path, *_message(node, index, VALUE_RE), None)
        return stand_in(node)
    if isinstance(node, list):
        for position, item in enumerate(node):
            if isinstance(item, str | list | dict):
                node[position] = _screen(item, (*path, position), report, stand_in)
        return node
    if isinstance(node, dict):
        renamed = False
        for key, value in node.items():
            if isinstance(key, str):
                index = first_refused(key, KEY_RE)
                if index >= 0:
                    message, fix = _message(key, index, KEY_RE)
                    report(path, f"the field name {key!r}: {message}", fix, key)
                    renamed = True
            if isinstance(value, str | list | dict):
                node[key] = _screen(value, (*path, key), report, stand_in)
        if renamed:
            return {clean_key(key): value for key, value in node.items()}
    return node


def _message(text: str, index: int, pattern: re.Pattern) -> tuple[str, str]:
    what, fix = describe(text[index])
    more = sum(1 for i in range(index + 1, len(text)) if pattern.match(text, i) and _refused(text, i))
    return f"character {index + 1} is {what}" + (f" (and {more} more such characters)" if more else ""), fix


def clean_key(key):
    """A key without the characters keys may not hold: the name the editor meant."""
    if not isinstance(key, str):
        return key
    return "".join(c for i, c in enumerate(key) if not (KEY_RE.match(c) and _refused(key, i)))
