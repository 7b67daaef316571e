"""Budgets in one reference currency (US dollars), so readers and search can compare them.

The rates ship with the package (data/usd_rates.yaml, annual averages from the Federal
Reserve's G.5A release; its header says which releases and how a rate year is chosen).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from .model import Budget, PartialDate

REFERENCE = "USD"
RATES_FILE = "cityedu_site/data/usd_rates.yaml"
RATES_SOURCE = "Federal Reserve Board, G.5A Foreign Exchange Rates (Annual)"
RATES_URL = "https://www.federalreserve.gov/releases/g5a/"


@dataclass(frozen=True, slots=True)
class RateTable:
    rates: dict[str, dict[int, float]]  # currency → year → the rate as published
    usd_per_unit: frozenset[str]  # currencies published as US dollars per unit (EUR, GBP)

    def currencies(self) -> frozenset[str]:
        return frozenset(self.rates) | {REFERENCE}


@dataclass(frozen=True, slots=True)
class UsdEquivalent:
    """A budget in US dollars, and how it was worked out."""

    amount: float
    year: int | None  # the year whose rate was used (None for a budget in US dollars)
    rate: float | None  # as published: currency units per US dollar, or US dollars per unit
    rate_text: str  # "KRW 1,144.89 per USD, 2021 average"
    basis: str  # why that year: "the budget's first year", "the year the facts are reported as of"…


@cache
def table() -> RateTable:
    data = yaml.safe_load(resources.files(__package__).joinpath("data", "usd_rates.yaml").read_text("utf-8"))
    return RateTable({code: {int(y): float(r) for y, r in years.items()} for code, years in data["rates"].items()},
                     frozenset(data.get("usd_per_unit", ())))


def rate_year(available: list[int], wanted: int) -> int:
    """The year of the table nearest to wanted (the earlier of two equally near)."""
    return min(available, key=lambda year: (abs(year - wanted), year))


def usd_equivalent(budget: Budget, reported: PartialDate | None,
                   rates: RateTable | None = None) -> UsdEquivalent | None:
    """The budget in US dollars at an annual average rate, or None for a currency without rates."""
    rates = rates or table()
    if budget.currency == REFERENCE:
        return UsdEquivalent(float(budget.total), None, None, "", "")
    years = rates.rates.get(budget.currency)
    if not years:
        return None
    if budget.years is not None:
        wanted, basis = budget.years.first, "the budget's first year"
    elif reported is not None:
        wanted, basis = reported.year, "the year the facts are reported as of"
    else:
        wanted, basis = max(years), "the budget gives no year: the latest in the table"
    year = rate_year(sorted(years), wanted)
    if year != wanted:
        basis += f" ({wanted}: not in the table, the nearest year used)"
    rate = years[year]
    if budget.currency in rates.usd_per_unit:
        amount, rate_text = budget.total * rate, f"USD {rate:,.4f} per {budget.currency}, {year} average"
    else:
        amount, rate_text = budget.total / rate, f"{budget.currency} {rate:,.2f} per USD, {year} average"
    return UsdEquivalent(amount, year, rate, rate_text, basis)


def rounded(amount: float) -> float:
    """Three significant figures: a converted budget is an estimate, not an account."""
    if amount <= 0:
        return 0.0
    digits = len(str(int(amount))) - 3
    return float(round(amount, -digits)) if digits > 0 else round(amount, 2)


def rounded_text(amount: float) -> str:
    """An estimate as readers take it in: 2831734 → "2.83 million", 5000000 → "5 million"."""
    value = rounded(amount)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:.3g} {word}"
    return f"{value:,.0f}"
