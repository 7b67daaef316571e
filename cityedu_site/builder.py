"""The build, as a list of named, timed stages. Read it top to bottom:

phase 1  load     read, validate and model every changed content file (all problems collected)
phase 2  model    group the cases: cities, goals, themes, countries, related
         plan     every output file and the maker of each (pages.py)
         pages    make and render each page some read of which changed (reads.py), into staging
         files    stylesheet, scripts, media, JSON Schemas
         search   the Pagefind index, when a searchable page changed
         swap     the staging folder put live in one step (output.py)

There is one path. A clean build is a build with nothing recorded from before: every page
is made. After that, a build makes a page again only when a version it recorded while it
was made has changed, and starts from a twin of the live folder, so unchanged files are
already in place. Either way the output is the same, byte for byte (tests/test_rebuild.py
holds random edit sequences to it), and either way it is all or nothing: a build that
fails at any stage, or is killed, leaves the live folder as it was.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, content, parallel, reference, schema, search, sources, urls
from .cache import CacheError, Keys, Manifest, Record
from .cms import files as cms_files
from .config import Config, site_info
from .content import Loaded
from .errors import BuildError, ContentError
from .exports import mirror_listing
from .kinds import Refs
from .model import fingerprint
from .output import FileOps, Output, new_build_id, read_marker, refuse_dangerous, sha256, write_file
from .pages import Page, Plan, Recipe, plan
from .problems import Problem, has_errors
from .progress import Progress
from .reads import Inputs, Reads
from .recent import Recent
from .render import goal_css, make_renderer, render_page, template_digests
from .taxonomy import build_site

PACKAGE = Path(__file__).resolve().parent


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
    pages: int  # pages for readers the site has
    rendered: int  # pages and data files made by this build
    files: int  # files the output folder holds
    bytes_written: int
    seconds: float
    mode: str  # "full" (every page made), "rebuild" (what changed) or "unchanged"
    stages: list[tuple[str, float]]
    problems: list[Problem]
    complete: bool = True  # False when `later` left work for the next build
    notes: list[str] = field(default_factory=list)  # what the user should know (a cache set aside)


def check(config: Config) -> list[Problem]:
    """Phase 1 alone: every problem in the content, nothing written."""
    return content.load_content(config, workers=parallel.available_cores()).problems


class Builder:
    """Builds the site, and builds it again after changes doing only the work they need.
    What the last build left (the manifest, the loaded content) is kept in memory, and on
    disk for the next process."""

    def __init__(self, config: Config, progress: Progress | None = None, workers: int | None = None,
                 clean: bool = False, ops: FileOps | None = None):
        self.config = config
        self.progress = progress or Progress(enabled=False)
        self.workers = workers or parallel.available_cores()
        self.output = Output(config.output_path, ops)
        self.cache_folder = cache.folder_for(config.output_path)
        self._clean = clean  # the first build ignores every cache
        self._code_key = ""  # the code running is the code imported: its key holds for the process
        self.state: Manifest | None = None  # what the last build left
        self._loaded: tuple[str, dict[str, Loaded], dict[str, bytes]] | None = None  # refs key, files, JSON lines
        self._written: str | None = None  # the build id of the output folder this Builder last wrote
        self._saver: threading.Thread | None = None
        self._template_digests: tuple[str, dict[str, str]] = ("", {})  # for the templates' key
        self._file_digests: Recent[tuple[int, str]] = Recent()  # (size, sha) of a file by its stat
        self._mirror_rows: Recent[bytes] = Recent()  # mirror.json's line of each (file, size, sha)

    def build(self, snapshot: dict[str, tuple[int, int]] | None = None, later: bool = False) -> BuildResult:
        """snapshot: sources.snapshot() just taken by the caller (serve's watcher), else the
        build takes it. later: leave the listings of every case and the search index for
        the next build (serve, so that the browser reloads sooner); every folder put live
        is still whole, and the result says it is not complete."""
        started = time.perf_counter()
        stages = Stages()
        config = self.config
        self._join_saver()  # (it reads what this build changes)
        refuse_dangerous(config.output_path, config.root,
                         (config.content_path, config.templates_path, config.assets_path, PACKAGE))
        notes: list[str] = []
        with stages("keys"):
            keys = cache.keys(config, self._code_key)
            self._code_key = keys.code
            snapshot = snapshot if snapshot is not None else sources.snapshot(config)
            previous = self._previous(keys, notes)
        if previous is not None and cache.up_to_date(config, previous, keys, snapshot, self._written):
            return BuildResult(previous.html_pages(), 0, len(previous.files), 0, time.perf_counter() - started,
                               "unchanged", stages.times, [], notes=notes)

        with stages("load"):
            refs_key, reusable, lines = self._content(previous is not None, notes)
            loaded = content.load_content(config, reusable, refs_key, self.workers, self.progress, snapshot)
        if has_errors(loaded.problems):
            raise ContentError(loaded.problems)
        with stages("model"):
            site = build_site(loaded)
        with stages("plan"):
            planned = plan(site, config)
            templates = self._templates(keys.templates)
            inputs = Inputs(site, site_info(config), config.today, loaded.reference.currencies, templates,
                            planned.sitemap_rows)
            live = read_marker(config.output_path) if config.output_path.is_dir() else None
            based_on = previous.build_id if previous is not None and live == previous.build_id else None
            kept = previous.pages if based_on else {}
            recipes = planned.recipes
            true = previous.reads.still_true(inputs.version) if based_on else []
            stale = [i for i, recipe in enumerate(recipes) if not _still_good(recipe, kept.get(recipe.file), true)]
            # `later`: a bulk listing that exists is left as it was (with its old record, which
            # the next build finds stale).
            left = {i for i in stale if later and recipes[i].bulk and recipes[i].file in kept}
        with stages("files"):
            files = other_files(config, loaded)
        manifest = Manifest(keys.code, keys.settings, new_build_id(), config.today.isoformat(), snapshot,
                            reads=previous.reads if based_on else cache.ReadsTable())
        work = Work(planned, inputs, [i for i in stale if i not in left], files,
                    fingerprint(*sorted(templates.items())))
        try:
            written, made = self._write(work, previous if based_on else None, later, manifest, stages)
        except OSError as exc:
            raise BuildError(f"writing the site failed: {exc}; the previous site is unchanged") from exc
        manifest.complete = manifest.complete and not left
        manifest.reads = manifest.reads.compacted(manifest.pages)
        self.state, self._written = manifest, manifest.build_id
        with stages("cache"):
            self._save(manifest, loaded, reusable, lines)
        return BuildResult(manifest.html_pages(), made, len(manifest.files), written, time.perf_counter() - started,
                           "rebuild" if based_on else "full", stages.times, loaded.problems,
                           complete=manifest.complete, notes=notes)

    def _templates(self, key: str) -> dict[str, str]:
        """Each template's digest with all it includes (render.template_digests), while the
        templates are the same."""
        if self._template_digests[0] != key:
            self._template_digests = (key, template_digests(self.config.templates_path))
        return self._template_digests[1]

    def _file_digest(self, path: Path) -> tuple[int, str]:
        """(size, sha) of a file read from elsewhere (media, the form's files), while its stat
        is the same: /admin/ alone is 6 MB to read and hash."""
        info = path.stat()

        def digest() -> tuple[int, str]:
            data = path.read_bytes()
            return len(data), sha256(data)

        return self._file_digests.get((str(path), info.st_mtime_ns, info.st_size, info.st_ino), digest)

    # ---- what the last build left ------------------------------------------------------------

    def _previous(self, keys: Keys, notes: list[str]) -> Manifest | None:
        if self._clean:
            self._clean = False
            self.state = self._loaded = None
            return None
        if self.state is None:
            self._join_saver()
            try:
                self.state = cache.load_manifest(self.cache_folder)
            except CacheError as exc:
                if str(exc) != "no cache":
                    notes.append(f"the build cache in {self.cache_folder} was set aside ({exc}); building in full")
                cache.discard(self.cache_folder)
                return None
        state = self.state
        return state if state.code_key == keys.code else None

    def _content(self, have_previous: bool, notes: list[str]) -> tuple[str, dict[str, Loaded], dict[str, bytes]]:
        if not have_previous:
            return "", {}, {}
        if self._loaded is None:
            self._join_saver()
            try:
                self._loaded = cache.load_content(self.cache_folder)
            except CacheError as exc:
                if str(exc) != "no cache":
                    notes.append(f"the content cache was set aside ({exc}); every file is read again")
                return "", {}, {}
        return self._loaded

    def _save(self, manifest: Manifest, loaded: content.Content, reusable: dict[str, Loaded],
              lines: dict[str, bytes]) -> None:
        """Keep what the next build needs, and write it for the next process in a thread
        while the caller goes on (a process exits only when it is done). A build that left
        work for later writes nothing: the build that does the work writes it."""
        new_lines = {rel: lines[rel] if reusable.get(rel) is entry and rel in lines else cache.loaded_line(entry)
                     for rel, entry in loaded.files.items()}
        self._loaded = (loaded.refs_key, loaded.files, new_lines)
        self._join_saver()
        if manifest.complete:
            args = (self.cache_folder, manifest, loaded.refs_key, list(new_lines.values()))
            self._saver = threading.Thread(target=_save, name="cache-writer", args=args)
            self._saver.start()

    def wait(self) -> None:
        """Until the cache is written (a process would wait at exit anyway)."""
        self._join_saver()

    def _join_saver(self) -> None:
        if self._saver is not None:
            self._saver.join()
            self._saver = None

    # ---- writing ------------------------------------------------------------------------------

    def _write(self, work: Work, previous: Manifest | None, later: bool, manifest: Manifest,
               stages: Stages) -> tuple[int, int]:
        """Fill a staging folder and put it live; (bytes written, pages made). previous: the
        manifest of the live folder, which the staging folder starts as a twin of."""
        config, recipes = self.config, work.plan.recipes
        known = dict(previous.files) if previous else {}
        to_make = work.to_make
        written = 0
        with self.output.staging(previous.build_id if previous else None) as staging:
            if previous and self._written != previous.build_id:
                # A folder another process wrote: what a hand changed there is made again.
                for rel in _damaged(staging.path, known):
                    del known[rel]
                to_make = sorted({*to_make, *(i for i, r in enumerate(recipes) if r.file not in known)})
            _renderer(config.templates_path, work.templates_key).next_build()
            with stages("pages"):
                self.progress.start("render", len(to_make))
                context = (config, recipes, work.inputs, str(staging.path), staging.ops, known, work.templates_key)
                for done, (index, size, sha, deps, wrote) in enumerate(
                        parallel.run(make_page, context, to_make, self.workers), 1):
                    recipe = recipes[index]
                    manifest.pages[recipe.file] = Record(recipe.key, manifest.reads.ids(deps))
                    manifest.files[recipe.file] = (size, sha)
                    if wrote:
                        staging.wrote((recipe.file,))
                        written += size
                    self.progress.advance(done)
                for recipe in recipes:
                    if recipe.file not in manifest.pages:  # kept as it was
                        manifest.pages[recipe.file] = previous.pages[recipe.file]
                        manifest.files[recipe.file] = known[recipe.file]
                if len(manifest.pages) != len(recipes):
                    raise BuildError("two pages share a URL; this is a bug in pages.py")
            with stages("files"):
                self._file_digests.next_build()
                for rel, data in work.files.items():
                    entry = self._file_digest(data) if isinstance(data, Path) else (len(data), sha256(data))
                    if known.get(rel) != entry:
                        payload = data.read_bytes() if isinstance(data, Path) else data
                        entry = (len(payload), sha256(payload))  # as written, should it have changed since
                        staging.write(rel, payload)
                        written += entry[0]
                    manifest.files[rel] = entry
            with stages("search"):
                self._index(staging, recipes, manifest, previous, known, later)
            for rel in known.keys() - manifest.files.keys() - {urls.MIRROR}:
                staging.remove(rel)
            self._mirror_rows.next_build()
            staging.write(urls.MIRROR, mirror_listing(manifest.files, config.build_time, config.base_url,
                                                      self._mirror_rows))
            with stages("swap"):
                staging.commit(manifest.build_id)
        return written, len(to_make)

    def _index(self, staging, recipes: list[Recipe], manifest: Manifest, previous: Manifest | None,
               known: dict[str, tuple[int, str]], later: bool) -> None:
        """The search index, made again when a searchable page changed (with `later`, the
        previous index stays, and the manifest says the build is not complete)."""
        if not self.config.search:
            return
        wanted = search_key(recipes, manifest)
        index_files = {rel: entry for rel, entry in known.items() if rel.startswith(urls.SEARCH_INDEX + "/")}
        intact = previous is not None and previous.search_key is not None and index_files == {
            rel: entry for rel, entry in previous.files.items() if rel.startswith(urls.SEARCH_INDEX + "/")}
        if intact and (previous.search_key == wanted or later):
            manifest.search_key = previous.search_key
            manifest.complete = previous.search_key == wanted
            manifest.files.update(index_files)
            return
        fresh = staging.new_folder("pagefind")
        search.index(staging.path, self.progress, fresh)
        staging.replace_folder(urls.SEARCH_INDEX, fresh)
        manifest.search_key = wanted
        manifest.files.update(hash_tree(staging.path, urls.SEARCH_INDEX))


@dataclass(frozen=True, slots=True)
class Work:
    """What a build makes: the plan, the site it reads, the pages to make, the other files."""

    plan: Plan
    inputs: Inputs
    to_make: list[int]  # indexes into plan.recipes
    files: dict[str, bytes | Path]
    templates_key: str


def _still_good(recipe: Recipe, record: Record | None, true: list[bool]) -> bool:
    """The page's file was made by this recipe, and all it read then is still true."""
    return record is not None and record.recipe == recipe.key and all(map(true.__getitem__, record.deps))


def _damaged(folder: Path, known: dict[str, tuple[int, str]]) -> list[str]:
    """The files missing or not of the size they were written at (a hand in the folder)."""
    return [rel for rel, (size, _) in known.items() if cache.size_of(folder / rel) != size]


def search_key(recipes: list[Recipe], manifest: Manifest) -> str:
    """What the search index is made from: the searchable pages' files."""
    files = manifest.files
    return fingerprint(*(f"{r.file}{files[r.file][1]}" for r in recipes if r.searchable and r.file in files))


def _save(folder: Path, manifest: Manifest, refs_key: str, lines: list[bytes]) -> None:
    try:
        cache.save_manifest(folder, manifest)
        cache.save_content(folder, refs_key, lines)
    except OSError:  # the site is built; the next build runs clean
        cache.discard(folder)


def hash_tree(root: Path, folder: str) -> dict[str, tuple[int, str]]:
    """(size, sha256) of every file below root/folder, by path relative to root."""
    files = {}
    for path in sorted((root / folder).rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[path.relative_to(root).as_posix()] = (len(data), sha256(data))
    return files


def make_page(context: tuple, index: int) -> tuple[int, int, str, dict, bool]:
    """Make and render one page, and write it into the staging folder unless its bytes are
    already there (in a worker process on big sites)."""
    config, recipes, inputs, folder, ops, known, templates_key = context
    recipe = recipes[index]
    reads = Reads(inputs)
    page = recipe.make(reads, *recipe.args)
    if page.url != recipe.url:
        raise BuildError(f"the maker of /{recipe.url} made /{page.url}; this is a bug in pages.py")
    payload, templates = render_one(config, templates_key, page)
    if page.is_html:
        reads.info()
    for name in sorted(templates):
        reads.template(name)
    sha = sha256(payload)
    entry = known.get(recipe.file)
    wrote = entry is None or entry[1] != sha
    if wrote:
        write_file(ops, folder, recipe.file, payload)
    return index, len(payload), sha, reads.deps, wrote


def render_one(config: Config, templates_key: str, page: Page) -> tuple[bytes, set[str]]:
    try:
        text, templates = render_page(_renderer(config.templates_path, templates_key), page, site_info(config),
                                      config.root)
    except BuildError:
        raise
    except Exception as exc:  # a template bug: name the page and template, keep the old site
        raise BuildError(f"rendering /{page.url} with {page.template} failed: {type(exc).__name__}: {exc}") from exc
    return (text.encode("utf-8") if isinstance(text, str) else text), templates


@functools.lru_cache(maxsize=2)
def _renderer(templates: Path, key: str):
    """One renderer per process and version of the templates (it keeps cards and data lines)."""
    return make_renderer(templates)


def other_files(config: Config, loaded: content.Content) -> dict[str, bytes | Path]:
    """Every output file that is not a page: assets, media, JSON Schemas. Bytes, or a path to read."""
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
