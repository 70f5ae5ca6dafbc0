"""A member menu's options, written in Python: a template loop costs a lookup per member on
every card of a long page (fifty cards of fifty members are 2,500 options)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def member_options(members: Iterable[tuple[int, str]], selected: int | None) -> SafeString:
    return mark_safe(  # noqa: S308 - ids are integers and names are escaped
        "".join(
            f'<option value="{int(user_id)}"{" selected" if user_id == selected else ""}>'
            f"{escape(name)}</option>"
            for user_id, name in members
        )
    )
