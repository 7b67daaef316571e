"""Writing the site: into a staging folder beside the output, then a swap.

A failed build deletes its staging folder and leaves the previous output exactly as it
was; a successful one replaces the whole folder, so files of deleted cases do not linger.
Every write goes through `Staging.path_for`, which refuses anything outside the folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import BuildError

MARKER = ".cityedu-site"  # marks a folder this tool made, so it may replace it


class Staging:
    def __init__(self, output: Path, protected: tuple[Path, ...] = ()):
        self.output = output.resolve()
        _refuse_dangerous(self.output, protected)
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.staging-", dir=self.output.parent))
        (self.path / MARKER).write_text("made by cityedu_site; replaced on every build\n", "utf-8")
        self._done = False

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._done:
            self.discard()

    def path_for(self, relative: str) -> Path:
        """The staging path of an output file; refuses absolute paths and '..'."""
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
            raise BuildError(f"refusing to write {relative!r}: outside the output folder")
        return self.path.joinpath(*pure.parts)

    def write(self, relative: str, data: str | bytes) -> int:
        target = self.path_for(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target.write_bytes(payload)
        return len(payload)

    def copy_tree(self, source: Path, relative: str) -> int:
        """Copy a folder's regular files (no symlinks); the number of files copied."""
        count = 0
        for path in sorted(source.rglob("*")):
            if path.is_symlink() or not path.is_file() or path.name.startswith("."):
                continue
            target = self.path_for(f"{relative}/{path.relative_to(source).as_posix()}")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            count += 1
        return count

    def commit(self) -> None:
        """Put the staged site in place of the output folder."""
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.output.parent))
            os.rename(self.output, old / "site")
        os.rename(self.path, self.output)
        self._done = True
        if old:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._done = True


def _refuse_dangerous(output: Path, protected: tuple[Path, ...]) -> None:
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
