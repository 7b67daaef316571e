"""The CMS's config.yml, generated from the schema that drives `check`.

Every field of a case study and of a city becomes a Decap CMS widget with the field's
label, its help as the hint, its required flag and the limits `check` enforces (lengths,
patterns, number ranges, list sizes, the choices of a select). Each kind of value
(kinds.py) has one function here that makes its widget; a kind without one stops the
build with a message naming it, so a new kind cannot reach the form unconfigured.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import schema, urls
from ..config import CMS_COLLECTIONS
from ..content import KIND_DIRS, MEDIA_DIR
from ..kinds import (
    Choice,
    Date,
    Email,
    Field,
    Kind,
    ListOf,
    MediaPath,
    Number,
    PartialDateKind,
    Phone,
    Record,
    Refs,
    Text,
    Url,
)
from ..reference import Reference
from ..scaffold import CASE_BODY, CITY_BODY
from ..sdgkinds import GoalOrTarget, SdgTarget
from ..sources import MAX_SLUG_LENGTH

# Names whose label is not simply the name with its first letter capitalised.
LABELS = {
    "sdgs": "Sustainable Development Goals", "name_local": "Name in the local language",
    "area_km2": "Area (km²)", "gdp_per_capita": "GDP per head", "url": "Address (URL)",
    "src": "Image file", "alt": "Alternative text", "total": "Total amount",
}
# Options of whole-number lists, by field name (the goals are numbers, shown with their titles).
_SELECT_LIMIT = 30  # a whole-number range this small is offered as a list to pick from


class UnknownKind(TypeError):
    """A field's kind has no widget: add one to WIDGETS."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What the configuration needs besides the schema."""

    repository: str  # "owner/name" on GitHub, or "" (then only the local backend works)
    branch: str
    site_url: str
    reference: Reference
    refs: Refs
    content_folder: str = "content"
    local_backend: str = "http://localhost:8081/api/v1"


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def widget(spec: Field, settings: Settings, path: str = "", optional_parent: str = "") -> dict[str, Any]:
    """The Decap field for one schema field. optional_parent: the optional record it belongs
    to; Decap would demand its required fields even when the record is left out, so there
    they are marked optional in the form and `check` asks for them when the record is given."""
    where = f"{path}.{spec.name}" if path else spec.name
    if isinstance(spec.kind, Record):
        made = _record(spec.kind, settings, where, optional_parent or ("" if spec.required else spec.name))
    else:
        made = _make(spec.kind, settings, where)
    hint = spec.help
    if spec.required and optional_parent:
        hint += f" Needed when the {label(optional_parent).lower()} is given."
    return {"label": label(spec.name), "name": spec.name, **made,
            "required": spec.required and not optional_parent, "hint": hint}


def _make(kind: Kind, settings: Settings, where: str) -> dict[str, Any]:
    maker = WIDGETS.get(type(kind))
    if maker is None:
        raise UnknownKind(f"the CMS has no widget for {type(kind).__name__} (field {where}): "
                          "add one to WIDGETS in cityedu_site/cms/configuration.py")
    return maker(kind, settings, where)


def _text(kind: Text, settings: Settings, where: str) -> dict[str, Any]:
    made: dict[str, Any] = {"widget": "text" if kind.multiline or kind.max_length > 200 else "string"}
    if kind.pattern is not None:
        made["pattern"] = [f"^{kind.pattern.pattern}$", kind.pattern_hint]
    else:
        made["pattern"] = [f"^[\\s\\S]{{1,{kind.max_length}}}$", f"At most {kind.max_length} characters."]
    return made


def _choice(kind: Choice, settings: Settings, where: str) -> dict[str, Any]:
    if kind.ref == "cities":
        return {"widget": "relation", "collection": "cities", "value_field": "{{slug}}",
                "search_fields": ["name", "name_local"], "display_fields": ["name"]}
    return {"widget": "select", "options": _options(kind, settings, where)}


def _options(kind: Choice, settings: Settings, where: str) -> list[dict[str, Any]]:
    ref = settings.reference
    if not kind.ref:
        return [{"label": c, "value": c} for c in kind.choices]
    named: dict[str, Callable[[str], str]] = {
        "themes": lambda slug: ref.themes[slug].title,
        "currencies": lambda code: f"{code} · {ref.currencies[code]}",
        "countries": lambda code: f"{code} · {ref.countries[code].name}",
    }
    if kind.ref not in named:
        raise UnknownKind(f"the CMS cannot list the choices of {kind.ref!r} (field {where}): "
                          "add them to _options in cityedu_site/cms/configuration.py")
    return [{"label": named[kind.ref](v), "value": v} for v in sorted(kind.allowed(settings.refs))]


def _number(kind: Number, settings: Settings, where: str) -> dict[str, Any]:
    made: dict[str, Any] = {"widget": "number", "value_type": "int" if kind.whole else "float"}
    if kind.minimum is not None:
        made["min"] = kind.minimum
    if kind.maximum is not None:
        made["max"] = kind.maximum
    if not kind.whole:
        made["step"] = 0.01  # cents, square kilometres to two places
    return made


def _number_options(kind: Number, settings: Settings, where: str) -> list[dict[str, Any]] | None:
    """A short whole-number range as options: the goals, with their titles."""
    if not (kind.whole and kind.minimum is not None and kind.maximum is not None
            and kind.maximum - kind.minimum < _SELECT_LIMIT):
        return None
    titles = {g.number: g.title for g in settings.reference.goals} if where == "sdgs" else {}
    return [{"label": f"{n} · {titles[n]}" if n in titles else str(n), "value": n}
            for n in range(int(kind.minimum), int(kind.maximum) + 1)]


def _date(kind: Date, settings: Settings, where: str) -> dict[str, Any]:
    return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
            "time_format": False, "picker_utc": True}


def _pattern_of(kind: Kind, settings: Settings, message: str) -> dict[str, Any]:
    """A text field checked against the pattern the JSON Schema publishes for the kind."""
    described = kind.json_schema(settings.refs)
    pattern = described.get("pattern") or next(p["pattern"] for p in described["anyOf"] if "pattern" in p)
    return {"widget": "string", "pattern": [pattern, message]}


def _partial_date(kind: PartialDateKind, settings: Settings, where: str) -> dict[str, Any]:
    return _pattern_of(kind, settings, "A year (2019), a month (2019-10) or a date (2019-10-22).")


def _email(kind: Email, settings: Settings, where: str) -> dict[str, Any]:
    return {"widget": "string", "pattern": ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "An address like name@example.org."]}


def _phone(kind: Phone, settings: Settings, where: str) -> dict[str, Any]:
    return _pattern_of(kind, settings, "A phone number with its country code, like +82-2-2147-2375.")


def _url(kind: Url, settings: Settings, where: str) -> dict[str, Any]:
    return _pattern_of(kind, settings, "A web address starting with https://.")


def _sdg(kind: SdgTarget | GoalOrTarget, settings: Settings, where: str) -> dict[str, Any]:
    if isinstance(kind, SdgTarget):
        return _pattern_of(kind, settings, 'A target of a goal, like 4.3 or 4.a.')
    return {"widget": "string", "pattern": [r"^([1-9]|1[0-7])(\.([1-9][0-9]?|[a-c]))?$",
                                            "A goal's number (4), or one of its targets (4.3, 4.a)."]}


def _media(kind: MediaPath, settings: Settings, where: str) -> dict[str, Any]:
    made = _pattern_of(kind, settings, "An image file (.png, .jpg, .jpeg, .gif, .webp, .avif) in content/media/, "
                       "named with letters, digits, - and _.")
    return {**made, "widget": "image", "choose_url": False}


def _list(kind: ListOf, settings: Settings, where: str) -> dict[str, Any]:
    limits = {"min": kind.min_items} if kind.min_items else {}
    limits["max"] = kind.max_items
    item = kind.item
    options = _number_options(item, settings, where) if isinstance(item, Number) else None
    if isinstance(item, Choice) and item.ref != "cities" or options is not None:
        options = options or _options(item, settings, where)
        return {"widget": "select", "multiple": True, "options": options, **limits}
    if isinstance(item, Record):
        return {"widget": "list", "fields": [widget(f, settings, where) for f in item.fields],
                "summary": "{{" + item.fields[0].name + "}}", "collapsed": False, **limits}
    inner = _make(item, settings, where)
    return {"widget": "list", "field": {"label": label(where.rsplit(".", 1)[-1]), "name": "item", **inner},
            "collapsed": False, **limits}


def _record(kind: Record, settings: Settings, where: str, optional_parent: str = "") -> dict[str, Any]:
    return {"widget": "object", "collapsed": False,
            "fields": [widget(f, settings, where, optional_parent) for f in kind.fields]}


WIDGETS: dict[type[Kind], Callable[[Any, Settings, str], dict[str, Any]]] = {
    Text: _text, Choice: _choice, Number: _number, Date: _date, PartialDateKind: _partial_date,
    Email: _email, Phone: _phone, Url: _url, MediaPath: _media, ListOf: _list, Record: _record,
    SdgTarget: _sdg, GoalOrTarget: _sdg,
}


def collection(kind: str, settings: Settings) -> dict[str, Any]:
    """The Decap collection of case studies or of cities."""
    record, body = (schema.CASE, CASE_BODY) if kind == "case" else (schema.CITY, CITY_BODY)
    name = CMS_COLLECTIONS[kind]
    identifier = record.fields[0].name  # title, name
    fields = [widget(f, settings) for f in record.fields]
    fields.append({"label": "Text", "name": "body", "widget": "markdown", "default": body,
                   "hint": "Markdown. Headings start at ##; the sections above are the ones readers expect."})
    return {
        "name": name,
        "label": "Case studies" if kind == "case" else "Cities",
        "label_singular": "Case study" if kind == "case" else "City",
        "folder": f"{settings.content_folder}/{KIND_DIRS[kind]}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "identifier_field": identifier,
        # Lowercase ASCII words joined by hyphens, at most MAX_SLUG_LENGTH characters: the
        # file name `check` accepts (sources.SLUG_RE) and the page's address.
        "slug": "{{" + identifier + f" | truncate({MAX_SLUG_LENGTH})" + "}}",
        "summary": "{{" + identifier + "}}",
        "preview_path": (urls.case if kind == "case" else urls.city)("{{slug}}"),
        "sortable_fields": [identifier],
        "fields": fields,
    }


def document(settings: Settings) -> dict[str, Any]:
    """The whole config.yml."""
    backend: dict[str, Any]
    if settings.repository:
        # (No preview_context: by default the CMS takes the first commit status whose
        # context contains "deploy", which Netlify's "netlify/<site>/deploy-preview" does.)
        backend = {"name": "github", "repo": settings.repository, "branch": settings.branch,
                   "squash_merges": True}
    else:  # no repository to open pull requests on: the form works on a clone only
        backend = {"name": "proxy", "proxy_url": settings.local_backend, "branch": settings.branch}
    return {
        "backend": backend,
        # On localhost only: `npx decap-server` in a clone lets the form write its files.
        "local_backend": {"url": settings.local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]},
        # Each submission is a branch and a pull request; `check` and a Netlify deploy
        # preview run on it, and a maintainer merges it.
        "publish_mode": "editorial_workflow",
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "show_preview_links": True,
        "media_folder": f"{settings.content_folder}/{MEDIA_DIR}",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection("case", settings), collection("city", settings)],
    }
