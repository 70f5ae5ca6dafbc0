"""Addresses of many rows of one route: reversed once, each row's id then put in its place."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# An id no row has: the route is reversed once with it, then each row's id takes its place.
_STAND_IN = 9_876_543_210_123


def id_route(name: str) -> Callable[[int], str]:
    """reverse(name, args=[pk]) as a function of pk, for a route whose only argument is an id;
    a page of fifty cards, or a feed of thousands of events, needs it once per route."""
    reversed_once = reverse(name, args=[_STAND_IN])
    marker = str(_STAND_IN)
    return lambda pk: reversed_once.replace(marker, str(int(pk)))
