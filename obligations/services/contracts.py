"""A contract's own life: renamed, given a counterparty or owner, archived, restored, deleted.

Archiving hides the contract from the dashboard, calendar, feeds and exports and stops its
reminders (the reminder services skip archived contracts); restoring brings all of it back.
Deleting is for admins: the rows go, the stored files are removed once the deletion is
committed, and the organisation's audit trail keeps who deleted what and when.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from obligations.models import AuditEntry, Contract, Deadline, Membership, ReviewLog
from obligations.services.responsibility import deadlines_refresh_responsible

logger = logging.getLogger(__name__)


class ContractError(Exception):
    """A change the rules do not allow; the message says why."""


def _membership(user: AbstractBaseUser, contract: Contract) -> Membership:
    membership = Membership.objects.filter(user=user, organisation_id=contract.organisation_id)
    found = membership.first()
    if found is None or not found.can_review:
        raise ContractError("Only reviewers and admins can change a contract.")
    return found


def contract_update(
    *,
    contract: Contract,
    title: str,
    counterparty: str,
    owner: AbstractBaseUser | None,
    by: AbstractBaseUser,
) -> dict[str, list[str]]:
    _membership(by, contract)
    title = " ".join(title.split())
    if not title:
        raise ContractError("Give the contract a title.")
    if (
        owner is not None
        and not Membership.objects.filter(
            user=owner, organisation_id=contract.organisation_id
        ).exists()
    ):
        raise ContractError("The owner must be a member of your organisation.")
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("owner")
            .get(pk=contract.pk)
        )
        changes: dict[str, list[str]] = {}
        new_counterparty = " ".join(counterparty.split())
        if locked.title != title:
            changes["title"] = [locked.title, title]
        if locked.counterparty != new_counterparty:
            changes["counterparty"] = [locked.counterparty, new_counterparty]
        if locked.owner_id != (owner.pk if owner else None):
            changes["owner"] = [
                locked.owner.get_username() if locked.owner else "",
                owner.get_username() if owner else "",
            ]
        if not changes:
            return changes
        Contract.objects.filter(pk=locked.pk).update(
            title=title[:300],
            counterparty=new_counterparty[:200],
            owner=owner,
            updated_at=timezone.now(),
        )
        ReviewLog.objects.create(
            contract=locked, actor=by, action="contract_edited", changes=changes
        )
        if "owner" in changes:
            deadlines_refresh_responsible(contract_id=locked.pk)
        # Calendar feeds show the title and counterparty: their events changed too.
        Deadline.objects.filter(contract_id=locked.pk).update(updated_at=timezone.now())
        # Imported here: the search service is only needed when a contract changes.
        from obligations.services.search import search_index_contract

        locked.refresh_from_db()
        search_index_contract(contract=locked)
    contract.refresh_from_db()
    return changes


def contract_archive(*, contract: Contract, by: AbstractBaseUser) -> bool:
    _membership(by, contract)
    from obligations.services.reminders import reminders_cancel_unwanted

    with transaction.atomic():
        archived = Contract.objects.filter(pk=contract.pk, archived_at__isnull=True).update(
            archived_at=timezone.now()
        )
        if archived:
            ReviewLog.objects.create(contract=contract, actor=by, action="archived")
            reminders_cancel_unwanted(
                deadline_ids=list(contract.deadlines.values_list("pk", flat=True))
            )
    contract.refresh_from_db()
    return bool(archived)


def contract_restore(*, contract: Contract, by: AbstractBaseUser) -> bool:
    _membership(by, contract)
    from obligations.services.reminders import reminders_schedule

    with transaction.atomic():
        restored = Contract.objects.filter(pk=contract.pk, archived_at__isnull=False).update(
            archived_at=None
        )
        if restored:
            ReviewLog.objects.create(contract=contract, actor=by, action="restored")
            for deadline in contract.deadlines.filter(status="open"):
                reminders_schedule(deadline=deadline)
    contract.refresh_from_db()
    return bool(restored)


def contract_delete(*, contract: Contract, by: AbstractBaseUser, confirm_title: str) -> None:
    membership = _membership(by, contract)
    if not membership.is_admin:
        raise ContractError("Only admins can delete a contract. Archive it instead.")
    if " ".join(confirm_title.split()) != contract.title:
        raise ContractError("Type the contract's title exactly to confirm the deletion.")
    files = [document.file for document in contract.documents.all() if document.file]
    with transaction.atomic():
        AuditEntry.objects.create(
            organisation_id=contract.organisation_id,
            actor=by,
            action="contract_deleted",
            subject=contract.title[:300],
            changes={
                "documents": [d.original_name for d in contract.documents.all()],
                "counterparty": contract.counterparty,
            },
        )
        contract.delete()
        transaction.on_commit(lambda: _remove_files(files))


def _remove_files(files: list) -> None:  # type: ignore[type-arg]
    for stored in files:
        try:
            stored.storage.delete(stored.name)
        except OSError:
            # The rows are gone; a file left behind is logged for the operator to remove.
            logger.exception("Could not remove the stored file %s", stored.name)


def organisation_owners(organisation_id: int) -> list[tuple[int, str]]:
    return list(
        get_user_model()
        .objects.filter(membership__organisation_id=organisation_id, is_active=True)
        .order_by("username")
        .values_list("pk", "username")
    )
