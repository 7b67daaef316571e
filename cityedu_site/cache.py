"""What one build leaves for the next: kept in memory by `serve`, on disk for the CLI.

The manifest is small (file stats, page fingerprints, output digests) so that a rebuild
with nothing changed reads only it; the loaded content, bigger, is read only when some
file did change. Any mismatch (another version of the code, an output folder changed
behind our back, an unreadable cache) means a full build, never a wrong one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import urls
from .config import Config, site_info
from .model import fingerprint
from .output import read_marker

if TYPE_CHECKING:  # (at run time only a build that has work to do imports the content stages)
    from .content import Content

CACHE_DIR = Path(".cache") / "cityedu-site"
PACKAGE = Path(__file__).resolve().parent
FORMAT = 5


@dataclass(slots=True)
class Manifest:
    code_key: str  # the package's code and data: a new version reuses nothing
    render_key: str  # code + templates + settings: pages render the same while it holds
    assets_key: str
    build_id: str  # written in the output folder's marker file
    snapshot: dict[str, tuple[int, int]]  # every content file → (mtime_ns, size)
    pages: dict[str, str] = field(default_factory=dict)  # output file of each page → its digest (Page.digest)
    outputs: dict[str, tuple[int, str]] = field(default_factory=dict)  # every file but the index → (size, sha256)
    search_key: str | None = None  # the searchable pages the index was built from
    search_files: dict[str, tuple[int, str]] = field(default_factory=dict)  # the index's files → (size, sha256)
    # The build's date: validation and timelines depend on it, so another day is a change.
    today: str = ""
    format: int = FORMAT

    def html_pages(self) -> int:
        """The pages for readers among the files (feeds and data files aside)."""
        return sum(rel.endswith(".html") for rel in self.pages)


@dataclass(slots=True)
class State:
    manifest: Manifest
    content: Content | None  # None until needed, when read from disk


def folder_for(root: Path, output: Path) -> Path:
    """One cache per output folder, so builds into different folders do not collide."""
    name = hashlib.blake2b(str(output.resolve()).encode(), digest_size=8).hexdigest()
    return root / CACHE_DIR / name


def load_manifest(folder: Path) -> Manifest | None:
    manifest = _read(folder / "manifest.pickle")
    return manifest if isinstance(manifest, Manifest) and manifest.format == FORMAT else None


def load_content(folder: Path) -> Content | None:
    from .content import Content

    content = _read(folder / "content.pickle")
    return content if isinstance(content, Content) else None


def save_manifest(folder: Path, manifest: Manifest) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "manifest.pickle", manifest)


def save_content_in_background(folder: Path, content: Content) -> threading.Thread:
    """Pickle the loaded content while the build goes on (its workers leave this process idle)."""
    folder.mkdir(parents=True, exist_ok=True)
    thread = threading.Thread(target=_write, args=(folder / "content.pickle", content), name="cache-writer")
    thread.start()
    return thread


def _read(path: Path):
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None  # no cache, or one from another version: build in full


def _write(path: Path, value) -> None:
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    with temporary.open("wb") as file:
        pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def tree_key(*folders: Path, suffixes: tuple[str, ...] = ()) -> str:
    """A digest of every file's name and bytes under the folders."""
    digest = hashlib.blake2b(digest_size=12)
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and (not suffixes or path.suffix in suffixes) and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Keys:
    code: str  # the package's code and data: a new version reuses nothing
    render: str  # code + templates + settings: pages render the same while it holds
    assets: str


def keys(config: Config, code_key: str = "") -> Keys:
    """The build's keys; code_key when already known (the code running cannot change)."""
    code = code_key or tree_key(PACKAGE, suffixes=(".py", ".yaml"))
    return Keys(code, fingerprint(code, tree_key(config.templates_path), site_info(config)),
                tree_key(config.assets_path))


def up_to_date(config: Config, manifest: Manifest, keys: Keys, snapshot: dict[str, tuple[int, int]],
               written: str | None = None) -> bool:
    """Whether a build would change nothing: same keys, day and content, output intact."""
    search_ok = not config.search or (manifest.search_key is not None
                                      and (config.output_path / urls.SEARCH_INDEX).is_dir())
    return (manifest.code_key == keys.code and manifest.render_key == keys.render
            and manifest.assets_key == keys.assets and manifest.today == config.today.isoformat()
            and manifest.snapshot == snapshot and search_ok and output_intact(config.output_path, manifest, written))


def output_intact(output: Path, manifest: Manifest, written: str | None = None) -> bool:
    """The output folder is the one the manifest describes, with none of its files missing.
    written: the build id of the folder this process wrote last (serve), whose marker is
    taken at its word: checking 20,000 files would cost most of a rebuild, and only a hand
    deleting files meanwhile could tell the difference (replacing or emptying the folder
    changes its marker)."""
    if not manifest.build_id or read_marker(output) != manifest.build_id:
        return False
    if manifest.build_id == written:
        return True
    if os.stat not in os.supports_dir_fd:
        return all(os.path.exists(os.path.join(output, rel)) for rel in manifest.outputs)
    folder = os.open(output, os.O_RDONLY)
    try:  # stat relative to the open folder: half the time of joining and looking up 20,000 paths
        for rel in manifest.outputs:
            os.stat(rel, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return False
    finally:
        os.close(folder)
    return True
