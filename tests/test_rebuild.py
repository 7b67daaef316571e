"""Warm rebuilds equal clean builds, byte for byte, after any sequence of edits (issue 15).

A stateful property test: Hypothesis adds, edits, renames and deletes cases and cities,
changes the themes, a template and the stylesheet, moves to another day, restarts the
builder (the CLI's path: what the last build left is read from disk) and breaks the
content; after every step the warm build's output must equal a clean build's, and a
build of broken content must leave the output as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import textwrap
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from cityedu_site.builder import Builder
from cityedu_site.config import load_config
from cityedu_site.errors import ContentError
from cityedu_site.output import MARKER
from conftest import ROOT

CASE_SLUGS = [f"case-{letter}" for letter in "abcdefgh"]
CITY_SLUGS = ["seoul", "songpa-gu", "busan", "sejong"]
WORDS = ["learning", "digital", "youth", "city", "training", "평생학습", "e-government"]
THEMES = ["lifelong-learning", "e-government", "smart-city", "youth-and-schools"]
FIRST_DAY = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MARKER}


CASES = st.fixed_dictionaries({
    "title": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    "city": st.sampled_from(CITY_SLUGS),
    "sdgs": st.lists(st.integers(1, 17), min_size=1, max_size=3, unique=True),
    "published": st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
    "themes": st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
    "start": st.none() | st.integers(2015, 2025),
    "body": st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join),
})


def case_text(values: dict, aliases: tuple[str, ...] = ()) -> str:
    lines = [f'title: "{values["title"].capitalize()} programme"', 'summary: "A case for the rebuild test."',
             f"city: {values['city']}", f"sdgs: {values['sdgs']}", f"published: {values['published']}",
             f"themes: [{', '.join(values['themes'])}]", 'sources:\n  - publisher: "Test"']
    if values["start"]:
        lines.append(f"period:\n  start: {values['start']}\n  status: ongoing")
    if aliases:
        lines.append(f"aliases: [{', '.join(aliases)}]")
    return "---\n" + "\n".join(lines) + f"\n---\n## Background\n\n{values['body'] or 'Text.'}\n"


def city_text(slug: str, name: str, country: str) -> str:
    parent = "parent: seoul\n" if slug == "songpa-gu" else ""
    return f'---\nname: "{name}"\ncountry: {country}\n{parent}---\nA city of the rebuild test.\n'


class Rebuilds(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="rebuild-"))
        self.root = self.folder / "site"
        for name in ("templates", "assets"):
            shutil.copytree(ROOT / name, self.root / name)
        (self.root / "content" / "cases").mkdir(parents=True)
        (self.root / "content" / "cities").mkdir()
        shutil.copy(ROOT / "content" / "themes.yaml", self.root / "content" / "themes.yaml")
        self.write("content/cities/seoul.md", city_text("seoul", "Seoul", "KR"))
        self.write("content/cities/songpa-gu.md", city_text("songpa-gu", "Songpa-gu", "KR"))
        self.day = FIRST_DAY
        self.builder = self.new_builder()
        self.cleans = 0
        self.build()

    def teardown(self) -> None:
        if hasattr(self, "folder"):
            shutil.rmtree(self.folder, ignore_errors=True)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.write_text(textwrap.dedent(text), encoding="utf-8")

    def config(self, output: Path | None = None):
        return load_config(self.root, search=False, output_dir=str(output) if output else None, build_time=self.day)

    def new_builder(self) -> Builder:
        if hasattr(self, "builder"):
            self.builder.wait()  # as a process does when it exits
        return Builder(self.config(), workers=1)

    def build(self) -> None:
        before = tree(self.root / "public") if (self.root / "public").exists() else None
        try:
            self.builder.build()
        except ContentError:
            assert before is not None and tree(self.root / "public") == before, "a failed build changed the site"
            self.broken = True
            return
        self.broken = False
        self.cleans += 1
        clean = self.folder / f"clean-{self.cleans}"
        Builder(self.config(clean), workers=1, clean=True).build()
        assert tree(self.root / "public") == tree(clean), "the warm build differs from a clean build"
        shutil.rmtree(clean)

    def cases(self) -> list[str]:
        return sorted(p.stem for p in (self.root / "content" / "cases").glob("*.md"))

    @rule(slug=st.sampled_from(CASE_SLUGS), values=CASES)
    def write_case(self, slug: str, values: dict) -> None:
        if values["city"] not in {p.stem for p in (self.root / "content" / "cities").glob("*.md")}:
            values = {**values, "city": "seoul"}
        self.write(f"content/cases/{slug}.md", case_text(values))
        self.build()

    @rule(data=st.data())
    def delete_case(self, data) -> None:
        if self.cases():
            (self.root / "content" / "cases" / f"{data.draw(st.sampled_from(self.cases()))}.md").unlink()
            self.build()

    @rule(data=st.data(), keep_alias=st.booleans())
    def rename_case(self, data, keep_alias: bool) -> None:
        free = sorted(set(CASE_SLUGS) - set(self.cases()))
        if self.cases() and free:
            old, new = data.draw(st.sampled_from(self.cases())), data.draw(st.sampled_from(free))
            text = (self.root / "content" / "cases" / f"{old}.md").read_text("utf-8")
            if keep_alias and "aliases:" not in text:
                text = text.replace("\n---\n##", f"\naliases: [{old}]\n---\n##", 1)
            (self.root / "content" / "cases" / f"{old}.md").unlink()
            self.write(f"content/cases/{new}.md", text)
            self.build()

    @rule(slug=st.sampled_from(CITY_SLUGS[1:]), name=st.sampled_from(["Songpa-gu", "Busan", "Sejong", "Gwangju"]),
          country=st.sampled_from(["KR", "JP"]))
    def write_city(self, slug: str, name: str, country: str) -> None:
        self.write(f"content/cities/{slug}.md", city_text(slug, name, country))  # a clash of names breaks it
        self.build()

    @rule(slug=st.sampled_from(CITY_SLUGS[1:]))
    def delete_city(self, slug: str) -> None:  # breaks the content while a case is in it
        (self.root / "content" / "cities" / f"{slug}.md").unlink(missing_ok=True)
        self.build()

    @rule(title=st.sampled_from(["Lifelong Learning", "Learning for Life", "Learning at Every Age"]))
    def retitle_a_theme(self, title: str) -> None:
        path = self.root / "content" / "themes.yaml"
        text = path.read_text("utf-8")
        start = text.index("lifelong-learning:")
        line_end = text.index("\n", text.index("title:", start))
        path.write_text(text[:text.index("title:", start)] + f'title: "{title}"' + text[line_end:], "utf-8")
        self.build()

    @rule(template=st.sampled_from(["_card.html", "case.html", "base.html", "city.html", "404.html"]),
          word=st.sampled_from(WORDS))
    def edit_a_template(self, template: str, word: str) -> None:
        path = self.root / "templates" / template
        path.write_text(path.read_text("utf-8") + f"{{# {word} #}}<!-- {word} -->\n", "utf-8")
        self.build()

    @rule(colour=st.sampled_from(["red", "blue", "#123456"]))
    def edit_the_stylesheet(self, colour: str) -> None:
        path = self.root / "assets" / "style.css"
        path.write_text(path.read_text("utf-8") + f".extra {{ color: {colour}; }}\n", "utf-8")
        self.build()

    @rule(days=st.integers(1, 400))
    def another_day(self, days: int) -> None:
        self.day += dt.timedelta(days=days)
        self.builder = self.new_builder()  # a new process: what the last build left comes from disk
        self.build()

    @rule()
    def restart(self) -> None:
        self.builder = self.new_builder()
        self.build()

    @invariant()
    def no_leftovers(self) -> None:
        if hasattr(self, "root"):
            assert not [*self.root.glob(".public.staging-*"), *self.root.glob(".public.old-*")]


TestRebuilds = Rebuilds.TestCase
# No shrinking: each step builds twice, and the failing steps are printed as they ran.
TestRebuilds.settings = settings(max_examples=12, stateful_step_count=18, deadline=None,
                                 phases=[Phase.explicit, Phase.reuse, Phase.generate],
                                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
