"""The build, as a list of named, timed stages. Read it top to bottom:

phase 1  load     read, validate and model every file (all problems collected)
phase 2  model    group the cases: cities, goals, themes, countries, related
         plan     decide every page and what it shows
         render   Jinja → HTML into a staging folder
         assets   stylesheet, scripts, media, JSON Schemas
         search   the Pagefind index
         swap     the staging folder replaces the output
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import reference, schema, search, urls
from .config import Config
from .content import MEDIA_DIR, Content, load_content
from .errors import BuildError, ContentError
from .kinds import Refs
from .output import Staging
from .pages import Page, plan
from .problems import Problem, has_errors
from .progress import Progress
from .render import goal_css, make_environment, render_page, site_info
from .taxonomy import build_site


@dataclass(slots=True)
class Stages:
    """Times each named stage; `--verbose` prints them."""

    times: list[tuple[str, float]] = field(default_factory=list)

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.times.append((name, time.perf_counter() - start))


@dataclass(slots=True)
class BuildResult:
    pages: int
    files: int
    bytes_written: int
    seconds: float
    stages: list[tuple[str, float]]
    problems: list[Problem]


def check(config: Config) -> list[Problem]:
    """Phase 1 alone: every problem in the content, nothing written."""
    return load_content(config).problems


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    progress = progress or Progress(enabled=False)
    started = time.perf_counter()
    stages = Stages()
    with stages("load"):
        content = load_content(config)
    if has_errors(content.problems):
        raise ContentError(content.problems)
    with stages("model"):
        site = build_site(content)
    with stages("plan"):
        pages = plan(site, config, content.reference.currencies)
    env = make_environment(config.templates_path)
    protected = (config.root, config.content_path, config.templates_path, config.assets_path)
    with Staging(config.output_path, protected) as staging:
        with stages("render"):
            written = render_all(pages, env, config, staging, progress)
        with stages("assets"):
            files = copy_assets(config, content, staging)
            written += write_schemas(config, content, staging)
        if config.search:
            with stages("search"):
                search.index(staging.path, progress)
        with stages("swap"):
            staging.commit()
    return BuildResult(pages=len(pages), files=len(pages) + files, bytes_written=written,
                       seconds=time.perf_counter() - started, stages=stages.times,
                       problems=content.problems)


class Builder:
    """A build that can run again: `serve` and the benchmark keep one and call build()
    after every change."""

    def __init__(self, config: Config, progress: Progress | None = None):
        self.config = config
        self.progress = progress

    def build(self) -> BuildResult:
        return build(self.config, self.progress)


def render_all(pages: list[Page], env, config: Config, staging: Staging, progress: Progress) -> int:
    info = site_info(config)
    progress.start("render", len(pages))
    written = 0
    for done, page in enumerate(pages, 1):
        try:
            html = render_page(env, page, info)
        except Exception as exc:  # a template bug: name the page and template, keep the old site
            raise BuildError(f"rendering {page.url or '/'} with {page.template} failed: "
                             f"{type(exc).__name__}: {exc}") from exc
        written += staging.write(urls.output_file(page.url), html)
        progress.advance(done)
    return written


def copy_assets(config: Config, content: Content, staging: Staging) -> int:
    files = 0
    stylesheet = config.assets_path / "style.css"
    if config.assets_path.is_dir():
        files += staging.copy_tree(config.assets_path, "assets")
    if stylesheet.is_file():
        staging.write(urls.asset("style.css"), stylesheet.read_text("utf-8") + goal_css(content.reference.goals))
    media = config.content_path / MEDIA_DIR
    if content.media and media.is_dir():
        files += staging.copy_tree(media, "media")
    return files


def write_schemas(config: Config, content: Content, staging: Staging) -> int:
    ref = content.reference
    refs = Refs(cities=frozenset(c.slug for c in content.cities), themes=frozenset(ref.themes),
                countries=frozenset(reference.countries()), currencies=frozenset(ref.currencies),
                media=content.media, today=config.today)
    written = 0
    for kind, name in (("case", "case-study"), ("city", "city")):
        document = schema.json_schema(kind, refs, config.base_url)
        written += staging.write(urls.schema(name), json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    return written
