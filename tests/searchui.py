"""Drives the search page's own UI (assets/search.js) in a real browser, as a reader would:
typing into the input, ticking facets, choosing a sort. Each action waits until the page has
finished the search it caused (search.js counts finished searches in #search[data-searches])."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

TIMEOUT_MS = 10_000


class SearchPage:
    def __init__(self, page, server):
        self.page = page
        self.server = server

    def open(self, query_string: str = "") -> SearchPage:
        self.page.goto(self.server.url("search/" + query_string))
        self._wait_for(1)
        return self

    def search(self, query: str, press_enter: bool = True) -> list[str]:
        """Type a query; press Enter, or wait for the search that a pause in typing starts."""
        done = self.searches()
        self.page.fill("#search-input", query)
        if press_enter:
            self.page.press("#search-input", "Enter")
        self._wait_for(done + 1)
        return self.results()

    def tick(self, facet: str, token: str) -> list[str]:
        done = self.searches()
        self.page.check(f"#search input[name='{facet}'][value='{token}']")
        self._wait_for(done + 1)
        return self.results()

    def sort(self, value: str) -> list[str]:
        done = self.searches()
        self.page.select_option("#search-sort", value)
        self._wait_for(done + 1)
        return self.results()

    def searches(self) -> int:
        return int(self.page.get_attribute("#search", "data-searches") or 0)

    def searched(self) -> str:
        """What search.js sent to Pagefind for the last query (Korean particles stripped)."""
        return self.page.get_attribute("#search", "data-searched") or ""

    def results(self) -> list[str]:
        """The slugs of every result, in order ("Show more" pressed until all are shown)."""
        while self.page.is_visible("#search .search-more"):
            shown = self.page.locator("#search .result").count()
            self.page.click("#search .search-more")
            self.page.wait_for_function("(shown) => document.querySelectorAll('#search .result').length > shown",
                                        arg=shown, timeout=TIMEOUT_MS)
        hrefs = self.page.eval_on_selector_all("#search .result-title a", "links => links.map(a => a.href)")
        return [urlsplit(href).path.rstrip("/").split("/")[-1] for href in hrefs]

    def status(self) -> str:
        return self.page.inner_text("#search .search-status")

    def counts(self, facet: str) -> dict[str, int]:
        """{filter value: the count its label shows} for one facet."""
        return self.page.eval_on_selector_all(
            f"#search fieldset[data-facet='{facet}'] li",
            """items => Object.fromEntries(items.map(li => [li.querySelector('input').dataset.value,
                 Number(li.querySelector('.facet-count').textContent.replace(/[()]/g, ''))]))""")

    def address(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def _wait_for(self, searches: int) -> None:
        # A function, not an expression: Playwright evaluates expressions with eval, which the CSP forbids.
        self.page.wait_for_function("(n) => Number(document.getElementById('search').dataset.searches || 0) >= n",
                                    arg=searches, timeout=TIMEOUT_MS)
