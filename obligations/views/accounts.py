"""Password reset by email, with Django's own views; the link in the email points at SITE_URL,
never at whatever Host header the request carried."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm


class SiteUrlPasswordResetForm(PasswordResetForm):
    def save(self, **options: object) -> None:  # type: ignore[override]
        site = urlsplit(settings.SITE_URL)
        options.update(domain_override=site.netloc, use_https=site.scheme == "https")
        super().save(**options)  # type: ignore[arg-type]


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SiteUrlPasswordResetForm


password_reset = PasswordResetView.as_view()
