"""Handing an obligation or one of its deadlines to a member: their reminders follow at once."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from obligations.models import Deadline, Membership, Obligation, ReviewLog


class AssignmentError(Exception):
    pass


def _check_member(assignee: AbstractBaseUser | None, organisation_id: int) -> None:
    if assignee is None:
        return
    if not Membership.objects.filter(
        user=assignee, organisation_id=organisation_id, user__is_active=True
    ).exists():
        raise AssignmentError("Choose an active member of your organisation.")


def deadline_assign(
    *, deadline: Deadline, assignee: AbstractBaseUser | None, by: AbstractBaseUser
) -> None:
    _check_member(assignee, deadline.organisation_id)
    # Imported here: the reminder services load the mail machinery that most pages do not need.
    from obligations.services.reminders import reminders_schedule

    with transaction.atomic():
        old = deadline.assignee
        Deadline.objects.filter(pk=deadline.pk).update(assignee=assignee)
        deadline.assignee = assignee
        ReviewLog.objects.create(
            contract_id=deadline.contract_id,
            obligation_id=deadline.obligation_id,
            actor=by,
            action="deadline_assigned",
            changes={
                "assignee": [
                    old.get_username() if old else "",
                    assignee.get_username() if assignee else "",
                ],
                "deadline": deadline.act_by.isoformat(),
            },
        )
        reminders_schedule(deadline=deadline)


def obligation_assign(
    *, obligation: Obligation, assignee: AbstractBaseUser | None, by: AbstractBaseUser
) -> None:
    _check_member(assignee, obligation.contract.organisation_id)
    from obligations.services.reminders import reminders_schedule

    with transaction.atomic():
        old = obligation.assignee
        Obligation.objects.filter(pk=obligation.pk).update(assignee=assignee)
        obligation.assignee = assignee
        ReviewLog.objects.create(
            contract_id=obligation.contract_id,
            obligation=obligation,
            actor=by,
            action="assigned",
            changes={
                "assignee": [
                    old.get_username() if old else "",
                    assignee.get_username() if assignee else "",
                ]
            },
        )
        for deadline in obligation.deadlines.filter(status="open"):
            reminders_schedule(deadline=deadline)
