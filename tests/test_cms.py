"""The form at /admin/ without a browser: its configuration follows the schema field by
field, its vendored files are the npm package's, the YAML it saves is the YAML we write
(checked against the JavaScript library the CMS bundles), and the links to it appear
exactly when site.toml names a repository."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from cityedu_site import schema
from cityedu_site.cms import configuration, fmt, vendor, yamlstyle
from cityedu_site.cms.files import config_yaml, settings_for
from cityedu_site.config import load_config
from cityedu_site.content import load_content
from cityedu_site.errors import ConfigError
from cityedu_site.kinds import Field, Kind, ListOf, Record
from cityedu_site.scaffold import CASE_BODY
from cityedu_site.sources import SLUG_RE
from cmstools import TOOLS, project_copy, require_tools
from conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def cms_settings() -> configuration.Settings:
    config = load_config(ROOT)
    return settings_for(config, load_content(config))


@pytest.fixture(scope="module")
def document(cms_settings) -> dict:
    """config.yml as the CMS reads it."""
    return yaml.safe_load(config_yaml(cms_settings))


def collection(document: dict, name: str) -> dict:
    return next(c for c in document["collections"] if c["name"] == name)


# ---- the configuration follows the schema ----------------------------------------------------

def missing_fields(record: Record, widgets: list[dict], path: str = "") -> list[str]:
    """Every schema field, nested ones included, that has no widget of the same name with
    its label, hint and required flag."""
    by_name = {w["name"]: w for w in widgets}
    missing = []
    for spec in record.fields:
        where = f"{path}.{spec.name}" if path else spec.name
        made = by_name.get(spec.name)
        if made is None or not made.get("label") or spec.help not in made.get("hint", "") or "widget" not in made:
            missing.append(where)
            continue
        if made["required"] and not spec.required:
            missing.append(f"{where} (required in the form, optional in the schema)")
        inner = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(inner, Record):
            missing += missing_fields(inner, made.get("fields", []), where)
    return missing


@pytest.mark.parametrize("kind, name", [("case", "cases"), ("city", "cities")])
def test_every_schema_field_is_in_the_form(document, kind, name):
    record = schema.CASE if kind == "case" else schema.CITY
    widgets = collection(document, name)["fields"]
    assert missing_fields(record, widgets) == []
    assert [w["name"] for w in widgets] == [f.name for f in record.fields] + ["body"]


def test_a_field_missing_from_the_form_is_caught(document):
    widgets = [w for w in collection(document, "cases")["fields"] if w["name"] != "themes"]
    budget = next(w for w in widgets if w["name"] == "budget")
    budget["fields"] = [w for w in budget["fields"] if w["name"] != "note"]
    assert missing_fields(schema.CASE, widgets) == ["themes", "budget.note"]


def test_a_kind_without_a_widget_stops_the_build(cms_settings):
    class Colour(Kind):
        label = "a colour"

    record = Record(fields=(Field("tint", Colour(), "A colour."),))
    with pytest.raises(configuration.UnknownKind) as raised:
        configuration.widget(Field("look", record, "How it looks."), cms_settings)
    assert str(raised.value) == ("the CMS has no widget for Colour (field look.tint): add one to WIDGETS "
                                 "in cityedu_site/cms/configuration.py")


def test_each_kind_of_field_gets_its_widget(document):
    fields = {w["name"]: w for w in collection(document, "cases")["fields"]}
    assert fields["city"]["widget"] == "relation"
    assert fields["city"]["collection"] == "cities" and fields["city"]["value_field"] == "{{slug}}"
    goals = fields["sdgs"]
    assert goals["widget"] == "select" and goals["multiple"] and goals["min"] == 1
    assert [o["value"] for o in goals["options"]] == list(range(1, 18))
    assert goals["options"][3]["label"] == "4 · Quality Education"
    themes = fields["themes"]
    assert themes["widget"] == "select" and themes["multiple"]
    assert {o["value"] for o in themes["options"]} == set(yaml.safe_load((ROOT / "content" / "themes.yaml").read_text()))
    period = {w["name"]: w for w in fields["period"]["fields"]}
    assert period["status"]["options"] == [{"label": s, "value": s} for s in schema.STATUSES]
    budget = {w["name"]: w for w in fields["budget"]["fields"]}
    assert budget["currency"]["widget"] == "select" and {"label": "KRW · Won", "value": "KRW"} in budget["currency"]["options"]
    assert budget["sources"]["widget"] == "list" and [w["name"] for w in budget["sources"]["fields"]] == ["name", "amount"]
    assert budget["total"]["widget"] == "number" and budget["total"]["required"] is False
    assert budget["total"]["hint"].endswith("Needed when the budget is given.")
    sources_item = {w["name"]: w for w in budget["sources"]["fields"]}
    assert sources_item["amount"]["required"] is True  # an item exists only when added
    assert fields["contacts"]["widget"] == "list" and fields["contacts"]["max"] == 10
    assert fields["stakeholders"]["field"]["widget"] == "string"
    assert fields["body"] == {"label": "Text", "name": "body", "widget": "markdown", "default": CASE_BODY,
                              "hint": fields["body"]["hint"]}
    assert fields["published"]["format"] == "YYYY-MM-DD"
    image = {w["name"]: w for w in fields["images"]["fields"]}["src"]
    assert image["widget"] == "image" and image["pattern"][0] == "^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\\.(?:png|jpg|jpeg|gif|webp|avif)$"


def test_slugs_are_made_as_check_wants_them(document):
    cases = collection(document, "cases")
    assert cases["slug"] == "{{title | truncate(80)}}" and cases["identifier_field"] == "title"
    assert document["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    assert SLUG_RE.pattern == r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"  # what the settings above produce from a title


def test_editorial_workflow_on_github_when_a_repository_is_set(cms_settings):
    with_repo = configuration.document(dataclasses.replace(cms_settings, repository="cityedu/kb", branch="live"))
    assert with_repo["backend"] == {"name": "github", "repo": "cityedu/kb", "branch": "live", "squash_merges": True}
    assert with_repo["publish_mode"] == "editorial_workflow"
    assert with_repo["collections"][0]["preview_path"] == "cases/{{slug}}/"
    without = configuration.document(dataclasses.replace(cms_settings, repository=""))
    assert without["backend"]["name"] == "proxy"
    assert without["local_backend"]["url"] == "http://localhost:8081/api/v1"


# ---- the vendored CMS ---------------------------------------------------------------------

def test_vendored_files_are_the_recorded_ones():
    version, digests = vendor.recorded()
    assert version == vendor.DECAP_VERSION == "3.16.3"
    on_disk = {p.name for p in vendor.FOLDER.iterdir()} - {vendor.SUMS}
    assert on_disk == set(digests)
    assert {name: vendor.sha256(vendor.FOLDER / name) for name in digests} == digests


def test_admin_is_in_the_build(project):
    assert project.build().code == 0
    admin = project.public / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (vendor.FOLDER / "decap-cms.js").read_bytes()
    page = (admin / "index.html").read_text("utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "<script>" not in page
    assert 'rel="cms-config-url"' in page
    assert (admin / "config.yml").read_text("utf-8").startswith("# Generated by the build")
    assert "registerPreviewStyle" in (admin / "admin.js").read_text("utf-8")


# ---- the YAML the CMS saves -----------------------------------------------------------------

def node_yaml(documents: list) -> list[str]:
    """The documents as the CMS writes front matter: `yaml` 1.x's stringify, run by Node."""
    require_tools()
    script = """
const yaml = require(process.argv[1]);
const docs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(docs.map(d => {
  const doc = new yaml.Document(); doc.contents = yaml.createNode(d); return doc.toString().trim();
})));"""
    out = subprocess.run(["node", "-e", script, str(TOOLS / "yaml")], input=json.dumps(documents),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_node_yaml_is_the_version_the_cms_bundles():
    require_tools()
    assert json.loads((TOOLS / "yaml" / "package.json").read_text())["version"] == "1.10.3"


def test_we_write_the_real_content_as_the_cms_library_does():
    ours, documents = [], []
    for path, kind in fmt.content_files(ROOT / "content"):
        data = fmt.frontmatter.parse(path.read_text("utf-8").split("---\n")[1], path.name, 2).data
        data = fmt.ordered(data, (schema.CASE if kind == "case" else schema.CITY).fields)
        ours.append(yamlstyle.front_matter(data))
        documents.append(json.loads(json.dumps(data, default=str)))  # the CMS reads dates as text
    assert ours == node_yaml(documents)


# Text as content files can hold it: no control characters but line breaks and tabs (sources.py).
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n\t"),
               max_size=200) | st.sampled_from(
    ["", "-", "- x", "a: b", "#tag", "a #b", "yes", "No", "null", "~", "true", "12", "0x1F", "1e3", "1_000",
     "12:30", "2021-01-11", "'quoted'", '"both" \'kinds\'', "trailing ", " leading", "line\nbreak",
     "tab\there", "\x85next line", "---", "...", "%x", "é" * 90, "word " * 40, "한국어 문장 " * 20, "😀" * 50])
VALUES = st.recursive(TEXT | st.integers(-10**15, 10**15) | st.booleans() | st.none(),
                      lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), inner, max_size=4),
                      max_leaves=12)


DOCUMENTS = st.lists(st.dictionaries(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), VALUES, min_size=1, max_size=6),
                     min_size=8, max_size=8)


@settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(DOCUMENTS)  # 320 documents, one Node process per 8; a failure is shown as found, unshrunk
def test_we_write_any_data_as_the_cms_library_does(documents):
    for data, expected in zip(documents, node_yaml(documents), strict=True):
        ours = yamlstyle.front_matter(data)
        assert yaml.safe_load(ours) == data
        if ours != expected:  # only where PyYAML (YAML 1.1) misreads the library's output, or cannot read it
            with contextlib.suppress(yaml.YAMLError):
                assert yaml.safe_load(expected) != data


# ---- fmt ---------------------------------------------------------------------------------------

def test_the_content_is_in_the_cms_style():
    result = run_cli("fmt", "--check", "--root", str(ROOT))
    assert result.code == 0, result.out + "\nrun: python build.py fmt"


def test_fmt_keeps_what_check_reads(tmp_path):
    root = project_copy(tmp_path / "site")
    case = root / "content" / "cases" / "tricky.md"
    case.write_text("""---
title: 'yes'
summary: "A case: with a colon, and a long sentence that goes on well past the eighty columns of a line."
city: seoul
published: 2024-01-01
sdgs: [4, 11]
keywords: ["2021-01-11", "on", "12:30", "#1", "x"]
period: {status: ongoing, start: "2019-10"}
sources:
  - {title: "Report", publisher: "Someone"}
---
Text.
""", "utf-8")
    before = run_cli("build", "--root", str(root), "--no-search")
    assert before.code == 0, before.err
    exported = (root / "public" / "data" / "cases.json").read_text("utf-8")
    assert run_cli("fmt", "--root", str(root)).code == 0
    text = case.read_text("utf-8")
    assert "title: \"yes\"\n" in text and "  - \"2021-01-11\"\n  - \"on\"\n  - \"12:30\"\n" in text
    assert "sdgs:\n  - 4\n  - 11\n" in text and "period:\n  start: 2019-10\n  status: ongoing\n" in text
    assert "sources:\n  - publisher: Someone\n    title: Report\n" in text
    assert run_cli("fmt", "--check", "--root", str(root)).code == 0
    after = run_cli("build", "--root", str(root), "--no-search")
    assert after.code == 0, after.err
    assert (root / "public" / "data" / "cases.json").read_text("utf-8") == exported


def test_fmt_leaves_unreadable_files_alone(project):
    broken = project.case("broken", "---\ntitle: [unclosed\n---\n")
    result = run_cli("fmt", "--root", str(project.root))
    assert result.code == 1 and "unreadable (run `check`)" in result.out
    assert broken.read_text("utf-8") == "---\ntitle: [unclosed\n---\n"


def test_new_writes_values_as_the_cms_does(project):
    assert run_cli("new", "--root", str(project.root), "--city", "seoul", "Plan: learn").code == 0
    text = (project.root / "content" / "cases" / "plan-learn.md").read_text("utf-8")
    assert '\ntitle: "Plan: learn"\n' in text and "\ncity: seoul\n" in text


# ---- settings and links -------------------------------------------------------------------------

def test_edit_settings_are_checked(tmp_path):
    (tmp_path / "site.toml").write_text('[edit]\nrepository = "https://github.com/a/b"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"\[edit\] repository 'https://github.com/a/b' must be a GitHub "
                                          r"repository written owner/name"):
        load_config(tmp_path)
    (tmp_path / "site.toml").write_text('[edit]\nrepository = "a/b"\nbranch = "x..y"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"\[edit\] branch 'x..y' is not a branch name"):
        load_config(tmp_path)
    (tmp_path / "site.toml").write_text('[edit]\nrepo = "a/b"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"\[edit\] has no setting 'repo'; expected one of branch, repository"):
        load_config(tmp_path)


def test_edit_and_propose_links_follow_the_setting(tmp_path):
    root = project_copy(tmp_path / "site", repository="cityedu/kb")
    assert run_cli("build", "--root", str(root), "--no-search").code == 0
    public = root / "public"
    case = (public / "cases" / "songpa-smart-education-model" / "index.html").read_text("utf-8")
    assert 'href="../../admin/#/collections/cases/entries/songpa-smart-education-model">Edit this page</a>' in case
    assert 'href="https://github.com/cityedu/kb/edit/main/content/cases/songpa-smart-education-model.md"' in case
    city = (public / "cities" / "seoul" / "index.html").read_text("utf-8")
    assert 'href="../../admin/#/collections/cities/entries/seoul">Edit this page</a>' in city
    assert "https://github.com/cityedu/kb/edit/main/content/cities/seoul.md" in city
    for page, back in (("index.html", ""), ("cases/index.html", "../")):
        html = (public / page).read_text("utf-8")
        assert f'href="{back}admin/#/collections/cases/new">Propose a case study</a>' in html
        assert "https://github.com/cityedu/kb/new/main/content/cases" in html
    settings_text = (root / "site.toml").read_text("utf-8").replace('repository = "cityedu/kb"', "")
    (root / "site.toml").write_text(settings_text, "utf-8")
    assert run_cli("build", "--root", str(root), "--no-search").code == 0
    for page in ("index.html", "cases/index.html", "cases/songpa-smart-education-model/index.html",
                 "cities/seoul/index.html"):
        html = (public / page).read_text("utf-8")
        assert "edit-links" not in html and "Edit this page" not in html and "Propose a case" not in html, page


def test_dates_are_kept_as_dates():
    assert yamlstyle.front_matter({"published": dt.date(2021, 1, 11), "word": "2021-01-11"}) == \
        'published: 2021-01-11\nword: "2021-01-11"'


def test_the_vendor_folder_is_package_data():
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"cms/decap/*"' in text and '"cms/admin.js"' in text
    assert Path(vendor.__file__).parent / "decap" == vendor.FOLDER
