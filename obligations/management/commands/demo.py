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
from obligations.models.choices import ContractStatus, DocumentKind, ReviewStatus, Role
from obligations.services.documents import document_extract, document_upload
from obligations.services.events import event_log
from obligations.services.family import document_changes_as_read, document_changes_confirm
from obligations.services.review import FACT_FIELDS, contract_facts_update, obligation_confirm

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_USERNAME = "demo"
# The family the demo shows: a master agreement, then what joins it (file, kind, label, date).
FAMILY_MASTER = "master-subscription-agreement.md"
FAMILY_MEMBERS = (
    ("order-form-no-1.md", DocumentKind.ORDER_FORM, "Order Form No. 1", dt.date(2027, 1, 1)),
    ("amendment-no-1.md", DocumentKind.AMENDMENT, "Amendment No. 1", dt.date(2027, 3, 1)),
)


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

        self._load_family(organisation, user)
        self.stdout.write(f"Demo login: username {DEMO_USERNAME!r}, password {password!r}")

    def _load_family(self, organisation: Organisation, user: Any) -> None:
        """A contract family: the master agreement, then its order form and amendment, each read,
        reviewed and confirmed, so that the contract page shows the sources and the timeline."""
        master, created = document_upload(
            organisation=organisation,
            user=user,
            filename=FAMILY_MASTER,
            data=(DEMO_DIR / "family" / FAMILY_MASTER).read_bytes(),
        )
        if created or master.extraction_status != "done":
            document_extract(document_id=master.id)
        if not created:
            return
        review_as_legal_staff(master.contract, user)
        for name, kind, label, effective_on in FAMILY_MEMBERS:
            document, _ = document_upload(
                organisation=organisation,
                user=user,
                filename=name,
                data=(DEMO_DIR / "family" / name).read_bytes(),
                contract=master.contract,
                kind=kind,
                label=label,
                effective_on=effective_on,
            )
            document = document_extract(document_id=document.id) or document
            for obligation in document.obligations.filter(
                review_status=ReviewStatus.PENDING, period_amount__isnull=False
            ):
                obligation_confirm(obligation=obligation, user=user)
            document_changes_confirm(
                document=document, user=user, **document_changes_as_read(document)
            )
