"""YAML written exactly as Decap CMS writes front matter, so the form's saves make small diffs.

Decap CMS 3 serialises an entry with the JavaScript library `yaml` 1.x and its defaults:
block collections, plain scalars where YAML 1.2 allows them, double quotes otherwise,
lines folded at 80 columns, top-level keys in the order of the collection's fields. A file
already in that style comes back from the form byte for byte, and a changed field changes
only its own lines. This module reproduces that output (the functions mirror
stringifyString, plainString, doubleQuotedString, foldFlowLines, Pair and Collection of
yaml 1.10); tests/test_cms.py compares it with the library itself and with the real CMS.

One deliberate difference: Decap reads YAML 1.2, our build reads YAML 1.1 (PyYAML), and a
few words are text in one and not the other (`yes`, `no`, `on`, `off`, `1_000`, `12:30`),
and PyYAML cannot read a tab inside a plain scalar. Where PyYAML would read a plain scalar
as something else, or not at all, this writes it in double quotes, so formatting never
changes what the build reads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import yaml
from yaml.resolver import Resolver

WIDTH = 80
MIN_CONTENT_WIDTH = 20
STEP = "  "
_DOUBLE_MIN_MULTILINE = 40

_NOT_PLAIN = re.compile(r"^[\n\t ,\[\]{}#&*!|>'\"%@`]|^[?-]\Z|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]\Z")
_DOCUMENT_MARKER = re.compile(r"^(%|---|\.\.\.)", re.M)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile("[\x85\u2028\u2029]")
# What the `yaml` library's YAML 1.2 core schema reads as something other than text.
_CORE_NOT_TEXT = [re.compile(p) for p in (
    r"(?:~|[Nn]ull|NULL)?", r"(?:[Tt]rue|TRUE|[Ff]alse|FALSE)", r"0o[0-7]+", r"[-+]?[0-9]+",
    r"0x[0-9a-fA-F]+", r"(?i:[-+]?\.inf|\.nan)",
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+", r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)")]
_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"


def front_matter(data: dict) -> str:
    """The mapping as Decap writes it between the two `---` lines (without them)."""
    return _node(data, "", None).strip()


def scalar(value: Any, key: str = "") -> str:
    """One top-level value as it follows `key: ` (for files written line by line)."""
    return _node(value, STEP, len(key) + 2 if key else None)


# ---- collections ----------------------------------------------------------------------------

def _node(value: Any, indent: str, indent_at_start: int | None) -> str:
    if isinstance(value, dict):
        return _mapping(value, indent)
    if isinstance(value, list | tuple):
        return _sequence(value, indent)
    return _scalar(value, indent, indent_at_start)


def _mapping(mapping: dict, indent: str) -> str:
    if not mapping:
        return "{}"
    all_null = all(v is None for v in mapping.values())
    return ("\n" + indent).join(_pair(str(k), v, indent, all_null) for k, v in mapping.items())


def _sequence(items: list | tuple, indent: str) -> str:
    if not items:
        return "[]"
    return ("\n" + indent).join("- " + _node(item, indent + STEP, None) for item in items)


def _pair(key: str, value: Any, indent: str, all_null: bool) -> str:
    inner = indent + STEP
    text = _string(key, inner, None, implicit_key=True)
    if all_null:
        return "? " + text  # the library writes a mapping of nulls as a set
    text += ":"
    if isinstance(value, dict | list | tuple):
        written = _node(value, inner, None)
        flow = written[0] in "[{"
        return text + (" " if flow and "\n" not in written else "\n" + inner) + written
    written = _scalar(value, inner, len(text) + 1)
    return text + ("" if written.startswith("\n") else " ") + written


# ---- scalars --------------------------------------------------------------------------------

def _scalar(value: Any, indent: str, indent_at_start: int | None) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.datetime):
        return _plain_or_quoted(value.isoformat(sep=" "), indent, indent_at_start, typed=True)
    if isinstance(value, dt.date):
        # Decap reads 2021-01-11 as text and writes it back plain; PyYAML reads it as a date.
        return _plain_or_quoted(value.isoformat(), indent, indent_at_start, typed=True)
    return _string(str(value), indent, indent_at_start)


def _number(value: int | float) -> str:
    """As JavaScript's JSON.stringify writes a number."""
    if isinstance(value, int) or (value.is_integer() and abs(value) < 1e21):
        return str(int(value))
    if 1e-7 <= abs(value) < 1e21:
        return format(Decimal(repr(value)), "f")
    return re.sub(r"e([+-])0*(\d)", r"e\1\2", repr(value))


def _string(value: str, indent: str, indent_at_start: int | None, implicit_key: bool = False) -> str:
    if _CONTROL.search(value) or _BREAKS.search(value):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    return _plain(value, indent, indent_at_start, implicit_key)


def _plain(value: str, indent: str, indent_at_start: int | None, implicit_key: bool) -> str:
    if implicit_key and re.search(r"[\n\[\]{},]", value):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    if not value or _NOT_PLAIN.search(value):
        if implicit_key or "\n" not in value:
            if '"' in value and "'" not in value:
                return _single_quoted(value, indent, indent_at_start, implicit_key)
            return _double_quoted(value, indent, indent_at_start, implicit_key)
        return _block(value, indent)
    if not implicit_key and "\n" in value:
        return _block(value, indent)
    if indent == "" and _DOCUMENT_MARKER.search(value):
        return _block(value, STEP)
    return _plain_or_quoted(value, indent, indent_at_start, implicit_key=implicit_key)


def _plain_or_quoted(value: str, indent: str, indent_at_start: int | None, implicit_key: bool = False,
                     typed: bool = False) -> str:
    """The plain scalar, unless a reader would take it for something other than text.
    typed: the value is a date, which PyYAML is meant to read as one."""
    if any(p.fullmatch(value) for p in _CORE_NOT_TEXT) or (not typed and (
            "\t" in value or _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR)):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    return value if implicit_key else _fold(value, indent, "flow", indent_at_start)


def _double_quoted(value: str, indent: str, indent_at_start: int | None, implicit_key: bool = False) -> str:
    encoded = json.dumps(value, ensure_ascii=False)
    # PyYAML reads these as line breaks even in quotes; the library leaves them bare.
    encoded = encoded.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")
    encoded = re.sub(r"[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", encoded)
    if not indent and _DOCUMENT_MARKER.search(value):
        indent = STEP
    out, start, i = "", 0, 0
    while i < len(encoded):
        ch = encoded[i]
        if ch == " " and encoded[i + 1:i + 3] == "\\n":
            out += encoded[start:i] + "\\ "  # a space before a line break is escaped, not folded
            i += 1
            start = i
            ch = "\\"
        if ch == "\\":
            follower = encoded[i + 1:i + 2]
            if follower == "u":
                out += encoded[start:i]
                code = encoded[i + 2:i + 6]
                out += _SHORT_ESCAPES.get(code) or ("\\x" + code[2:] if code[:2] == "00" else encoded[i:i + 6])
                i += 5
                start = i + 1
            elif follower == "n":
                if implicit_key or encoded[i + 2:i + 3] == '"' or len(encoded) < _DOUBLE_MIN_MULTILINE:
                    i += 1
                else:
                    out += encoded[start:i] + "\n\n"
                    while encoded[i + 2:i + 4] == "\\n" and encoded[i + 4:i + 5] != '"':
                        out += "\n"
                        i += 2
                    out += indent
                    if encoded[i + 2:i + 3] == " ":
                        out += "\\"
                    i += 1
                    start = i + 1
            else:
                i += 1
        i += 1
    out = out + encoded[start:] if start else encoded
    return out if implicit_key else _fold(out, indent, "quoted", indent_at_start)


_SHORT_ESCAPES = {"0000": "\\0", "0007": "\\a", "000b": "\\v", "001b": "\\e", "0085": "\\N",
                  "00a0": "\\_", "2028": "\\L", "2029": "\\P"}


def _single_quoted(value: str, indent: str, indent_at_start: int | None, implicit_key: bool) -> str:
    if (implicit_key and "\n" in value) or (not implicit_key and re.search(r"[ \t]\n|\n[ \t]", value)):
        return _double_quoted(value, indent, indent_at_start, implicit_key)
    if not indent and _DOCUMENT_MARKER.search(value):
        indent = STEP
    text = "'" + re.sub(r"\n+", lambda m: m.group() + "\n" + indent, value.replace("'", "''")) + "'"
    return text if implicit_key else _fold(text, indent, "flow", indent_at_start)


def _block(value: str, indent: str) -> str:
    """A multi-line text as a literal (|) block; front matter fields rarely hold one."""
    if re.search(r"\n[\t ]+\Z", value) or not value.strip():
        return _double_quoted(value, indent, None)
    header = "|"
    stripped = value.rstrip("\n\t ")
    trailing = value[len(stripped):]
    if "\n" not in trailing:
        header += "-"
    elif trailing != "\n":
        header += "+"
    leading = re.match(r"[\n ]*", stripped).group()
    if " " in leading:
        header += "2" if indent else "1"
    body = re.sub(r"\n+", lambda m: m.group() + indent, stripped)
    tail = trailing[:-1] if trailing.endswith("\n") else trailing
    tail = re.sub(r"\n+(?!\n|\Z)", lambda m: m.group() + indent, tail) if "\n" in tail else ""
    return f"{header}\n{indent}{body}{tail}"


def _fold(text: str, indent: str, mode: str, indent_at_start: int | None) -> str:
    """foldFlowLines: break a scalar at spaces so lines stay within 80 columns. Positions
    count UTF-16 code units, as JavaScript does: characters beyond U+FFFF count twice."""
    units = "".join(c if ord(c) < 0x10000 else chr(0xD800 + ((ord(c) - 0x10000) >> 10))
                    + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF)) for c in text)
    folded = _fold_units(units, indent, mode, indent_at_start)
    return folded.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _fold_units(text: str, indent: str, mode: str, indent_at_start: int | None) -> str:
    end_step = max(1 + MIN_CONTENT_WIDTH, 1 + WIDTH - len(indent))
    if len(text) <= end_step:
        return text
    folds: list[int] = []
    escaped_folds: set[int] = set()
    end = WIDTH - len(indent)
    if indent_at_start:
        if indent_at_start > WIDTH - max(2, MIN_CONTENT_WIDTH):
            folds.append(0)
        else:
            end = WIDTH - indent_at_start
    split: int | None = None
    prev = ""
    esc_start = esc_end = -1
    i = -1
    while True:
        i += 1
        if i >= len(text):
            break
        ch = text[i]
        if mode == "quoted" and ch == "\\":
            esc_start = i
            i += {"x": 3, "u": 5, "U": 9}.get(text[i + 1:i + 2], 1)
            esc_end = i
        if ch == "\n":
            end = i + end_step
            split = None
        else:
            if ch == " " and prev and prev not in " \n\t":
                following = text[i + 1:i + 2]
                if following and following not in " \n\t":
                    split = i
            if i >= end:
                if split:
                    folds.append(split)
                    end = split + end_step
                    split = None
                elif mode == "quoted":
                    while prev in (" ", "\t"):
                        prev = ch
                        i += 1
                        ch = text[i] if i < len(text) else ""
                    j = i - 2 if i > esc_end + 1 else esc_start - 1
                    if j in escaped_folds:
                        return text
                    folds.append(j)
                    escaped_folds.add(j)
                    end = j + end_step
                    split = None
        prev = ch
    if not folds:
        return text
    out = text[:folds[0]]
    for n, fold in enumerate(folds):
        stop = folds[n + 1] if n + 1 < len(folds) else len(text)
        if fold == 0:
            out = f"\n{indent}{text[:stop]}"
        else:
            if mode == "quoted" and fold in escaped_folds:
                out += text[fold] + "\\"
            out += f"\n{indent}{text[fold + 1:stop]}"
    return out
