"""Facts with their date, source and standing (issue 14): the pure functions (report dates and
statuses, US dollar equivalents, citations, dates shown as ranges), every new validation
message by its exact text, and what a small site built at a fixed date shows and exports."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json

import pytest
import yaml
from test_incremental import tree

from cityedu_site import charts, citation, rates, reporting
from cityedu_site.builder import Builder
from cityedu_site.config import SiteInfo, load_config
from cityedu_site.facts import date_range
from cityedu_site.model import Budget, BudgetYears, Case, PartialDate, SourceRef
from cityedu_site.rules import field_paths
from conftest import MINI_CASE, MINI_CITY, run_cli
from htmlpages import text

# ---- report dates and statuses ---------------------------------------------------------------

JAN_2021 = reporting.Reported(PartialDate(2021, 1, 11), "source")


@pytest.mark.parametrize(("today", "label", "facet", "stale"), [
    (dt.date(2022, 6, 1), "Ongoing, as reported in January 2021", "Ongoing", False),
    (dt.date(2023, 1, 11), "Ongoing, as reported in January 2021", "Ongoing", False),  # 24 months to the day
    (dt.date(2023, 1, 12), "Last reported as ongoing, in January 2021", "Last reported as ongoing", True),
])
def test_a_status_reads_as_reported_then_as_last_reported_past_the_threshold(today, label, facet, stale):
    status = reporting.status_view("ongoing", JAN_2021, today)
    assert (status.label, status.facet, status.stale, status.reported) == (label, facet, stale, "January 2021")


def test_a_completed_status_does_not_age_and_an_undated_one_is_never_current():
    completed = reporting.status_view("completed", JAN_2021, dt.date(2030, 1, 1))
    assert (completed.label, completed.facet, completed.stale) == ("Completed, as reported in January 2021",
                                                                    "Completed", False)
    undated = reporting.status_view("planned", reporting.Reported(None, ""), dt.date(2022, 1, 1))
    assert (undated.label, undated.facet, undated.stale) == ("Reported as planned in an undated source",
                                                            "Last reported as planned", True)
    year_only = reporting.status_view("ongoing", reporting.Reported(PartialDate(2017), "reported"), dt.date(2018, 5, 1))
    assert year_only.label == "Ongoing, as reported in 2017"


def test_the_report_date_is_the_cases_own_else_its_newest_dated_source():
    old, new, undated = (SourceRef("A", date=PartialDate(2019)), SourceRef("B", date=PartialDate(2021, 1, 11)),
                         SourceRef("C"))
    assert reporting.reported_of(None, (old, undated, new)) == reporting.Reported(PartialDate(2021, 1, 11), "source", new)
    assert reporting.reported_of(PartialDate(2022), (new,)) == reporting.Reported(PartialDate(2022), "reported")
    assert reporting.reported_of(None, (undated,)) == reporting.Reported(None, "")


def test_a_mark_covers_the_fields_within_what_it_marks():
    marks = {"indicators[2]": "row", "period.start": "start"}
    assert reporting.mark_for(marks, "indicators[2].value") == "row"
    assert reporting.mark_for(marks, "period.start") == "start"
    assert reporting.mark_for(marks, "period.end") is None


def test_field_paths_name_fields_as_messages_do():
    values = {"period": {"start": 2019, "end": None}, "indicators": ({"value": 3},), "places": ()}
    assert list(field_paths(values)) == ["period", "period.start", "indicators", "indicators[1]",
                                         "indicators[1].value"]


# ---- budgets in US dollars ---------------------------------------------------------------------

def test_the_shipped_table_cites_its_source_and_gives_the_years_it_claims():
    table = rates.table()
    assert {"KRW", "CNY", "JPY", "EUR"} <= set(table.rates)
    assert sorted(table.rates["KRW"]) == [2012, 2013, 2014, 2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023]
    assert table.rates["KRW"][2021] == 1144.8911 and table.usd_per_unit == {"EUR", "GBP"}
    header = rates.RATES_FILE.split("/")[-1]
    text_of = (rates.__file__.rsplit("/", 1)[0] + "/data/" + header)
    with open(text_of, encoding="utf-8") as file:
        head = file.read()
    for needed in ("G.5A", "federalreserve.gov/releases/g5a/20240201", "Retrieved on 2 December 2026"):
        assert needed in head


@pytest.mark.parametrize(("budget", "reported", "amount", "year", "basis"), [
    (Budget(3_000_000_000, "KRW"), PartialDate(2021, 1), 3_000_000_000 / 1144.8911, 2021,
     "the year the facts are reported as of"),
    (Budget(17_250_000_000, "KRW", years=BudgetYears(2022, 2029)), PartialDate(2021), 17_250_000_000 / 1291.7796,
     2022, "the budget's first year"),
    (Budget(1_000_000, "EUR", years=BudgetYears(2016, 2016)), None, 1_000_000 * 1.1096, 2015,
     "the budget's first year (2016: not in the table, the nearest year used)"),
    (Budget(1_000_000, "CNY"), None, 1_000_000 / 7.0809, 2023, "the budget gives no year: the latest in the table"),
])
def test_a_budget_converts_at_the_average_rate_of_its_year(budget, reported, amount, year, basis):
    usd = rates.usd_equivalent(budget, reported)
    assert usd.amount == pytest.approx(amount) and usd.year == year and usd.basis == basis


def test_dollars_stay_as_they_are_and_a_currency_without_rates_has_no_equivalent():
    assert rates.usd_equivalent(Budget(5_000_000, "USD"), None).amount == 5_000_000
    assert rates.usd_equivalent(Budget(5_000_000, "COP"), None) is None
    assert [rates.rounded_text(v) for v in (2_831_710, 5e6, 13_353_671, 999.4)] == [
        "2.83 million", "5 million", "13.4 million", "999"]


# ---- citations and dates ---------------------------------------------------------------------

SITE = SiteInfo("CityEdu Knowledge Base", "", "", "https://example.org/kb/", "en", "CC BY 4.0",
                "https://creativecommons.org/licenses/by/4.0/", 2026)


def cited_case(**changes) -> Case:
    values = dict(slug="songpa", path="", title="Songpa & co: 100% {learning}_", summary="s", city="songpa-gu",
                  sdgs=(4,), published=dt.date(2026, 11, 22),
                  sources=(SourceRef("CityNet", title="SSEM", date=PartialDate(2021, 1, 11), author="CityNet Secretariat"),))
    return Case(**{**values, **changes})


def test_the_four_citation_formats():
    cite = citation.citations(cited_case(), SITE)
    assert cite.plain == ("CityEdu Knowledge Base. “Songpa & co: 100% {learning}_.” Case study, published 22 November "
                          "2026. https://example.org/kb/cases/songpa/. Based on: CityNet Secretariat, CityNet, “SSEM”, "
                          "11 January 2021. Licence: CC BY 4.0.")
    assert cite.bibtex.splitlines()[:3] == ["@misc{cityedu:songpa,", "  author       = {{CityEdu Knowledge Base}},",
                                            r"  title        = {{Songpa \& co: 100\% \{learning\}\_}},"]
    assert "  month        = nov," in cite.bibtex and cite.bibtex.endswith("\n}")
    assert cite.ris.splitlines() == ["TY  - ELEC", "AU  - CityEdu Knowledge Base", "TI  - Songpa & co: 100% {learning}_",
                                     "PY  - 2026", "DA  - 2026/11/22", "PB  - CityEdu Knowledge Base",
                                     "UR  - https://example.org/kb/cases/songpa/",
                                     "N1  - Case study. Based on: CityNet Secretariat, CityNet, “SSEM”, 11 January 2021. "
                                     "Licence: CC BY 4.0", "ER  - "]
    csl = json.loads(cite.csl_json)[0]
    assert csl["type"] == "webpage" and csl["issued"] == {"date-parts": [[2026, 11, 22]]}
    assert csl["author"] == [{"literal": "CityEdu Knowledge Base"}] and csl["URL"] == "https://example.org/kb/cases/songpa/"
    updated = citation.citations(cited_case(updated=dt.date(2026, 12, 2)), SITE)
    assert "updated 2 December 2026" in updated.plain and updated.csl["issued"] == {"date-parts": [[2026, 12, 2]]}


@pytest.mark.parametrize(("first", "last", "shown"), [
    (PartialDate(2011, 9, 5), PartialDate(2011, 9, 9), "5–9 September 2011"),
    (PartialDate(2012, 5, 29), PartialDate(2012, 6, 6), "29 May – 6 June 2012"),
    (PartialDate(2017, 11, 27), PartialDate(2017, 12, 1), "27 November – 1 December 2017"),
    (PartialDate(2016, 12, 30), PartialDate(2017, 1, 2), "30 December 2016 – 2 January 2017"),
    (PartialDate(2011), PartialDate(2016), "2011–2016"),
    (PartialDate(2020, 4), None, "April 2020"),
])
def test_dates_and_ranges_read_as_people_write_them(first, last, shown):
    assert date_range(first, last) == shown


def test_the_timeline_holds_milestones_and_stops_knowing_at_the_report():
    today = dt.date(2026, 12, 2)
    picture = charts.timeline(PartialDate(2019), None, today, known_until=dt.date(2021, 1, 11),
                              reported=dt.date(2021, 1, 11),
                              marks=[(dt.date(2019, 10, 22), None, "opening"), (dt.date(2020, 4, 1), dt.date(2020, 4, 30), "x")])
    assert [s.kind for s in picture.spans] == ["done", "open"]
    assert picture.spans[0].end == picture.reported_x < picture.today_x and picture.reported_label
    assert [m.end is None for m in picture.marks] == [True, False]
    only_marks = charts.timeline(None, None, today, marks=[(dt.date(2011, 9, 5), dt.date(2011, 9, 9), "session")])
    assert only_marks.spans == () and len(only_marks.marks) == 1


# ---- every new message, by its exact text ----------------------------------------------------

WITH_SOURCE_DATE = MINI_CASE.replace('  - publisher: "Test"', '  - publisher: "Test"\n    date: 2024-01-01')
TODAY = dt.date.today().isoformat()


def add(fields: str, case: str = MINI_CASE) -> str:
    return case.replace("sources:\n", fields.strip("\n") + "\nsources:\n")


MESSAGES = [
    # statuses as of the report date
    (add('reported: 2021\nperiod: {start: 2019, end: 2020, status: ongoing}'),
     "period.status: says ongoing but the end (2020) had passed by the report date (2021); use status: completed, "
     "or correct the end, or correct `reported`"),
    (add('reported: 2021\nperiod: {start: 2023, status: ongoing}'),
     "period.status: says ongoing but the start (2023) was still ahead at the report date (2021); use status: "
     "planned, or correct the start, or correct `reported`"),
    (add('reported: 2021\nperiod: {start: 2019, status: planned}'),
     "period.status: says planned but the start (2019) had passed by the report date (2021); use status: ongoing "
     "or completed, or correct the start, or correct `reported`"),
    (add('reported: 2021\nperiod: {start: 2019, end: 2023, status: completed}'),
     "period.status: says completed but the end (2023) was still ahead at the report date (2021); use status: "
     "ongoing, or correct the end, or correct `reported`"),
    (add('reported: 2021\nperiod: {start: 2022, status: completed}'),
     "period.status: says completed but the start (2022) was still ahead at the report date (2021); use status: "
     "planned, or correct the start, or correct `reported`"),
    (add('reported: 2190'), f"reported: the report date (2190) is after the build date ({TODAY}); give the date "
     "the facts were reported, not a future one"),
    # references inside the file
    (add('places: [seoul]'), "places[1]: 'seoul' is already the case's city; remove it from places"),
    (add('milestones:\n  - {date: 2020, title: "x", place: busan}'),
     "milestones[1].place: 'busan' is not one of the case's places; add it to places, or leave the milestone's "
     "place out"),
    (add('milestones:\n  - {date: 2020, end: 2019, title: "x"}'),
     "milestones[1].end: the end (2019) is before the date (2020); swap them, or correct the end"),
    (add('sdg_targets: ["8.5"]'), "sdg_targets[1]: '8.5' is a target of goal 8, which is not in sdgs; add 8 to sdgs, "
     "or remove the target"),
    (add('sdg_targets: ["4-3"]'), "sdg_targets[1]: '4-3' is not an SDG target; write the goal and the target joined "
     'by a dot, in quotes: "4.3" or "4.a"'),
    (add('sdgs_in_source: [5]'), "sdgs_in_source[1]: goal 5 is not in sdgs; add it to sdgs, or remove it here"),
    (add('sdgs_in_source: ["4.3"]'), "sdgs_in_source[1]: the target '4.3' is not in sdg_targets; add it to "
     "sdg_targets, or remove it here"),
    (add('sdgs_in_source: [18]'), "sdgs_in_source[1]: must be a goal from 1 to 17 or a target, not 18; write a "
     'goal\'s number, or a target in quotes like "4.3"'),
    (add('budget: {total: 100, currency: KRW, years: {first: 2022, last: 2020}}'),
     "budget.years.last: the last year (2020) is before the first (2022); swap them"),
    (add('indicators:\n  - {name: "x", value: 1, unit: y, source: citynet}'),
     "indicators[1].source: 'citynet' is not the id of a source; give the source it means `id: citynet` in sources"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", id: citynet}').replace(
        "sources:\n", 'milestones:\n  - {date: 2020, title: "x", source: citynt}\nsources:\n'),
     "milestones[1].source: 'citynt' is not the id of a source; did you mean \"citynet\"?"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", id: one}\n  - {publisher: "Other", id: two}').replace(
        "sources:\n", 'indicators:\n  - {name: "x", value: 1, unit: y, source: three}\nsources:\n'),
     "indicators[1].source: 'three' is not the id of a source; use one of: one, two"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", id: Bad Id}'),
     "sources[1].id: 'Bad Id' is not valid here; write a short id: lowercase letters, digits and hyphens, like "
     "citynet-2021"),
    (add('lead: {name: "A body", type: foundation}'),
     "lead.type: 'foundation' is not a known type of organisation; choose one of: agency, city, company, district, "
     "international, ministry, network, ngo, region, university"),
    (add('milestones:\n  - {date: 2020, title: "x", kind: meeting}'),
     "milestones[1].kind: 'meeting' is not a known kind of milestone; choose one of: agreement, announcement, "
     "cohort, course, deadline, event, launch, opening, session, workshop"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", id: a}\n  - {publisher: "Other", id: a}'),
     "sources[2].id: 'a' is the id of two sources; give each source its own id"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", date: 2024-01-01, accessed: 2023-01-01}'),
     "sources[1].accessed: the access date (2023-01-01) is before the publication date (2024-01-01); correct one "
     "of the dates"),
    (MINI_CASE.replace('  - publisher: "Test"', '  - {publisher: "Test", accessed: 2190-01-01}'),
     "sources[1].accessed: the access date (2190-01-01) is in the future; use the day you read it"),
    # the editors' marks
    (add('period: {start: 2019}\ninferred:\n  - {field: period.strat, reason: "x"}'),
     "inferred[1].field: 'period.strat' names no field this file gives; did you mean \"period.start\"?"),
    (add('inferred:\n  - {field: budget.total, reason: "x"}'),
     "inferred[1].field: 'budget.total' names no field this file gives; name a field that has a value here, like "
     "period.start or indicators[2].value"),
    (add('period: {start: 2019}\ninferred:\n  - {field: period.start, reason: "x"}\n  - {field: period.start, reason: "y"}'),
     "inferred[2].field: 'period.start' is marked twice; keep one mark per field"),
]


@pytest.mark.parametrize(("text", "message"), MESSAGES, ids=range(len(MESSAGES)))
def test_each_new_error_is_told_by_its_exact_text(project, text, message):
    project.write("content/cities/busan.md", MINI_CITY.replace("Seoul", "Busan").replace("서울특별시", "부산광역시"))
    project.case("bad", text)
    result = project.check()
    assert result.code == 1, result.err
    told = [line.split(": ", 1)[1] for line in result.err.splitlines() if line.startswith("content/cases/bad.md:")]
    assert message in told, result.err


WARNINGS = [
    (add("period: {start: 2019, status: ongoing}"),
     "warning: period.status: says ongoing, but no date says when; add the date the facts are as of: `reported:`, "
     "or the source's `date:` (if you work it out, say how in `inferred:`)"),
    (add("reported: 2019\nperiod: {start: 2019, status: planned}").replace("start: 2019,", "start: 2020,"),
     "warning: period.status: says planned as reported in 2019, more than 24 months before the build date "
     f"({TODAY}); pages show \"Last reported as planned\": check what is true today, then add a newer source or "
     "`reported:`, or change the status"),
    (add("budget: {total: 100, currency: COP}"),
     "warning: budget.currency: there is no US dollar rate for COP in cityedu_site/data/usd_rates.yaml: readers "
     "cannot compare this budget with others; add the currency's annual rates to that file (its header says from "
     "where)"),
]


@pytest.mark.parametrize(("text", "message"), WARNINGS, ids=range(len(WARNINGS)))
def test_each_new_warning_is_told_by_its_exact_text_and_stops_nothing(project, text, message):
    project.case("warned", text)
    result = project.check()
    assert result.code == 0, result.err
    told = [line.split(": ", 1)[1] for line in result.err.splitlines() if line.startswith("content/cases/warned.md:")]
    assert told == [message]


def test_a_fresh_report_has_no_warning_and_a_wrong_status_no_second_one(project):
    project.case("fresh", add(f"reported: {dt.date.today().year}\nperiod: {{start: 2019, status: ongoing}}"))
    project.case("wrong", add("period: {start: 1990, status: planned}"))
    result = project.check()
    lines = [line for line in result.err.splitlines() if line.startswith("content/")]
    assert len(lines) == 1 and lines[0].startswith("content/cases/wrong.md:") and "has passed" in lines[0]


# ---- a small site at a fixed date ------------------------------------------------------------

CHENGDU = """\
---
name: Chengdu
name_local: 成都市
country: CN
region: East Asia
---
A city.
"""

FULL = """\
---
title: "Network course"
summary: "A course run by a network in two cities."
city: seoul
places: [chengdu]
lead: {name: "A Network of Cities", type: network}
sdgs: [4, 17]
sdgs_in_source: [4, "4.4"]
sdg_targets: ["4.4", "17.9"]
published: 2021-06-01
reported: "2021-03"
period: {start: 2019, status: ongoing}
milestones:
  - {date: "2019-05-02", end: "2019-05-06", title: "First session", kind: session, place: chengdu}
  - {date: 2022, title: "Second cohort", kind: cohort, source: report}
budget:
  total: 3000000000
  currency: KRW
  years: {first: 2021, last: 2023}
indicators:
  - {name: "Graduates", value: 40, unit: graduates, qualifier: "more than", source: report}
  - {name: "Countries", value: 12, unit: countries, date: "2020-12-31", source: news}
sources:
  - {id: report, publisher: "The Network", author: "Its Secretariat", title: "Report", date: 2021-03-15, accessed: 2021-05-01}
  - {id: news, publisher: "A Newspaper", url: "https://example.org/news", date: 2020}
inferred:
  - field: milestones[2].date
    how: derived
    reason: "The report says the next cohort follows three years on."
---
## Background

Text.
"""

USD_CASE = MINI_CASE.replace("published: 2024-01-01", "published: 2021-01-01").replace(
    "sources:\n", "budget: {total: 5000000, currency: USD}\nsources:\n")


def build_on(project, day: dt.date):
    """A clean build whose date is day (SOURCE_DATE_EPOCH, as a reproducible build sets it)."""
    epoch = int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp())
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        return run_cli("build", "--root", str(project.root), "--no-search", "--clean")


@pytest.fixture
def network_site(project):
    project.write("content/cities/chengdu.md", CHENGDU)
    project.case("network", FULL)
    project.case("plain", USD_CASE)
    return project


def soup_of(project, url: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((project.public / url / "index.html").read_text("utf-8"), "html.parser")


def test_a_case_is_listed_and_counted_under_each_of_its_places(network_site):
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    for city in ("seoul", "chengdu"):
        links = {a["href"] for a in soup_of(network_site, f"cities/{city}").select(".card-title a")}
        assert "../../cases/network/" in links, city
    china = {a["href"] for a in soup_of(network_site, "countries/cn").select(".card-title a")}
    assert china == {"../../cases/network/"}
    page = soup_of(network_site, "cases/network")
    filters = {m["data-pagefind-filter"]: [] for m in page.select("meta[data-pagefind-filter]")}
    for meta in page.select("meta[data-pagefind-filter]"):
        filters[meta["data-pagefind-filter"]].append(meta["content"])
    assert filters["city[content]"] == ["Seoul", "Chengdu"]
    assert filters["country[content]"] == ["Republic of Korea", "China"]
    assert filters["status[content]"] == ["Ongoing"]
    assert text(page.select_one(".eyebrow")).endswith("· also Chengdu")


def test_the_case_page_says_when_who_and_what_the_editors_added(network_site):
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    page = soup_of(network_site, "cases/network")
    facts = page.select_one(".facts")
    assert text(facts.select_one(".reported dd")) == "March 2021"
    assert text(facts.select_one(".status")) == "Ongoing, as reported in March 2021"
    assert "A Network of Cities (network of cities)" in text(facts)
    origins = [text(li) for li in facts.select(".goal-origins > li")]
    assert "named in the source" in origins[0] and "4.4 (named in the source)" in origins[0]
    assert "assigned by the editors" in origins[1] and "17.9 (assigned by the editors)" in origins[1]
    assert "for 2021–2023" in text(facts.select_one(".budget-total"))
    assert text(facts.select_one(".budget-usd")).startswith("About USD 2.62 million at the 2021 average rate")
    rows = [[text(c) for c in tr.select("th, td")] for tr in page.select(".indicators tbody tr")]
    assert rows == [["Graduates", "more than 40 graduates", "15 March 2021 (source's date)", "1"],
                    ["Countries", "12 countries", "31 December 2020", "2"]]
    milestones = [text(li) for li in page.select(".milestones li")]
    assert milestones[0] == "2–6 May 2019 First session · Chengdu"
    assert milestones[1] == "2022 Second cohort · source 1 derived by the editors"
    assert text(page.select_one("#editors-note-1")) == ("Milestone “Second cohort” (date) , derived by the editors: The "
                                                        "report says the next cohort follows three years on.")
    sources = [text(li) for li in page.select("ol.sources li")]
    assert sources[0] == "Its Secretariat, The Network, “Report”, 15 March 2021 . Read by the editors on 1 May 2021 ."
    assert text(page.select_one(".facts-from")) == ("The facts on this page come from the sources below, as of March "
                                                    "2021, except what is marked as the editors'.")
    cite = page.select_one(".cite")
    assert [text(s) for s in cite.select("summary")] == ["BibTeX", "RIS", "CSL-JSON"]
    assert "@misc{cityedu:network," in text(cite)


def test_past_the_threshold_every_output_says_last_reported(network_site):
    """The same content built in 2022 and in 2026: the status ages on the page, the cards, the
    search facet and result, the feeds and the data files."""
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    assert "Ongoing, as reported in March 2021" in (network_site.public / "feed.xml").read_text("utf-8")
    assert build_on(network_site, dt.date(2026, 6, 1)).code == 0
    label = "Last reported as ongoing, in March 2021"
    page = soup_of(network_site, "cases/network")
    assert text(page.select_one(".facts .status")) == label
    assert page.select_one("meta[data-pagefind-meta^=status]")["content"] == label
    assert page.select_one('meta[data-pagefind-filter="status[content]"]')["content"] == "Last reported as ongoing"
    card = next(c for c in soup_of(network_site, "cases").select(".card") if "Network course" in text(c))
    assert text(card.select_one(".status")) == label and "status-stale" in card.select_one(".status")["class"]
    assert f"Status: {label}." in (network_site.public / "feed.xml").read_text("utf-8")
    feed = json.loads((network_site.public / "feed.json").read_text("utf-8"))
    assert next(i for i in feed["items"] if i["title"] == "Network course")["content_text"].endswith(f"Status: {label}.")
    record = next(r for r in json.loads((network_site.public / "data/cases.json").read_text("utf-8"))["cases"]
                  if r["slug"] == "network")
    assert record["as_reported"] == {"date": "2021-03", "from": "reported", "status": "ongoing", "label": label,
                                     "last_reported": True}
    with (network_site.public / "data/cases.csv").open(encoding="utf-8", newline="") as file:
        row = next(r for r in csv.DictReader(file) if r["slug"] == "network")
    assert (row["status_as_reported"], row["last_reported"], row["reported"]) == (label, "yes", "2021-03")


def test_cases_json_round_trips_every_new_field(network_site):
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    front = yaml.safe_load(FULL.split("---\n")[1])
    records = {r["slug"]: r for r in json.loads((network_site.public / "data/cases.json").read_text("utf-8"))["cases"]}
    record = records["network"]

    def as_json(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: as_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_json(v) for v in value]
        return value

    expected = as_json(front)
    expected["period"]["start"] = "2019"  # a bare year is a partial date, written as text
    expected["milestones"][1]["date"] = "2022"
    expected["sources"][1]["date"] = "2020"
    for key, value in expected.items():
        assert record[key] == value, key
    assert record["other_places"] == [{"name": "Chengdu", "name_local": "成都市", "country": "CN", "region": "East Asia"}]
    assert record["goals"] == [
        {"number": 4, "title": "Quality Education", "named_by": "source", "targets": [{"target": "4.4", "named_by": "source"}]},
        {"number": 17, "title": "Partnerships for the Goals", "named_by": "editors",
         "targets": [{"target": "17.9", "named_by": "editors"}]}]
    assert record["budget_usd"]["amount"] == round(3_000_000_000 / 1144.8911) and record["budget_usd"]["rate_year"] == 2021
    assert records["plain"]["budget_usd"] == {"amount": 5000000, "rate_year": None, "rate": None, "rate_text": None,
                                              "basis": None, "rates": None}
    single = json.loads((network_site.public / "cases/network/index.json").read_text("utf-8"))
    assert single["case"] == record and single["citation"]["id"] == "cityedu-network"


def test_indicators_csv_puts_each_result_beside_its_case_goals_and_themes(network_site):
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    with (network_site.public / "data/indicators.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["indicator"], r["qualifier"], r["value"], r["unit"], r["as_of"], r["as_of_from"], r["source"])
            for r in rows] == [("Graduates", "more than", "40", "graduates", "2021-03-15", "source", "The Network"),
                               ("Countries", "", "12", "countries", "2020-12-31", "indicator", "A Newspaper")]
    assert rows[0]["goals"] == "4. Quality Education; 17. Partnerships for the Goals"
    assert rows[0]["goals_named_by_source"] == "4" and rows[0]["places"] == "Seoul; Chengdu"


def test_the_json_schema_knows_the_new_fields(network_site):
    assert build_on(network_site, dt.date(2022, 6, 1)).code == 0
    schema = json.loads((network_site.public / "schema/case-study.json").read_text("utf-8"))["properties"]
    for name in ("reported", "places", "lead", "sdgs_in_source", "sdg_targets", "milestones", "indicators", "inferred"):
        assert name in schema, name
    assert {"city", "network", "ministry", "university"} <= set(schema["lead"]["properties"]["type"]["enum"])
    assert set(schema["milestones"]["items"]["required"]) == {"date", "title"}
    assert set(schema["sources"]["items"]["properties"]) >= {"author", "accessed", "id", "date"}
    assert schema["budget"]["properties"]["years"]["required"] == ["first", "last"]


# ---- rebuilds across the threshold -------------------------------------------------------------

def test_a_rebuild_on_the_day_a_status_ages_equals_a_clean_build(network_site, tmp_path):
    """In one process (serve's memo) and from the cache on disk, a rebuild on a later day shows the
    aged status on every page that lists the case, byte for byte as a clean build does."""
    def at(day: dt.date, output=None):
        config = load_config(network_site.root, search=False, output_dir=str(output) if output else None)
        return dataclasses.replace(config, build_time=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))

    fresh, aged = dt.date(2022, 6, 1), dt.date(2026, 6, 1)
    builder = Builder(at(fresh), clean=True)
    builder.build()
    builder.config = at(aged)  # serve's builder, still running on a later day
    builder.build()
    warm = tree(network_site.public)
    Builder(at(aged, tmp_path / "clean"), clean=True).build()
    assert warm == tree(tmp_path / "clean")
    assert b"Last reported as ongoing, in March 2021" in warm["cities/chengdu/index.html"]
    Builder(at(fresh)).build()  # a new process: the cache on disk, back on the earlier day
    assert b"Ongoing, as reported in March 2021" in tree(network_site.public)["cities/chengdu/index.html"]


# ---- the examples, on the real pages -------------------------------------------------

def real(real_site, url: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((real_site / url / "index.html").read_text("utf-8"), "html.parser")


def test_no_status_without_its_date_on_the_real_cases(real_site):
    statuses = {}
    for page in sorted((real_site / "cases").glob("*/index.html")):
        status = real(real_site, page.parent.relative_to(real_site).as_posix()).select_one(".facts .status")
        statuses[page.parent.name] = text(status) if status else None
    assert statuses == {
        "sejong-lifelong-learning-city": None,  # no period: the profile gives none
        "seocho-ai-masters-and-doctoral-talent": "Last reported as planned, in 2022",  # an agreement to be signed
        "seoul-masters-degree-for-foreign-civil-servants": None,  # an undated source: no status
        "songpa-smart-education-model": "Last reported as ongoing, in January 2021",
        "wego-seoul-e-government-training": "Last reported as ongoing, in 2017",
    }


def test_goals_say_who_named_them(real_site):
    def origins(slug):
        return {text(li.select_one(".sdg-number")): text(li.select_one(".origin"))
                for li in real(real_site, f"cases/{slug}").select(".goal-origins > li")}

    assert origins("songpa-smart-education-model") == {"4": "named in the source"}
    for slug in ("seocho-ai-masters-and-doctoral-talent", "wego-seoul-e-government-training",
                 "seoul-masters-degree-for-foreign-civil-servants", "sejong-lifelong-learning-city"):
        assert set(origins(slug).values()) == {"assigned by the editors"}, slug


def test_no_guess_is_shown_as_fact(real_site):
    wego = real(real_site, "cases/wego-seoul-e-government-training")
    contacts = [text(c) for c in wego.select(".contact")]
    assert len(contacts) == 3 and not any("Secretariat" in c or "Regional Office" in c for c in contacts)
    seocho = real(real_site, "cases/seocho-ai-masters-and-doctoral-talent")
    partners = seocho.find("h3", string="Partners").find_next("ul")
    assert [text(li) for li in partners.select("li")] == ["Soongsil University"]
    seoul = real(real_site, "cases/seoul-masters-degree-for-foreign-civil-servants")
    assert seoul.find("h3", string="Partners") is None
    assert text(seoul.select_one(".contact")) == ("Phone number the news item gives for the tender to run the fifth "
                                                  "round +82-2-6321-4487")


def test_worked_out_values_are_flagged_with_their_reasons(real_site):
    seocho = real(real_site, "cases/seocho-ai-masters-and-doctoral-talent")
    period = seocho.select_one(".facts .period")
    assert text(period).startswith("2022 derived by the editors – 2029")
    notes = {text(li.strong): text(li) for li in seocho.select(".editors-notes li")}
    assert "eight years until 2029" in notes["The start"]
    assert text(seocho.select_one(".facts .reported dd")) == "2022 inferred by the editors"
    wego = real(real_site, "cases/wego-seoul-e-government-training")
    assert "inferred by the editors" in text(wego.select_one(".facts .reported dd"))


def test_figures_and_events_are_dated_and_places_listed(real_site):
    songpa = real(real_site, "cases/songpa-smart-education-model")
    first = [text(c) for c in songpa.select(".indicators tbody tr")[0].select("th, td")]
    assert first == ["People organised into the Human Library", "555 participants", "1 October 2020"]
    seoul = real(real_site, "cases/seoul-masters-degree-for-foreign-civil-servants")
    rows = {text(r.th): [text(c) for c in r.select("td")] for r in seoul.select(".indicators tbody tr")}
    assert rows["Master's degrees awarded"] == ["34 graduates", "Not dated"]
    wego = real(real_site, "cases/wego-seoul-e-government-training")
    assert len([li for li in wego.select(".milestones li") if "Seoul Program session" in text(li)]) == 7
    for city in ("chengdu", "jeju", "ulyanovsk-region", "seoul"):
        links = {a["href"] for a in real(real_site, f"cities/{city}").select(".card-title a")}
        assert "../../cases/wego-seoul-e-government-training/" in links, city
    assert "World e-Governments Organization of Cities and Local Governments (WeGO) (network of cities)" in text(
        wego.select_one(".facts"))


def test_budgets_have_years_and_a_dollar_equivalent(real_site):
    seocho = real(real_site, "cases/seocho-ai-masters-and-doctoral-talent")
    assert text(seocho.select_one(".budget-total")).startswith("KRW 17,250 million KRW for 2022–2029")
    assert text(seocho.select_one(".budget-usd")).startswith("About USD 13.4 million at the 2022 average rate")
    songpa = real(real_site, "cases/songpa-smart-education-model")
    assert text(songpa.select_one(".budget-usd")).startswith("About USD 2.83 million at the 2021 average rate")


def test_the_city_pages_tell_their_sources_in_their_tense(real_site):
    seoul = text(real(real_site, "cities/seoul").select_one(".prose"))
    assert "announced a joint workshop" in seoul and "technical tours planned" in seoul
    assert "A joint workshop that WeGO held" not in seoul
    songpa = text(real(real_site, "cities/songpa-gu").select_one(".prose"))
    assert "The case study reports that Songpa-gu joined the UNESCO Global Network of Learning Cities" in songpa
    case = text(real(real_site, "cases/songpa-smart-education-model").select_one(".prose"))
    assert "The case study reports that SSEM's results earned it recognition" in case
