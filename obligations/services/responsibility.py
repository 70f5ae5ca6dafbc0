"""Who answers for each deadline, stored on the row: its assignee, else its obligation's
assignee, else the contract's owner. Every change of one of those calls this refresh."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce

from obligations.models import Contract, Deadline, Obligation


def deadlines_refresh_responsible(*, contract_id: int) -> int:
    """Recompute `responsible` for the contract's deadlines in one UPDATE."""
    obligation_assignee = Obligation.objects.filter(pk=OuterRef("obligation_id")).values(
        "assignee_id"
    )[:1]
    owner = Contract.objects.filter(pk=OuterRef("contract_id")).values("owner_id")[:1]
    return Deadline.objects.filter(contract_id=contract_id).update(
        responsible_id=Coalesce("assignee_id", Subquery(obligation_assignee), Subquery(owner))
    )
