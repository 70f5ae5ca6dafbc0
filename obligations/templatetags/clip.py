"""A short text cut to a width, for the many small labels of the calendar grid."""

from __future__ import annotations

from django import template

register = template.Library()

ELLIPSIS = "…"


@register.filter
def clip(text: object, length: int) -> str:
    """`text` cut to at most `length` characters, the last an ellipsis when it was longer.
    Django's truncatechars says the same but looks its ellipsis up in the translation
    catalogue on every call; a month grid calls it hundreds of times."""
    value = str(text)
    if len(value) <= length:
        return value
    return value[: max(length - 1, 0)] + ELLIPSIS
