"""Holiday calendars from the `holidays` package: countries, subdivisions, TARGET2, unions.

A calendar code is a country ("DE"), a country subdivision ("DE-BE", "CH-SG", "US-NY"),
"TARGET" (TARGET2, the `holidays` package's financial calendar XECB) or another market code
the package knows ("XNYS"). A day is a business day only if it is neither a Saturday nor a
Sunday nor a holiday of any calendar in use.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from obligations.deadlines.errors import DeadlineInputError

_TARGET_ALIASES = {"TARGET", "TARGET2", "XECB", "ECB", "TAR"}
_WEEKEND = (5, 6)  # Saturday, Sunday


@lru_cache(maxsize=1)
def _countries() -> dict[str, list[str]]:
    return dict(holidays.list_supported_countries())


@lru_cache(maxsize=1)
def _markets() -> dict[str, list[str]]:
    return dict(holidays.list_supported_financial())


def load_calendar_registry() -> None:
    """Load the lists of countries and markets now: the first lookup imports every calendar
    module of the `holidays` package, which takes most of a second."""
    _countries()
    _markets()


@lru_cache(maxsize=256)
def normalize_calendar_code(code: str) -> str:
    """Check a calendar code and return its canonical spelling ("de-be" -> "DE-BE")."""
    raw = code.strip().upper().replace("_", "-")
    if raw in _TARGET_ALIASES:
        return "TARGET"
    if raw in _markets():
        return raw
    country, _, subdivision = raw.partition("-")
    countries = _countries()
    if country not in countries:
        raise DeadlineInputError(
            f"Unknown holiday calendar '{code}': use a country code such as DE, a state or "
            "canton such as DE-BE, CH-SG or US-NY, or TARGET."
        )
    if subdivision:
        known = {s.upper(): s for s in countries[country]}
        if subdivision not in known:
            raise DeadlineInputError(
                f"Unknown holiday calendar '{code}': {country} has no subdivision "
                f"'{subdivision}' (known: {', '.join(sorted(known.values()))})."
            )
        return f"{country}-{subdivision}"
    return country


@lru_cache(maxsize=4096)
def _holidays_in_year(code: str, year: int) -> dict[date, str]:
    """All holidays of one calendar in one year, with English names where the package has them.

    Cached: business-day counting asks about the same few years again and again."""
    if code == "TARGET":
        calendar: holidays.HolidayBase = holidays.financial_holidays("XECB", years=year)
    elif code in _markets():
        calendar = holidays.financial_holidays(code, years=year)
    else:
        country, _, subdivision = code.partition("-")
        probe = _country_class_languages(country)
        language = "en_US" if "en_US" in probe else None
        subdiv = _subdivision_spelling(country, subdivision) if subdivision else None
        calendar = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    return {day: str(name) for day, name in calendar.items()}


@lru_cache(maxsize=512)
def _country_class_languages(country: str) -> tuple[str, ...]:
    return tuple(holidays.country_holidays(country).supported_languages)


def _subdivision_spelling(country: str, subdivision: str) -> str:
    for known in _countries()[country]:
        if known.upper() == subdivision:
            return known
    return subdivision


def subdivisions_of(country: str) -> tuple[str, ...]:
    """The states or cantons the `holidays` package knows for a country ("CH" -> "AG", ...)."""
    return tuple(s.upper() for s in _countries().get(country, ()) if " " not in s)


@lru_cache(maxsize=64)
def _regional_holidays(country: str, year: int) -> dict[date, tuple[str, int, int]]:
    """Days that are holidays in some of a country's subdivisions but not nationwide:
    day -> (name, number of subdivisions that mark it, number of subdivisions)."""
    subdivisions = subdivisions_of(country)
    national = _holidays_in_year(country, year)
    counts: dict[date, tuple[str, int]] = {}
    for subdivision in subdivisions:
        for day, name in _holidays_in_year(f"{country}-{subdivision}", year).items():
            if day in national:
                continue
            _, seen = counts.get(day, (name, 0))
            counts[day] = (name, seen + 1)
    return {day: (name, seen, len(subdivisions)) for day, (name, seen) in counts.items()}


def widely_held_regional_holiday(country: str, day: date) -> tuple[str, int, int] | None:
    """A holiday that at least half of the country's states or cantons keep but the national
    list lacks (Good Friday in Switzerland): (name, how many keep it, of how many); else None."""
    found = _regional_holidays(country, day.year).get(day)
    if found is None or found[1] * 2 < found[2]:
        return None
    return found


@dataclass(frozen=True)
class HolidayCalendar:
    """A union of holiday calendars (possibly none: then only weekends are days off)."""

    codes: tuple[str, ...]

    @property
    def label(self) -> str:
        return " + ".join(self.codes) if self.codes else "no holiday calendar"

    def holiday_names(self, day: date) -> list[str]:
        """Names of the holidays on `day`, each once, with the calendars that mark it."""
        found: dict[str, list[str]] = {}
        for code in self.codes:
            name = _holidays_in_year(code, day.year).get(day)
            if name is not None:
                found.setdefault(name, []).append(code)
        return [f"{name} ({', '.join(codes)})" for name, codes in found.items()]

    def is_holiday(self, day: date) -> bool:
        return any(day in _holidays_in_year(code, day.year) for code in self.codes)

    def is_business_day(self, day: date) -> bool:
        return day.weekday() not in _WEEKEND and not self.is_holiday(day)

    def why_not_business_day(self, day: date) -> str:
        """'Saturday', 'Washington's Birthday (US-NY)', or 'Sunday and Susan B. Anthony Day'."""
        reasons: list[str] = []
        if day.weekday() == 5:
            reasons.append("a Saturday")
        elif day.weekday() == 6:
            reasons.append("a Sunday")
        reasons.extend(self.holiday_names(day))
        return " and ".join(reasons)

    def previous_business_day(self, day: date) -> date:
        """The last business day on or before `day`."""
        while not self.is_business_day(day):
            day -= timedelta(days=1)
        return day

    def next_business_day(self, day: date) -> date:
        """The first business day on or after `day`."""
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def union(self, other: HolidayCalendar) -> HolidayCalendar:
        return calendar_for([*self.codes, *other.codes])


@lru_cache(maxsize=256)
def _calendar_for_codes(codes: tuple[str, ...]) -> HolidayCalendar:
    return HolidayCalendar(codes)


def calendar_for(codes: Iterable[str]) -> HolidayCalendar:
    """The union of the named calendars, validated, de-duplicated, in the order given."""
    canonical: list[str] = []
    for code in codes:
        normalized = normalize_calendar_code(code)
        if normalized not in canonical:
            canonical.append(normalized)
    return _calendar_for_codes(tuple(canonical))


def format_day(day: date) -> str:
    """'Sat 2026-02-14': the weekday matters to every reader of a deadline."""
    return f"{day:%a} {day.isoformat()}"
