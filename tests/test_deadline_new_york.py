"""New York holidays that the `holidays` package lists but GCL §24 may not: never a later date."""

from __future__ import annotations

from datetime import date

from obligations.deadlines import compute_deadline


def test_susan_b_anthony_day_does_not_move_a_deadline_but_act_by_avoids_it() -> None:
    result = compute_deadline(
        period="30 days", relation="after", anchor=date(2028, 1, 16), law="US-NY"
    )
    assert (result.deadline, result.act_by) == (date(2028, 2, 15), date(2028, 2, 14))
    assert any("does not clearly list as a public holiday" in line for line in result.explanation)


def test_a_day_that_is_also_washingtons_birthday_still_moves() -> None:
    # 2027-02-15 is both Susan B. Anthony Day and Washington's Birthday, a GCL §24 holiday.
    result = compute_deadline(
        period="30 days", relation="after", anchor=date(2027, 1, 16), law="US-NY"
    )
    assert result.deadline == date(2027, 2, 16)
    assert not any("does not clearly list" in line for line in result.explanation)


def test_rule_book_example_is_unchanged() -> None:
    result = compute_deadline(
        period="30 days", relation="after", anchor=date(2026, 1, 15), law="US-NY"
    )
    assert result.deadline == date(2026, 2, 17)
