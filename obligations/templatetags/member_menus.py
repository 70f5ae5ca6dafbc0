"""A member menu's options, written in Python: a template loop costs a lookup per member on
every card of a long page (fifty cards of fifty members are 2,500 options)."""

from __future__ import annotations

from collections.abc import Sequence

from django import template
from django.template.context import Context
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from obligations.templatetags.page_cache import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def member_options(
    context: Context, members: Sequence[tuple[int, str]], selected: int | None
) -> SafeString:
    # Written once per page and menu, then only the selected member differs from card to card.
    # Each menu is kept with its list, so that no other list can take its id while it is.
    written: dict[int, tuple[Sequence[tuple[int, str]], str]] = page_cache(
        context, "member_options"
    )
    entry = written.get(id(members))
    if entry is None or entry[0] is not members:
        options = "".join(
            f'<option value="{int(user_id)}">{escape(name)}</option>' for user_id, name in members
        )
        written[id(members)] = (members, options)
    else:
        options = entry[1]
    if selected is not None:
        chosen = f'<option value="{int(selected)}">'
        options = options.replace(chosen, f'<option value="{int(selected)}" selected>', 1)
    return mark_safe(options)  # noqa: S308 - ids are integers and names are escaped
