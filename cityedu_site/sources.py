"""Reading content files: bytes → text → (front matter, body), with line positions.

Everything an editor can get wrong here (encoding, size, a missing `---`) becomes a
Problem; nothing is guessed. A UTF-8 byte-order mark and CRLF line endings are accepted.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .config import Config

MAX_FILE_BYTES = 512 * 1024
MAX_FRONT_MATTER_BYTES = 32 * 1024
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" would let a final newline through
MAX_SLUG_LENGTH = 80
_FENCE = "---"
_BOM = b"\xef\xbb\xbf"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 but tab and line ends, DEL, C1


@dataclass(frozen=True, slots=True)
class Source:
    """One content file, split. Lines are 1-based positions in the file as the editor sees it."""

    rel: str  # path relative to the project root, posix style: what messages show
    kind: str  # "case" or "city"
    slug: str
    front_matter: str
    front_matter_line: int  # the file line holding the first line of YAML
    body: str
    body_line: int  # the file line where the body starts
    digest: str = ""  # of the file's bytes

def read_source(path: Path, kind: str, root: Path) -> Source | Problem:
    """Read and split one content file, or say what is wrong with it."""
    rel = relative_name(path, root)
    problem = _check_name(path, rel, kind)
    if problem:
        return problem
    data = read_content_file(path, rel, MAX_FILE_BYTES, "shorten it or split it into several cases",
                             folder_hint=f"put each file directly in content/{path.parent.name}/ as <slug>.md")
    if isinstance(data, Problem):
        return data
    text_or_problem = decode(data, rel)
    if isinstance(text_or_problem, Problem):
        return text_or_problem
    return split(text_or_problem, rel, kind, path.stem, file_digest(data))


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def relative_name(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_content_file(path: Path, rel: str, limit: int, size_hint: str, *, head: int | None = None,
                      folder_hint: str = "replace the folder with the file") -> bytes | Problem:
    """The bytes of a regular file of content/ (its first `head` bytes when given), never
    through a symbolic link and never more than limit: a link could lead anywhere on the
    machine (/proc/self/status), a pipe would block the build, a huge file would fill memory."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Problem(rel, 0, 0, "", "the file disappeared while it was being read", "run the check again")
    if stat.S_ISLNK(info.st_mode):
        return _linked(rel)
    if stat.S_ISDIR(info.st_mode):
        return Problem(rel, 0, 0, "", "folders are not allowed here", folder_hint)
    if not stat.S_ISREG(info.st_mode):
        return Problem(rel, 0, 0, "", "this is not a regular file (a pipe, a socket or a device)",
                       "replace it with an ordinary file, or remove it")
    if info.st_size > limit:
        return too_large(rel, info.st_size, limit, size_hint)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # replaced by a link since lstat
            return _linked(rel)
        raise
    with os.fdopen(descriptor, "rb") as file:
        data = file.read(limit + 1 if head is None else min(head, limit + 1))
    if len(data) > limit:  # it grew since lstat
        return too_large(rel, len(data), limit, size_hint)
    return data


def _linked(rel: str) -> Problem:
    return Problem(rel, 0, 0, "", "symbolic links are not allowed in content/", "replace the link with the file itself")


def too_large(rel: str, size: int, limit: int, hint: str) -> Problem:
    return Problem(rel, 0, 0, "", f"the file is {_size(size)}, over the limit of {_size(limit)}", hint)


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MiB".replace(".0 MiB", " MiB") if size >= 2**20 else f"{size // 1024} KiB"


# Names Windows keeps for devices, whatever their extension or case: a file so named cannot
# be checked out there (nor `aux.md`, nor `com1.png`), and Windows drops a final dot or space.
_WINDOWS_RESERVED = re.compile(r"(?i)(?:con|prn|aux|nul|com[1-9\u00b9\u00b2\u00b3]|lpt[1-9\u00b9\u00b2\u00b3])")


def windows_refusal(name: str, word: str) -> tuple[str, str] | None:
    """(why, how to fix) when Windows cannot hold a file or folder of this name, else None.
    word names what it is, for the suggested name: "case", "city", "file", "folder"."""
    if name.endswith((".", " ")):
        fixed = name.rstrip(". ") or word
        return (f"the name {name!r} ends with a {'dot' if name.endswith('.') else 'space'}, which Windows drops",
                f"rename it to {fixed}")
    base, dot, extension = name.partition(".")
    if _WINDOWS_RESERVED.fullmatch(base.rstrip(" ")):
        return (f"the name {name!r} is reserved on Windows for a device ({base.upper()}), so the repository "
                "cannot be checked out there", f"rename it, for example to {base}-{word}{dot}{extension}")
    return None


def _check_name(path: Path, rel: str, kind: str) -> Problem | None:
    if path.is_symlink() or path.is_dir():
        return None  # read_content_file refuses links and folders, whatever their names
    windows = windows_refusal(path.name, kind)
    if windows:
        return Problem(rel, 0, 0, "", *windows)
    if path.suffix != ".md":
        return Problem(rel, 0, 0, "", "only Markdown files (.md) belong here",
                       f"rename it to {path.stem}.md or move it out of content/")
    slug = path.stem
    if not SLUG_RE.match(slug) or len(slug) > MAX_SLUG_LENGTH:
        return Problem(rel, 0, 0, "", f"the file name {path.name!r} is not a valid slug "
                       "(it becomes the page's URL)",
                       f"rename it to {suggest_slug(slug)}.md: lowercase letters, digits and "
                       f"single hyphens, at most {MAX_SLUG_LENGTH} characters")
    return None


def suggest_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:MAX_SLUG_LENGTH].rstrip("-") or "case-study"


def decode(data: bytes, rel: str) -> str | Problem:
    """UTF-8 (with or without a BOM) → NFC text with \\n line endings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(rel, 1, 1, "", "the file is saved as UTF-16",
                       "save it as UTF-8 (in most editors: Save with Encoding → UTF-8)")
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(rel, line, col, "", f"the file is not UTF-8 (byte 0x{data[exc.start]:02X} "
                       "cannot be read)", "save it as UTF-8 (in most editors: Save with "
                       "Encoding → UTF-8)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _CONTROL_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return Problem(rel, line, col, "", f"the file contains the control character "
                       f"U+{ord(bad.group()):04X}", "delete it; it is invisible in most editors")
    return unicodedata.normalize("NFC", text)


def split(text: str, rel: str, kind: str, slug: str, digest: str = "") -> Source | Problem:
    """Split `---` front matter from the Markdown body."""
    if not text.strip():
        return Problem(rel, 1, 1, "", "the file is empty",
                       "start it with front matter between two lines of `---` "
                       "(`python build.py new` writes a template)")
    lines = text.split("\n")
    if lines[0].rstrip() != _FENCE:
        return Problem(rel, 1, 1, "", "the file does not start with front matter",
                       "make the first line `---`, then the fields, then another `---`")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (_FENCE, "..."):
            break
    else:
        return Problem(rel, 1, 1, "", "the front matter is not closed",
                       "add a line `---` after the last field, before the text")
    front_matter = "\n".join(lines[1:index]) + "\n"
    if len(front_matter.encode()) > MAX_FRONT_MATTER_BYTES:
        return Problem(rel, 2, 1, "", f"the front matter is over {MAX_FRONT_MATTER_BYTES // 1024} "
                       "KiB", "keep long text in the body, below the closing `---`")
    body = "\n".join(lines[index + 1:])
    return Source(rel=rel, kind=kind, slug=slug, front_matter=front_matter,
                  front_matter_line=2, body=body, body_line=index + 2, digest=digest)


def snapshot(config: Config) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every file the content is made of: a cheap "did anything change?".
    Dotfiles are not content (an editor's swap file, .DS_Store): saving one changes nothing."""
    files: dict[str, tuple[int, int]] = {}
    root = config.content_path
    prefix = relative_name(root, config.root) + "/"
    folders = [(root, prefix)]
    while folders:
        folder, rel = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, rel + entry.name + "/"))
            else:
                info = entry.stat(follow_symlinks=False)
                files[rel + entry.name] = (info.st_mtime_ns, info.st_size)
    return files


def stat_of(path: Path) -> tuple[int, int]:
    info = os.lstat(path)
    return info.st_mtime_ns, info.st_size
