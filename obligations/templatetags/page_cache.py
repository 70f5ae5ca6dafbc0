"""What a page's template tags write once and reuse: kept on the request, because a partial or
an include renders with render-context state of its own, and fifty cards are fifty of them."""

from __future__ import annotations

from typing import Any

from django.template.context import Context


def page_cache(context: Context, name: str) -> dict[Any, Any]:
    request = context.get("request")
    holder: Any = request if request is not None else context.render_context
    caches: dict[str, dict[Any, Any]] | None = getattr(holder, "_page_cache", None)
    if caches is None:
        caches = {}
        try:
            holder._page_cache = caches
        except AttributeError:  # a render context without a request: kept for this template
            return context.render_context.setdefault(name, {})
    return caches.setdefault(name, {})
