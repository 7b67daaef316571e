"""Korean search (issue 7): the extra index terms of cityedu_site/korean.py, and every query of
tests/data/search_queries.yaml run through the search page's UI in a real browser, over the
real content and over a generated Korean corpus (tests/korean_corpus.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from cityedu_site import korean
from conftest import Project, run_cli
from httpserver import SiteServer, netlify_headers
from korean_corpus import write_corpus
from searchui import SearchPage

QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yaml").read_text("utf-8"))


# ---- the pure functions ------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "stem"), [
    ("서울에서", "서울"), ("세종시의", "세종시"), ("평생교육원과", "평생교육원"), ("학습을", "학습"),
    ("교육은", "교육"), ("도시행정을", "도시행정"), ("악기를", "악기"), ("학교와", "학교"), ("서울로", "서울"),
    ("서울에서는", "서울"), ("인공지능으로", "인공지능"),
    # not particles: too short a stem, the wrong sound before it, a verb's ending
    ("국가", "국가"), ("제도", "제도"), ("효과", "효과"), ("마을", "마을"), ("농촌마을", "농촌마을"),
    ("것으로", "것으로"), ("활용하는", "활용하는"), ("평생학습", "평생학습"),
])
def test_a_trailing_particle_is_stripped_only_when_it_is_one(word, stem):
    assert korean.strip_particle(word) == stem


def test_word_terms_are_the_stem_and_its_suffixes():
    assert korean.word_terms("평생학습") == ["생학습", "학습"]
    assert korean.word_terms("평생교육원에서") == ["평생교육원", "생교육원", "교육원", "육원"]
    # After an unsure strip the whole word's suffixes stay: 교육제도 keeps 제도.
    assert "제도" in korean.word_terms("교육제도")
    assert korean.word_terms("운영한다") == []  # a verb


def test_place_names_in_both_scripts_without_their_suffix():
    assert korean.place_names("Songpa-gu", "송파구") == ["Songpa-gu", "Songpa", "송파구", "송파"]
    assert korean.place_names("Sejong", "세종특별자치시") == ["Sejong", "세종특별자치시", "세종", "세종시"]
    assert korean.place_names("Busan", "부산광역시") == ["Busan", "부산광역시", "부산", "부산시"]
    assert korean.place_names("Seoul", None) == ["Seoul"]


def test_index_text_adds_the_body_and_leaves_out_what_the_page_shows():
    text = korean.index_text(("송파",), "<p><strong>평생학습</strong>을 합니다</p><p>학습</p>")
    terms = text.split()
    assert terms[0] == "송파" and "평생학습" in terms and "생학습" in terms
    assert "학습" not in terms  # shown as a word of its own
    assert korean.normalise_query("서울에서 learning 세종시의") == "서울 learning 세종시"


def test_case_pages_carry_the_terms_hidden_and_at_a_lower_weight(real_site):
    html = (real_site / "cases" / "songpa-smart-education-model" / "index.html").read_text("utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article[data-pagefind-body]")
    terms = article.find_all(recursive=False)[-1]
    assert terms.name == "p" and terms.has_attr("hidden") and terms["aria-hidden"] == "true"
    assert float(terms["data-pagefind-weight"]) < 1
    assert {"송파", "학습", "주도학습", "서울"} <= set(terms.get_text().split())


def test_the_search_page_carries_the_particle_rules(real_site):
    html = (real_site / "search" / "index.html").read_text("utf-8")
    root = BeautifulSoup(html, "html.parser").select_one("#search")
    assert json.loads(root["data-particles"]) == korean.particle_rules()


# ---- in the browser ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    """The generated Korean corpus, built with its search index."""
    project = Project(tmp_path_factory.mktemp("korean") / "site")
    write_corpus(project)
    result = run_cli("build", "--root", str(project.root))
    assert result.code == 0, result.err
    return project.public


@pytest.fixture(scope="module")
def sites(real_site, corpus_site):
    with SiteServer(real_site, headers=netlify_headers()) as real, \
            SiteServer(corpus_site, headers=netlify_headers()) as corpus:
        yield {"real": real, "corpus": corpus}


@pytest.mark.browser
@pytest.mark.parametrize("section", ["real", "corpus"])
def test_every_listed_query_finds_its_cases(page, sites, section):
    search = SearchPage(page, sites[section]).open()
    failures = []
    for query in QUERIES[section]:
        found = search.search(query["q"])
        missing = [slug for slug in query["find"] if slug not in found]
        unwanted = [slug for slug in query.get("not", ()) if slug in found]
        if missing or unwanted:
            failures.append(f"{query['q']!r}: missing {missing}, unwanted {unwanted}, got {found}")
        # search.js strips particles as korean.py does
        assert search.searched() == korean.normalise_query(query["q"]), query["q"]
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_an_exact_word_ranks_above_a_compound_part(page, sites):
    found = SearchPage(page, sites["corpus"]).open().search("돌봄")
    assert found.index("gangnam-care-word") < found.index("gangnam-care-compound")


@pytest.mark.browser
def test_the_browser_strips_particles_as_python_does(page, sites):
    words = ["서울에서", "세종시의", "평생교육원과", "학습을", "교육은", "국가", "제도", "효과", "것으로", "활용하는",
             "서울로", "도로로", "마을", "학교와", "어린이", "대통령으로서의", "때로부터", "서울에서는", "Seoul", "교육제도"]
    search = SearchPage(page, sites["corpus"]).open()
    search.search(" ".join(words))
    assert search.searched() == korean.normalise_query(" ".join(words))
