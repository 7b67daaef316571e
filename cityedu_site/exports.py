"""The site as data, for aggregators and mirrors: JSON and CSV of the cases and cities,
a JSON file per case, JSON-LD for pages, Netlify redirects and the mirror listing.

Every function here takes plain values and returns text; the page planner decides which
files exist (pages.py) and the renderer calls these for pages whose template names one.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from . import csvfiles, rates, urls
from .model import Case, City, Goal, PartialDate
from .recent import Recent
from .reporting import reported_of
from .views import Place, case_status

# Bumped when a field of cases.json changes meaning or goes away (new fields do not bump it).
SCHEMA_VERSION = 1
_INTERNAL = {"slug", "path", "digest"}


def plain(value: Any) -> Any:
    """Model values as JSON values: dates as ISO text, records as objects without empty fields."""
    if isinstance(value, str | int | float) or value is None:
        return value
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, dt.date):
        return value.isoformat()
    names = _field_names(type(value))
    return {name: plain(item) for name in names if (item := getattr(value, name)) is not None and item != ()}


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in _INTERNAL)


def case_record(case: Case, cities: dict[str, City], base_url: str, today: dt.date,
                goals: Sequence[Goal] = ()) -> dict[str, Any]:
    """A case as its front matter says it (same names, same values), plus where it lives and
    what the site works out from it: the date its facts are as of and its status as reported
    (`as_reported`), the goals by who named them, its budget in US dollars."""
    record = {"slug": case.slug, "url": urls.absolute(base_url, urls.case(case.slug)), **plain(case),
              "place": place_record(cities[case.city])}
    if case.places:
        record["other_places"] = [place_record(cities[slug]) for slug in case.places]
    record["as_reported"] = as_reported(case, today)
    record["goals"] = goal_records(case, goals)
    if case.budget:
        usd = rates.usd_equivalent(case.budget, reported_of(case.reported, case.sources).date)
        record["budget_usd"] = None if usd is None else {
            "amount": round(usd.amount), "rate_year": usd.year, "rate": usd.rate, "rate_text": usd.rate_text or None,
            "basis": usd.basis or None, "rates": rates.RATES_SOURCE if usd.year else None}
    return record


def as_reported(case: Case, today: dt.date) -> dict[str, Any]:
    reported = reported_of(case.reported, case.sources)
    origin = None
    if reported.origin == "reported":
        origin = "reported"
    elif reported.source is not None:
        origin = f"sources[{case.sources.index(reported.source) + 1}]"
    record: dict[str, Any] = {"date": reported.date.iso() if reported.date else None, "from": origin}
    status = case_status(case, today)
    if status:
        record.update(status=status.key, label=status.label, last_reported=status.stale)
    return record


def goal_records(case: Case, goals: Sequence[Goal]) -> list[dict[str, Any]]:
    """Each goal with who named it: "source" (a source names it) or "editors" (they assigned it)."""
    named = set(case.sdgs_in_source)
    origin = {True: "source", False: "editors"}
    return [{"number": n, **({"title": goals[n - 1].title} if goals else {}), "named_by": origin[n in named],
             "targets": [{"target": t, "named_by": origin[t in named]} for t in case.sdg_targets
                         if int(t.split(".")[0]) == n]} for n in sorted(case.sdgs)]


def place_record(city: City) -> dict[str, Any]:
    return {key: value for key, value in (("name", city.name), ("name_local", city.name_local),
                                          ("country", city.country), ("region", city.region),
                                          ("parent", city.parent)) if value is not None}


def city_record(city: City, case_count: int, base_url: str) -> dict[str, Any]:
    return {"slug": city.slug, "url": urls.absolute(base_url, urls.city(city.slug)), **plain(city),
            "case_count": case_count}


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False) + "\n"


def cases_json(lines: Iterable[bytes], base_url: str) -> bytes:
    """Every case, one JSON record per line (see Records.json_line)."""
    return _listing({"schema_version": SCHEMA_VERSION, "site": base_url}, "cases", lines)


def cities_json(records: Iterable[dict], base_url: str) -> bytes:
    return _listing({"schema_version": SCHEMA_VERSION, "site": base_url}, "cities",
                    (json.dumps(record, ensure_ascii=False).encode("utf-8") for record in records))


def _listing(head: dict, name: str, lines: Iterable[bytes]) -> bytes:
    """JSON with one record per line: readable, diffable, and written by the C encoder
    (json.dumps with indent= falls back to a pure-Python one, ten times slower). Lines come
    encoded: the big listings are joined from lines kept from the previous build."""
    opening = json.dumps(head, ensure_ascii=False)[:-1] + f', "{name}": [\n'
    return b"".join((opening.encode("utf-8"), b",\n".join(lines), b"\n]}\n"))  # one copy of megabytes, not two


def case_json(record: dict, body: str, citation: dict) -> str:
    """One case: its record (as in cases.json), how to cite it (CSL-JSON) and its Markdown body."""
    return dumps({"schema_version": SCHEMA_VERSION, "case": record, "citation": citation, "body_markdown": body})


class Records:
    """Each case's line in cases.json and cases.csv (UTF-8), made once per version of the case,
    its places and the build's day (a status ages): serve rewrites both files after every edit,
    and only the edited case is new. Lines are joined in blocks of cases; after an edit that
    moves no case, the same blocks of the same case objects come again, and only the edited
    case's block is joined anew."""

    BLOCK = 256

    def __init__(self) -> None:
        self._json: Recent[bytes] = Recent()
        self._csv: Recent[bytes] = Recent()
        self._blocks: dict[str, dict[tuple, tuple[tuple, bytes]]] = {"json": {}, "csv": {}}  # the latest listing's

    def next_build(self) -> None:
        self._json.next_build()
        self._csv.next_build()

    def json_lines(self, cases: tuple[Case, ...], listing: Listing) -> list[bytes]:
        """Blocks of lines to join with ",\n" (the separator of the lines within a block)."""
        return self._blocks_of("json", cases, listing)

    def csv_lines(self, cases: tuple[Case, ...], listing: Listing) -> list[bytes]:
        return self._blocks_of("csv", cases, listing)

    def _blocks_of(self, kind: str, cases: tuple[Case, ...], listing: Listing) -> list[bytes]:
        line, separator = (self.json_line, b",\n") if kind == "json" else (self.csv_line, b"")
        earlier, kept = self._blocks[kind], {}
        for start in range(0, len(cases), self.BLOCK):
            chunk = cases[start:start + self.BLOCK]
            # The entry holds the chunk and the listing: their ids stand for them while it lives.
            key = (listing.base_url, listing.today, id(listing.cities), id(listing.goals), *map(id, chunk))
            entry = earlier.get(key)
            if entry is None:
                entry = ((chunk, listing), separator.join(line(c, listing) for c in chunk))
            kept[key] = entry
        self._blocks[kind] = kept
        return [block for _, block in kept.values()]

    def _key(self, case: Case, listing: Listing) -> tuple:
        return (case.digest, *(listing.cities[slug].digest for slug in (case.city, *case.places)),
                listing.base_url, listing.today)

    def json_line(self, case: Case, listing: Listing) -> bytes:
        return self._json.get(self._key(case, listing), lambda: json.dumps(
            case_record(case, listing.cities, listing.base_url, listing.today, listing.goals),
            ensure_ascii=False).encode())

    def csv_line(self, case: Case, listing: Listing) -> bytes:
        def make() -> bytes:
            out = io.StringIO()
            record = case_record(case, listing.cities, listing.base_url, listing.today, listing.goals)
            csv.writer(out, lineterminator="\r\n").writerow(map(csvfiles.cell, csvfiles.case_row(record)))
            return out.getvalue().encode()

        return self._csv.get(self._key(case, listing), make)


@dataclass(frozen=True, slots=True)
class Listing:
    """What every case's line in the listings depends on besides the case."""

    cities: dict[str, City]
    goals: tuple[Goal, ...]
    base_url: str
    today: dt.date


def json_ld_case(case: Case, places: Sequence[Place], goals: Iterable[Goal], base_url: str, language: str,
                 licence_url: str) -> Markup:
    """schema.org data for a case page; safe inside <script type="application/ld+json">.
    places: the case's city first, then its other places."""
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case.title,
        "description": case.summary,
        "url": urls.absolute(base_url, urls.case(case.slug)),
        "datePublished": case.published.isoformat(),
        "dateModified": (case.updated or case.published).isoformat(),
        "inLanguage": language,
        "license": licence_url,
        "spatialCoverage": _place(places[0], base_url) if len(places) == 1 else [_place(p, base_url) for p in places],
        "about": [{"@type": "DefinedTerm", "name": f"SDG {g.number}: {g.title}", "termCode": str(g.number),
                   "inDefinedTermSet": "https://sdgs.un.org/goals",
                   "url": urls.absolute(base_url, urls.goal(g.slug))} for g in goals],
    }
    if case.keywords:
        document["keywords"] = list(case.keywords)
    if case.sources:
        document["isBasedOn"] = [{"@type": "CreativeWork", "publisher": {"@type": "Organization", "name": s.publisher},
                                  **({"name": s.title} if s.title else {}), **({"url": s.url} if s.url else {}),
                                  **({"datePublished": s.date.iso()} if s.date else {}),
                                  **({"author": {"name": s.author}} if s.author else {})}  # a person or a body
                                 for s in case.sources]
    if case.period and case.period.start:
        end = case.period.end.iso() if case.period.end else ".."
        document["temporalCoverage"] = f"{case.period.start.iso()}/{end}"
    return script_json(document)


def json_ld_city(city: City, place: Place, base_url: str) -> Markup:
    document = {"@context": "https://schema.org", **_place(place, base_url)}
    if city.website:
        document["sameAs"] = city.website
    return script_json(document)


def _place(place: Place, base_url: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "AdministrativeArea" if place.parent_name else "City",
        "name": place.name,
        "url": urls.absolute(base_url, place.url),
        "containedInPlace": {"@type": "Country", "name": place.country_name},
    }
    if place.name_local:
        document["alternateName"] = place.name_local
    if place.parent_name and place.parent_url:
        document["containedInPlace"] = {"@type": "City", "name": place.parent_name,
                                        "url": urls.absolute(base_url, place.parent_url)}
    return document


def script_json(document: Any) -> Markup:
    """JSON safe inside a <script> element: Jinja's own encoder, which writes <, >, & and '
    as escapes, so no value can end the element or open a comment."""
    return htmlsafe_json_dumps(document, dumps=json.dumps, ensure_ascii=False, separators=(",", ":"))


def netlify_redirects(moves: Iterable[tuple[str, str]], base_path: str) -> str:
    """Netlify `_redirects`: each old address answers 301 with the new one, even though a
    redirect page exists at the old address for static copies (hence the forcing "!")."""
    lines = ["# Old addresses of renamed case studies (the `aliases` front matter field)."]
    lines += [f"{base_path}{old} {base_path}{new} 301!" for old, new in moves]
    return "\n".join(lines) + "\n"


def mirror_listing(files: dict[str, tuple[int, str]], built: dt.datetime, base_url: str,
                   rows: Recent[bytes] | None = None) -> bytes:
    """Every published file with its size and SHA-256, so a mirror fetches only what changed.
    rows: each file's line as the last build made it (serve: 20,000 lines, few of them new)."""
    rows = rows or Recent()
    head = {"schema_version": SCHEMA_VERSION, "site": base_url, "built": _iso(built)}
    return _listing(head, "files", (rows.get(entry, lambda entry=entry: _mirror_row(*entry))
                                    for entry in sorted(files.items())))


def _mirror_row(rel: str, file: tuple[int, str]) -> bytes:
    return f'{{"path": {json.dumps(rel, ensure_ascii=False)}, "size": {file[0]}, "sha256": "{file[1]}"}}'.encode()


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
