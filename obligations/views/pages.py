"""What several pages share: the organisation's today, and a page that htmx may ask for in part."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from obligations.models import Organisation


def organisation_today(organisation: Organisation) -> dt.date:
    """Today where the organisation works: its deadlines end at midnight there."""
    try:
        zone = ZoneInfo(organisation.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    return timezone.localdate(timezone=zone)


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, partial: str
) -> HttpResponse:
    """The whole page, or for an htmx request only its `partial`. A history restore (back
    button after a cache miss) needs the whole page, and caches must keep the two apart."""
    if request.htmx and not request.htmx.history_restore_request:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
