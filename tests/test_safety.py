"""No executable markup in the output, whatever the content says; no file read or written
outside the project's content/ and public/.

Front matter and Markdown carrying `<script>`, event handlers, `javascript:` links and
`</script>` in a title either build into pages where all of it is text, or are refused
with a message (dangerous link schemes are content errors). Every HTML file of the built
site is parsed and held to the rule: no script but our own and JSON-LD, no `on…`
attribute, no link or source with a scheme other than http(s), mailto and tel, no
iframe, object or embed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import MINI_CASE, Project
from media_samples import PNG

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "ping", "manifest", "codebase", "longdesc", "usemap")
FORBIDDEN_ELEMENTS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal")
OWN_SCRIPTS = re.compile(r"^(?:\./)?(?:\.\./)*(?:assets|pagefind)/[A-Za-z0-9_.-]+\.m?js$"  # our own, relative
                         r"|^(?:decap-cms|admin)\.js$")  # and the form's, beside admin/index.html
JSON_LD = "application/ld+json"


def url_problem(url: str) -> str | None:
    """Why a URL in an attribute could run code, or None for http(s), mailto, tel and relative."""
    # What a browser ignores in a URL (control characters and spaces) must not hide a scheme.
    compact = "".join(c for c in url if c > " " and c != "\x7f")
    scheme = urlsplit(compact).scheme if ":" in compact else ""
    if scheme and scheme.lower() not in SAFE_SCHEMES:
        return f"scheme {scheme!r}"
    if re.match(r"(?i)^\s*(?:java|vb)script:|^\s*data:", url):
        return "script or data URL"
    return None


def unsafe_markup(html: str) -> list[str]:
    """Everything in one HTML document that could run code, described; [] when it is safe."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind == JSON_LD:
            text = script.string or ""
            try:
                json.loads(text)
            except ValueError:
                found.append(f"JSON-LD that is not JSON: {text[:80]!r}")
            if re.search(r"(?i)</script|<!--|<script", text):
                found.append(f"JSON-LD that could end its element: {text[:80]!r}")
        elif not (script.get("src") and OWN_SCRIPTS.match(script["src"]) and not script.get_text().strip()):
            found.append(f"script: {str(script)[:100]!r}")
    for name in FORBIDDEN_ELEMENTS:
        found.extend(f"{name}: {str(tag)[:100]!r}" for tag in soup.find_all(name))
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            values = value if isinstance(value, list) else [value]
            if attribute.lower().startswith("on"):
                found.append(f"<{tag.name} {attribute}=…>")
            if attribute.lower() in URL_ATTRIBUTES or attribute.lower() == "srcset":
                for url in values:
                    why = url_problem(url.split()[0] if attribute.lower() == "srcset" and url.split() else url)
                    if why:
                        found.append(f"<{tag.name} {attribute}={url[:60]!r}>: {why}")
            if attribute.lower() == "style" and re.search(r"(?i)url\s*\(|expression\s*\(", " ".join(values)):
                found.append(f"<{tag.name} style={values!r}>")
        if tag.name == "meta" and (tag.get("http-equiv") or "").lower() == "refresh":
            target = re.sub(r"(?i)^\s*\d+\s*;?\s*(url\s*=\s*)?", "", tag.get("content") or "").strip("'\" ")
            why = url_problem(target)
            if why:
                found.append(f"meta refresh to {target[:60]!r}: {why}")
    return found


def assert_site_is_safe(public: Path) -> int:
    pages = sorted(public.rglob("*.html"))
    assert pages, f"no HTML in {public}"
    problems = {}
    for page in pages:
        found = unsafe_markup(page.read_text(encoding="utf-8"))
        if found:
            problems[page.relative_to(public).as_posix()] = found
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
    return len(pages)


# ---- the checker itself: it must see what it is there to see --------------------------------

@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    "<script src='https://evil.example/x.js'></script>",
    "<script src='../assets/search.js'>alert(1)</script>",
    '<script type="application/ld+json">{"a": "</script><script>alert(1)"}</script>',
    '<script type="application/ld+json">not json</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)></svg>",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href=' JaVa\tScRiPt:alert(1)'>x</a>",
    "<a href='vbscript:x'>x</a>",
    "<img src='data:text/html,<script>alert(1)</script>'>",
    "<iframe src='https://example.org'></iframe>",
    "<object data='x.swf'></object>",
    "<embed src='x.swf'>",
    "<form action='javascript:alert(1)'><button>x</button></form>",
    "<meta http-equiv='refresh' content='0; url=javascript:alert(1)'>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
])
def test_the_checker_sees_executable_markup(html):
    assert unsafe_markup(f"<!doctype html><html><body>{html}</body></html>")


def test_the_checker_lets_safe_markup_pass():
    html = ('<!doctype html><html><head><script type="application/ld+json">{"a":"\\u003c/script\\u003e"}</script>'
            '<script src="../../assets/search.js" defer></script><meta http-equiv="refresh" content="0; url=../x/">'
            '</head><body><a href="https://example.org/">a</a><a href="mailto:a@example.org">b</a>'
            '<a href="tel:+82">c</a><a href="../cases/x/">d</a><a href="#top">e</a>'
            '<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1)</p></body></html>')
    assert unsafe_markup(html) == []


# ---- hostile text everywhere: it builds, and all of it is text ----------------------------------

HOSTILE_CASE = """\
---
title: "</script><script>alert(1)</script>"
summary: "<img src=x onerror=alert(1)> --> <!-- \\" onmouseover=\\"alert(1)"
city: evil
sdgs: [4]
published: 2024-01-01
keywords: ["<b onmouseover=alert(1)>kw</b>", "</script><!--", "</title><script>alert(1)</script>"]
stakeholders: ["<iframe src=javascript:alert(1)>"]
partners: ["<svg onload=alert(1)>", "' onfocus='alert(1)"]
contacts:
  - name: "<script>alert('contact')</script>"
    role: "\\" onfocus=\\"alert(1)"
    organization: "<a href=javascript:alert(1)>org</a>"
    email: "kim@example.org"
    phone: "+82-2-123-4567"
links:
  - title: "<script>alert('link')</script>"
    url: "https://example.org/a?b=1&c=2'onmouseover='alert(1)"
sources:
  - publisher: "<script>alert('publisher')</script>"
    title: "</title><script>alert(1)</script>"
    url: "https://example.org/x#'onmouseover='alert(1)"
budget:
  total: 100
  currency: KRW
  sources:
    - {name: "<img src=x onerror=alert(1)>", amount: 100}
  note: "<script>alert('note')</script>"
period: {start: 2019, status: ongoing}
images:
  - src: "photo.png"
    alt: "\\" onerror=\\"alert(1)"
    caption: "<script>alert('caption')</script>"
---
## <script>alert('heading')</script>

Before <script>alert(1)</script> after, and `<script>alert(2)</script>` in code.

<script>alert(3)</script>

<iframe src="https://evil.example/"></iframe>

<a href="javascript:alert(4)">raw link</a> and <img src=x onerror=alert(5)> and <svg onload=alert(6)>

<object data="x.swf"></object><embed src="x.swf"><form action="javascript:alert(7)"><button>b</button></form>

<meta http-equiv="refresh" content="0; url=javascript:alert(8)">

<style>body { background: url(javascript:alert(9)) }</style>

</textarea></title></style><script>alert(10)</script><!--

A link [with a title](https://example.org/ "t\\" onmouseover=\\"alert(11)") and
[a quote in the address](https://example.org/"onmouseover="alert(12)) and
<https://example.org/"onmouseover=alert(13)> and &#106;avascript:alert(14) as text,
javascript:alert(15) as text, and ![an image](../../media/photo.png "\\" onerror=\\"alert(16)").

```html
<script>alert(17)</script>
```

| a | <script>alert(18)</script> |
|---|---|
| <img src=x onerror=alert(19)> | [ok](https://example.org/) |
"""

HOSTILE_CITY = """\
---
name: "<script>alert('city')</script>"
name_local: "</script><svg onload=alert(1)>"
country: KR
region: "<img src=x onerror=alert(1)>"
website: "https://example.org/'onmouseover='alert(1)'"
memberships: ["<iframe src=javascript:alert(1)>"]
---
<script>alert('city body')</script> [home](https://example.org/)
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("hostile") / "site")
    project.write("content/cities/evil.md", HOSTILE_CITY)
    project.write("content/media/photo.png", PNG)
    project.case("hostile", HOSTILE_CASE)
    project.case("neighbour", MINI_CASE.replace("city: seoul", "city: evil"))
    check = project.check()
    assert check.code == 0, check.err
    build = project.build()
    assert build.code == 0, build.err
    return project


def test_hostile_text_builds_into_pages_without_executable_markup(hostile_site):
    assert assert_site_is_safe(hostile_site.public) > 10


def test_hostile_text_is_shown_as_written(hostile_site):
    page = BeautifulSoup((hostile_site.public / "cases" / "hostile" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.find("h1").get_text() == "</script><script>alert(1)</script>"
    assert page.find("title").get_text().startswith("</script><script>alert(1)</script>")
    text = page.get_text()
    for shown in ("<img src=x onerror=alert(1)>", "<b onmouseover=alert(1)>kw</b>", "<script>alert(3)</script>",
                  "<a href=\"javascript:alert(4)\">raw link</a>", "<script>alert('contact')</script>",
                  "<script>alert('publisher')</script>", "<script>alert('note')</script>",
                  "<script>alert('caption')</script>", "<script>alert(17)</script>", "javascript:alert(14) as text"):
        assert shown in text, shown
    prose = page.select_one(".prose")
    links = [a["href"] for a in prose.find_all("a")]
    assert links and all(href.startswith("https://example.org/") for href in links), links
    assert all('"' not in href and "'" not in href for href in links), links
    ld = [s for s in page.find_all("script") if s.get("type") == JSON_LD]
    if ld:  # JSON-LD, when the templates have it: the title survives as data
        assert json.loads(ld[0].string)["headline"] == "</script><script>alert(1)</script>"


def test_hostile_text_in_the_other_outputs_stays_data(hostile_site):
    """JSON files parse and hold the text as written; nothing but HTML is served as HTML."""
    for path in hostile_site.public.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in hostile_site.public.rglob("*"):
        form = (".yml", ".wasm") if path.relative_to(hostile_site.public).parts[0] == "admin" else ()
        if path.is_file() and path.suffix not in (".html", ".json", ".css", ".js", ".svg", ".png", ".xml", ".csv",
                                                  ".txt", "", *form):
            pytest.fail(f"unexpected output file {path.relative_to(hostile_site.public)}")
        if path.suffix == ".xml":  # feeds: well-formed, the title escaped
            text = path.read_text(encoding="utf-8")
            assert "<script>" not in text, path


# ---- dangerous link schemes are content errors ---------------------------------------------------

DANGEROUS_BODIES = {
    "javascript": ("[x](javascript:alert(1))", 12, 5, "javascript:"),
    "mixed-case": ("[x](JaVaScRiPt:alert(1))", 12, 5, "javascript:"),
    "entity": ("[x](&#106;avascript:alert(1))", 12, 5, "javascript:"),
    "hex-entity": ("[x](&#x6A;avascript:alert(1))", 12, 5, "javascript:"),
    "newline-entity": ("[x](java&#10;script:alert(1))", 12, 5, "javascript:"),
    "angle-brackets": ("[x](<javascript:alert(1)>)", 12, 6, "javascript:"),
    "leading-space": ("[x](   javascript:alert(1))", 12, 8, "javascript:"),
    "data-image": ("![x](data:text/html,<script>alert(1)</script>)", 12, 6, "data:"),
    "data-link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", 12, 5, "data:"),
    "autolink": ("<javascript:alert(1)>", 12, 2, "javascript:"),
    "vbscript": ("[x](vbscript:msgbox(1))", 12, 5, "vbscript:"),
    "file": ("[x](file:///etc/passwd)", 12, 5, "file:"),
    "reference": ("[x][r]\n\n[r]: javascript:alert(1)", 14, 6, "javascript:"),
    "reference-image": ("![x][r]\n\n[r]: data:image/svg+xml,<svg/onload=alert(1)>", 14, 6, "data:"),
}


def test_dangerous_links_in_bodies_are_refused_each_with_its_line(project):
    for name, (markdown, *_rest) in DANGEROUS_BODIES.items():
        project.case(name, MINI_CASE.replace("Text.", markdown))
    result = project.check()
    assert result.code == 1
    assert "Traceback" not in result.out + result.err
    for name, (_markdown, line, col, scheme) in DANGEROUS_BODIES.items():
        prefix = f"content/cases/{name}.md:{line}:{col}: body: "
        told = [x for x in result.err.splitlines() if x.startswith(prefix)]
        assert told and scheme in told[0] and "not allowed" in told[0], (name, result.err)
    assert f"{len(DANGEROUS_BODIES)} errors in {len(DANGEROUS_BODIES)} files" in result.err
    build = project.build()
    assert build.code == 1
    assert not project.public.exists(), "a refused build writes nothing"


@pytest.mark.parametrize("field, value, expected", [
    ("links", '[{title: x, url: "javascript:alert(1)"}]', "links[1].url: 'javascript:alert(1)' is not a web address"),
    ("links", '[{title: x, url: "JAVASCRIPT://example.org/%0Aalert(1)"}]', "is not a web address"),
    ("links", '[{title: x, url: "data:text/html,x"}]', "links[1].url: 'data:text/html,x' is not a web address"),
    ("sources", '[{publisher: x, url: "vbscript:x"}]', "sources[1].url: 'vbscript:x' is not a web address"),
    ("sources", '[{publisher: x, url: "https://example.org/<script>"}]', "contains spaces or characters not allowed"),
    ("contacts", '[{name: x, email: "javascript:alert(1)//@example.org"}]', "is not an e-mail address"),
    ("contacts", '[{name: x, email: "a@example.org?subject=<script>"}]', "is not an e-mail address"),
    ("contacts", '[{name: x, phone: "javascript:alert(1)"}]', "is not a phone number"),
])
def test_dangerous_addresses_in_front_matter_are_refused(project, field, value, expected):
    project.case("bad", MINI_CASE.replace("sources:", f"{field}: {value}\nsources:") if field != "sources"
                 else MINI_CASE.replace('sources:\n  - publisher: "Test"\n', f"sources: {value}\n"))
    result = project.check()
    assert result.code == 1, result.err
    assert expected in result.err.splitlines()[0], result.err


def test_a_city_website_with_a_script_scheme_is_refused(project):
    project.write("content/cities/evil.md", HOSTILE_CITY.replace("https://example.org/'onmouseover='alert(1)'",
                                                                 "javascript:alert(1)"))
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cities/evil.md:6:10: website: 'javascript:alert(1)' is not a web "
                                 "address"), result.err


# ---- paths: nothing read or written outside content/ and public/ ------------------------------

def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("src", [
    "../../../etc/passwd",
    "../secret.png",
    "/etc/passwd.png",
    "//server/share/x.png",
    "C:/Windows/x.png",
    "..\\\\secret.png",
    "photo.png/../../secret.png",
    "%2e%2e/secret.png",
    "~/secret.png",
    "．．/secret.png",  # full-width dots
    "media/../../secret.png",
    "https://example.org/x.png",
    "javascript:alert(1).png",
])
def test_image_paths_outside_content_media_are_refused(project, src):
    project.write("content/media/photo.png", PNG)
    project.case("bad", MINI_CASE.replace("sources:", f'images:\n  - {{src: "{src}", alt: x}}\nsources:'))
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/bad.md:8:11: images[1].src: "), result.err
    assert "is not an image file name we accept" in result.err.splitlines()[0], result.err


def test_a_symlink_in_media_to_a_file_outside_is_neither_read_nor_published(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.png"
    secret.write_bytes(PNG + b"secret outside the project")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.png").write_bytes(PNG + b"secret in a linked folder")
    project = Project(tmp_path / "site")
    project.write("content/media/photo.png", PNG)
    project.case("good", MINI_CASE.replace("sources:", 'images:\n  - {src: "photo.png", alt: x}\nsources:'))
    assert project.build().code == 0
    before = tree(outside)

    # A linked file is refused, as a linked case is; a case naming it adds nothing to that.
    os.symlink(secret, project.root / "content" / "media" / "secret.png")
    project.case("bad", MINI_CASE.replace("sources:", 'images:\n  - {src: "secret.png", alt: x}\nsources:'))
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines() == [
        "content/media/secret.png: symbolic links are not allowed in content/; replace the link with the file itself",
        "1 error in 1 file"], result.err
    result = project.build()
    assert result.code == 1
    published = tree(project.public)
    assert "media/photo.png" in published  # the last good build stays
    assert not [name for name in published if "secret" in name], sorted(published)
    assert not [name for name, data in published.items() if b"PNG secret" in data]

    # A linked folder could lead anywhere: the build refuses it and reads nothing.
    os.remove(project.root / "content" / "media" / "secret.png")
    os.remove(project.root / "content" / "cases" / "bad.md")
    os.symlink(outside / "folder", project.root / "content" / "media" / "folder")
    result = project.build()
    assert result.code == 1
    assert result.err.startswith("content/media/folder: symbolic links are not allowed in content/"), result.err
    assert "media/photo.png" in tree(project.public)
    assert tree(outside) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "site"], "nothing written beside the project"


def test_a_symlinked_content_file_is_refused(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(MINI_CASE, encoding="utf-8")
    project = Project(tmp_path / "site")
    os.symlink(outside, project.root / "content" / "cases" / "linked.md")
    result = project.check()
    assert result.code == 1
    assert result.err.startswith("content/cases/linked.md: symbolic links are not allowed in content/"), result.err


def test_the_build_writes_only_into_public(tmp_path):
    project = Project(tmp_path / "site")
    project.case("good")
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    content_before = tree(project.root / "content")
    result = project.build()
    assert result.code == 0, result.err
    assert tree(project.root / "content") == content_before
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    new = {p.name for p in project.root.iterdir()} - {"content", "templates", "assets"}
    assert new <= {"public", ".public.spare", ".public.lock"}, new


@pytest.mark.parametrize("folder", ["cases", "media"])
def test_a_symlinked_content_folder_pointing_outside_is_refused(tmp_path, folder):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret-case.md").write_text(MINI_CASE.replace("Text.", "SECRET"), encoding="utf-8")
    (outside / "secret.png").write_bytes(PNG + b"SECRET")
    project = Project(tmp_path / "site")
    target = project.root / "content" / folder
    if target.exists():
        target.rmdir()
    os.symlink(outside, target)
    if folder == "media":
        project.case("good", MINI_CASE.replace("sources:", 'images: [{src: secret.png, alt: x}]\nsources:'))
    result = project.check()
    assert result.code == 1, "a folder outside the project was read as content"
    assert "symbolic link" in result.err


def test_themes_yaml_as_a_link_is_refused_unread(project):
    """content/themes.yaml was followed as a link: one to /proc/self/status printed its keys."""
    themes = project.root / "content" / "themes.yaml"
    themes.unlink()
    os.symlink("/proc/self/status", themes)
    project.case("good")
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines()[0] == ("content/themes.yaml: symbolic links are not allowed in content/; replace "
                                          "the link with the file itself")
    assert "VmRSS" not in result.err and "Name:" not in result.err


def test_a_huge_themes_yaml_is_refused_unread(project):
    """A 50 MB theme title passed check."""
    themes = project.root / "content" / "themes.yaml"
    themes.write_text('huge: {title: "' + "x" * (50 * 2**20) + '", description: "d"}\n', encoding="utf-8")
    project.case("good")
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines()[0] == ("content/themes.yaml: the file is 50 MiB, over the limit of 512 KiB; keep "
                                          "each description to one sentence")


@pytest.mark.parametrize("where, make, expected", [
    ("content/themes.yaml", lambda p: (p.unlink(), p.mkdir()), "content/themes.yaml: folders are not allowed here; "
     "restore content/themes.yaml from the repository"),
    ("content/cases/folder.md", lambda p: p.mkdir(), "content/cases/folder.md: folders are not allowed here; put "
     "each file directly in content/cases/ as <slug>.md"),
    ("content/cities/pipe.md", lambda p: os.mkfifo(p), "content/cities/pipe.md: this is not a regular file (a pipe, "
     "a socket or a device); replace it with an ordinary file, or remove it"),
])
def test_only_regular_files_are_read(project, where, make, expected):
    project.case("good")
    make(project.root / where)
    result = project.check()
    assert result.code == 1
    assert result.err.splitlines()[0] == expected, result.err
