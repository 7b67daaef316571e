"""The build, as a list of named, timed stages. Read it top to bottom:

phase 1  load     read, validate and model every changed file (all problems collected)
phase 2  model    group the cases: cities, goals, themes, countries, related
         plan     decide every page, what it shows and its fingerprint
         render   Jinja → HTML, only for pages whose fingerprint changed
         files    stylesheet, scripts, media, JSON Schemas
         search   the Pagefind index, when a searchable page changed
         write    a staging folder swapped in, or a few files replaced in place

A Builder remembers the previous build (in memory for `serve`, on disk for the CLI), so
a rebuild reads only changed files and renders only pages that show something changed.
The output is byte-for-byte the output of a clean build; tests hold it to that.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
import json
import operator
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, content, exports, parallel, reference, schema, search, sources, urls
from .cache import Manifest, State
from .cms import files as cms_files
from .config import Config, site_info
from .errors import BuildError, ContentError
from .kinds import Refs
from .memo import Memo
from .model import fingerprint
from .output import InPlace, Staging
from .pages import CasePages, Page, plan
from .problems import Problem, has_errors
from .progress import Progress
from .render import goal_css, make_renderer, render_page
from .taxonomy import build_site

IN_PLACE_LIMIT = 400  # more changed pages than this: build a new folder and swap it in
_FILE, _DIGEST = operator.attrgetter("file"), operator.attrgetter("digest")
_SEARCHABLE, _IS_HTML = operator.attrgetter("searchable"), operator.attrgetter("is_html")


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
    pages: int  # pages the site has
    rendered: int  # pages rendered by this build
    files: int  # files the output folder holds, the search index aside
    bytes_written: int
    seconds: float
    mode: str  # "full", "staged", "in place" or "unchanged"
    stages: list[tuple[str, float]]
    problems: list[Problem]


@dataclass(frozen=True, slots=True)
class Compared:
    """A build's pages as the next build compares its own with them."""

    manifest: Manifest
    pages: list[Page]
    rels: list[str]
    html_pages: int


def check(config: Config) -> list[Problem]:
    """Phase 1 alone: every problem in the content, nothing written."""
    return content.load_content(config, workers=parallel.available_cores()).problems


class Builder:
    """Builds the site, and builds it again after changes doing only the work they need."""

    def __init__(self, config: Config, progress: Progress | None = None, workers: int | None = None,
                 clean: bool = False):
        self.config = config
        self.progress = progress or Progress(enabled=False)
        self.workers = workers or parallel.available_cores()
        self.clean = clean
        # The loaded content is saved for the next process; `serve` keeps it in memory instead.
        self.save_content = True
        # `serve` sets this: a rebuild in place leaves the bulk listings (cases.json/csv), the
        # search index, mirror.json and the cache's manifest to finish(), called after the
        # browser has reloaded, so a changed page is not held back by work no reader of the
        # preview is waiting for.
        self.defer = False
        self._finish_pending = False
        self._deferred_pages: list[Page] = []  # changed, and left for finish()
        self._search_pending: str | None = None  # the search key the deferred index will have
        self.cache_folder = cache.folder_for(config.root, config.output_path)
        self.state: State | None = None
        self.memo = Memo()  # what the previous build in this process made, for the next to reuse
        self._code_key = ""  # the code running is the code imported: its key holds for the process
        self._written: str | None = None  # the build id of the output folder this Builder last wrote
        self._planned: CasePages | None = None  # the last plan's case pages, for the next plan
        self._last: Compared | None = None  # the pages of the build self.state describes
        self._mirror_rows: dict[tuple[str, tuple[int, str]], bytes] = {}  # mirror.json's line of each file

    def build(self, snapshot: dict[str, tuple[int, int]] | None = None) -> BuildResult:
        """snapshot: sources.snapshot() just taken by the caller (serve's watcher, which
        takes one to see a change), else the build takes it."""
        if self._finish_pending:
            self.finish()  # (serve calls it after each build; a caller that did not, gets it now)
        started = time.perf_counter()
        stages = Stages()
        config = self.config
        with stages("keys"):
            keys = cache.keys(config, self._code_key)
            self._code_key = code_key = keys.code
            render_key, assets_key = keys.render, keys.assets
            snapshot = snapshot if snapshot is not None else sources.snapshot(config)
        previous = self._previous(code_key)
        if previous and cache.up_to_date(config, previous.manifest, keys, snapshot, self._written):
            self.state = previous
            return BuildResult(previous.manifest.html_pages(), 0, len(previous.manifest.outputs), 0,
                               time.perf_counter() - started, "unchanged", stages.times, [])

        self._search_pending = None  # this build indexes, or defers again, from the manifest's key
        self.memo.next_build()
        with stages("load"):
            earlier = self._previous_content(previous)
            loaded = content.load_content(config, earlier, self.workers, self.progress, snapshot)
        if has_errors(loaded.problems):
            raise ContentError(loaded.problems)
        gc.freeze()  # the loaded content lives as long as the build: no need to scan it for cycles
        with stages("model"):
            site = build_site(loaded, self.memo, self._planned.site if self._planned else None)
        old = previous.manifest if previous and cache.output_intact(config.output_path, previous.manifest,
                                                                    self._written) else None
        reusable = old.pages if old and old.render_key == render_key else {}
        with stages("plan"):
            pages, self._planned = plan(site, config, loaded.reference.currencies, self.memo, self._planned)
            rels, prints, changed, html_pages = self._compare(pages, old, reusable)
            if len(prints) != len(pages):
                raise BuildError("two pages share a URL; this is a bug in pages.py")
        with stages("files"):
            files = other_files(config, loaded)
        writer = None
        if self.save_content and loaded.reused < len(loaded.files):
            writer = cache.save_content_in_background(self.cache_folder, loaded)

        search_key = (fingerprint(render_key, *itertools.compress(map(_DIGEST, pages), map(_SEARCHABLE, pages)))
                      if config.search else None)
        index_needed = config.search and (old is None or old.search_key != search_key
                                          or not (config.output_path / urls.SEARCH_INDEX).is_dir())
        manifest = Manifest(code_key, render_key, assets_key, "", snapshot, prints, {}, search_key,
                            today=config.today.isoformat())
        if reusable and len(changed) <= IN_PLACE_LIMIT:
            mode = "in place"
            written = self._write_in_place(old, manifest, rels, changed, files, index_needed, stages)
        else:
            mode = "staged" if reusable else "full"
            written = self._write_staged(old if reusable else None, manifest, rels, changed, files,
                                         index_needed, stages)
        self.state = State(manifest, loaded)
        self._last = Compared(manifest, pages, rels, html_pages)
        self._written = manifest.build_id
        self._finish_pending = self.defer and mode == "in place"
        with stages("cache"):
            if writer is not None:
                writer.join()
            if not self._finish_pending:
                cache.save_manifest(self.cache_folder, manifest)
        return BuildResult(html_pages, len(changed), len(manifest.outputs), written,
                           time.perf_counter() - started, mode, stages.times, loaded.problems)

    # ---- what can be reused ---------------------------------------------------------------

    def _compare(self, pages: list[Page], old: Manifest | None,
                 reusable: dict[str, str]) -> tuple[list[str], dict[str, str], list[Page], int]:
        """Each page's file, the digest of each file, the pages whose digest differs from the
        one on disk, and the number of HTML pages."""
        last = self._last
        if last is not None and old is last.manifest and reusable is old.pages and len(pages) == len(last.pages):
            # The last build's list, but for the pages made anew (serve, after an edit): only
            # those are looked at. A page kept is the same object, with the same digest.
            made = list(itertools.compress(range(len(pages)), map(operator.is_not, pages, last.pages)))
            if all(pages[i].file == last.rels[i] for i in made):
                prints = dict(old.pages)
                changed = []
                html_pages = last.html_pages
                for i in made:
                    page = pages[i]
                    prints[page.file] = page.digest
                    html_pages += page.is_html - last.pages[i].is_html
                    if reusable.get(page.file) != page.digest:
                        changed.append(page)
                return last.rels, prints, changed, html_pages
        # A pass over 20,000 pages: on C-level iterators.
        rels = list(map(_FILE, pages))
        digests = list(map(_DIGEST, pages))
        changed = list(itertools.compress(pages, map(operator.ne, map(reusable.get, rels), digests)))
        return rels, dict(zip(rels, digests, strict=True)), changed, sum(map(_IS_HTML, pages))

    def _previous(self, code_key: str) -> State | None:
        if self.clean:
            self.clean = False  # only the first build of a Builder ignores what came before
            return None
        state = self.state
        if state is None:
            manifest = cache.load_manifest(self.cache_folder)
            state = State(manifest, None) if manifest else None
        return state if state and state.manifest.code_key == code_key else None

    def _previous_content(self, previous: State | None) -> content.Content | None:
        if previous is None:
            return None
        if previous.content is None:
            previous.content = cache.load_content(self.cache_folder)
        return previous.content

    # ---- writing ----------------------------------------------------------------------------

    def _write_in_place(self, old: Manifest, manifest: Manifest, rels: list[str], changed: list[Page],
                        files: dict[str, bytes | Path], index_needed: bool, stages: Stages) -> int:
        """Render every changed page first, then replace files one by one. Deferred (serve):
        the listings of every case wait for finish(), after the reload."""
        folder = InPlace(self.config.output_path)
        manifest.build_id = folder.build_id
        self._deferred_pages = [p for p in changed if p.bulk] if self.defer else []
        with stages("render"):
            html = {p.file: render_one(self.config, manifest.render_key, p) for p in changed
                    if not (self.defer and p.bulk)}
        written = 0
        with stages("write"):
            for rel, text in html.items():
                manifest.outputs[rel] = folder.write(rel, text)
                written += manifest.outputs[rel][0]
            for rel in rels:
                if rel not in manifest.outputs:
                    manifest.outputs[rel] = old.outputs[rel]
            for rel, data in files.items():
                payload = data.read_bytes() if isinstance(data, Path) else data
                known = old.outputs.get(rel)
                if known is None or known[0] != len(payload) or known[1] != _sha256(payload):
                    manifest.outputs[rel] = folder.write(rel, payload)
                    written += len(payload)
                else:
                    manifest.outputs[rel] = known
            for rel in old.outputs.keys() - manifest.outputs.keys():
                folder.remove(rel)
        if index_needed and self.defer:
            self._search_pending, manifest.search_key = manifest.search_key, old.search_key
            manifest.search_files = old.search_files
        elif index_needed:
            with stages("search"):
                self._index_in_place(folder, manifest)
        elif self.config.search:
            manifest.search_files = old.search_files
        if not self.defer:
            folder.write(urls.MIRROR, self._mirror_listing(manifest))
        return written

    def finish(self) -> bool:
        """What a deferred rebuild left for later: the listings of every case (cases.json,
        cases.csv), the search index, then mirror.json (which lists every file) and the
        manifest on disk. True when the index changed."""
        if not self._finish_pending or self.state is None:
            return False
        self._finish_pending = False
        manifest = self.state.manifest
        folder = InPlace(self.config.output_path)
        if folder.build_id != manifest.build_id:
            return False  # the output folder was replaced meanwhile: its next build does it all
        for page in self._deferred_pages:
            manifest.outputs[page.file] = folder.write(page.file, render_one(self.config, manifest.render_key, page))
        self._deferred_pages = []
        indexed = self._search_pending is not None
        if indexed:
            self._index_in_place(folder, manifest)
            manifest.search_key, self._search_pending = self._search_pending, None
        folder.write(urls.MIRROR, self._mirror_listing(manifest))
        cache.save_manifest(self.cache_folder, manifest)
        return indexed

    def _index_in_place(self, folder: InPlace, manifest: Manifest) -> None:
        fresh = search.index_into_new_folder(folder.path, self.progress)
        folder.replace_folder(urls.SEARCH_INDEX, fresh)
        manifest.search_files = hash_tree(folder.path, urls.SEARCH_INDEX)

    def _write_staged(self, old: Manifest | None, manifest: Manifest, rels: list[str], changed: list[Page],
                      files: dict[str, bytes | Path], index_needed: bool, stages: Stages) -> int:
        """A new folder: unchanged pages linked from the old one, changed ones rendered."""
        config = self.config
        protected = (config.root, config.content_path, config.templates_path, config.assets_path)
        output = config.output_path
        with Staging(output, protected) as staging:
            manifest.build_id = staging.build_id
            written = 0
            with stages("render"):
                self.progress.start("render", len(changed))
                context = (config, manifest.render_key, changed, str(staging.path))
                for done, (rel, size, sha) in enumerate(
                        parallel.run(render_to_folder, context, range(len(changed)), self.workers), 1):
                    manifest.outputs[rel] = (size, sha)
                    written += size
                    self.progress.advance(done)
                if old is not None:
                    for rel in rels:
                        if rel not in manifest.outputs:
                            staging.link(rel, output / rel)
                            manifest.outputs[rel] = old.outputs[rel]
            with stages("write"):
                for rel, data in files.items():
                    if isinstance(data, Path):
                        staging.link(rel, data)
                        manifest.outputs[rel] = (data.stat().st_size, _sha256(data.read_bytes()))
                    else:
                        manifest.outputs[rel] = staging.write(rel, data)
                        written += len(data)
            if config.search:
                with stages("search"):
                    if index_needed:
                        search.index(staging.path, self.progress)
                        manifest.search_files = hash_tree(staging.path, urls.SEARCH_INDEX)
                    else:
                        for path in sorted((output / urls.SEARCH_INDEX).rglob("*")):
                            if path.is_file():
                                staging.link(path.relative_to(output).as_posix(), path)
                        manifest.search_files = old.search_files if old else hash_tree(output, urls.SEARCH_INDEX)
            staging.write(urls.MIRROR, self._mirror_listing(manifest))
            with stages("swap"):
                staging.commit()
        return written

    def _mirror_listing(self, manifest: Manifest) -> bytes:
        files = {**manifest.outputs, **manifest.search_files}
        rows = self._mirror_rows
        if len(rows) > 2 * len(files):  # rows of files that changed since: forget them now and then
            rows = self._mirror_rows = {key: rows[key] for key in files.items() if key in rows}
        listed = []
        for key in sorted(files.items()):
            row = rows.get(key)
            if row is None:
                row = rows[key] = exports.mirror_row(key[0], *key[1])
            listed.append(row)
        return exports.mirror_listing(listed, self.config.build_time, self.config.base_url)


def hash_tree(root: Path, folder: str) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every file below root/folder, by path relative to root."""
    files = {}
    for path in sorted((root / folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(root).as_posix()] = (len(data), _sha256(data))
    return files


def render_one(config: Config, render_key: str, page: Page) -> str | bytes:
    try:
        return render_page(_renderer(config.templates_path, render_key), page, site_info(config), config.root)
    except BuildError:
        raise
    except Exception as exc:  # a template bug: name the page and template, keep the old site
        raise BuildError(f"rendering /{page.url} with {page.template} failed: {type(exc).__name__}: {exc}") from exc


def render_to_folder(context: tuple[Config, str, list[Page], str], index: int) -> tuple[str, int, str]:
    """Render one page into the staging folder (in a worker process on big sites)."""
    config, render_key, pages, folder = context
    page = pages[index]
    rel = page.file
    text = render_one(config, render_key, page)
    payload = text.encode("utf-8") if isinstance(text, str) else text
    target = os.path.join(folder, rel)
    directory = os.path.dirname(target)
    try:
        os.mkdir(directory)  # most pages have a folder of their own, whose parent exists
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(directory, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)
    return rel, len(payload), _sha256(payload)


@functools.lru_cache(maxsize=2)
def _renderer(templates: Path, render_key: str):
    """One renderer per process and version of the templates (it memoises cards and data lines)."""
    return make_renderer(templates)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def other_files(config: Config, loaded: content.Content) -> dict[str, bytes | Path]:
    """Every output file that is not a page: assets, media, JSON Schemas. Bytes, or a path to link."""
    files: dict[str, bytes | Path] = {}
    assets = config.assets_path
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                files[urls.asset(path.relative_to(assets).as_posix())] = path.read_bytes()
    stylesheet = urls.asset("style.css")
    if stylesheet in files:
        files[stylesheet] = files[stylesheet] + goal_css(loaded.reference.goals).encode("utf-8")
    media = config.content_path / content.MEDIA_DIR
    for name in sorted(loaded.media):
        files[urls.media(name)] = media / name
    ref = loaded.reference
    refs = Refs(cities=frozenset(c.slug for c in loaded.cities), themes=frozenset(ref.themes),
                countries=frozenset(reference.countries()), currencies=frozenset(ref.currencies),
                media=loaded.media, today=config.today)
    for kind, name in (("case", "case-study"), ("city", "city")):
        document = schema.json_schema(kind, refs, config.base_url)
        files[urls.schema(name)] = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files.update(cms_files.admin_files(config, loaded))
    return files


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    """One build, reusing what the previous build on disk allows."""
    return Builder(config, progress).build()
