"""How to cite a case study, in the formats researchers paste: BibTeX, RIS, CSL-JSON (what
Zotero and pandoc read) and a plain-text reference. The case page shows all four; the case's
JSON file carries the CSL-JSON. What is cited is the case study on this site (its authors are
the site's editors), with the sources it is based on named in a note."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import urls
from .config import SiteInfo
from .model import MONTHS, Case, SourceRef

_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$", "%": r"\%",
                   "&": r"\&", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True, slots=True)
class Citations:
    plain: str
    bibtex: str
    ris: str
    csl: dict[str, Any]

    @property
    def csl_json(self) -> str:
        return json.dumps([self.csl], ensure_ascii=False, indent=1)


def citations(case: Case, site: SiteInfo) -> Citations:
    url = urls.absolute(site.base_url, urls.case(case.slug))
    based_on = "; ".join(source_text(s) for s in case.sources)
    return Citations(plain_text(case, site, url, based_on), bibtex(case, site, url, based_on),
                     ris(case, site, url, based_on), csl(case, site, url, based_on))


def source_text(source: SourceRef) -> str:
    parts = [source.author, source.publisher, f"“{source.title}”" if source.title else None,
             source.date.display() if source.date else "undated"]
    return ", ".join(p for p in dict.fromkeys(parts) if p)


def _note(case: Case, site: SiteInfo, based_on: str) -> str:
    first = f"first published {case.published.day} {MONTHS[case.published.month - 1]} {case.published.year}"
    note = f"Case study, {first}" if case.updated else "Case study"
    return note + (f". Based on: {based_on}" if based_on else "") + f". Licence: {site.licence_name}"


def plain_text(case: Case, site: SiteInfo, url: str, based_on: str) -> str:
    day = case.updated or case.published
    when = f"{'updated' if case.updated else 'published'} {day.day} {MONTHS[day.month - 1]} {day.year}"
    text = f"{site.title}. “{case.title}.” Case study, {when}. {url}."
    return text + (f" Based on: {based_on}." if based_on else "") + f" Licence: {site.licence_name}."


def _bibtex_text(value: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in value)


def bibtex(case: Case, site: SiteInfo, url: str, based_on: str) -> str:
    day = case.updated or case.published
    fields = [
        ("author", "{" + _bibtex_text(site.title) + "}"),  # doubled braces: a body, not "Base, CityEdu Knowledge"
        ("title", "{" + _bibtex_text(case.title) + "}"),
        ("howpublished", _bibtex_text(f"{site.title}, case study")),
        ("year", str(day.year)),
        ("month", _BIBTEX_MONTHS[day.month - 1]),
        ("date", day.isoformat()),
        ("url", url),
        ("note", _bibtex_text(_note(case, site, based_on))),
    ]
    lines = [f"  {name:<12} = {value if name == 'month' else '{' + value + '}'}," for name, value in fields]
    return f"@misc{{cityedu:{case.slug},\n" + "\n".join(lines) + "\n}"


def ris(case: Case, site: SiteInfo, url: str, based_on: str) -> str:
    day = case.updated or case.published
    lines = [("TY", "ELEC"), ("AU", site.title), ("TI", case.title), ("PY", str(day.year)),
             ("DA", day.strftime("%Y/%m/%d")), ("PB", site.title), ("UR", url), ("N1", _note(case, site, based_on)),
             ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines)


def csl(case: Case, site: SiteInfo, url: str, based_on: str) -> dict[str, Any]:
    day = case.updated or case.published
    return {
        "id": f"cityedu-{case.slug}",
        "type": "webpage",
        "title": case.title,
        "author": [{"literal": site.title}],
        "container-title": site.title,
        "genre": "Case study",
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "URL": url,
        "note": _note(case, site, based_on),
        "license": site.licence_name,
    }
