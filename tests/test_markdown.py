"""The fast Markdown path gives exactly markdown-it-py's output, and bodies obey the link policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityedu_site import markdown
from conftest import ROOT

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
