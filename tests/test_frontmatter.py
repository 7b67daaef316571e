"""YAML front matter: strict parsing with positions."""

from cityedu_site import frontmatter


def parse(text: str):
    return frontmatter.parse(text, "content/cases/x.md", 2)


def test_values_and_positions():
    parsed = parse("title: A\nbudget:\n  sources:\n    - name: x\n      amount: 5\n")
    assert parsed.problems == []
    assert parsed.data["budget"]["sources"][0]["amount"] == 5
    assert parsed.locator.position(("budget", "sources", 0, "amount")) == (6, 15)
    assert parsed.locator.position(("title",), key=True) == (2, 1)


def test_missing_path_falls_back_to_nearest_parent():
    parsed = parse("budget:\n  total: 1\n")
    assert parsed.locator.position(("budget", "currency")) == (3, 3)


def test_duplicate_keys_are_reported_with_both_lines():
    parsed = parse("title: A\nsummary: B\ntitle: C\n")
    [problem] = parsed.problems
    assert problem.text() == ("content/cases/x.md:4:1: the field 'title' appears twice (first on line 2); "
                              "keep one of them; YAML would silently use the last")


def test_impossible_date_is_a_problem_not_a_crash():
    parsed = parse("published: 2021-13-45\n")
    [problem] = parsed.problems
    assert (problem.line, problem.col) == (2, 12)
    assert "'2021-13-45' is not a real date" in problem.message
    assert isinstance(parsed.data["published"], frontmatter.InvalidDate)


def test_syntax_error_names_line_and_gives_a_hint():
    parsed = parse("title: A\nsummary: The plan: learn\n")
    [problem] = parsed.problems
    assert problem.line == 3
    assert "not valid YAML" in problem.message
    assert "double quotes" in problem.hint


def test_anchors_and_aliases_are_refused_before_construction():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    parsed = parse(bomb)
    assert parsed.data is None
    [problem] = parsed.problems
    assert "anchors" in problem.message and problem.line == 2


def test_a_list_is_not_front_matter():
    parsed = parse("- a\n- b\n")
    assert parsed.data is None
    assert "field: value" in parsed.problems[0].message


def test_deep_nesting_is_refused():
    parsed = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert parsed.data is None
    assert parsed.problems
