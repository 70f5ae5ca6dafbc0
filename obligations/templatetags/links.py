"""Addresses of the many rows of a long page, without a full URL reversal for each row."""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.template.context import Context

from obligations.routes import id_route
from obligations.templatetags.page_cache import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def id_url(context: Context, name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a route whose only argument is an id. Reversed once per
    page and route: a review page of fifty cards reverses eleven routes for each card."""
    routes: dict[str, Callable[[int], str]] = page_cache(context, "id_urls")
    route = routes.get(name)
    if route is None:
        route = routes[name] = id_route(name)
    return route(pk)
