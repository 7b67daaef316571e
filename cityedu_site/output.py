"""Where the site is written: whole builds, each put in place by one atomic step.

A build never changes the live output folder (`public/`). It fills a staging folder
beside it, on the same file system, then exchanges the two in one system call
(renameat2 with RENAME_EXCHANGE, Linux 3.15 and later): at every moment `public/` exists
and holds one whole build, the previous one or the new one. A build that fails at any
stage, or is killed, leaves `public/` as it was; what it leaves beside it is removed by
the next build.

Most rebuilds change a few files out of 20,000, and a staging copy of the whole site (a
hard link per file, a folder per page) takes seconds at 10,000 cases. So the folder a
swap takes out of service becomes the *spare*: brought up to date with the new build
(the files it wrote, hard-linked; the files it removed, removed), it is the next build's
staging folder, and a rebuild costs what it changes. Files are never changed in place,
only replaced (a new file under the old name), so the two folders can share every
unchanged file.

    public/                the live site; its marker file (.cityedu-site) holds the build id
    .public.spare/         its twin (the same marker): the next build's staging folder
    .public.staging-*/     a build under way, or one that was killed (removed by the next)
    .public.old-*/         a replaced site on its way out
    .public.lock           held by the build under way: one build of a folder at a time

Where two folders cannot be exchanged atomically (not Linux), the swap is two renames,
and a build that finds no `public/` but an `.public.old-*` puts it back first.

Every change to the file system goes through FileOps, one method per operation, so that
tests can make the Nth one fail and check that nothing leaks (tests/test_atomic.py).
Folders are made 0755 and files 0644, as far as the umask allows.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from .errors import BuildError, ConfigError

MARKER = ".cityedu-site"  # marks a folder this tool made, so it may replace it; holds the build id
BIG_TREE = 2000  # files; copying or deleting more is left to a background process
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class FileOps:
    """Each file-system change a build makes. `step` is called before every one: tests
    override it to fail the Nth change (a subclass, inherited by forked workers)."""

    def step(self, what: str, path: str) -> None:
        pass

    def create(self, path: str, data: bytes) -> None:
        """A new file under the name: an existing one is unlinked first, never written
        into, as the spare folder may share it."""
        self.step("create", path)
        try:
            handle = os.open(path, _CREATE, 0o666)
        except FileExistsError:
            os.unlink(path)
            handle = os.open(path, _CREATE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        finally:
            os.close(handle)

    def mkdir(self, path: str) -> None:
        self.step("mkdir", path)
        os.mkdir(path, 0o777)

    def link(self, source: str, target: str) -> None:
        self.step("link", target)
        try:
            os.link(source, target)
        except FileExistsError:
            os.unlink(target)
            os.link(source, target)

    def unlink(self, path: str) -> None:
        self.step("unlink", path)
        os.unlink(path)

    def rmdir(self, path: str) -> None:
        self.step("rmdir", path)
        os.rmdir(path)

    def rename(self, source: str, target: str) -> None:
        self.step("rename", target)
        os.rename(source, target)

    def exchange(self, first: str, second: str) -> None:
        """Swap two folders in one step; OSError(ENOTSUP) where the system cannot."""
        self.step("exchange", second)
        _exchange(first, second)

    def chmod(self, path: str, mode: int) -> None:
        self.step("chmod", path)
        os.chmod(path, mode)

    def remove_tree(self, path: str) -> None:
        self.step("remove_tree", path)
        shutil.rmtree(path)


def _exchange(first: str, second: str) -> None:
    renameat2 = _renameat2()
    if renameat2 is None:
        raise OSError(errno.ENOTSUP, "this system cannot exchange two folders atomically")
    if renameat2(-100, os.fsencode(first), -100, os.fsencode(second), 2) != 0:  # AT_FDCWD, RENAME_EXCHANGE
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), second)


_RENAMEAT2: list = []


def _renameat2():
    if not _RENAMEAT2:
        function = None
        if sys.platform.startswith("linux"):
            try:
                function = ctypes.CDLL(None, use_errno=True).renameat2
                function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
            except (OSError, AttributeError):  # a C library without it (glibc before 2.28)
                function = None
        _RENAMEAT2.append(function)
    return _RENAMEAT2[0]


def checked_relative(relative: str) -> PurePosixPath:
    """An output file's path below the folder; refuses absolute paths and '..'."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or "\\" in relative or not pure.parts:
        raise BuildError(f"refusing to write {relative!r}: outside the output folder")
    return pure


def write_file(ops: FileOps, folder: str, relative: str, data: bytes) -> None:
    """Write one output file below folder, making its parent folders (in a worker too)."""
    target = os.path.join(folder, *checked_relative(relative).parts)
    try:
        ops.create(target, data)
    except FileNotFoundError:
        _make_parents(ops, folder, os.path.dirname(target))
        ops.create(target, data)


def _make_parents(ops: FileOps, root: str, directory: str) -> None:
    missing = []
    while directory != root and not os.path.isdir(directory):
        missing.append(directory)
        directory = os.path.dirname(directory)
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            ops.mkdir(folder)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Output:
    """The output folder and the folders beside it that builds use."""

    def __init__(self, path: Path, ops: FileOps | None = None):
        self.path = path.resolve()
        self.ops = ops or FileOps()
        parent, name = self.path.parent, self.path.name
        self.spare = parent / f".{name}.spare"
        self.lock_file = parent / f".{name}.lock"
        self._staging_prefix = f".{name}.staging-"
        self._old_prefix = f".{name}.old-"

    @contextlib.contextmanager
    def staging(self, based_on: str | None) -> Iterator[Staging]:
        """A staging folder that holds the live site built as `based_on` (a build id:
        unchanged files are then already in place), or nothing when based_on is None.
        Commit it to put it live; leaving the block without committing discards it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.lock_file) as lock:
            self._recover()
            self._remove_leftovers()
            live = read_marker(self.path) if self.path.is_dir() else None
            shared = based_on is not None and live == based_on
            staging = Staging(self, self._new_staging(shared), shared, lock)
            try:
                yield staging
            finally:
                if not staging.committed:
                    staging.discard()

    def _new_staging(self, shared: bool) -> Path:
        folder = Path(tempfile.mkdtemp(prefix=self._staging_prefix, dir=self.path.parent))
        if not shared:
            self.ops.create(str(folder / MARKER), b"building\n")
            self.ops.chmod(str(folder), 0o777 & ~_umask())
            return folder
        live = read_marker(self.path)
        if self.spare.is_dir() and read_marker(self.spare) == live:
            self.ops.rmdir(str(folder))
            self.ops.rename(str(self.spare), str(folder))  # in the staging's name: a kill now leaves a leftover
            return folder
        if self.spare.exists():
            self.ops.remove_tree(str(self.spare))
        self.ops.rmdir(str(folder))
        link_tree(self.ops, self.path, folder)
        return folder

    def _recover(self) -> None:
        """After a build killed between the two renames of the fallback swap: the old site back."""
        if self.path.exists():
            return
        olds = sorted(self.path.parent.glob(self._old_prefix + "*"), key=lambda p: p.stat().st_mtime)
        for old in reversed(olds):
            if read_marker(old):
                self.ops.rename(str(old), str(self.path))
                return

    def _remove_leftovers(self) -> None:
        """Folders of builds that were killed (a half-made one may have no marker yet: the
        names alone say they are ours)."""
        for prefix in (self._staging_prefix, self._old_prefix):
            for folder in self.path.parent.glob(prefix + "*"):
                if folder.is_dir() and not folder.is_symlink():
                    self.ops.remove_tree(str(folder))


class Staging:
    """A build's output folder until commit() puts it live. `shared`: it holds the live
    site's files (hard links to the very same files), to be replaced where they changed."""

    def __init__(self, output: Output, path: Path, shared: bool, lock: int | None):
        self.output = output
        self.path = path
        self.ops = output.ops
        self.shared = shared
        self.committed = False
        self.written: set[str] = set()  # files written or removed: what the spare must catch up with
        self.replaced: set[str] = set()  # folders replaced whole
        self._lock = lock

    def file(self, relative: str) -> Path:
        return self.path.joinpath(*checked_relative(relative).parts)

    def write(self, relative: str, data: str | bytes) -> tuple[int, str]:
        """Write a file; its (size, SHA-256)."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        write_file(self.ops, str(self.path), relative, payload)
        self.written.add(relative)
        return len(payload), sha256(payload)

    def wrote(self, relatives: Iterable[str]) -> None:
        """Files written by other processes (the render workers)."""
        self.written.update(relatives)

    def remove(self, relative: str) -> None:
        """Remove a file, and the folders it leaves empty."""
        target = self.file(relative)
        with contextlib.suppress(FileNotFoundError):
            self.ops.unlink(str(target))
        self.written.add(relative)
        parent = target.parent
        while parent != self.path and parent.is_dir() and not any(parent.iterdir()):
            self.ops.rmdir(str(parent))
            parent = parent.parent

    def new_folder(self, prefix: str) -> Path:
        """An empty folder inside the staging folder (discarded with it), to fill and then
        put in place with replace_folder."""
        folder = Path(tempfile.mkdtemp(prefix=f".{prefix}-", dir=self.path))
        self.ops.chmod(str(folder), 0o777 & ~_umask())
        return folder

    def replace_folder(self, relative: str, new_folder: Path) -> None:
        target = self.file(relative)
        if target.exists():
            aside = self.new_folder("old")
            self.ops.rename(str(target), str(aside / "folder"))
            self.ops.remove_tree(str(aside))
        target.parent.mkdir(parents=True, exist_ok=True)
        self.ops.rename(str(new_folder), str(target))
        self.replaced.add(relative)

    def commit(self, build_id: str) -> None:
        """Put the staging folder live in one step; then keep the replaced site as the spare."""
        output = self.output
        self.ops.create(str(self.path / MARKER), f"{build_id}\n".encode())
        live = str(output.path)
        if not output.path.exists():
            self.ops.rename(str(self.path), live)
            self.committed = True
            self._make_spare(None)
            return
        try:
            self.ops.exchange(str(self.path), live)
        except OSError as exc:
            if exc.errno not in (errno.ENOTSUP, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise
            if not self._swap_in_two_steps():
                self._make_spare(None)
                return
        self.committed = True
        self._make_spare(self.path)

    def _swap_in_two_steps(self) -> bool:
        """Where folders cannot be exchanged: the live folder aside, the staging folder in
        its place, the old one in the staging folder's (False when that last step failed:
        the next build removes it). Between the first two renames there is no live folder;
        a build killed there is undone by the next (Output._recover)."""
        live = str(self.output.path)
        aside = os.path.join(self.output.path.parent, f"{self.output._old_prefix}{uuid.uuid4().hex}")
        self.ops.rename(live, aside)
        try:
            self.ops.rename(str(self.path), live)
        except BaseException:
            os.rename(aside, live)
            raise
        self.committed = True
        try:
            self.ops.rename(aside, str(self.path))
        except OSError:
            return False
        return True

    def _make_spare(self, replaced: Path | None) -> None:
        """The replaced site (now in the staging folder's place) becomes the live site's twin.
        A failure here costs the next build time, never correctness: the spare is only used
        when its marker matches the live site's."""
        output, ops = self.output, self.ops
        try:
            if replaced is not None and self.shared:
                self._catch_up(replaced)
                ops.rename(str(replaced), str(output.spare))
            else:
                _after_full_build(output, replaced, self._lock)
        except OSError:
            for folder in (replaced, output.spare):
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)

    def _catch_up(self, twin: Path) -> None:
        live, ops = self.output.path, self.ops
        ops.unlink(str(twin / MARKER))  # first: a twin half caught up must not pass for one
        for relative in sorted(self.written):
            source, target = live / relative, twin / relative
            if source.is_file():
                if not target.parent.is_dir():
                    _make_parents(ops, str(twin), str(target.parent))
                ops.link(str(source), str(target))
            else:
                with contextlib.suppress(FileNotFoundError):
                    ops.unlink(str(target))
                parent = target.parent
                while parent != twin and parent.is_dir() and not any(parent.iterdir()):
                    ops.rmdir(str(parent))
                    parent = parent.parent
        for relative in sorted(self.replaced):
            target = twin / relative
            if target.exists():
                ops.remove_tree(str(target))
            link_tree(ops, live / relative, target)
        ops.link(str(live / MARKER), str(twin / MARKER))

    def discard(self) -> None:
        if self.path.exists():
            shutil.rmtree(self.path, ignore_errors=True)
        self.committed = True


def link_tree(ops: FileOps, source: Path, target: Path) -> None:
    """A twin of a folder: the same folders, and hard links to the very same files."""
    ops.mkdir(str(target))
    ops.chmod(str(target), 0o777 & ~_umask())
    stack = [(str(source), str(target))]
    while stack:
        here, there = stack.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                destination = os.path.join(there, entry.name)
                if entry.is_dir(follow_symlinks=False):
                    ops.mkdir(destination)
                    stack.append((entry.path, destination))
                else:
                    ops.link(entry.path, destination)


def count_files(folder: Path, limit: int) -> int:
    count = 0
    for _, _, names in os.walk(folder):
        count += len(names)
        if count >= limit:
            break
    return count


def _after_full_build(output: Output, replaced: Path | None, lock: int | None) -> None:
    """After a build that wrote every file: the replaced site goes, and a twin of the new
    one is made for the next build. For a big site a detached process does it, holding
    the lock, so that the build does not wait for 40,000 links and unlinks."""
    if count_files(output.path, BIG_TREE) < BIG_TREE or lock is None:
        _replace_spare(output, replaced)
        return
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from cityedu_site import output; "
              "output._background(sys.argv[2:])")
    package_parent = str(Path(__file__).resolve().parents[1])
    subprocess.Popen([sys.executable, "-c", script, package_parent, str(output.path), str(replaced or "")],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     pass_fds=(lock,), start_new_session=True)


def _replace_spare(output: Output, replaced: Path | None) -> None:
    for folder in (replaced, output.spare):
        if folder is not None and folder.exists():
            output.ops.remove_tree(str(folder))
    making = Path(tempfile.mkdtemp(prefix=output._staging_prefix, dir=output.path.parent))
    output.ops.rmdir(str(making))
    link_tree(output.ops, output.path, making)
    output.ops.rename(str(making), str(output.spare))


def _background(arguments: list[str]) -> None:
    """The detached process of _after_full_build (it holds the lock it inherited)."""
    output = Output(Path(arguments[0]))
    with contextlib.suppress(OSError):  # the next build makes what it needs and removes what is left
        _replace_spare(output, Path(arguments[1]) if arguments[1] else None)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[int | None]:
    try:
        import fcntl
    except ImportError:  # not POSIX: builds of one folder must not overlap
        yield None
        return
    handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield handle
    finally:
        os.close(handle)


def read_marker(folder: Path) -> str | None:
    try:
        return (folder / MARKER).read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None


def refuse_dangerous(output: Path, root: Path, sources: tuple[Path, ...]) -> None:
    """The output folder is replaced whole by every build: it may not be the project, hold
    it, or be inside or hold any folder the site is made from (content, templates, assets,
    the generator's code)."""
    output = output.resolve()
    root = root.resolve()
    if output == root or output in root.parents:
        raise ConfigError(f"refusing to build into {output}: it holds the project folder {root}; "
                          "choose a folder of its own, like public/")
    for place in sources:
        place = place.resolve()
        if output == place or output in place.parents or place in output.parents:
            raise ConfigError(f"refusing to build into {output}: the site is made from {place}, and every "
                              "build replaces the output folder whole; choose a folder outside it, like public/")
    if output.exists():
        if not output.is_dir():
            raise ConfigError(f"refusing to build into {output}: it is a file, not a folder")
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise ConfigError(f"refusing to replace {output}: it was not made by cityedu_site "
                              f"(no {MARKER} file); choose another output folder or empty it")


def new_build_id() -> str:
    return uuid.uuid4().hex
