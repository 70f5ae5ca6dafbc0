"""Sending one claim: a single reminder or one recipient's digest.

The order is what keeps reminders from being lost or doubled:
1. Count the attempt and stretch the lease, committed at once, only if the rows still carry this
   claim's lease token; otherwise the claim was superseded (or the rows are gone) and the task
   ends quietly. A redelivered task message of an old claim therefore does nothing.
2. On PostgreSQL, lock the rows (SELECT ... FOR UPDATE) and check again, holding the lock until
   the outcome is committed: no other sender and no sweep (it skips locked rows) can touch them
   meanwhile, however long the mail server takes. SQLite has no row locks; there the lease
   (much longer than EMAIL_TIMEOUT) keeps others away and every write checks the token.
3. Reminders whose deadline was done, waived or whose obligation was rejected are cancelled.
4. Send with the deterministic Message-ID. Mark sent only after the server accepted the
   message, and commit that before the QUIT, so that the gap between "accepted" and "recorded"
   is as short as it can be.
5. A transient failure (4xx, refused connection, timeout, dropped connection) puts the rows back
   to due with next_attempt_at = now + backoff with jitter, so the sweep retries them later
   (no Celery ETA messages); after REMINDER_MAX_ATTEMPTS they are failed. A permanent failure
   (5xx) marks them failed at once with the server's answer in last_error: no retry storm.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import random
import smtplib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from obligations.models import Reminder
from obligations.models.choices import ReminderState
from obligations.services.reminder_email import bracketed, digest_message_id, reminder_email
from obligations.services.reminder_schedule import reminder_still_wanted

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a transient failure; the sweep tries again after next_attempt_at
    FAILED = "failed"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # not ours any more: superseded claim, already sent, or deleted


@dataclass(frozen=True)
class SmtpFailure:
    permanent: bool
    text: str


def smtp_failure(exc: BaseException) -> SmtpFailure | None:
    """Sort a sending error into permanent (5xx, a malformed address) or transient (4xx and
    network trouble); None for anything else, which is a bug and should surface."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = list(exc.recipients.items())
        codes = [code for _, (code, _) in answers]
        text = "; ".join(f"{address}: {code} {_text(reply)}" for address, (code, reply) in answers)
        return SmtpFailure(bool(codes) and all(500 <= c < 600 for c in codes), text)
    if isinstance(exc, smtplib.SMTPResponseException):
        code = exc.smtp_code
        return SmtpFailure(500 <= code < 600, f"{code} {_text(exc.smtp_error)}")
    if isinstance(exc, smtplib.SMTPException | OSError):  # OSError: refused, timeout, reset
        return SmtpFailure(False, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, ValueError):  # Django's check of a recipient address
        return SmtpFailure(True, str(exc))
    return None


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def retry_delay(attempt: int) -> dt.timedelta:
    """Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped."""
    ceiling = min(
        settings.REMINDER_RETRY_MAX_SECONDS,
        settings.REMINDER_RETRY_BASE_SECONDS * 2 ** max(attempt - 1, 0),
    )
    # Jitter spreads retries out; nothing depends on it being unpredictable.
    return dt.timedelta(seconds=random.uniform(ceiling / 2, ceiling))  # noqa: S311


def _ours(ids: Sequence[int], token: str) -> QuerySet[Reminder]:
    return Reminder.objects.filter(pk__in=ids, state=ReminderState.SENDING, lease_token=token)


@contextmanager
def _held(ids: Sequence[int], token: str) -> Iterator[list[Reminder]]:
    rows = _for_message(_ours(ids, token))
    if db_connection.features.has_select_for_update:
        with transaction.atomic():
            yield list(rows.select_for_update(of=("self",)).order_by("pk"))
    else:
        yield list(rows.order_by("pk"))


def _for_message(rows: QuerySet[Reminder]) -> QuerySet[Reminder]:
    """`rows` with everything the message reads, in one query: a lazy load per reminder would
    cost more than the message itself. A document's text is never part of a reminder."""
    document = "deadline__obligation__document__"
    return rows.select_related(
        "recipient__membership",
        "deadline__contract",
        "deadline__obligation__clause",
        "deadline__obligation__contract__organisation",
        "deadline__obligation__document",
        "deadline__organisation",
    ).defer(
        *(
            document + name
            for name in ("text", "unused_periods", "warnings", "changes", "changes_evidence")
        )
    )


@dataclass(frozen=True)
class ClaimToSend:
    """One claim as a send task carries it: the reminder ids and the claim's lease token."""

    reminder_ids: tuple[int, ...]
    lease_token: str
    digest: bool = False


def reminders_deliver(
    *,
    reminder_ids: Sequence[int],
    lease_token: str,
    digest: bool = False,
    mail: BaseEmailBackend | None = None,
) -> Outcome:
    """Send the reminders of one claim as one message (see the module docstring), over `mail`
    when given (left open for the next message), else over a connection of its own."""
    now = timezone.now()
    lease_until = now + dt.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    if not _ours(reminder_ids, lease_token).update(
        attempts=F("attempts") + 1, lease_until=lease_until
    ):
        return Outcome.SKIPPED
    if mail is not None:
        with _held(reminder_ids, lease_token) as rows:
            return _deliver_held(rows, lease_token=lease_token, digest=digest, mail=mail)
    own = get_connection(fail_silently=False)
    try:
        with _held(reminder_ids, lease_token) as rows:
            return _deliver_held(rows, lease_token=lease_token, digest=digest, mail=own)
    finally:
        _close(own)  # QUIT only now, after the outcome is committed.


def reminders_deliver_batch(*, claims: Sequence[ClaimToSend]) -> list[Outcome | None]:
    """Send several claims, one after the other, over one SMTP connection: the mail server's
    pace, not a connection per message. The attempts of the whole batch are counted (and its
    leases stretched) in one UPDATE and what the messages read is loaded in one query; then
    each claim is locked, sent and recorded in its own transaction before the next, exactly as
    `reminders_deliver` does for one. A claim that fails for a reason other than the mail
    server (a bug) is logged and left to its lease, and the batch goes on (its outcome: None)."""
    lease_until = timezone.now() + dt.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    by_token: dict[str, list[int]] = {}
    for claim in claims:
        by_token.setdefault(claim.lease_token, []).extend(claim.reminder_ids)
    for token, ids in by_token.items():
        _ours(ids, token).update(attempts=F("attempts") + 1, lease_until=lease_until)
    loaded = {
        row.pk: row
        for row in _for_message(
            Reminder.objects.filter(pk__in=[pk for ids in by_token.values() for pk in ids])
        )
    }
    mail = get_connection(fail_silently=False)
    outcomes: list[Outcome | None] = []
    try:
        for claim in claims:
            try:
                outcomes.append(_deliver_loaded(claim, loaded, mail))
            except Exception:
                log.exception("Sending reminders %s failed; their lease will run out", claim)
                _close(mail)
                outcomes.append(None)
    finally:
        _close(mail)
    return outcomes


def _deliver_loaded(
    claim: ClaimToSend, loaded: dict[int, Reminder], mail: BaseEmailBackend
) -> Outcome:
    """One claim of a batch: lock its rows (a plain query: what the message reads was loaded
    for the whole batch), check they are still ours, send and record."""
    if db_connection.features.has_select_for_update:
        with transaction.atomic():
            locked = _lock_ours(claim.reminder_ids, claim.lease_token)
            rows = [loaded[pk] for pk in sorted(locked) if pk in loaded]
            return _deliver_held(
                rows, lease_token=claim.lease_token, digest=claim.digest, mail=mail
            )
    locked = set(_ours(claim.reminder_ids, claim.lease_token).values_list("pk", flat=True))
    rows = [loaded[pk] for pk in sorted(locked) if pk in loaded]
    return _deliver_held(rows, lease_token=claim.lease_token, digest=claim.digest, mail=mail)


def _close(mail: BaseEmailBackend) -> None:
    try:
        mail.close()
    except (smtplib.SMTPException, OSError):
        log.debug("Closing the SMTP connection failed", exc_info=True)


def _deliver_held(
    rows: list[Reminder], *, lease_token: str, digest: bool, mail: BaseEmailBackend
) -> Outcome:
    if not rows:
        return Outcome.SKIPPED
    unwanted = [r.pk for r in rows if not reminder_still_wanted(r)]
    if unwanted:
        _ours(unwanted, lease_token).update(
            state=ReminderState.CANCELLED, lease_token="", lease_until=None
        )
        rows = [r for r in rows if r.pk not in unwanted]
        if not rows:
            return Outcome.CANCELLED
    worn_out = [r.pk for r in rows if r.attempts > settings.REMINDER_MAX_ATTEMPTS]
    if worn_out:
        # Claimed again and again without a result: the worker keeps dying on it.
        _fail(worn_out, lease_token, f"No result after {settings.REMINDER_MAX_ATTEMPTS} attempts.")
        rows = [r for r in rows if r.pk not in worn_out]
        if not rows:
            return Outcome.FAILED
    ids = [r.pk for r in rows]
    message_id = digest_message_id(rows) if digest else bracketed(rows[0].message_id)
    message = reminder_email(reminders=rows, message_id=message_id, digest=digest)
    try:
        mail.open()
        mail.send_messages([message])
    except Exception as exc:
        failure = smtp_failure(exc)
        if failure is None:
            raise
        # The connection may be broken; the next message of a batch opens a fresh one.
        _close(mail)
        return _record_failure(rows, lease_token, failure)
    _mark_sent(ids, lease_token, message_id)
    return Outcome.SENT


# The two statements below run once per message. Built through the ORM they cost the worker
# more than the statements themselves (about 0.7 of a millisecond against 0.8 for both in SQL),
# so they are written once in SQL, with the names the model gives its table and columns.
@functools.cache  # the names of one model on one database: built once per process
def _sql_names() -> dict[str, str]:
    quote = db_connection.ops.quote_name
    names = {"table": quote(Reminder._meta.db_table)}
    for field in (
        "id",
        "state",
        "lease_token",
        "lease_until",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "sent_message_id",
    ):
        names[field] = quote(Reminder._meta.get_field(field).column)
    return names


def _ours_sql(ids: Sequence[int]) -> str:
    placeholders = ", ".join(["%s"] * len(ids))
    return "{id} IN (" + placeholders + ") AND {state} = %s AND {lease_token} = %s"


def _lock_ours(ids: Sequence[int], token: str) -> set[int]:
    """Within the caller's transaction, lock the rows of `ids` this claim still holds (as
    `_ours(...).select_for_update()` would) and return their ids."""
    # Only the model's quoted names and "%s" placeholders are put into the statement.
    statement = "SELECT {id} FROM {table} WHERE " + _ours_sql(ids) + " FOR UPDATE"  # noqa: S608
    sql = statement.format(**_sql_names())
    with db_connection.cursor() as cursor:
        cursor.execute(sql, [*ids, ReminderState.SENDING.value, token])
        return {row[0] for row in cursor.fetchall()}


def _mark_sent(ids: Sequence[int], token: str, message_id: str) -> None:
    sql = (
        "UPDATE {table} SET {state} = %s, {sent_at} = %s, {lease_token} = '', "  # noqa: S608
        "{lease_until} = NULL, {next_attempt_at} = NULL, {last_error} = '', "
        "{sent_message_id} = %s WHERE " + _ours_sql(ids)
    ).format(**_sql_names())
    with db_connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                ReminderState.SENT.value,
                db_connection.ops.adapt_datetimefield_value(timezone.now()),
                message_id,
                *ids,
                ReminderState.SENDING.value,
                token,
            ],
        )


def _fail(ids: Sequence[int], token: str, error: str) -> None:
    _ours(ids, token).update(
        state=ReminderState.FAILED, lease_token="", lease_until=None, last_error=error[:2000]
    )


def _record_failure(rows: list[Reminder], token: str, failure: SmtpFailure) -> Outcome:
    ids = [r.pk for r in rows]
    attempts = max(r.attempts for r in rows)
    if failure.permanent:
        log.warning("Reminders %s failed permanently: %s", ids, failure.text)
        _fail(ids, token, failure.text)
        return Outcome.FAILED
    if attempts >= settings.REMINDER_MAX_ATTEMPTS:
        log.warning("Reminders %s failed after %d attempts: %s", ids, attempts, failure.text)
        _fail(ids, token, f"Gave up after {attempts} attempts; last: {failure.text}")
        return Outcome.FAILED
    retry_at = timezone.now() + retry_delay(attempts)
    log.info("Reminders %s will be retried at %s: %s", ids, retry_at, failure.text)
    _ours(ids, token).update(
        state=ReminderState.DUE,
        lease_token="",
        lease_until=None,
        next_attempt_at=retry_at,
        last_error=failure.text[:2000],
    )
    return Outcome.RETRY
