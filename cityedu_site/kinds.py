"""The kinds of value a front-matter field can hold.

Each kind checks a value YAML produced, converts it (a year to a PartialDate, a list to a
tuple), reports what is wrong as a Problem with a hint, and describes itself for the JSON
Schema and the editors' documentation. schema.py declares the fields with these kinds.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from . import media
from .frontmatter import InvalidDate, Locator
from .model import PartialDate
from .problems import Problem, Severity, closest, did_you_mean, dotted

INVALID: Any = object()  # a problem was reported for this value; stop checking it

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Refs:
    """What values may refer to: known cities, themes, codes, files; and today's date."""

    cities: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()  # the files of content/media/ that may be published
    media_refused: frozenset[str] = frozenset()  # the others: each has its own problem
    today: dt.date = dt.date(2000, 1, 1)


class Checker:
    """Collects the problems of one file, placing each at its line and column."""

    def __init__(self, rel: str, locator: Locator, refs: Refs):
        self.rel = rel
        self.locator = locator
        self.refs = refs
        self.problems: list[Problem] = []

    def report(self, path: Path, message: str, hint: str = "", *, key: bool = False,
               severity: Severity = Severity.ERROR) -> Any:
        line, col = self.locator.position(path, key=key)
        self.problems.append(Problem(self.rel, line, col, dotted(path), message, hint, severity))
        return INVALID

    def raw(self, path: Path) -> str | None:
        return self.locator.raw(path)


def describe_value(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"read by YAML as {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def _fold_key(word: str) -> str:
    """Words that differ only by case, width or Unicode normalisation share a key."""
    return unicodedata.normalize("NFKC", word).casefold().strip()


def _quote_hint(ck: Checker, path: Path, value: Any) -> str:
    raw = ck.raw(path)
    shown = raw if raw is not None else str(value)
    if isinstance(value, bool):
        return (f'YAML reads yes, no, on, off, true and false as true/false: put the text in '
                f'quotes, "{shown}"')
    return f'put it in quotes to keep it as written: "{shown}"'


class Kind:
    """A kind of value. Subclasses set `label` (for messages and docs) and implement check."""

    label = "value"

    def check(self, value: Any, path: Path, ck: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self, refs: Refs) -> dict:
        raise NotImplementedError

    def wrong_type(self, value: Any, path: Path, ck: Checker) -> Any:
        if isinstance(value, InvalidDate):
            return INVALID  # already reported where YAML read it
        shown = describe_value(value)
        raw = ck.raw(path) if isinstance(value, int | float) and not isinstance(value, bool) else None
        if raw and raw != str(value):  # 0221472375 is read as the octal number 38171901
            shown = f"the number {raw}"
        return ck.report(path, f"must be {self.label}, not {shown}", self.type_hint(value, path, ck))

    def type_hint(self, value: Any, path: Path, ck: Checker) -> str:
        return ""


_LINE_BREAK = re.compile("[\t\n\u2028\u2029]")


@dataclass(frozen=True)
class Text(Kind):
    max_length: int = 500
    multiline: bool = False
    pattern: re.Pattern | None = None
    pattern_hint: str = ""
    label = "text"

    def check(self, value, path, ck):
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        value = value.strip()
        if not value:
            return ck.report(path, "is empty", "fill it in")
        if len(value) > self.max_length:
            return ck.report(path, f"is {len(value)} characters long, over the limit of "
                             f"{self.max_length}", "shorten it")
        if not self.multiline and _LINE_BREAK.search(value):  # YAML's folded lines, a pasted tab
            value = " ".join(value.split())
        if self.pattern and not self.pattern.fullmatch(value):
            return ck.report(path, f"{value!r} is not valid here", self.pattern_hint)
        return value

    def type_hint(self, value, path, ck):
        if isinstance(value, bool | int | float | dt.date):
            return _quote_hint(ck, path, value)
        if isinstance(value, list | dict):  # [brackets], {braces}, or indented lines below the field
            return "write one piece of text in double quotes on the field's line, \"…\""
        return ""

    def json_schema(self, refs):
        schema: dict = {"type": "string", "minLength": 1, "maxLength": self.max_length}
        if self.pattern:
            schema["pattern"] = f"^{self.pattern.pattern}$"
        return schema


@dataclass(frozen=True)
class Choice(Kind):
    """One of a fixed set of words, or of the keys of a reference set (cities, themes...)."""

    choices: Sequence[str] = ()
    ref: str = ""  # the Refs attribute holding the choices, when they depend on the content
    what: str = "value"
    fold: Callable[[str], str] | None = None  # e.g. str.upper for currency codes

    @property
    def label(self):  # type: ignore[override]
        return f"a {self.what}"

    def allowed(self, refs: Refs) -> Sequence[str] | frozenset[str]:
        return getattr(refs, self.ref) if self.ref else self.choices

    def check(self, value, path, ck):
        if not isinstance(value, str):
            if isinstance(value, bool) and ck.raw(path):
                value = ck.raw(path)  # "no" read as false: still say which words are allowed
            else:
                return self.wrong_type(value, path, ck)
        allowed = self.allowed(ck.refs)
        if value in allowed:
            return value
        allowed = sorted(allowed)
        written = self.fold(value) if self.fold else None
        if written not in allowed:  # "SEOUL" or full-width "Ｓｅｏｕｌ" for seoul
            written = next((a for a in allowed if _fold_key(a) == _fold_key(value)), None)
        if written is not None:
            return ck.report(path, f"{value!r} must be written {written!r}", f'write "{written}"')
        hint = did_you_mean(value, allowed)
        if len(allowed) <= 12:
            hint = (hint + " " if hint else "") + "choose one of: " + ", ".join(allowed)
        elif not hint:
            hint = self.unknown_hint()
        return ck.report(path, f"{value!r} is not a known {self.what}", hint)

    def type_hint(self, value, path, ck):
        if isinstance(value, list):
            first = f": {value[0]}" if len(value) == 1 and isinstance(value[0], str) else ""
            return f"give one {self.what}, without brackets{first}"
        return ""

    def unknown_hint(self) -> str:
        return {
            "city": "use the file name (without .md) of a city in content/cities/, "
                    "or add the city with `python build.py new-city`",
            "theme": "use a slug listed in content/themes.yaml",
            "currency code": "use a three-letter ISO 4217 code such as KRW, USD or EUR",
            "country code": "use a two-letter ISO 3166 code such as KR, CN or FR",
        }.get(self.what, "")

    def json_schema(self, refs):
        return {"type": "string", "enum": sorted(self.allowed(refs))}


@dataclass(frozen=True)
class Number(Kind):
    minimum: float | None = 0
    maximum: float | None = None
    whole: bool = False
    exclusive_minimum: bool = False

    @property
    def label(self):  # type: ignore[override]
        kind = "a whole number" if self.whole else "a number"
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} from {self.minimum:g} to {self.maximum:g}"
        if self.minimum is not None:
            bound = f"more than {self.minimum:g}" if self.exclusive_minimum else f"{self.minimum:g} or more"
            return f"{kind}, {bound}"
        return kind

    def check(self, value, path, ck):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self.wrong_type(value, path, ck)
        if isinstance(value, float) and not math.isfinite(value):
            return ck.report(path, "must be a finite number", "write the amount in digits")
        if self.whole and not isinstance(value, int):
            if not value.is_integer():
                return ck.report(path, f"must be a whole number, not {value}", self.range_hint())
            value = int(value)
        if self.minimum is not None:
            if value < 0 <= self.minimum:
                return ck.report(path, f"must not be negative ({value})", "write the amount "
                                 "without a minus sign")
            too_small = value <= self.minimum if self.exclusive_minimum else value < self.minimum
            if too_small:
                bound = "more than" if self.exclusive_minimum else "at least"
                return ck.report(path, f"must be {bound} {self.minimum:g}, not {value}", self.range_hint())
        if self.maximum is not None and value > self.maximum:
            return ck.report(path, f"must be at most {self.maximum:g}, not {value}", self.range_hint())
        return value

    def range_hint(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            kind = "a whole number" if self.whole else "a number"
            return f"use {kind} from {self.minimum:g} to {self.maximum:g}"
        return "write a whole number, without decimals" if self.whole else ""

    def type_hint(self, value, path, ck):
        if not isinstance(value, str):
            return ""
        text = value.strip()
        if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", text):
            return f"remove the quotes: {text}"
        if self.maximum is not None:  # a goal number written "SDG 4"
            return self.range_hint() + ", in digits only"
        return ("write the number in digits only, without commas, units or currency: "
                "3242000000, not \"KRW 3,242 million\"")

    def json_schema(self, refs):
        schema: dict = {"type": "integer" if self.whole else "number"}
        if self.minimum is not None:
            schema["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


@dataclass(frozen=True)
class Date(Kind):
    label = "a date (YYYY-MM-DD)"

    def check(self, value, path, ck):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):  # "2024-02-30", in quotes
                    return ck.report(path, f"{value.strip()!r} is not a real date",
                                     "write it as YYYY-MM-DD with a month from 01 to 12 and a day "
                                     "that exists in that month")
        return self.wrong_type(value, path, ck)

    def type_hint(self, value, path, ck):
        return "write it as YYYY-MM-DD, for example 2021-01-11"

    def json_schema(self, refs):
        return {"type": "string", "format": "date"}


_PARTIAL_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDateKind(Kind):
    label = "a year (2019), a month (\"2019-10\") or a date (2019-10-22)"

    def check(self, value, path, ck):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return PartialDate(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            if 1900 <= value <= 2200:
                return PartialDate(value)
            return ck.report(path, f"{value} is not a plausible year", "write a year such as 2019")
        if isinstance(value, str):
            match = _PARTIAL_DATE_RE.fullmatch(value.strip())
            if match:
                year, month, day = (int(g) if g else None for g in match.groups())
                try:
                    dt.date(year, month or 1, day or 1)
                except ValueError:
                    return ck.report(path, f"{value!r} is not a real date",
                                     "check the month (01–12) and the day")
                return PartialDate(year, month, day)
        return self.wrong_type(value, path, ck)

    def json_schema(self, refs):
        return {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2200},
                          {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}]}


_EMAIL_RE = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                       r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


@dataclass(frozen=True)
class Email(Kind):
    label = "an e-mail address"

    def check(self, value, path, ck):
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        value = value.strip()
        if value.lower().startswith("mailto:"):
            return ck.report(path, f"{value!r} starts with mailto:", "write the address alone: "
                             + value[7:])
        if not _EMAIL_RE.fullmatch(value) or len(value) > 254:
            return ck.report(path, f"{value!r} is not an e-mail address",
                             "write it as name@example.org, without spaces or brackets")
        return value

    def json_schema(self, refs):
        return {"type": "string", "format": "email", "maxLength": 254}


_PHONE_RE = re.compile(r"\+?[0-9][0-9 ()./-]{4,30}(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?")


@dataclass(frozen=True)
class Phone(Kind):
    label = "a phone number in quotes"

    def check(self, value, path, ck):
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        value = value.strip()
        if not _PHONE_RE.fullmatch(value):
            return ck.report(path, f"{value!r} is not a phone number",
                             'write it with the country code, for example "+82-2-2147-2375"')
        return value

    def type_hint(self, value, path, ck):
        return _quote_hint(ck, path, value) + " (a bare number loses its + and leading zeros)"

    def json_schema(self, refs):
        return {"type": "string", "pattern": f"^{_PHONE_RE.pattern}$"}


@dataclass(frozen=True)
class Url(Kind):
    label = "a web address (https://…)"

    def check(self, value, path, ck):
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        value = value.strip()
        problem = url_problem(value)
        if problem:
            return ck.report(path, *problem)
        return value

    def json_schema(self, refs):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


def url_problem(url: str) -> tuple[str, str] | None:
    """Why an absolute web address is not acceptable in front matter, or None."""
    if any(c.isspace() for c in url) or any(c in url for c in '<>"`'):
        return (f"{url!r} contains spaces or characters not allowed in a web address",
                "copy the address from the browser's address bar")
    try:
        parts = urlsplit(url)
        _ = parts.port  # urlsplit checks the port only when asked for it
    except ValueError:  # "https://[::1/x", "https://example.org:99999/"
        return (f"{url!r} is not a valid web address (check the brackets and the port)",
                "copy the address from the browser's address bar")
    if not parts.scheme and "." in url.split("/")[0]:
        return f"{url!r} has no https:// in front", f"write https://{url}"
    if parts.scheme not in ("http", "https"):
        return (f"{url!r} is not a web address; only http:// and https:// are allowed here",
                "link to a web page; e-mail addresses and phone numbers go in contacts")
    if not parts.hostname or "." not in parts.hostname:
        return f"{url!r} has no valid host name", "write the full address, like https://example.org/page"
    return None


_MEDIA_RE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.(?:" + "|".join(media.IMAGE_TYPES) + ")")


@dataclass(frozen=True)
class MediaPath(Kind):
    """An image under content/media/, named relative to it; never outside it."""

    label = "the name of an image in content/media/"

    def check(self, value, path, ck):
        if not isinstance(value, str):
            return self.wrong_type(value, path, ck)
        value = value.strip()
        if not _MEDIA_RE.fullmatch(value) or ".." in value:
            return ck.report(path, f"{value!r} is not an image file name we accept",
                             "name a .png, .jpg, .webp, .avif or .gif file in content/media/ by "
                             "its path below that folder (letters, digits, - and _; no '..')")
        if value in ck.refs.media_refused:
            return INVALID  # the file is refused, and told so where it is
        wrong = media.reference_problem(value, media.Media(ck.refs.media, ck.refs.media_refused), image=True)
        return ck.report(path, *wrong) if wrong else value

    def json_schema(self, refs):
        return {"type": "string", "pattern": f"^{_MEDIA_RE.pattern}$"}


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int = 100
    unique: bool = False

    @property
    def label(self):  # type: ignore[override]
        return f"a list, each item {self.item.label}"

    def check(self, value, path, ck):
        if not isinstance(value, list):
            if isinstance(value, InvalidDate):
                return INVALID
            example = value if isinstance(value, int | str) and not isinstance(value, bool) else "…"
            return ck.report(path, f"must be a list, not {describe_value(value)}",
                             f"write it as a list in brackets, [{example}], or one '- ' line per item")
        if len(value) < self.min_items:
            return ck.report(path, f"needs at least {self.min_items} item"
                             f"{'s' if self.min_items > 1 else ''}", "add one, or remove the field"
                             if self.min_items == 0 else "add at least one")
        if len(value) > self.max_items:
            return ck.report(path, f"has {len(value)} items, over the limit of {self.max_items}")
        out = []
        valid = True
        for index, item in enumerate(value):
            checked = self.item.check(item, (*path, index), ck)
            if checked is INVALID:
                valid = False
                continue
            if self.unique and checked in out:
                ck.report((*path, index), f"{item!r} is listed twice", "remove the repeat")
                valid = False
                continue
            out.append(checked)
        # With an item left out, the list is not what the editor wrote: the rules across fields
        # (sources that add up to the total, "no sources") must not judge what is left of it.
        return tuple(out) if valid else INVALID

    def json_schema(self, refs):
        schema = {"type": "array", "items": self.item.json_schema(refs), "maxItems": self.max_items}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    help: str
    required: bool = False
    example: Any = None


Rule = Callable[[Mapping[str, Any], Path, Checker], None]


@dataclass(frozen=True)
class Record(Kind):
    """A set of named fields. Unknown fields are errors (with a did-you-mean)."""

    fields: tuple[Field, ...] = ()
    rules: tuple[Rule, ...] = ()  # checks across fields, run when every field is valid
    make: Callable[..., Any] | None = None  # builds the model value from the checked fields
    what: str = "entry"

    @property
    def label(self):  # type: ignore[override]
        return f"a set of fields ({', '.join(f.name for f in self.fields)})"

    def check(self, value, path, ck):
        if not isinstance(value, dict):
            return self.wrong_type(value, path, ck)
        by_name = {f.name: f for f in self.fields}
        out: dict[str, Any] = {}
        valid = True
        misspelt: set[str] = set()  # fields an unknown key probably meant: not "missing" too
        for key, item in value.items():
            spec = by_name.get(key) if isinstance(key, str) else None
            if spec is None:
                if not isinstance(key, str):  # `no:` read as False: name it as written
                    key = ck.locator.key_text(path, key) or str(key)
                guess = closest(key, by_name)
                if guess:
                    misspelt.add(guess)
                hint = f'did you mean "{guess}"?' if guess else "known fields: " + ", ".join(by_name)
                if re.fullmatch(r"[0-9][0-9_]*(?:\.[0-9_]*)?", key):  # {total: 3,242,000}
                    hint = "a field name is a word, not a number: write amounts without commas, like 3242000"
                ck.report((*path, key), f"unknown field {key!r}" + (f" in {dotted(path)}" if path else ""),
                          hint, key=True)
                valid = False
                continue
            if item is None:
                continue  # `end:` left empty means "not given"; a required one is reported below
            checked = spec.kind.check(item, (*path, key), ck)
            if checked is INVALID:
                valid = False
            else:
                out[key] = checked
        for spec in self.fields:
            if spec.required and value.get(spec.name) is None and spec.name not in misspelt:
                if spec.name in value:  # `summary:` with nothing after it
                    ck.report((*path, spec.name), "is required but empty",
                              f"fill it in: `{spec.name}: {example_text(spec)}`", key=True)
                else:
                    ck.report(path, f"the required field {spec.name!r} is missing",
                              f"add `{spec.name}: {example_text(spec)}`" + (f" under {dotted(path)}" if path else ""))
                valid = False
        if not valid:
            return INVALID
        for rule in self.rules:
            rule(out, path, ck)
        return self.make(**out) if self.make else out

    def type_hint(self, value, path, ck):
        first = next((f for f in self.fields if f.required or f.example is not None), self.fields[0])
        if path and isinstance(path[-1], int):  # an item of a list
            return (f"write the item as `- {first.name}: {example_text(first)}`, with its other fields "
                    "on the lines below, lined up with the first")
        return (f"write its fields on the lines below, each indented by two spaces, for example "
                f"`  {first.name}: {example_text(first)}`")

    def json_schema(self, refs):
        return {
            "type": "object",
            "additionalProperties": False,
            "required": [f.name for f in self.fields if f.required],
            "properties": {f.name: {"description": f.help, **f.kind.json_schema(refs)}
                           for f in self.fields},
        }


def example_text(spec: Field) -> str:
    if spec.example is None:
        return "…"
    if isinstance(spec.example, list):
        return "[" + ", ".join(str(x) for x in spec.example) + "]"
    return str(spec.example)
