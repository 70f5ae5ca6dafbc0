"""`manage.py demo`: the demo organisation, its login and the demo contracts, created once.

Running it again changes nothing and prints the same login, so `manage.py run` keeps the data.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from obligations.models import Contract, Membership, Organisation
from obligations.models.choices import ContractStatus, ReviewStatus, Role
from obligations.services.documents import document_extract, document_upload
from obligations.services.events import event_log
from obligations.services.review import FACT_FIELDS, contract_facts_update, obligation_confirm

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


def review_as_legal_staff(contract: Contract, user: Any) -> None:
    """Give the demo a reviewed contract: its facts and timed obligations confirmed as extracted,
    and an invoice logged, so that the dashboard, calendar and reminders have deadlines to show."""
    contract.refresh_from_db()
    contract.owner = user
    contract.status = ContractStatus.ACTIVE
    contract.save(update_fields=["owner", "status"])
    facts = {
        column: getattr(contract, column) for columns in FACT_FIELDS.values() for column in columns
    }
    contract_facts_update(contract=contract, user=user, **facts)
    for obligation in contract.obligations.filter(
        review_status=ReviewStatus.PENDING, period_amount__isnull=False
    ):
        obligation_confirm(obligation=obligation, user=user)
    today = timezone.localdate()
    event_log(
        contract=contract,
        kind="invoice_received",
        occurred_on=today - dt.timedelta(days=10),
        note="Demo: invoice for the current period",
        by=user,
    )


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
            if created:
                review_as_legal_staff(document.contract, user)

        self.stdout.write(f"Demo login: username {DEMO_USERNAME!r}, password {password!r}")
