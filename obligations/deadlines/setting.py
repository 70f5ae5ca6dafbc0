"""Where and under which law a deadline is counted: the governing law's rules, the holiday
calendars that count business days, move a deadline and set act_by, the place of performance
and the time zone, and the explanation's first lines that say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from obligations.deadlines.calendars import HolidayCalendar, calendar_for, normalize_calendar_code
from obligations.deadlines.errors import DeadlineInputError
from obligations.deadlines.laws import GoverningLaw, ShiftRule, governing_law
from obligations.deadlines.timezones import zone


@dataclass(frozen=True)
class Setting:
    """Where and under which law a deadline is counted."""

    law: GoverningLaw
    counting: HolidayCalendar  # business days are counted on these: the contract's calendars
    shifting: HolidayCalendar  # public holidays of the law's jurisdiction (BGB §193 etc.)
    acting: HolidayCalendar  # act_by avoids the holidays of both
    tz: ZoneInfo
    header: tuple[str, ...]
    place: str | None = None  # place of performance ("CH-BE", "DE-BY"), if known
    # The country whose regional holidays are unknown because no state or canton is known
    # ("CH"): deadlines are not moved for them, act_by avoids the widely kept ones.
    region_unknown: str | None = None


def setting_for(
    *,
    law: str | None,
    calendars: Sequence[str] = (),
    timezone: str | None = None,
    place: str | None = None,
) -> Setting:
    """Check law, calendars, time zone and place of performance, and describe them in the
    explanation's first lines.

    With no calendar named, the governing law's country (and state or canton) applies. The
    public holidays at the place of performance ("CH-BE", "DE-BY") move a deadline like the
    law's own (BGB §193, OR Art. 78); with no place given, a regional calendar the contract
    names in the law's country is taken as the place."""
    rules = governing_law(law)
    header: list[str] = []
    if rules.code is None:
        header.append(
            "No governing law is named: where laws differ the earlier reading is used, and "
            "no deadline is moved to a later day."
        )
    elif rules.known:
        header.append(f"Governing law {rules.code}: counted under {rules.source}.")
    else:
        header.append(
            f"Governing law {rules.code}: this tracker knows no day-counting rules for it, so "
            "where laws differ the earlier reading is used, and no deadline is moved to a "
            "later day."
        )
    region = _place_of_performance(rules, place, calendars, header)
    moving_region = [region] if region and rules.place_holidays_move else []
    shifting = calendar_for([*rules.calendar_codes, *moving_region])
    if calendars:
        counting = calendar_for(calendars)
        header.append(f"Holiday calendars: {counting.label} (named for this contract).")
    elif rules.code is not None:
        counting = shifting
        header.append(f"Holiday calendar: {counting.label} (the governing law's; none is named).")
    else:
        counting = calendar_for(())
        header.append("No holiday calendar: only Saturdays and Sundays count as days off.")
    region_unknown = None
    if rules.needs_region and rules.country and not any("-" in c for c in shifting.codes):
        region_unknown = rules.country
        header.append(
            f"No canton of the place of performance is known: only {rules.country}'s "
            "nationwide holidays move a deadline, and a holiday most cantons keep (Good Friday, "
            "Easter Monday) does not (the earlier reading); act by avoids those days. Name the "
            "canton to count its holidays."
        )
    if timezone:
        tz = zone(timezone)
    else:
        tz = zone(rules.default_timezone)
        source = f"the default for {rules.code}" if rules.code else "none was given"
        header.append(f"Time zone {tz.key} ({source}).")
    return Setting(
        law=rules,
        counting=counting,
        shifting=shifting,
        acting=counting.union(shifting).union(calendar_for([region] if region else [])),
        tz=tz,
        header=tuple(header),
        place=region,
        region_unknown=region_unknown,
    )


def _place_not_moving(rules: GoverningLaw) -> str:
    if rules.shift is ShiftRule.NONE:
        return "no deadline is moved, as " + no_rule(rules)
    return (
        f"{rules.shift_citation} moves a deadline for {rules.label} public holidays only, not "
        "for those of the place of performance"
    )


def _place_of_performance(
    rules: GoverningLaw, place: str | None, calendars: Sequence[str], header: list[str]
) -> str | None:
    """The state or canton whose holidays move a deadline, or None; adds a header line."""
    if place and place.strip():
        code = normalize_calendar_code(place)
        if code == "TARGET" or len(code.partition("-")[0]) != 2:
            raise DeadlineInputError(
                f"The place of performance '{place}' is not a country, state or canton: use a "
                "code such as DE-BY, CH-BE or US-NY."
            )
        if rules.place_holidays_move and "-" in code:
            header.append(
                f"Place of performance {code}: its public holidays move a deadline "
                f"({rules.place_citation})."
            )
        elif "-" in code and code != rules.code:
            header.append(
                f"Place of performance {code}: {_place_not_moving(rules)}; act by avoids its "
                "holidays."
            )
        if "-" in code:
            return code
    if rules.country is None or not rules.place_holidays_move:
        return None
    regional = [
        code
        for code in dict.fromkeys(normalize_calendar_code(c) for c in calendars)
        if code.startswith(f"{rules.country}-") and code != rules.code
    ]
    if len(regional) != 1:
        return None
    header.append(
        f"Place of performance taken to be {regional[0]}, the regional holiday calendar named "
        f"for this contract: its public holidays move a deadline ({rules.place_citation})."
    )
    return regional[0]


def no_rule(law: GoverningLaw) -> str:
    if law.code is None:
        return "no governing law is named"
    return f"this tracker knows no day-counting rules of {law.code} law"
