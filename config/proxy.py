"""Forwarded headers are believed only from the reverse proxy that TRUSTED_PROXIES names.

Without this, any client could send `X-Forwarded-Proto: https` to a server with no proxy in front
of it and be treated as if on HTTPS, or send `X-Forwarded-For` to dodge the per-address login
limit. The middleware strips both headers from requests that did not come from a trusted proxy;
behind one, the client's address is the last address the proxy appended.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

FORWARDED_HEADERS = ("HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_HOST")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@cache
def _trusted_networks(names: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(name, strict=False) for name in names)


def from_trusted_proxy(request: HttpRequest) -> bool:
    names = tuple(settings.TRUSTED_PROXIES)
    if not names:
        return False
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in network for network in _trusted_networks(names))


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the peer's, or behind a trusted proxy the one it forwarded."""
    if from_trusted_proxy(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not from_trusted_proxy(request):
            for header in FORWARDED_HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)
