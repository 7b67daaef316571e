"""The fast Markdown path gives exactly markdown-it-py's output, and bodies obey the link policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityedu_site import markdown
from conftest import ROOT, run_cli

SPEC = json.loads((Path(__file__).parent / "data" / "commonmark-spec-examples.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def renderers():
    fast = markdown.Renderer(fast=True)
    assert fast.fast is not None, "markdown-it-pyrs is installed with the project"
    return fast, markdown.Renderer(fast=False)


def test_fast_path_equals_markdown_it_py_on_every_commonmark_spec_example(renderers):
    fast, reference = renderers
    assert len(SPEC["examples"]) == 652
    differ = [i for i, md in enumerate(SPEC["examples"]) if fast.render(md) != reference.render(md)]
    assert differ == []


def test_fast_path_equals_markdown_it_py_on_the_real_content(renderers):
    fast, reference = renderers
    files = sorted((ROOT / "content").rglob("*.md"))
    assert files
    for path in files:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert fast.render(body) == reference.render(body), path.name


@pytest.mark.parametrize("text", [
    "*£*bravo and *€*", "‘*quoted*’", "H~2~O and ~~gone~~", "> \n", "[x]\n\n> [x]: /u\n",
    "*평생학습*과 **송파구**는", "| 표 | 값 |\n|---|--:|\n| 가 | 1 |\n", "<script>alert(1)</script>",
    "[a](javascript:alert(1)) <javascript:alert(1)>",
])
def test_fast_path_equals_markdown_it_py_on_tricky_text(renderers, text):
    fast, reference = renderers
    assert fast.render(text) == reference.render(text)


def test_raw_html_is_shown_as_text(renderers):
    fast, _ = renderers
    assert fast.render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_the_source_scan_misses_nothing_the_rendered_html_would_show():
    """Bodies are rendered at load time only when a scan of the source finds a suspect link
    or heading; on every spec example, whatever the HTML check finds, the scan found too."""
    renderer = markdown.Renderer()
    for text in SPEC["examples"]:
        from_html = markdown.html_problems(renderer.render(text), text, "x.md", 1)
        if from_html:
            assert markdown.body_problems(text, "x.md", 1), text


@pytest.mark.parametrize("body, expected", [
    ("[a](javascript:alert(1))", "body: a link uses the scheme javascript:, which is not allowed"),
    ("[a](&#106;avascript:alert(1))", "body: a link uses the scheme javascript:, which is not allowed"),
    ("<vbscript:msgbox(1)>", "body: a link uses the scheme vbscript:, which is not allowed"),
    ("[a](/cases/x/)", "body: the link '/cases/x/' starts with /, which breaks on mirrors of this site"),
    ("[x]: //evil.example\n\n[a][x]", "body: the link '//evil.example' leaves out the scheme"),
    ("> # Title", "body: a top-level heading (# …) in the text"),
    ("Title\n=====", "body: a top-level heading (# …) in the text"),
])
def test_body_policy_messages(body, expected):
    [problem] = markdown.body_problems(body, "content/cases/x.md", 12)
    assert expected in problem.text()
    assert problem.line == 12


def test_the_benchmark_corpus_is_valid_and_the_fast_path_renders_it_alike(renderers, tmp_path):
    """bench/corpus.py makes what the benchmark builds: every file passes `check`, and every
    body (tables, lists, Korean) renders the same on both paths."""
    from bench import corpus

    site = tmp_path / "corpus"
    corpus.generate(site, cases=300)
    run = run_cli("check", "--root", str(site))
    # Its dates are fixed, so its statuses age into warnings (cityedu_site/reporting.py): no errors.
    assert run.code == 0 and "error" not in run.out.splitlines()[0], run.out + run.err
    fast, reference = renderers
    files = sorted((site / "content").rglob("*.md"))
    assert len(files) > 300
    for path in files:
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert fast.render(body) == reference.render(body), path.name
