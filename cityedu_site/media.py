"""What content/media/ may publish: images and PDF documents, each verified by its content.

A file published on the site's origin is trusted by its Content-Security-Policy
(`script-src 'self'`): an HTML page or a script in content/media/ would run as the site's
own. So only what a reader downloads or looks at is published: PNG, JPEG, GIF, WebP and
AVIF images and PDF documents, each recognised by its first bytes (its whole signature,
not its extension), whose extension says the same (browsers and servers type a file by its
extension; with `X-Content-Type-Options: nosniff` they never guess from the content).
SVG is refused: it can hold scripts, and no sanitiser ships with the project. Everything
else is an error naming the file and what to do, and so is a name Windows cannot hold.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, Severity, did_you_mean
from .sources import read_content_file, relative_name, windows_refusal

MAX_MEDIA_BYTES = 10 * 2**20
IMAGE_TYPES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "avif": "AVIF"}
DOCUMENT_TYPES = {"pdf": "PDF"}
TYPES = IMAGE_TYPES | DOCUMENT_TYPES
ACCEPTED = "images (PNG, JPEG, GIF, WebP, AVIF) and PDF documents"
# Folders and a name with one lowercase extension: letters, digits, - and _.
NAME_RE = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.(?:" + "|".join(TYPES) + ")")
_HEAD = 512  # bytes read to recognise a file


@dataclass(frozen=True, slots=True)
class Media:
    """The files of content/media/: those that may be published, the refused ones (each with
    its problem) and those problems."""

    published: frozenset[str] = frozenset()
    refused: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = field(default_factory=tuple)


def sniff(head: bytes) -> str:
    """The format of a file by its first bytes: "PNG", "JPEG", …, "PDF", or what it looks
    like otherwise ("SVG", "HTML", "text", "unknown")."""
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
        return "PNG"
    if head[:3] == b"\xff\xd8\xff" and len(head) > 3 and head[3] >= 0xC0:
        return "JPEG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and head[12:16] in (b"VP8 ", b"VP8L", b"VP8X"):
        return "WebP"
    if head[4:8] == b"ftyp" and _avif_brands(head):
        return "AVIF"
    if head[:5] == b"%PDF-" and head[5:6] in (b"1", b"2"):
        return "PDF"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in lowered:
        return "SVG"
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")) or b"<script" in lowered:
        return "HTML"
    text = head.decode("utf-8", "replace").rstrip("\ufffd")  # (the head may end inside a character)
    return "text" if all(c.isprintable() and c != "\ufffd" or c in "\t\n\r\f" for c in text) else "unknown"


def _avif_brands(head: bytes) -> bool:
    """An ISO media file (ftyp box) whose major or compatible brands name AVIF."""
    size = int.from_bytes(head[:4], "big")
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, min(size, len(head)) - 3, 4)]
    return bool({b"avif", b"avis"} & set(brands))


def check_media(media_dir: Path, root: Path) -> Media:
    """Every file below content/media/, checked; dotfiles left out (.DS_Store is not for
    publishing). Folders that are links are refused before (content.linked_folders)."""
    published, refused, problems = set(), set(), []
    seen: dict[str, str] = {}  # lowercased name → name: names that differ by case only clash
    refused_folders: set[Path] = set()  # whose files are refused with them, without a word each
    for parent, folders, names in os.walk(media_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        base = Path(parent)
        for folder in folders:
            windows = windows_refusal(folder, "folder")
            if windows:
                problems.append(Problem(relative_name(base / folder, root), 0, 0, "", *windows))
                refused_folders.add(base / folder)
        in_refused_folder = base in refused_folders or any(folder in base.parents for folder in refused_folders)
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = base / name
            relative = path.relative_to(media_dir).as_posix()
            problem = None if in_refused_folder else _check_file(path, relative_name(path, root), relative, seen)
            if problem is None and not in_refused_folder:
                published.add(relative)
            else:
                refused.add(relative)
                if problem:
                    problems.append(problem)
    return Media(frozenset(published), frozenset(refused), tuple(problems))


def _check_file(path: Path, rel: str, relative: str, seen: dict[str, str]) -> Problem | None:
    name = path.name
    windows = windows_refusal(name, "file")
    if windows:
        return Problem(rel, 0, 0, "", *windows)
    extension = name.rpartition(".")[2] if "." in name else ""
    if extension.lower() == "svg":
        return Problem(rel, 0, 0, "", "SVG images are not published: an SVG can hold scripts that would run "
                       "on this site", "export it as PNG (or WebP) and refer to that file instead")
    if extension.lower() not in TYPES:
        return Problem(rel, 0, 0, "", f"{_a_file(extension)} cannot be published; only {ACCEPTED} may be in "
                       "content/media/", _other_file_hint(extension))
    if not NAME_RE.fullmatch(relative):
        return Problem(rel, 0, 0, "", f"the file name {relative!r} cannot be published",
                       f"rename it to {suggest_name(relative)}: letters, digits, - and _, and a lowercase "
                       "extension")
    clash = seen.setdefault(relative.lower(), relative)
    if clash != relative:
        return Problem(rel, 0, 0, "", f"the name differs from content/media/{clash} only by upper and lower "
                       "case, and Windows and macOS cannot hold both", "rename one of them")
    head = read_content_file(path, rel, MAX_MEDIA_BYTES, "make it smaller: export the image at a lower "
                             "resolution or quality, or compress the PDF", head=_HEAD)
    if isinstance(head, Problem):
        return head
    expected, found = TYPES[extension], sniff(head)
    if found != expected:
        what = {"SVG": "an SVG image, which can hold scripts", "HTML": "an HTML page, which could run scripts",
                "text": "text", "unknown": "something else"}.get(found, f"a {found} file")
        return Problem(rel, 0, 0, "", f"the file is named .{extension} but is not a {expected} file: it holds {what}",
                       f"save it again as {expected}, or give it the extension of what it is"
                       if found in TYPES.values() else f"replace it with a real {expected} file")
    return None


def _a_file(extension: str) -> str:
    return f"a .{extension} file" if extension else "a file without an extension"


def _other_file_hint(extension: str) -> str:
    return {
        "html": "write pages as Markdown case studies in content/cases/; remove it",
        "htm": "write pages as Markdown case studies in content/cases/; remove it",
        "js": "remove it: the site runs no scripts from content/",
        "mjs": "remove it: the site runs no scripts from content/",
        "css": "remove it: the site's styles live in assets/",
        "xml": "remove it, or save the document as PDF",
    }.get(extension.lower(), "remove it, or convert it to one of those formats (a document to PDF, a picture "
                             "to PNG or JPEG)")


def suggest_name(relative: str) -> str:
    folder, _, name = relative.rpartition("/")
    stem, _, extension = name.rpartition(".")
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "file"
    return (f"{folder}/" if folder else "") + f"{clean}.{extension.lower()}"


def reference_problem(name: str, media: Media, image: bool) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) with a reference to content/media/name, or None.
    A refused file has its own problem: a reference to it adds nothing."""
    if name in media.refused:
        return None
    if name not in media.published:
        return (f"there is no file content/media/{name}",
                did_you_mean(name, media.published) or f"add the {'image' if image else 'file'} to content/media/")
    if image and name.rpartition(".")[2].lower() not in IMAGE_TYPES:
        return (f"content/media/{name} is a document, not an image",
                "link to it instead of showing it: [what it is](…), without the !")
    return None


def unreferenced(media: Media, referred: set[str], root: Path, media_dir: Path) -> list[Problem]:
    """A warning for each published file no case or city refers to."""
    return [Problem(relative_name(media_dir / name, root), 0, 0, "", "no case study or city refers to this file",
                    "show it (images: in a case's front matter, or ![…](…) in a text), link to it, or delete it",
                    Severity.WARNING)
            for name in sorted(media.published - referred)]
