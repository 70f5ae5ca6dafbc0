"""Rows the reminder tests start from: an organisation with an owner and an admin, confirmed
deadlines, and batches of due reminders."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from obligations.models import Deadline, Organisation, Reminder
from obligations.models.choices import EmailMode, ReviewStatus, Role
from obligations.services.reminder_schedule import reminder_message_id
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    DeadlineFactory,
    MembershipFactory,
    ObligationFactory,
    OrganisationFactory,
)

_people = itertools.count(1)


def person(**fields: object) -> AbstractBaseUser:
    """A user with an email address and no password (tests sign in with force_login): hashing
    a password takes longer than everything else a reminder test does."""
    n = next(_people)
    fields.setdefault("username", f"person{n}")
    fields.setdefault("email", f"{fields['username']}@example.test")
    return get_user_model().objects.create(**fields)


@dataclass
class Team:
    organisation: Organisation
    owner: AbstractBaseUser  # a reviewer who owns the contracts
    admin: AbstractBaseUser


def team(
    *,
    offsets: list[int] | None = None,
    time_zone: str = "UTC",
    owner_mode: str = EmailMode.SINGLE,
    admin_mode: str = EmailMode.SINGLE,
) -> Team:
    organisation = OrganisationFactory(time_zone=time_zone)
    if offsets is not None:
        organisation.reminder_offsets = offsets
        organisation.save()
    owner = MembershipFactory(
        user=person(), organisation=organisation, role=Role.REVIEWER, email_mode=owner_mode
    ).user
    admin = MembershipFactory(
        user=person(), organisation=organisation, role=Role.ADMIN, email_mode=admin_mode
    ).user
    return Team(organisation, owner, admin)


def confirmed_deadline(
    *,
    organisation: Organisation,
    owner: AbstractBaseUser | None,
    act_by: dt.date,
    deadline: dt.date | None = None,
    contract_time_zone: str = "Europe/Berlin",
    review_status: str = ReviewStatus.CONFIRMED,
    title: str = "Hosting agreement",
) -> Deadline:
    contract = ContractFactory(
        organisation=organisation, owner=owner, time_zone=contract_time_zone, title=title
    )
    document = ContractDocumentFactory(
        contract=contract,
        text=(
            "12. Termination\nEither party may terminate this Agreement with three months' "
            "notice to the end of the term.\n"
        ),
    )
    clause = ClauseFactory(document=document, ref="12", heading="Termination")
    obligation = ObligationFactory(
        clause=clause,
        evidence_start=16,
        summary="Give notice of termination",
        kind="termination_notice",
        review_status=review_status,
        period_amount=3,
        period_unit="months",
        relation="before",
        anchor="term_end",
    )
    return DeadlineFactory(
        obligation=obligation,
        act_by=act_by,
        deadline=deadline or act_by,
        unshifted=deadline or act_by,
        explanation=[
            "The term ends on Tue 30 Jun 2026.",
            "Three months before that is Mon 30 Mar 2026 (BGB §188).",
        ],
    )


def deadline_ahead(days: int = 400) -> tuple[Team, Deadline]:
    """A team and a confirmed deadline of its owner's, act_by `days` from today. The default is
    so far ahead that the sweep plans nothing of its own for it: it only sends the rows a test
    adds with `due_reminders`."""
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=timezone.localdate() + dt.timedelta(days=days),
    )
    return people, deadline


def due_reminders(
    *,
    deadline: Deadline,
    count: int,
    recipients: list[AbstractBaseUser] | None = None,
    send_at: dt.datetime | None = None,
    first_offset: int = 1000,
) -> list[Reminder]:
    """`count` reminders of one deadline that are due now, spread over `recipients` (each with
    its own email address) and told apart by offset, bulk-inserted."""
    send_at = send_at or timezone.now() - dt.timedelta(minutes=1)
    recipients = recipients or [person()]
    rows = []
    for n in range(count):
        recipient = recipients[n % len(recipients)]
        offset = first_offset + n
        rows.append(
            Reminder(
                deadline=deadline,
                recipient=recipient,
                kind="reminder",
                offset_days=offset,
                send_at=send_at,
                message_id=reminder_message_id(
                    deadline_id=deadline.pk,
                    recipient_id=recipient.pk,
                    kind="reminder",
                    offset_days=offset,
                ),
            )
        )
    Reminder.objects.bulk_create(rows, batch_size=500)
    return list(Reminder.objects.filter(deadline=deadline, offset_days__gte=first_offset))
