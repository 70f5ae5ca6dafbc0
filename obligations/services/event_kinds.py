"""An organisation's own kinds of event: named by its admins, each counting as one of the
vocabulary's kinds, so that logging "Go-live" dates what "Milestone reached" dates."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count

from obligations.models import AuditEntry, Organisation, OwnEventKind
from obligations.vocabulary.anchors import EVENT_KIND_BY_CODE, EVENT_KINDS

LABEL_MAX = OwnEventKind._meta.get_field("label").max_length or 80


class EventKindError(Exception):
    """A change the rules do not allow; the message says why, in words for the page."""


def _clean_label(*, organisation: Organisation, label: str, kind: OwnEventKind | None) -> str:
    label = " ".join(label.split())
    if not label:
        raise EventKindError("Give the kind of event a name, for example “Go-live”.")
    if len(label) > LABEL_MAX:
        raise EventKindError(f"Keep the name to {LABEL_MAX} characters or fewer.")
    if any(label.casefold() == built_in.label.casefold() for built_in in EVENT_KINDS):
        raise EventKindError(f"“{label}” is already one of the built-in kinds; log it as that.")
    taken = OwnEventKind.objects.filter(organisation=organisation, label__iexact=label)
    if kind is not None:
        taken = taken.exclude(pk=kind.pk)
    if taken.exists():
        raise EventKindError(f"Your organisation already has a kind of event called “{label}”.")
    return label


def _audit(
    *,
    organisation: Organisation,
    by: AbstractBaseUser,
    action: str,
    subject: str,
    **changes: list[str],
) -> None:
    AuditEntry.objects.create(
        organisation=organisation, actor=by, action=action, subject=subject, changes=changes
    )


def own_event_kind_add(
    *, organisation: Organisation, label: str, counts_as: str, by: AbstractBaseUser
) -> OwnEventKind:
    if counts_as not in EVENT_KIND_BY_CODE:
        raise EventKindError("Choose which built-in kind it counts as.")
    label = _clean_label(organisation=organisation, label=label, kind=None)
    try:
        with transaction.atomic():
            kind = OwnEventKind.objects.create(
                organisation=organisation, label=label, counts_as=counts_as
            )
            _audit(
                organisation=organisation,
                by=by,
                action="event_kind_added",
                subject=label,
                counts_as=[EVENT_KIND_BY_CODE[counts_as].label],
            )
    except IntegrityError as error:  # the same name added at the same moment
        raise EventKindError(
            f"Your organisation already has a kind of event called “{label}”."
        ) from error
    return kind


def own_event_kind_rename(*, kind: OwnEventKind, label: str, by: AbstractBaseUser) -> OwnEventKind:
    """A new name for the kind; events logged under it show the new name."""
    label = _clean_label(organisation=kind.organisation, label=label, kind=kind)
    if label == kind.label:
        return kind
    old = kind.label
    try:
        with transaction.atomic():
            kind.label = label
            kind.save(update_fields=["label"])
            _audit(
                organisation=kind.organisation,
                by=by,
                action="event_kind_renamed",
                subject=label,
                label=[old, label],
            )
    except IntegrityError as error:
        raise EventKindError(
            f"Your organisation already has a kind of event called “{label}”."
        ) from error
    return kind


def own_event_kind_remove(*, kind: OwnEventKind, by: AbstractBaseUser) -> None:
    """Remove a kind no event was logged under; one in use stays, with the reason."""
    with transaction.atomic():
        locked = OwnEventKind.objects.select_for_update().get(pk=kind.pk)
        used = locked.events.count()
        if used:
            raise EventKindError(
                f"“{locked.label}” cannot be removed: {used} logged "
                f"event{'s' if used != 1 else ''} use{'s' if used == 1 else ''} it. "
                "Rename it instead."
            )
        locked.delete()
        _audit(
            organisation=kind.organisation, by=by, action="event_kind_removed", subject=locked.label
        )


def own_event_kinds_with_use(organisation: Organisation) -> list[OwnEventKind]:
    """The organisation's kinds, each with `used`: how many events were logged under it."""
    return list(
        OwnEventKind.objects.filter(organisation=organisation)
        .annotate(used=Count("events"))
        .order_by("label", "id")
    )
