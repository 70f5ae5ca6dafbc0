"""Logging what happened on a contract, and letting the deadlines that count from it follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from obligations.models import Contract, Event
from obligations.services.deadlines import RecomputeResult, deadlines_recompute


@dataclass(frozen=True)
class EventLogged:
    event: Event
    recompute: RecomputeResult


def event_log(
    *,
    contract: Contract,
    kind: str,
    occurred_on: dt.date,
    effective_on: dt.date | None = None,
    note: str = "",
    by: AbstractBaseUser | None,
    today: dt.date | None = None,
) -> EventLogged:
    """Store the event and recompute the contract's deadlines in the same transaction, so that an
    event is never stored without the deadlines it causes (nor the other way round)."""
    with transaction.atomic():
        event = Event.objects.create(
            contract=contract,
            kind=kind,
            occurred_on=occurred_on,
            effective_on=effective_on,
            note=note.strip(),
            created_by=by,
        )
        result = deadlines_recompute(contract=contract, today=today)
    return EventLogged(event=event, recompute=result)
