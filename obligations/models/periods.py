"""Period columns (amount + unit) and their database checks, used by several models."""

from django.db import models

from obligations.models.choices import Unit


def period_checks(prefix: str, model: str) -> list[models.CheckConstraint]:
    """Amount and unit are set together, the amount is positive and the unit is known."""
    amount, unit = f"{prefix}_amount", f"{prefix}_unit"
    return [
        models.CheckConstraint(
            condition=models.Q(**{f"{amount}__isnull": True, f"{unit}": ""})
            | models.Q(**{f"{amount}__gt": 0, f"{unit}__in": Unit.values}),
            name=f"{model}_{prefix}_valid",
            violation_error_message=f"{prefix.replace('_', ' ')} needs a positive amount and a known unit.",
        )
    ]


def period_text(amount: int | None, unit: str) -> str:
    if amount is None or not unit:
        return ""
    label = Unit(unit).label
    if amount == 1:
        label = label.removesuffix("s")
    return f"{amount} {label}"
