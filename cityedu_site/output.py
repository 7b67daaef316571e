"""Writing the site, without ever leaving a half-written output folder.

A full build writes into a staging folder beside the output and swaps it in; files it
can reuse from the previous build are hard-linked, not copied. A small rebuild (a few
pages changed) writes into the output folder itself, each file atomically (a temporary
file renamed over the old one), after every page has rendered. Either way a failed build
leaves the previous output exactly as it was, and files of deleted pages are removed.
Every write goes through `path_for`, which refuses anything outside the folder.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path, PurePosixPath

from .errors import BuildError

MARKER = ".cityedu-site"  # marks a folder this tool made, so it may replace it; holds the build id


class _Folder:
    path: Path

    def path_for(self, relative: str) -> Path:
        """The path of an output file; refuses absolute paths and '..'."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
            raise BuildError(f"refusing to write {relative!r}: outside the output folder")
        return self.path.joinpath(*pure.parts)

    def write(self, relative: str, data: str | bytes) -> tuple[int, str]:
        """Write a file; its (size, SHA-256)."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._put(target, payload)
        return len(payload), hashlib.sha256(payload).hexdigest()

    def _put(self, target: Path, payload: bytes) -> None:
        target.write_bytes(payload)


class Staging(_Folder):
    """A new output folder, built aside and swapped in by commit()."""

    def __init__(self, output: Path, protected: tuple[Path, ...] = ()):
        self.output = output.resolve()
        refuse_dangerous(self.output, protected)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.output.parent))
        self.build_id = uuid.uuid4().hex
        (self.path / MARKER).write_text(self.build_id + "\n", "utf-8")
        self._done = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._done:
            self.discard()

    def link(self, relative: str, source: Path) -> None:
        """Reuse a file of the previous output (or a media file) without copying it."""
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed: copy
            shutil.copyfile(source, target)

    def commit(self) -> None:
        """Put the staged site in place of the output folder."""
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.output.parent))
            os.rename(self.output, old / "site")
        os.rename(self.path, self.output)
        self._done = True
        if old:
            remove_later(old)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._done = True


class InPlace(_Folder):
    """The existing output folder, changed file by file, each change atomic."""

    def __init__(self, output: Path):
        self.path = output.resolve()
        self.build_id = read_marker(self.path) or ""

    def _put(self, target: Path, payload: bytes) -> None:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def remove(self, relative: str) -> None:
        target = self.path_for(relative)
        target.unlink(missing_ok=True)
        parent = target.parent
        while parent != self.path and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    def replace_folder(self, relative: str, new_folder: Path) -> None:
        """Swap a whole sub-folder (the search index) for a freshly built one."""
        target = self.path_for(relative)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".old-", dir=self.path))
            os.rename(target, old / "folder")
        os.rename(new_folder, target)
        if old:
            shutil.rmtree(old, ignore_errors=True)


BIG_TREE = 2000  # files; deleting more is left to a background process


def remove_later(folder: Path) -> None:
    """Delete a replaced output folder. The new site is already in place, so a big one is
    deleted by a detached process and the build does not wait for thousands of unlinks."""
    count = sum(1 for _ in itertools.islice(folder.rglob("*"), BIG_TREE))
    if count < BIG_TREE:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", str(folder)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def read_marker(folder: Path) -> str | None:
    try:
        return (folder / MARKER).read_text("utf-8").strip()
    except OSError:
        return None


def refuse_dangerous(output: Path, protected: tuple[Path, ...]) -> None:
    for place in protected:
        place = place.resolve()
        if output == place or output in place.parents:
            raise BuildError(f"refusing to build into {output}: it holds {place}")
    if output.exists():
        if not output.is_dir():
            raise BuildError(f"refusing to build into {output}: it is a file, not a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise BuildError(f"refusing to replace {output}: it was not made by cityedu_site "
                             f"(no {MARKER} file); choose another output folder or empty it")
