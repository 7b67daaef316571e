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

from .content import Content

CACHE_DIR = Path(".cache") / "cityedu-site"
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
