"""`manage.py demo`: the demo organisation, its login and the demo contracts, created once.

Running it again changes nothing and prints the same login, so `manage.py run` keeps the data.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from obligations.models import Membership, Organisation
from obligations.models.choices import Role
from obligations.services.documents import document_extract, document_upload

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_USERNAME = "demo"


def demo_password() -> str:
    """The demo login's password: generated on the first run and kept under var/."""
    path = Path(settings.VAR_DIR) / "demo-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.write_text(password)
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Create the demo organisation, login and contracts (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        password = demo_password()
        with transaction.atomic():
            organisation, _ = Organisation.objects.get_or_create(
                slug="demo", defaults={"name": "Demo Legal", "time_zone": "Europe/Berlin"}
            )
            user_model = get_user_model()
            user = user_model.objects.filter(username=DEMO_USERNAME).first()
            if user is None:
                user = user_model.objects.create_user(
                    DEMO_USERNAME, email="demo@example.test", password=password
                )
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            Membership.objects.get_or_create(
                user=user, defaults={"organisation": organisation, "role": Role.ADMIN}
            )

        for path in sorted(DEMO_DIR.glob("*.md")):
            document, created = document_upload(
                organisation=organisation, user=user, filename=path.name, data=path.read_bytes()
            )
            if created or document.extraction_status != "done":
                document_extract(document_id=document.id)

        self.stdout.write(f"Demo login: username {DEMO_USERNAME!r}, password {password!r}")
