"""Password reset by email, with Django's own views; the link in the email points at SITE_URL,
never at whatever Host header the request carried."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse


@login_not_required
def password_reset(request: HttpRequest) -> HttpResponse:
    site = urlsplit(settings.SITE_URL)
    view = auth_views.PasswordResetView.as_view(
        domain_override=site.netloc,
        use_https=site.scheme == "https",
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    return view(request)
