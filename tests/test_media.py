"""content/media/ publishes only images and PDF documents, each verified by its content.

On main, anything in content/media/ was published: an HTML page and its script ran on the
site's own origin, trusted by the Content-Security-Policy (`script-src 'self'`). Now every
file is recognised by its first bytes, its extension must say the same, and anything else
is an error naming the file and what to do; names Windows cannot hold are errors too, and
a file nothing refers to is a warning.
"""

from __future__ import annotations

import os

import pytest

import media_samples as samples
from cityedu_site.media import MAX_MEDIA_BYTES
from conftest import MINI_CASE, MINI_CITY, Project
from httpserver import SiteServer, netlify_headers

ACCEPTED = "only images (PNG, JPEG, GIF, WebP, AVIF) and PDF documents may be in content/media/"
UNREFERENCED = ("warning: no case study or city refers to this file; show it (images: in a case's front matter, or "
                "![…](…) in a text), link to it, or delete it")


def showing(*names: str, links: tuple[str, ...] = ()) -> str:
    """A case that shows images (front matter) and links to files (text) of content/media/."""
    images = "".join(f'  - {{src: "{name}", alt: "x"}}\n' for name in names)
    text = "Text." + "".join(f" [file](../../media/{name})" for name in links)
    return MINI_CASE.replace("sources:", f"images:\n{images}sources:" if names else "sources:").replace("Text.", text)


def lines(project: Project) -> list[str]:
    result = project.check()
    assert "Traceback" not in result.out + result.err
    return result.err.splitlines()


# ---- what is published --------------------------------------------------------------------------

def test_images_and_pdf_documents_are_published_as_they_are(project):
    files = {"photo.png": samples.PNG, "photo.jpg": samples.JPEG, "scan.jpeg": samples.JPEG,
             "anim.gif": samples.GIF, "modern.webp": samples.WEBP, "next.avif": samples.AVIF,
             "brands/next.avif": samples.AVIF_COMPATIBLE, "report.pdf": samples.PDF,
             "2024_plans/Budget-Plan.pdf": samples.PDF}
    for name, data in files.items():
        project.write(f"content/media/{name}", data)
    images = [n for n in files if not n.endswith(".pdf")]
    project.case("good", showing(*images, links=("report.pdf", "2024_plans/Budget-Plan.pdf")))
    check = project.check()
    assert check.code == 0 and check.out == "check: the content is clean\n", check.err
    assert project.build().code == 0
    published = {p.relative_to(project.public / "media").as_posix(): p.read_bytes()
                 for p in (project.public / "media").rglob("*") if p.is_file()}
    assert published == files


# ---- what is refused, and what the editor is told -----------------------------------------------

@pytest.mark.parametrize("name, data, expected", [
    ("x.html", samples.HTML, f"a .html file cannot be published; {ACCEPTED}; write pages as Markdown case studies "
     "in content/cases/; remove it"),
    ("x.js", samples.SCRIPT, f"a .js file cannot be published; {ACCEPTED}; remove it: the site runs no scripts from "
     "content/"),
    ("x.css", b"body { background: red }", f"a .css file cannot be published; {ACCEPTED}; remove it: the site's "
     "styles live in assets/"),
    ("x.xml", b"<?xml version='1.0'?><x/>", f"a .xml file cannot be published; {ACCEPTED}; remove it, or save the "
     "document as PDF"),
    ("notes.docx", b"PK\x03\x04", f"a .docx file cannot be published; {ACCEPTED}; remove it, or convert it to one "
     "of those formats (a document to PDF, a picture to PNG or JPEG)"),
    ("README", b"text", f"a file without an extension cannot be published; {ACCEPTED}"),
    ("logo.svg", samples.SVG, "SVG images are not published: an SVG can hold scripts that would run on this site; "
     "export it as PNG (or WebP) and refer to that file instead"),
    ("logo.SVG", samples.SVG, "SVG images are not published"),
    ("x.png", samples.HTML, "the file is named .png but is not a PNG file: it holds an HTML page, which could run "
     "scripts; replace it with a real PNG file"),
    ("x.png", samples.SVG, "the file is named .png but is not a PNG file: it holds an SVG image, which can hold "
     "scripts; replace it with a real PNG file"),
    ("x.jpg", samples.PNG, "the file is named .jpg but is not a JPEG file: it holds a PNG file; save it again as "
     "JPEG, or give it the extension of what it is"),
    ("x.webp", samples.RIFF_WAVE, "the file is named .webp but is not a WebP file: it holds something else"),
    ("x.avif", samples.MP4, "the file is named .avif but is not a AVIF file: it holds something else"),
    ("x.pdf", b"Not a PDF at all", "the file is named .pdf but is not a PDF file: it holds text"),
    ("x.gif", b"", "the file is named .gif but is not a GIF file: it holds text"),
    ("x.png", samples.PNG[:8], "the file is named .png but is not a PNG file"),  # the signature without its IHDR
    ("My Photo.png", samples.PNG, "the file name 'My Photo.png' cannot be published; rename it to My-Photo.png: "
     "letters, digits, - and _, and a lowercase extension"),
    ("IMG_0001.PNG", samples.PNG, "the file name 'IMG_0001.PNG' cannot be published; rename it to IMG_0001.png"),
    ("사진.png", samples.PNG, "the file name '사진.png' cannot be published; rename it to file.png"),
    ("con.png", samples.PNG, "the name 'con.png' is reserved on Windows for a device (CON), so the repository "
     "cannot be checked out there; rename it, for example to con-file.png"),
    ("LPT1.pdf", samples.PDF, "the name 'LPT1.pdf' is reserved on Windows for a device (LPT1)"),
    ("nul.tar.png", samples.PNG, "the name 'nul.tar.png' is reserved on Windows for a device (NUL)"),
    ("x.png.", samples.PNG, "the name 'x.png.' ends with a dot, which Windows drops; rename it to x.png"),
    ("x.png ", samples.PNG, "the name 'x.png ' ends with a space, which Windows drops; rename it to x.png"),
])
def test_what_cannot_be_published_is_an_error_naming_the_file(project, name, data, expected):
    project.write(f"content/media/{name}", data)
    project.case("good")
    told = lines(project)
    assert told[0].startswith(f"content/media/{name}: {expected}"), told
    assert told[1:] == ["1 error in 1 file"]
    assert project.build().code == 1


@pytest.mark.parametrize("folder, expected", [
    ("aux", "the name 'aux' is reserved on Windows for a device (AUX), so the repository cannot be checked out "
     "there; rename it, for example to aux-folder"),
    ("Com3", "the name 'Com3' is reserved on Windows for a device (COM3)"),
    ("photos.", "the name 'photos.' ends with a dot, which Windows drops; rename it to photos"),
])
def test_folders_of_content_media_have_names_windows_can_hold(project, folder, expected):
    project.write(f"content/media/{folder}/x.png", samples.PNG)
    project.write(f"content/media/{folder}/deeper/y.png", samples.PNG)
    project.case("good", MINI_CASE.replace("Text.", f"![x](../../media/{folder}/x.png)"))
    told = lines(project)
    assert told[0].startswith(f"content/media/{folder}: {expected}"), told
    assert told[1:] == ["1 error in 1 file"], "its files are refused with it, without a word each"


def test_names_that_differ_only_by_case_clash(project):
    project.write("content/media/Photo.png", samples.PNG)
    project.write("content/media/photo.png", samples.PNG)
    project.case("good", showing("Photo.png"))
    assert lines(project) == [
        "content/media/photo.png: the name differs from content/media/Photo.png only by upper and lower case, and "
        "Windows and macOS cannot hold both; rename one of them",
        "1 error in 1 file"]


def test_a_file_over_the_size_limit_is_refused_unread(project):
    path = project.write("content/media/huge.png", samples.PNG)
    os.truncate(path, MAX_MEDIA_BYTES + 1)  # sparse: nothing of it is written to disk
    project.case("good", showing("huge.png"))
    assert lines(project) == [
        "content/media/huge.png: the file is 10 MiB, over the limit of 10 MiB; make it smaller: export the image at "
        "a lower resolution or quality, or compress the PDF",
        "1 error in 1 file"]
    os.truncate(path, MAX_MEDIA_BYTES)
    assert lines(project) == []


def test_a_pipe_or_a_link_in_content_media_is_refused(project, tmp_path):
    (project.root / "content" / "media").mkdir()
    os.mkfifo(project.root / "content" / "media" / "pipe.png")
    outside = tmp_path / "outside.png"
    outside.write_bytes(samples.PNG)
    os.symlink(outside, project.root / "content" / "media" / "linked.png")
    project.case("good", showing("pipe.png", "linked.png"))
    assert lines(project) == [
        "content/media/linked.png: symbolic links are not allowed in content/; replace the link with the file itself",
        "content/media/pipe.png: this is not a regular file (a pipe, a socket or a device); replace it with an "
        "ordinary file, or remove it",
        "2 errors in 2 files"]


# ---- references ------------------------------------------------------------------------------------

def test_a_file_nothing_refers_to_is_a_warning_and_still_published(project):
    project.write("content/media/forgotten.png", samples.PNG)
    project.write("content/media/shown.png", samples.PNG)
    project.write("content/media/city.webp", samples.WEBP)
    project.write("content/media/linked.pdf", samples.PDF)
    project.case("good", showing("shown.png", links=("linked.pdf",)))
    project.write("content/cities/seoul.md", MINI_CITY.replace("The capital.", "![The river](../../media/city.webp)"))
    result = project.check()
    assert result.code == 0
    assert result.err.splitlines() == [f"content/media/forgotten.png: {UNREFERENCED}"]
    assert result.out == "check: 1 warning in 1 file\n"
    assert project.build().code == 0
    assert (project.public / "media" / "forgotten.png").read_bytes() == samples.PNG


@pytest.mark.parametrize("text, expected", [
    ("![chart](../../media/missing.png)", "content/cases/good.md:12:38: body: there is no file "
     "content/media/missing.png; add the image to content/media/"),
    ("[report](../../media/reprot.pdf)", "content/cases/good.md:12:38: body: there is no file "
     "content/media/reprot.pdf; did you mean \"report.pdf\"?"),
    ("![report](../../media/report.pdf#page=2)", "content/cases/good.md:12:39: body: content/media/report.pdf is a "
     "document, not an image; link to it instead of showing it: [what it is](…), without the !"),
])
def test_a_body_refers_only_to_media_that_are_published(project, text, expected):
    project.write("content/media/report.pdf", samples.PDF)
    project.case("good", MINI_CASE.replace("Text.", f"[r](../../media/report.pdf) {text}"))
    assert lines(project) == [expected, "1 error in 1 file"]


def test_a_refused_file_is_told_once_however_many_refer_to_it(project):
    project.write("content/media/logo.svg", samples.SVG)
    project.write("content/media/x.png", samples.HTML)
    project.case("good", showing("x.png", links=("logo.svg",)).replace("Text.", "![x](../../media/x.png) Text."))
    assert lines(project) == [
        "content/media/logo.svg: SVG images are not published: an SVG can hold scripts that would run on this site; "
        "export it as PNG (or WebP) and refer to that file instead",
        "content/media/x.png: the file is named .png but is not a PNG file: it holds an HTML page, which could run "
        "scripts; replace it with a real PNG file",
        "2 errors in 2 files"]


def test_images_in_front_matter_are_images(project):
    project.write("content/media/report.pdf", samples.PDF)
    project.case("good", showing("report.pdf"))
    assert lines(project)[0] == (
        "content/cases/good.md:8:11: images[1].src: 'report.pdf' is not an image file name we accept; name a .png, "
        ".jpg, .webp, .avif or .gif file in content/media/ by its path below that folder (letters, digits, - and _; "
        "no '..')")


# ---- the example, in a real browser -------------------------------------------------------

def test_an_html_page_and_its_script_in_media_never_reach_the_site(tmp_path, page):
    """`content/media/x.html` with `<script src="x.js">` and `content/media/x.js` passed check,
    were published, and the script ran on the site's origin in Chromium under the shipped CSP."""
    project = Project(tmp_path / "site")
    project.case("good", showing(links=("x.html",)).replace("[file]", "[a page]"))
    project.write("content/media/x.html", samples.HTML)
    project.write("content/media/x.js", samples.SCRIPT)
    check = project.check()
    assert check.code == 1
    assert check.err.splitlines() == [
        f"content/media/x.html: a .html file cannot be published; {ACCEPTED}; write pages as Markdown case studies "
        "in content/cases/; remove it",
        f"content/media/x.js: a .js file cannot be published; {ACCEPTED}; remove it: the site runs no scripts from "
        "content/",
        "2 errors in 2 files"]
    assert project.build().code == 1 and not project.public.exists()

    # Built without them (the case still links there), then served as Netlify would.
    os.rename(project.root / "content" / "media", tmp_path / "refused")
    (project.root / "content" / "media").mkdir()
    assert project.build().code == 1  # the link leads to a file that does not exist: an error, not a 404
    project.case("good")
    assert project.build().code == 0
    for name in ("x.html", "x.js"):
        os.rename(tmp_path / "refused" / name, project.root / "content" / "media" / name)
    assert project.build().code == 1
    assert not (project.public / "media").exists()
    with SiteServer(project.public, headers=netlify_headers()) as server:
        response = page.goto(server.url("media/x.html"))
        assert response.status == 404
        page.wait_for_load_state("load")
        assert page.title() != "ran on the site"
        assert "x.js" not in page.content()
        response = page.goto(server.url("media/x.js"))
        assert response.status == 404
