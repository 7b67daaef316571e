"""A synthetic corpus for the benchmark: a complete site root with N case studies.

    python -m bench.corpus OUT_DIR --cases N [--seed 1]

writes OUT_DIR/content/cases/*.md, OUT_DIR/content/cities/*.md, content/themes.yaml,
site.toml, copies of templates/ and assets/ (copies: the builder skips symlinked assets
and refuses symlinked content), and OUT_DIR/corpus.json (what was made, and which case
the benchmark edits). Build it with `python build.py --root OUT_DIR`.

Deterministic: the same seed and size give byte-identical files (one random.Random, no
hash() or set order, and no date taken from the clock). So that this holds from day to
day, dates are fixed rather than relative to today: every publication and every end of
a completed programme is on or before PAST_LAST, every planned start and every ongoing
end is in FUTURE_FIRST or later. The front matter is therefore valid while today lies
between those two (see VALID_FROM and VALID_UNTIL); outside that window the generator
says so.

Cities: about 4·√N (126 for 1,000 cases, 400 for 10,000), real ones first, then invented
ones with accented, Korean, Japanese and Chinese names; cases are spread over them by a
Zipf law, so a few cities (Seoul first) hold many cases and their listings paginate.
About 85 % of cases serve goal 4, so that goal's listing is the longest.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bench import vocabulary as V

REPO = Path(__file__).resolve().parents[1]
VERSION = 1
MARKER = "corpus.json"

PAST_FIRST = dt.date(2015, 1, 1)  # the earliest publication date
PAST_LAST = dt.date(2024, 12, 31)  # the latest publication date, and the latest end of a completed programme
FUTURE_FIRST = 2032  # the earliest start of a planned programme, and the earliest end of an ongoing one
VALID_FROM = PAST_LAST + dt.timedelta(days=1)
VALID_UNTIL = dt.date(FUTURE_FIRST - 1, 12, 31)

MAX_SLUG = 80
WORDS_MEAN, WORDS_SD = 750, 110  # of a case body
GOAL_4_SHARE = 0.85
OTHER_GOALS = [11, 8, 10, 16, 17, 5, 9, 3, 1, 13, 12, 6, 7, 2, 14, 15]
OTHER_GOAL_WEIGHTS = [16, 14, 12, 10, 10, 8, 6, 5, 4, 3, 2, 2, 2, 1, 1, 1]

_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i",
                           "æ": "ae", "Æ": "AE", "ð": "d", "þ": "th", "œ": "oe"})
# Budget amounts are drawn in these units, so figures look like published ones.
_BUDGET_UNIT = {"KRW": 1_000_000, "JPY": 100_000, "VND": 10_000_000, "IDR": 10_000_000, "COP": 1_000_000,
                "CLP": 1_000_000, "HUF": 100_000, "KZT": 100_000, "MNT": 1_000_000, "LKR": 100_000, "NPR": 100_000,
                "NGN": 100_000, "KES": 100_000, "INR": 100_000, "ISK": 100_000, "PHP": 10_000, "THB": 10_000,
                "ARS": 100_000, "UYU": 10_000, "CZK": 10_000, "TRY": 10_000, "MXN": 10_000}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def name_key(name: str) -> str:
    """As the builder compares city names: case, width and normalisation folded."""
    return unicodedata.normalize("NFKC", name).casefold().strip()


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are a subset of YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def flow(items) -> str:
    return "[" + ", ".join(items) + "]"


# ---- cities ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    slug: str
    name: str
    local: str
    country: str
    region: str
    currency: str
    parent: str = ""
    host: str = ""


def _host(slug: str, country: str) -> str:
    if country == "KR":
        return f"{slug.split('-')[0]}.go.kr"
    if country == "JP":
        return f"city.{slug}.lg.jp"
    return f"{slug}.{V.TLDS.get(country, country.lower())}"


def _fixed_cities() -> list[City]:
    """The real places, Korean and others interleaved; each district after its metropolitan city."""
    korean = [City(slug, name, local, "KR", "East Asia", "KRW", parent, _host(slug, "KR"))
              for slug, name, local, parent in V.KOREAN_PLACES]
    world = [City(slug, name, local, country, region, currency, "", _host(slug, country))
             for slug, name, local, country, region, currency in V.WORLD_PLACES]
    out: list[City] = []
    for index in range(max(len(korean), len(world))):
        out.extend(group[index] for group in (korean, world) if index < len(group))
    return out


def _invented_city(rng: random.Random, metros: list[str]) -> City:
    kind = rng.choices(("korean", "flavour", "japanese", "chinese"), weights=(30, 50, 10, 10))[0]
    if kind == "korean":
        (h1, r1), (h2, r2) = rng.sample(V.KOREAN_SYLLABLES, 2)
        suffix_h, suffix_r = rng.choice(V.KOREAN_SUFFIXES)
        parent = "" if suffix_r == "si" or not metros else rng.choice(metros)
        name = f"{(r1 + r2).capitalize()}-{suffix_r}"
        slug = slugify(name)
        return City(slug, name, h1 + h2 + suffix_h, "KR", "East Asia", "KRW", parent, _host(slug, "KR"))
    if kind == "japanese":
        first, second = rng.choice(V.JAPANESE_PARTS[0]), rng.choice(V.JAPANESE_PARTS[1])
        name = first[0] + second[0]
        slug = slugify(name)
        return City(slug, name, first[1] + second[1] + "市", "JP", "East Asia", "JPY", "", _host(slug, "JP"))
    if kind == "chinese":
        first, second = rng.sample(V.CHINESE_PARTS, 2)
        name = first[0] + second[0].lower()
        slug = slugify(name)
        return City(slug, name, first[1] + second[1] + "市", "CN", "East Asia", "CNY", "", _host(slug, "CN"))
    country, region, currency, prefixes, stems, suffixes = rng.choice(V.FLAVOURS)
    prefix, stem, suffix = rng.choice(prefixes), rng.choice(stems), rng.choice(suffixes)
    if prefix and not prefix.endswith((" ", "-")):
        stem = stem[0].lower() + stem[1:]
    name = prefix + stem + suffix
    name = name[0].upper() + name[1:]
    slug = slugify(name)
    return City(slug, name, "", country, region, currency, "", _host(slug, country))


def make_cities(rng: random.Random, count: int) -> list[City]:
    cities = _fixed_cities()[:count]
    names = {name_key(c.name) for c in cities}
    slugs = {c.slug for c in cities}
    metros = [c.slug for c in cities if c.slug in V.KOREAN_METROS]
    attempts = 0
    while len(cities) < count:
        attempts += 1
        if attempts > 200 * count:
            raise SystemExit(f"could not invent {count} distinct city names")
        city = _invented_city(rng, metros)
        if (not city.slug or len(city.slug) > MAX_SLUG or city.slug in slugs or name_key(city.name) in names):
            continue
        cities.append(city)
        names.add(name_key(city.name))
        slugs.add(city.slug)
    return cities


def city_count(cases: int) -> int:
    return max(10, round(4 * math.sqrt(cases)))


# ---- text -----------------------------------------------------------------------------------


class _Values(dict):
    """Fixed placeholders ({city}, {prog}...) and ones drawn anew each time ({num}, {year}, {pct})."""

    def __init__(self, rng: random.Random, fixed: dict[str, str]):
        super().__init__(fixed)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "num":
            return f"{rng.choice((rng.randint(3, 40), rng.randint(40, 900), rng.randint(900, 20000))):,}"
        if key == "year":
            return str(rng.randint(2008, 2024))
        if key == "pct":
            return str(rng.randint(5, 95))
        raise KeyError(key)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    def __init__(self, rng: random.Random, fixed: dict[str, str]):
        self.rng = rng
        self.values = _Values(rng, fixed)

    def fill(self, template: str) -> str:
        return template.format_map(self.values)

    def pick(self, pool: list[str]) -> str:
        return self.fill(self.rng.choice(pool))

    def background(self) -> str:
        parts = [self.pick(V.BG_OPEN), self.pick(V.BG_SUBJ), self.rng.choice(V.BG_VERB), self.pick(V.BG_OBJ)]
        return _cap(" ".join(p for p in parts if p)) + self.pick(V.BG_TAIL)

    def challenge(self) -> str:
        head = self.rng.choice(V.CH_HEAD)
        head = f"**{head}**" if self.rng.random() < 0.5 else head
        return f"{head} {self.pick(V.CH_BODY)}{self.pick(V.CH_TAIL)}."

    def objective(self) -> str:
        return f"{self.rng.choice(V.OBJ_VERB)} {self.pick(V.OBJ_BODY)}{self.pick(V.OBJ_TAIL)}"

    def action(self) -> str:
        return _cap(f"{self.pick(V.ACT_SUBJ)} {self.rng.choice(V.ACT_VERB)} {self.pick(V.ACT_OBJ)}"
                    f"{self.pick(V.ACT_TAIL)}")

    def outcome(self) -> str:
        return _cap(f"{self.pick(V.OUT_SUBJ)} {self.pick(V.OUT_BODY)}{self.pick(V.OUT_TAIL)}")

    def korean(self) -> str:
        parts = [self.pick(V.KO_SUBJ), self.rng.choice(V.KO_TIME), self.rng.choice(V.KO_OBJ),
                 self.rng.choice(V.KO_VERB)]
        return " ".join(p for p in parts if p)

    def paragraph(self, make, low: int, high: int) -> str:
        return " ".join(make() for _ in range(self.rng.randint(low, high)))


def words(text: str) -> int:
    return len(text.split())


def case_body(w: Writer, korean: bool, target: int) -> str:
    rng = w.rng
    background = [w.paragraph(w.background, 3, 4) for _ in range(rng.randint(2, 3))]
    if korean and rng.random() < 0.6:
        background.append(w.paragraph(w.korean, 2, 3))
    challenges = [w.challenge() for _ in range(rng.randint(3, 6))]
    objectives = [w.objective() for _ in range(rng.randint(3, 5))]
    headings = rng.sample(V.ACT_HEADINGS, len(V.ACT_HEADINGS))
    actions: list[tuple[str, str]] = [(headings.pop(), w.paragraph(w.action, 2, 4)) for _ in range(rng.randint(2, 3))]
    outcomes = [w.paragraph(w.outcome, 2, 4)]
    table = None
    if rng.random() < 0.4:
        years = sorted(rng.sample(range(2016, 2025), 3))
        rows = []
        for indicator in rng.sample(V.INDICATORS, rng.randint(3, 5)):
            if "(%)" in indicator:
                values = sorted(rng.randint(20, 99) for _ in years)
            else:
                base = rng.randint(5, 5000)
                values = [base * (index + 1) + rng.randint(0, base) for index in range(len(years))]
            rows.append(f"| {indicator} | " + " | ".join(f"{v:,}" for v in values) + " |")
        table = "\n".join([f"| Indicator | {' | '.join(map(str, years))} |", "|---|" + "---:|" * len(years), *rows])
    quote = f"> {rng.choice(V.QUOTES)}\n>\n> — a participant" if rng.random() < 0.3 else None
    replicability = w.paragraph(lambda: w.pick(V.REP_SENTENCES), 2, 3)

    def render() -> str:
        out = ["## Background", *background, "## Challenges", "\n".join(f"- {c}" for c in challenges),
               "## Objectives", "\n".join(f"{i}. {o}" for i, o in enumerate(objectives, 1)), "## Actions"]
        for heading, text in actions:
            out += [f"### {heading}", text]
        out += ["## Outcomes", *outcomes]
        if table:
            out.append(table)
        if quote:
            out.append(quote)
        out += ["## Replicability", replicability]
        return "\n\n".join(out) + "\n"

    count = words(render())
    while count < target:  # longer bodies: longer actions, a new action, more background
        roll = rng.random()
        if roll < 0.45:
            index = rng.randrange(len(actions))
            added = w.action()
            actions[index] = (actions[index][0], actions[index][1] + " " + added)
        elif roll < 0.6 and headings:
            heading = headings.pop()
            added = heading + " " + w.paragraph(w.action, 2, 4)
            actions.append((heading, added[len(heading) + 1:]))
            added = "### " + added
        else:
            index = rng.randrange(len(background))
            added = w.background()
            background[index] += " " + added
        count += words(added)
    return render()


# ---- front matter -----------------------------------------------------------------------------


def _date_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _partial(rng: random.Random, year: int, latest: dt.date | None = None) -> str:
    """A year, "YYYY-MM" or YYYY-MM-DD within year, never after latest."""
    form = rng.choices(("year", "month", "day"), weights=(60, 25, 15))[0]
    if form == "year":
        return str(year)
    day = _date_between(rng, dt.date(year, 1, 1), min(dt.date(year, 12, 31), latest or dt.date(year, 12, 31)))
    return q(f"{day:%Y-%m}") if form == "month" else day.isoformat()


def period_lines(rng: random.Random) -> list[str]:
    status = rng.choices(("completed", "ongoing", "planned", None), weights=(40, 43, 14, 3))[0]
    if status == "completed":
        start = rng.randint(2005, PAST_LAST.year - 2)
        end = rng.randint(start + 1, min(start + 5, PAST_LAST.year))
        values = [("start", _partial(rng, start)), ("end", _partial(rng, end, PAST_LAST))]
    elif status == "ongoing":
        values = [("start", _partial(rng, rng.randint(2010, PAST_LAST.year), PAST_LAST))]
        if rng.random() < 0.5:
            values.append(("end", str(rng.randint(FUTURE_FIRST, FUTURE_FIRST + 8))))
    elif status == "planned":
        start = rng.randint(FUTURE_FIRST, FUTURE_FIRST + 3)
        values = [("start", _partial(rng, start))]
        if rng.random() < 0.5:
            values.append(("end", str(rng.randint(start + 1, start + 5))))
    else:  # a start and nothing else
        values = [("start", str(rng.randint(2005, PAST_LAST.year)))]
    if status:
        values.append(("status", status))
    return ["period:", *(f"  {key}: {value}" for key, value in values)]


def budget_lines(rng: random.Random, city: City) -> list[str]:
    currency = "USD" if rng.random() < 0.12 else city.currency
    unit = 1 if rng.random() < 0.1 else _BUDGET_UNIT.get(currency, 1000)
    units = rng.randint(20, 20000)
    lines = ["budget:", f"  total: {units * unit}", f"  currency: {currency}"]
    if rng.random() < 0.3:
        lines.append(f"  note: {q(rng.choice(V.BUDGET_NOTES))}")
    count = rng.choice((0, 1, 2, 2, 3, 3, 4, 5))
    count = min(count, units)
    if count:
        cuts = sorted(rng.sample(range(1, units), count - 1)) if count > 1 else []
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, units], strict=True)]
        payers = rng.sample(V.BUDGET_PAYERS, count)
        lines.append("  sources:")
        lines += [f"    - {{name: {q(payer)}, amount: {share * unit}}}" for payer, share in zip(payers, shares,
                                                                                                    strict=True)]
    return lines


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", slugify(text))


def contact_lines(rng: random.Random, city: City, fill) -> list[str]:
    lines = ["contacts:"]
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        if city.country == "KR":
            surname, given = rng.choice(V.KOREAN_SURNAMES), rng.choice(V.KOREAN_GIVEN)
            name = f"{surname} {given}"
        else:
            given, surname = rng.choice(V.GIVEN_NAMES), rng.choice(V.SURNAMES)
            name = f"{given} {surname}"
        lines.append(f"  - name: {q(name)}")
        lines.append(f"    role: {q(rng.choice(V.ROLES))}")
        if rng.random() < 0.8:
            lines.append(f"    organization: {q(fill('{city} ') + rng.choice(V.OFFICES))}")
        reach = rng.choices(("both", "email", "phone"), weights=(50, 30, 20))[0]
        if reach in ("both", "email"):
            lines.append(f"    email: {q(f'{_ascii_word(given)}.{_ascii_word(surname)}@{city.host}')}")
        if reach in ("both", "phone"):
            code = V.PHONE_CODES.get(city.country, "1")
            phone = f"+{code}-{rng.randint(2, 99)}-{rng.randint(100, 9999)}-{rng.randint(1000, 9999)}"
            lines.append(f"    phone: {q(phone)}")
    return lines


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


@dataclass(frozen=True)
class CaseFile:
    slug: str
    city: str
    title: str
    published: dt.date
    text: str


def make_case(rng: random.Random, city: City, cities: dict[str, City], themes: list[str],
              slugs: set[str]) -> CaseFile:
    adjective, topic, form = rng.choice(V.PROG_ADJ), rng.choice(V.PROG_TOPIC), rng.choice(V.PROG_FORMAT)
    audience = rng.choice(V.AUDIENCES)
    programme = f"{adjective} {topic} {form}{audience}"
    acronym = "".join(word[0] for word in f"{city.name.split()[0]} {adjective} {topic} {form}".split()
                      if word[0].isalpha()).upper()
    title = f"{city.name} {programme}"
    if rng.random() < 0.3:
        title += f" ({acronym})"
    korean = city.country == "KR"
    if korean and rng.random() < 0.2:
        title += f" · {rng.choice(V.KOREAN_PROG)}"

    base = slugify(f"{city.slug} {adjective} {topic} {form}{audience}")
    while len(base) > MAX_SLUG - 4:
        base = base.rsplit("-", 1)[0]
    slug, number = base, 1
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)

    parent = cities.get(city.parent)
    w = Writer(rng, {"city": city.name, "prog": programme, "acr": acronym, "host": city.host,
                     "city_ko": city.local or city.name, "parent": parent.name if parent else ""})
    audience_text = rng.choice(V.STAKEHOLDERS)
    summary = (f"{city.name} {rng.choice(V.SUMMARY_VERB)} {rng.choice(V.SUMMARY_WHAT)} "
               f"{rng.choice(V.SUMMARY_GOAL)}, for {audience_text[0].lower()}{audience_text[1:]}.")
    if rng.random() < 0.5:
        summary += " " + w.objective()

    goals = [4] if rng.random() < GOAL_4_SHARE else [rng.choices(OTHER_GOALS, OTHER_GOAL_WEIGHTS)[0]]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        extra = rng.choices(OTHER_GOALS + [4], OTHER_GOAL_WEIGHTS + [5])[0]
        if extra not in goals:
            goals.append(extra)
    published = _date_between(rng, PAST_FIRST, PAST_LAST)
    theme_weights = [6 if t == "lifelong-learning" else 3 if t in ("youth-and-schools", "e-government") else 1
                     for t in themes]
    chosen_themes = _unique(rng.choices(themes, theme_weights, k=rng.randint(1, 5)))

    fm = [f"title: {q(title)}", f"summary: {q(summary)}", f"city: {city.slug}", f"sdgs: {flow(map(str, goals))}",
          f"themes: {flow(chosen_themes)}", f"published: {published.isoformat()}"]
    if rng.random() < 0.15:
        fm.append(f"updated: {_date_between(rng, published, PAST_LAST).isoformat()}")
    if rng.random() < 0.9:
        fm += period_lines(rng)
    if rng.random() < 0.75:
        fm += budget_lines(rng, city)
    stakeholders = rng.sample(V.STAKEHOLDERS, rng.randint(2, 9))
    fm += ["stakeholders:", *(f"  - {q(s)}" for s in stakeholders)]
    if rng.random() < 0.6:
        fm.append(f"partners: {flow(q(p) for p in rng.sample(V.PARTNERS, rng.randint(1, 4)))}")
    if rng.random() < 0.9:
        fm += contact_lines(rng, city, w.fill)
    keywords = rng.sample(V.KEYWORDS, rng.randint(3, 10))
    if korean:
        keywords += [city.local, *rng.sample(V.KOREAN_KEYWORDS, rng.randint(1, 5))]
    keywords += [acronym, f"{adjective} {topic} {form}"]
    fm.append(f"keywords: {flow(q(k) for k in _unique(keywords)[:30])}")
    if rng.random() < 0.7:
        fm.append("links:")
        for _ in range(rng.randint(1, 3)):
            url = f"https://www.{city.host}/{rng.choice(V.LINK_PATHS)}/{slug[:40].strip('-')}"
            fm.append(f"  - {{title: {q(w.pick(V.LINK_TITLES))}, url: {q(url)}}}")
    fm.append("sources:")
    for _ in range(rng.choice((1, 1, 1, 2))):
        fm.append(f"  - publisher: {q(w.pick(V.PUBLISHERS))}")
        if rng.random() < 0.85:
            fm.append(f"    title: {q(w.pick(V.SOURCE_TITLES))}")
        if rng.random() < 0.5:
            fm.append(f"    url: {q(f'https://www.{city.host}/reports/{slug}')}")
        if rng.random() < 0.8:
            fm.append(f"    date: {_date_between(rng, published - dt.timedelta(days=700), published).isoformat()}")

    target = max(450, min(1150, round(rng.gauss(WORDS_MEAN, WORDS_SD))))
    body = case_body(w, korean, target)
    return CaseFile(slug, city.slug, title, published, "---\n" + "\n".join(fm) + "\n---\n\n" + body)


def city_text(rng: random.Random, city: City, cities: dict[str, City]) -> str:
    parent = cities.get(city.parent)
    population = rng.randint(40_000, 900_000) if parent else rng.randint(80_000, 12_000_000)
    fm = [f"name: {q(city.name)}"]
    if city.local:
        fm.append(f"name_local: {q(city.local)}")
    fm += [f"country: {city.country}", f"region: {q(city.region)}"]
    if parent:
        fm.append(f"parent: {parent.slug}")
    if rng.random() < 0.8:
        fm.append(f"population: {population}")
    if rng.random() < 0.6:
        fm.append(f"area_km2: {rng.randint(800, 150000) / 100}")
    fm.append(f"website: {q(f'https://www.{city.host}')}")
    if rng.random() < 0.6:
        fm.append(f"memberships: {flow(q(m) for m in rng.sample(V.MEMBERSHIPS, rng.randint(1, 3)))}")
    if rng.random() < 0.3:
        qualifier = rng.choice(("", "about", "more than"))
        money = f"{{amount: {rng.randint(2, 90) * 1000}, currency: USD" + (f", qualifier: {qualifier}}}"
                                                                          if qualifier else "}")
        fm.append(f"gdp_per_capita: {money}")
    w = Writer(rng, {"city": city.name, "parent": parent.name if parent else "", "region": city.region,
                     "pop": f"{population:,}", "office": rng.choice(V.OFFICES), "city_ko": city.local or city.name,
                     "prog": "", "acr": "", "host": city.host})
    first = w.pick(V.DISTRICT_INTRO if parent else V.CITY_INTRO)
    paragraphs = [" ".join([first, *(w.pick(V.CITY_MORE) for _ in range(rng.randint(2, 4)))])]
    if rng.random() < 0.6:
        paragraphs.append(" ".join(w.pick(V.CITY_MORE) for _ in range(rng.randint(2, 3))))
    if city.country == "KR" and rng.random() < 0.5:
        paragraphs.append(w.pick(V.KO_CITY))
    return "---\n" + "\n".join(fm) + "\n---\n\n" + "\n\n".join(paragraphs) + "\n"


# ---- the site root ----------------------------------------------------------------------------


def theme_slugs(themes_file: Path) -> list[str]:
    return re.findall(r"^([a-z0-9]+(?:-[a-z0-9]+)*):", themes_file.read_text("utf-8"), re.M)


def newest_first_key(case: CaseFile) -> tuple:
    """The order of the builder's listings (taxonomy.newest_first)."""
    return (-case.published.toordinal(), case.title.casefold(), case.slug)


def prepare(out: Path, force: bool = False) -> None:
    """Empty out for a new corpus; refuse a folder that is not one of ours unless forced."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise SystemExit(f"{out} is not empty and holds no {MARKER}: refusing to overwrite it (use --force)")
    out.mkdir(parents=True, exist_ok=True)
    for name in ("content", "templates", "assets", "public", ".cache"):
        if (out / name).exists():
            shutil.rmtree(out / name)
    for name in ("site.toml", MARKER):
        (out / name).unlink(missing_ok=True)


def generate(out: Path, cases: int, seed: int = 1, force: bool = False) -> dict:
    """Write the corpus into out; what was made (also written to out/corpus.json)."""
    today = dt.date.today()
    if not VALID_FROM <= today <= VALID_UNTIL:
        print(f"warning: the corpus's dates are valid from {VALID_FROM} to {VALID_UNTIL}, and today is "
              f"{today}: `check` will report period and publication problems", file=sys.stderr)
    prepare(out, force)
    (out / "content" / "cases").mkdir(parents=True)
    (out / "content" / "cities").mkdir()
    shutil.copyfile(REPO / "content" / "themes.yaml", out / "content" / "themes.yaml")
    shutil.copyfile(REPO / "site.toml", out / "site.toml")
    shutil.copytree(REPO / "templates", out / "templates")
    shutil.copytree(REPO / "assets", out / "assets")
    themes = theme_slugs(out / "content" / "themes.yaml")

    rng = random.Random(seed)
    city_list = make_cities(rng, city_count(cases))
    cities = {c.slug: c for c in city_list}
    for city in city_list:
        (out / "content" / "cities" / f"{city.slug}.md").write_bytes(city_text(rng, city, cities).encode())

    cumulative = list(_cumulative([1 / (rank + 1) for rank in range(len(city_list))]))
    slugs: set[str] = set()
    made: list[CaseFile] = []
    total_words = 0
    for _ in range(cases):
        city = city_list[min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(city_list) - 1)]
        case = make_case(rng, city, cities, themes, slugs)
        (out / "content" / "cases" / f"{case.slug}.md").write_bytes(case.text.encode())
        total_words += words(case.text.split("\n---\n", 1)[1])
        made.append(CaseFile(case.slug, case.city, case.title, case.published, ""))

    info = {"version": VERSION, "seed": seed, "cases": cases, "cities": len(city_list),
            "words_per_case": round(total_words / max(1, cases)), "valid_from": VALID_FROM.isoformat(),
            "valid_until": VALID_UNTIL.isoformat(), "edit": edit_target(made, city_list)}
    (out / MARKER).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return info


def _cumulative(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def edit_target(made: list[CaseFile], city_list: list[City]) -> dict | None:
    """The case the benchmark edits: the newest of the biggest city's listing (its districts
    included), so that it is on the first page of that listing and of its own city's."""
    if not made:
        return None
    counts: dict[str, int] = {}
    for case in made:
        counts[case.city] = counts.get(case.city, 0) + 1
    parents = {c.slug: c.parent for c in city_list}
    listing: dict[str, int] = dict(counts)
    for slug, count in counts.items():
        if parents.get(slug):
            listing[parents[slug]] = listing.get(parents[slug], 0) + count
    biggest = max(listing, key=lambda slug: (listing[slug], slug))
    members = [c for c in made if c.city == biggest or parents.get(c.city) == biggest]
    case = min(members, key=newest_first_key)
    return {"slug": case.slug, "path": f"content/cases/{case.slug}.md", "city": case.city,
            "listing_city": biggest, "listing_size": listing[biggest]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description="Write a synthetic site root "
                                     "with N case studies for the benchmark.")
    parser.add_argument("out", type=Path, help="the folder to write (a site root)")
    parser.add_argument("--cases", type=int, required=True, help="how many case studies")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--force", action="store_true", help="overwrite a non-empty folder that is not a corpus")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    info = generate(args.out, args.cases, args.seed, args.force)
    print(f"Wrote {info['cases']} cases (about {info['words_per_case']} words each) and {info['cities']} cities "
          f"to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
