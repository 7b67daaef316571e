"""The pictures pages draw at build time (cityedu_site/charts.py, templates/_charts.html): their
geometry, how pages show them, and how the timeline's "today" follows the build's date
without making every page render again."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from cityedu_site import charts
from cityedu_site.builder import Builder
from cityedu_site.config import load_config
from cityedu_site.model import Goal, PartialDate
from conftest import MINI_CASE
from htmlpages import soup, text

TODAY = dt.date(2026, 11, 23)


# ---- budget ------------------------------------------------------------------------------

def test_budget_segments_fill_the_bar_in_order_with_their_shares():
    segments = charts.budget_segments([("District", 1389), ("National", 703), ("Municipal", 700), ("External", 450)])
    assert [s.name for s in segments] == ["District", "National", "Municipal", "External"]
    assert segments[0].x == 0 and abs(segments[-1].x + segments[-1].width - 100) < 0.02
    for before, after in zip(segments, segments[1:], strict=False):
        assert abs(before.x + before.width - after.x) < 0.02
    assert [s.label for s in segments] == ["43%", "22%", "22%", "14%"]
    assert [s.tone for s in segments] == [1, 2, 3, 4]
    assert segments[0].middle == pytest.approx(21.42, abs=0.01)


def test_a_narrow_segment_has_no_label_and_the_palette_repeats():
    segments = charts.budget_segments([(f"s{i}", 100) for i in range(9)] + [("tiny", 1)])
    assert segments[-1].label == ""
    assert [s.tone for s in segments] == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4]


def test_no_bar_without_a_positive_amount():
    assert charts.budget_segments([]) == ()
    assert charts.budget_segments([("nothing", 0)]) == ()


# ---- timeline ----------------------------------------------------------------------------

def kinds(timeline: charts.Timeline) -> list[str]:
    return [span.kind for span in timeline.spans]


def test_an_open_ended_programme_is_done_until_today_then_open():
    timeline = charts.timeline(PartialDate(2019), None, TODAY)
    assert kinds(timeline) == ["done", "open"]
    done, open_ = timeline.spans
    assert done.end == timeline.today_x == open_.x and open_.end == 100
    assert [t.label for t in timeline.ticks] == ["2015", "2020", "2025", "2030"]
    assert (timeline.ticks[0].anchor, timeline.ticks[-1].anchor) == ("start", "end")


def test_a_programme_with_an_end_is_split_at_today():
    timeline = charts.timeline(PartialDate(2022), PartialDate(2029), TODAY)
    assert kinds(timeline) == ["done", "todo"]
    assert timeline.spans[0].x == 0 and timeline.spans[-1].end == 100  # 2022-01-01 … 2029-12-31
    assert 55 < timeline.today_x < 65


def test_a_finished_programme_lies_before_today_and_a_planned_one_after():
    finished = charts.timeline(PartialDate(2010), PartialDate(2012), TODAY)
    assert kinds(finished) == ["done"] and finished.spans[0].end < finished.today_x
    planned = charts.timeline(PartialDate(2028), None, TODAY)
    assert kinds(planned) == ["open"] and planned.spans[0].x > planned.today_x


def test_an_unknown_start_is_open_from_the_edge():
    timeline = charts.timeline(None, PartialDate(2024), TODAY)
    assert kinds(timeline) == ["open"] and timeline.spans[0].x == 0


def test_no_timeline_without_a_date():
    assert charts.timeline(None, None, TODAY) is None


@pytest.mark.parametrize("start", [1950, 1990, 2008, 2020, 2026])
def test_ticks_are_few_and_inside_the_axis(start):
    timeline = charts.timeline(PartialDate(start), None, TODAY)
    assert 2 <= len(timeline.ticks) <= charts.MAX_TICKS
    assert all(0 <= t.x <= 100 for t in timeline.ticks)
    assert all(0 <= s.x <= s.end <= 100 for s in timeline.spans)


# ---- goals -------------------------------------------------------------------------------

def goal(number: int) -> Goal:
    return Goal(number, f"Goal {number}", "#C5192D", "", f"{number}-goal")


def test_goal_bars_skip_empty_goals_and_scale_to_the_longest():
    bars = charts.goal_bars([(goal(1), 0), (goal(4), 4), (goal(8), 1)])
    assert [(b.goal.number, b.count, b.width) for b in bars] == [(4, 4, 100.0), (8, 1, 25.0)]
    assert charts.goal_bars([(goal(1), 0)]) == ()


# ---- on the pages ------------------------------------------------------------------------

def test_the_case_page_draws_its_budget_and_period(real_site):
    page = soup(real_site, "cases/songpa-smart-education-model/")
    bar = page.select_one(".budget svg.budget-bar")
    assert bar["aria-hidden"] == "true", "the table next to it is the text equivalent"
    assert len(bar.select("rect")) == len(page.select(".budget-sources tbody tr")) == 4
    assert [text(t) for t in bar.select("text")] == ["43%", "22%", "22%", "14%"]
    assert all(row.select_one(".swatch") for row in page.select(".budget-sources tbody tr"))
    timeline = page.select_one(".period svg.timeline")
    assert timeline["aria-hidden"] == "true" and "status-ongoing" in timeline["class"]
    assert text(timeline.select_one("text.today")) == "Today"
    assert "2019 – ongoing" in text(page.select_one(".period"))


def test_the_svg_has_no_inline_style_the_csp_would_refuse(real_site):
    for url in ("", "cases/songpa-smart-education-model/", "cities/seoul/"):
        for svg in soup(real_site, url).select("svg"):
            assert not svg.select("[style]") and not svg.get("style"), url


def test_city_and_home_pages_count_their_cases_by_goal(real_site):
    seoul = soup(real_site, "cities/seoul/").select(".goal-bars li")
    counts = {item.select_one(".sdg-number").get_text(): int(text(item.select_one(".n"))) for item in seoul}
    assert counts == {"4": 3, "8": 1, "9": 2, "11": 2, "17": 2}
    home = soup(real_site, "").select(".goal-bars li")
    tiles = {tile.select_one(".goal-number").get_text(): int(text(tile.select_one(".goal-count")).split()[0])
             for tile in soup(real_site, "").select(".goal-tile")}
    assert {i.select_one(".sdg-number").get_text(): int(text(i.select_one(".n"))) for i in home} == \
        {number: count for number, count in tiles.items() if count}


# ---- today -------------------------------------------------------------------------------

TIMED_CASE = MINI_CASE.replace("published: 2024-01-01", "published: 2024-01-01\nperiod:\n  start: 2020\n  status: ongoing")


def today_x(page_file) -> str:
    return BeautifulSoup(page_file.read_text("utf-8"), "html.parser").select_one("line.today")["x1"]


def build_on(project, day: dt.date, clean: bool = False, output=None):
    config = load_config(project.root, search=False, output_dir=str(output) if output else None,
                         build_time=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))
    return Builder(config, clean=clean).build()


def test_today_on_the_timeline_is_the_build_date_and_only_timed_pages_render_again(project, tmp_path):
    project.case("timed", TIMED_CASE)
    project.case("plain")
    build_on(project, dt.date(2025, 2, 1))
    timed, plain = project.public / "cases/timed/index.html", project.public / "cases/plain/index.html"
    before = today_x(timed), plain.stat().st_mtime_ns
    # Another day of the same year, and an edit that touches neither case, so the build goes on:
    project.write("content/themes.yaml", (project.root / "content/themes.yaml").read_text("utf-8")
                  .replace('"Lifelong Learning"', '"Learning for Life"'))
    result = build_on(project, dt.date(2025, 9, 1))
    assert result.mode == "rebuild"
    assert float(today_x(timed).rstrip("%")) > float(before[0].rstrip("%")), "the marker moved with the date"
    assert plain.stat().st_mtime_ns == before[1], "a page without a timeline was not rendered again"
    build_on(project, dt.date(2025, 9, 1), clean=True, output=tmp_path / "clean")
    assert timed.read_bytes() == (tmp_path / "clean/cases/timed/index.html").read_bytes()
