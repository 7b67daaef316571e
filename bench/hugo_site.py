"""The benchmark corpus as a Hugo site, for the comparison: `convert(corpus_root, hugo_root)`.

Cases keep their front matter (Hugo reads YAML; `published` is one of its names for the
publication date) and gain the taxonomies Hugo builds index pages from: `cities` (the
case's city and, for a district, its metropolitan city, as our city pages include their
districts' cases), `goals`, `countries` (`themes` is already a list of slugs). Each
city, goal, theme and country gets a term page (`content/<taxonomy>/<term>/_index.md`)
with its title and, for cities, the profile and its fields. Templates and settings come
from bench/hugo/.

    python -m bench.hugo_site CORPUS_ROOT HUGO_ROOT
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

from bench.corpus import q

SKELETON = Path(__file__).resolve().parent / "hugo"
MARKER = ".bench-hugo"
_LINE = re.compile(r"^(\w+): (.*)$", re.M)


def split(text: str) -> tuple[str, str]:
    """(front matter, body) of a file that starts with ---."""
    _, front, body = text.split("---\n", 2)
    return front, body


def fields(front: str) -> dict[str, str]:
    """The top-level scalar and flow fields of front matter, as written (enough for our own files)."""
    return {m.group(1): m.group(2) for m in _LINE.finditer(front)}


def _unquote(value: str) -> str:
    return json.loads(value) if value.startswith('"') else value  # written by corpus.q, JSON-style


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def convert(corpus: Path, out: Path) -> dict[str, int]:
    """Write the Hugo version of the corpus at corpus into out (emptied first); counts of what was written."""
    from cityedu_site import reference  # the goals' and countries' names, as the builder has them

    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not made by bench.hugo_site: refusing to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by bench/hugo_site.py\n", "utf-8")
    shutil.copyfile(SKELETON / "config.toml", out / "config.toml")
    shutil.copytree(SKELETON / "layouts", out / "layouts")
    shutil.copytree(corpus / "assets", out / "static" / "assets")
    content = out / "content"

    cities: dict[str, dict[str, str]] = {}
    for path in sorted((corpus / "content" / "cities").glob("*.md")):
        front, body = split(path.read_text("utf-8"))
        values = fields(front)
        cities[path.stem] = values
        _write(content / "cities" / path.stem / "_index.md",
               f"---\ntitle: {values['name']}\n{front}---\n{body}")
    _write(content / "cities" / "_index.md", '---\ntitle: "Cities"\n---\n')

    countries = reference.countries()
    _write(out / "data" / "cities.json", json.dumps({slug: {
        "slug": slug, "name": _unquote(c["name"]), "name_local": _unquote(c.get("name_local", '""')),
        "parent": c.get("parent", ""), "parent_name": _unquote(cities[c["parent"]]["name"]) if "parent" in c else "",
        "country": c["country"], "country_name": countries[c["country"]].name,
        "region": _unquote(c.get("region", '""')),
    } for slug, c in cities.items()}, ensure_ascii=False, indent=1))

    goals = {g.number: g for g in reference.goals()}
    _write(out / "data" / "goals.json", json.dumps({str(g.number): {"slug": g.slug, "short": g.title}
                                                    for g in goals.values()}, ensure_ascii=False, indent=1))
    for goal in goals.values():
        _write(content / "goals" / goal.slug / "_index.md",
               f"---\ntitle: {q(f'Goal {goal.number}: {goal.title}')}\nnumber: {goal.number}\n"
               f"short: {q(goal.title)}\nstatement: {q(goal.statement)}\n---\n")
    _write(content / "goals" / "_index.md", '---\ntitle: "Sustainable Development Goals"\n---\n')

    # Our builder writes feeds for cities and goals only: themes and countries get none here either.
    themes_text = (corpus / "content" / "themes.yaml").read_text("utf-8")
    themes = re.findall(r'^([a-z0-9-]+): \{title: "(.*?)", description: "(.*?)"\}', themes_text, re.M)
    _write(out / "data" / "themes.json", json.dumps({slug: {"title": title} for slug, title, _ in themes},
                                                    ensure_ascii=False, indent=1))
    for slug, title, description in themes:
        _write(content / "themes" / slug / "_index.md",
               f"---\ntitle: {q(title)}\ndescription: {q(description)}\noutputs: [HTML]\n---\n")
    _write(content / "themes" / "_index.md", '---\ntitle: "Themes"\n---\n')

    for code in sorted({c["country"] for c in cities.values()}):
        _write(content / "countries" / code.lower() / "_index.md",
               f"---\ntitle: {q(countries[code].name)}\noutputs: [HTML]\n---\n")
    _write(content / "countries" / "_index.md", '---\ntitle: "Countries"\n---\n')

    _write(content / "cases" / "_index.md", '---\ntitle: "All case studies"\n---\n')
    count = 0
    for path in sorted((corpus / "content" / "cases").glob("*.md")):
        front, body = split(path.read_text("utf-8"))
        values = fields(front)
        city = values["city"]
        city_fields = cities[city]
        terms = [city] + ([city_fields["parent"]] if "parent" in city_fields else [])
        numbers = [int(n) for n in values["sdgs"].strip("[]").split(",")]
        extra = (f"cities: [{', '.join(terms)}]\n"
                 f"goals: [{', '.join(goals[n].slug for n in numbers)}]\n"
                 f"countries: [{city_fields['country'].lower()}]\n")
        _write(content / "cases" / path.name, f"---\n{front}{extra}---\n{body}")
        count += 1
    return {"cases": count, "cities": len(cities), "countries": len({c["country"] for c in cities.values()})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hugo_site", description="Convert a benchmark corpus "
                                     "into a Hugo site.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    counts = convert(args.corpus, args.out)
    print(f"Wrote a Hugo site with {counts['cases']} cases and {counts['cities']} cities to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
