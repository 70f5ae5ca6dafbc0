"""Logging what happened on a contract, and letting the deadlines that count from it follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from obligations.models import Contract, Event, OwnEventKind
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
    own_kind: OwnEventKind | None = None,
    by: AbstractBaseUser | None,
    today: dt.date | None = None,
) -> EventLogged:
    """Store the event and recompute the contract's deadlines in the same transaction, so that an
    event is never stored without the deadlines it causes (nor the other way round). Logged
    under one of the organisation's own kinds, it counts as the kind that one names."""
    if own_kind is not None:
        if own_kind.organisation_id != contract.organisation_id:
            raise ValueError("An event kind of another organisation.")
        kind = own_kind.counts_as
    with transaction.atomic():
        event = Event.objects.create(
            contract=contract,
            kind=kind,
            occurred_on=occurred_on,
            effective_on=effective_on,
            note=note.strip(),
            own_kind=own_kind,
            created_by=by,
        )
        result = deadlines_recompute(contract=contract, today=today)
    return EventLogged(event=event, recompute=result)
