"""What one build leaves for the next: kept in memory by `serve`, written as JSON for the CLI.

Three files, read only as far as a build needs them: `state.json` (small: the keys, the
content files' stats, the build id of the output folder) answers "did anything change?";
`pages.json` (each output file's digest and the versions its page read) says which pages
to make again; `content.json` (each content file's checked values, one line per file)
spares reading files that did not change.

Plain data only, in the user's cache folder (`$XDG_CACHE_HOME/cityedu-site`, else
`~/.cache/cityedu-site`), one folder per output folder: outside the project, so that no
pull request can plant a cache, and JSON, so that no cache file can run code. A cache
that cannot be read, or describes other code or another output folder, is set aside and
the build runs clean; the worst a damaged cache can cost is time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model
from .config import Config, site_info
from .model import fingerprint
from .output import read_marker
from .problems import Problem, Severity

PACKAGE = Path(__file__).resolve().parent
FORMAT = 6
Stat = tuple[int, int]  # (mtime_ns, size)


class CacheError(Exception):
    """A cache file that cannot be used; the build runs clean and says so."""


@dataclass(slots=True)
class Record:
    """How a page's file was made: which page it is (Recipe.key) and what it read then, as
    ids of (key, version) pairs in the manifest's Reads table."""

    recipe: str
    deps: tuple[int, ...]


class ReadsTable:
    """Every (key, version) pair some page recorded, numbered: 20,000 pages share some
    40,000 pairs, so a build checks each pair once (still_true) and each page by its ids."""

    def __init__(self, pairs: list[tuple[tuple[str, ...], str]] | None = None):
        self.pairs = pairs or []
        self._ids = {pair: number for number, pair in enumerate(self.pairs)}
        self.used = len(self.pairs)  # when made: pairs of pages remade since are added to it

    def ids(self, deps: dict[tuple[str, ...], str]) -> tuple[int, ...]:
        ids, pairs = self._ids, self.pairs
        out = []
        for pair in deps.items():
            number = ids.get(pair)
            if number is None:
                number = ids[pair] = len(pairs)
                pairs.append(pair)
            out.append(number)
        return tuple(out)

    def still_true(self, version) -> list[bool]:
        """For each pair, whether its key has that version now (version: key → version)."""
        return [version(key) == recorded for key, recorded in self.pairs]

    def compacted(self, records: dict[str, Record]) -> ReadsTable:
        """This table, or when it has grown to twice what it held when made (`serve` after
        many edits), a table of the pairs the records use, the records renumbered in place."""
        if len(self.pairs) < 2 * self.used + 1000:
            return self
        fresh = ReadsTable()
        for record in records.values():
            record.deps = fresh.ids({self.pairs[i][0]: self.pairs[i][1] for i in record.deps})
        fresh.used = len(fresh.pairs)
        return fresh


@dataclass(slots=True)
class Manifest:
    code_key: str  # the package's code and data: a new version reuses nothing
    settings_key: str  # the site settings, the templates and assets: the rest of the no-op test
    build_id: str  # the output folder's marker
    today: str  # the build's date: validation and timelines depend on it
    snapshot: dict[str, Stat]  # every content file → its stat
    search_key: str | None = None  # what the search index was made from (None: no index)
    complete: bool = True  # False when the build left work for the next (Builder.build's `later`)
    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # every output file but the marker → (size, sha)
    pages: dict[str, Record] = field(default_factory=dict)  # how each page's file was made
    reads: ReadsTable = field(default_factory=ReadsTable)  # what the records' ids stand for
    format: int = FORMAT

    def html_pages(self) -> int:
        """The pages for readers among the files (feeds and data files aside)."""
        return sum(rel.endswith(".html") for rel in self.pages)


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cityedu-site"


def folder_for(output: Path) -> Path:
    """One cache per output folder, so builds into different folders do not collide."""
    name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return cache_root() / name


# ---- keys ------------------------------------------------------------------------------------

def tree_digests(folder: Path, suffixes: tuple[str, ...] = ()) -> dict[str, str]:
    """A digest of each file's bytes under the folder, by its path relative to it."""
    digests = {}
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (not suffixes or path.suffix in suffixes) and "__pycache__" not in path.parts:
                digests[path.relative_to(folder).as_posix()] = hashlib.blake2b(path.read_bytes(),
                                                                              digest_size=12).hexdigest()
    return digests


@dataclass(frozen=True, slots=True)
class Keys:
    code: str  # the package's code and data
    settings: str  # the site settings, templates and assets
    templates: str  # the templates alone


def keys(config: Config, code_key: str = "") -> Keys:
    """The build's keys; code_key when already known (the code running cannot change)."""
    code = code_key or fingerprint(*sorted(tree_digests(PACKAGE, (".py", ".yaml")).items()))
    templates = fingerprint(*sorted(tree_digests(config.templates_path).items()))
    assets = tree_digests(config.assets_path)
    return Keys(code, fingerprint(code, site_info(config), templates, sorted(assets.items()), config.search),
                templates)


def up_to_date(config: Config, manifest: Manifest, keys: Keys, snapshot: dict[str, tuple[int, int]],
               written: str | None = None) -> bool:
    """Whether a build would change nothing: same keys, day and content, a complete build,
    and its output folder still there, whole (`written`: the build id this process put
    live, which is taken at its word: checking 20,000 files would cost most of a rebuild)."""
    if not (manifest.complete and manifest.code_key == keys.code and manifest.settings_key == keys.settings
            and manifest.today == config.today.isoformat() and manifest.snapshot == snapshot
            and read_marker(config.output_path) == manifest.build_id):
        return False
    return manifest.build_id == written or _intact(config.output_path, manifest.files)


def _intact(output: Path, files: dict[str, tuple[int, str]]) -> bool:
    if os.stat not in os.supports_dir_fd:
        return all(size_of(output / rel) == size for rel, (size, _) in files.items())
    folder = os.open(output, os.O_RDONLY)
    try:  # stat relative to the open folder: half the time of joining and looking up 20,000 paths
        for rel, (size, _) in files.items():
            if os.stat(rel, dir_fd=folder, follow_symlinks=False).st_size != size:
                return False
    except OSError:
        return False
    finally:
        os.close(folder)
    return True


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return -1


# ---- reading and writing -----------------------------------------------------------------------

def load_manifest(folder: Path) -> Manifest:
    """The last build's manifest, pages included; CacheError when there is none to trust."""
    state = _read_json(folder / "state.json")
    manifest = _manifest_state(state)
    pages = _read_json(folder / "pages.json")
    try:
        if pages.get("build_id") != manifest.build_id:
            raise CacheError("pages.json is of another build")
        manifest.reads = ReadsTable([(tuple(map(str, key)), str(version)) for key, version in pages["reads"]])
        count = len(manifest.reads.pairs)
        manifest.pages = {rel: Record(str(recipe), tuple(deps)) for rel, (recipe, deps) in pages["pages"].items()}
        if any(not isinstance(i, int) or not 0 <= i < count for r in manifest.pages.values() for i in r.deps):
            raise CacheError("pages.json: a read out of its table")
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise CacheError(f"pages.json: {type(exc).__name__}") from exc
    return manifest


def load_state(folder: Path) -> Manifest:
    """The small part of the manifest that says whether anything changed."""
    return _manifest_state(_read_json(folder / "state.json"))


def _manifest_state(state: Any) -> Manifest:
    try:
        if state["format"] != FORMAT:
            raise CacheError("a cache of another version")
        return Manifest(str(state["code_key"]), str(state["settings_key"]), str(state["build_id"]),
                        str(state["today"]), {rel: (int(a), int(b)) for rel, (a, b) in state["snapshot"].items()},
                        state["search_key"], bool(state["complete"]),
                        {rel: (int(size), str(sha)) for rel, (size, sha) in state["files"].items()})
    except (KeyError, TypeError, ValueError) as exc:
        raise CacheError(f"state.json: {type(exc).__name__}") from exc


def save_manifest(folder: Path, manifest: Manifest) -> None:
    pages = {rel: [record.recipe, record.deps] for rel, record in manifest.pages.items()}
    _write_json(folder / "pages.json", {"build_id": manifest.build_id, "reads": manifest.reads.pairs,
                                        "pages": pages})
    _write_json(folder / "state.json", {"format": FORMAT, "code_key": manifest.code_key,
                                        "settings_key": manifest.settings_key, "build_id": manifest.build_id,
                                        "today": manifest.today, "snapshot": manifest.snapshot,
                                        "files": manifest.files,
                                        "search_key": manifest.search_key, "complete": manifest.complete})


def _read_json(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            return json.load(file)
    except FileNotFoundError as exc:
        raise CacheError("no cache") from exc
    except (OSError, ValueError, RecursionError) as exc:
        raise CacheError(f"{path.name} cannot be read ({type(exc).__name__})") from exc


def _write_json(path: Path, document: Any) -> None:
    _write_bytes(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def discard(folder: Path) -> None:
    for name in ("state.json", "pages.json", "content.json"):
        with contextlib.suppress(OSError):
            (folder / name).unlink()


# ---- the loaded content, as plain data ------------------------------------------------------------

# The model's dataclasses, and Problem: the only types a cache file can make.
_TYPES = {cls.__name__: cls for cls in vars(model).values()
          if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__}
_TYPES["Problem"] = Problem


def plain(value: Any) -> Any:
    """A model value as JSON: dataclasses as {"~": type, fields…}, dates as {"~date": iso}."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dt.date):
        return {"~date": value.isoformat()}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _TYPES:
        out = {"~": type(value).__name__}
        for item in dataclasses.fields(value):
            out[item.name] = plain(getattr(value, item.name))
        return out
    raise TypeError(f"no plain form for {type(value).__name__}")


def unplain(value: Any) -> Any:
    """The model value plain() gave; CacheError on anything else."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list):
        return tuple(unplain(item) for item in value)
    if isinstance(value, dict):
        if "~date" in value:
            try:
                return dt.date.fromisoformat(value["~date"])
            except (TypeError, ValueError) as exc:
                raise CacheError("a bad date") from exc
        cls = _TYPES.get(value.get("~"))
        if cls is None:
            raise CacheError(f"an unknown type {value.get('~')!r}")
        try:
            made = cls(**{name: unplain(item) for name, item in value.items() if name != "~"})
        except TypeError as exc:
            raise CacheError(f"a bad {cls.__name__}") from exc
        if isinstance(made, Problem):
            made = dataclasses.replace(made, severity=Severity(made.severity))
        return made
    raise CacheError(f"an unexpected {type(value).__name__}")


def loaded_line(loaded) -> bytes:
    """One content file's line in content.json."""
    return json.dumps({"rel": loaded.rel, "kind": loaded.kind, "stat": loaded.stat, "entity": plain(loaded.entity),
                       "problems": plain(loaded.problems), "media": loaded.media}, ensure_ascii=False,
                      separators=(",", ":")).encode()


def save_content(folder: Path, refs_key: str, lines: list[bytes]) -> None:
    header = json.dumps({"format": FORMAT, "refs_key": refs_key}).encode()
    _write_bytes(folder / "content.json", b"\n".join([header, *lines]) + b"\n")


def load_content(folder: Path):
    """(refs key, {rel: Loaded}, {rel: line}) of the last build's content; CacheError if unusable."""
    from .content import Loaded

    try:
        data = (folder / "content.json").read_bytes()
    except FileNotFoundError as exc:
        raise CacheError("no cache") from exc
    except OSError as exc:
        raise CacheError(f"content.json cannot be read ({exc.strerror})") from exc
    lines = data.split(b"\n")
    try:
        header = json.loads(lines[0])
        if header["format"] != FORMAT:
            raise CacheError("a cache of another version")
        files, kept = {}, {}
        for line in lines[1:]:
            if not line:
                continue
            entry = json.loads(line)
            entity = unplain(entry["entity"])
            problems = unplain(entry["problems"])
            if (not isinstance(entity, model.Case | model.City | None) or not isinstance(problems, tuple)
                    or not all(isinstance(p, Problem) for p in problems)):
                raise CacheError("an entry of the wrong kind")
            rel = str(entry["rel"])
            files[rel] = Loaded(rel, str(entry["kind"]), (int(entry["stat"][0]), int(entry["stat"][1])), entity,
                                problems, tuple(map(str, entry["media"])))
            kept[rel] = line
        return str(header["refs_key"]), files, kept
    except (KeyError, TypeError, ValueError, IndexError, RecursionError) as exc:
        raise CacheError(f"content.json: {type(exc).__name__}") from exc
