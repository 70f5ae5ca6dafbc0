"""Addresses of the many rows of a long page, without a full URL reversal for each row."""

from __future__ import annotations

from django import template
from django.template.context import Context
from django.urls import reverse

from obligations.templatetags.page_cache import page_cache

register = template.Library()

# An id no row has: the route is reversed once with it, then each row's id takes its place.
_STAND_IN = 9_876_543_210_123


@register.simple_tag(takes_context=True)
def id_url(context: Context, name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a route whose only argument is an id. Reversed once per
    page and route: a review page of fifty cards reverses eleven routes for each card."""
    routes: dict[str, str] = page_cache(context, "id_urls")
    route = routes.get(name)
    if route is None:
        route = routes[name] = reverse(name, args=[_STAND_IN])
    return route.replace(str(_STAND_IN), str(int(pk)))
