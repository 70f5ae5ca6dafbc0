"""What a page's template tags write once and reuse: kept on the request, because a partial or
an include renders with render-context state of its own, and fifty cards are fifty of them.
Without a request (an email, a test) it is kept on the render context."""

from __future__ import annotations

from typing import Any

from django.template.context import Context


def page_cache(context: Context, name: str) -> dict[Any, Any]:
    holder: Any = context.get("request") or context.render_context
    caches: dict[str, dict[Any, Any]] | None = getattr(holder, "_page_cache", None)
    if caches is None:
        caches = holder._page_cache = {}
    return caches.setdefault(name, {})
