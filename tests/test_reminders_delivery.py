"""Sending: marked sent only once the SMTP server accepted; 4xx and network trouble retried
later with backoff; 5xx failed at once; superseded claims do nothing. A real SMTP conversation
with aiosmtpd in the test process; runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.utils import timezone

from obligations.models import Reminder
from obligations.models.choices import DeadlineStatus, ReminderState
from obligations.services.reminders import (
    ClaimToSend,
    Outcome,
    reminders_claim_due,
    reminders_deliver,
    reminders_deliver_batch,
    reminders_failed,
    retry_delay,
)
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person
from tests.reliability.smtp import free_port, smtp_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with smtp_server() as (handler, port):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_TIMEOUT = 5
        settings.REMINDER_RETRY_BASE_SECONDS = 60
        settings.REMINDER_RETRY_MAX_SECONDS = 3600
        yield handler


@pytest.fixture
def reminder():
    people, deadline = deadline_ahead(days=7)
    return due_reminders(deadline=deadline, count=1, recipients=[people.owner])[0]


def claim_and_deliver(**claim_args) -> list[Outcome]:
    return [
        reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token, digest=claim.digest
        )
        for claim in reminders_claim_due(**claim_args)
    ]


def test_marked_sent_only_after_the_server_accepted_it(smtp, reminder):
    assert claim_and_deliver() == [Outcome.SENT]

    reminder.refresh_from_db()
    assert reminder.state == ReminderState.SENT
    assert reminder.sent_at is not None
    assert (reminder.lease_token, reminder.lease_until) == ("", None)
    assert smtp.accepted_ids() == [reminder.message_id]
    assert reminder.sent_message_id == reminder.message_id
    message = smtp.messages[reminder.message_id]
    assert message["To"] == reminder.recipient.email
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    # Sent once; later sweeps leave it alone.
    assert claim_and_deliver() == []


def test_the_unsubscribe_link_reaches_the_mail_program_as_a_link(smtp, reminder):
    # RFC 8058: "List-Unsubscribe: <https://...>". Folded at 78 octets, the long signed link
    # would turn into encoded words that no mail program offers as one-click unsubscribe.
    assert claim_and_deliver() == [Outcome.SENT]
    head = smtp.raw[reminder.message_id].split(b"\r\n\r\n", 1)[0].decode("ascii")
    unfolded = re.sub(r"\r\n[ \t]", " ", head)
    line = next(x for x in unfolded.split("\r\n") if x.startswith("List-Unsubscribe:"))
    link = line.removeprefix("List-Unsubscribe:").strip()
    assert re.fullmatch(r"<https?://[^\s<>]+/email/unsubscribe/[^\s<>]+/>", link), line
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in unfolded
    assert all(len(x) <= 998 for x in head.split("\r\n"))


def test_451_goes_back_to_due_with_a_backed_off_retry_time_and_is_sent_later(smtp, reminder):
    smtp.answer = lambda message_id, recipients: "451 4.7.1 Greylisted, try again later"
    before = timezone.now()

    assert claim_and_deliver() == [Outcome.RETRY]

    reminder.refresh_from_db()
    assert reminder.state == ReminderState.DUE
    assert reminder.last_error.startswith("451")
    assert reminder.attempts == 1
    wait = reminder.next_attempt_at - before
    assert dt.timedelta(seconds=29) <= wait <= dt.timedelta(seconds=61)
    assert claim_and_deliver() == []  # not before its retry time

    smtp.answer = lambda message_id, recipients: None
    assert claim_and_deliver(now=reminder.next_attempt_at) == [Outcome.SENT]
    reminder.refresh_from_db()
    assert (reminder.state, reminder.attempts, reminder.last_error) == ("sent", 2, "")
    assert smtp.attempts_of(reminder.message_id) == 2
    assert smtp.accepted_ids() == [reminder.message_id]


def test_550_fails_at_once_and_is_never_tried_again(smtp, reminder):
    smtp.answer = lambda message_id, recipients: "550 5.1.1 No such mailbox"

    assert claim_and_deliver() == [Outcome.FAILED]

    reminder.refresh_from_db()
    assert reminder.state == ReminderState.FAILED
    assert reminder.last_error == "550 5.1.1 No such mailbox"
    later = timezone.now() + dt.timedelta(days=3)
    assert claim_and_deliver(now=later) == []
    assert smtp.attempts_of(reminder.message_id) == 1
    assert list(reminders_failed(organisation=reminder.deadline.organisation)) == [reminder]


def test_a_refused_connection_is_transient(settings, reminder):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_TIMEOUT = 5

    assert claim_and_deliver() == [Outcome.RETRY]

    reminder.refresh_from_db()
    assert reminder.state == ReminderState.DUE
    assert "ConnectionRefusedError" in reminder.last_error
    assert reminder.next_attempt_at > timezone.now()


def test_after_the_last_attempt_a_transient_failure_is_final(settings, smtp, reminder):
    settings.REMINDER_MAX_ATTEMPTS = 3
    smtp.answer = lambda message_id, recipients: "421 4.3.2 Service shutting down"
    outcomes = []
    for _ in range(5):
        reminder.refresh_from_db()
        outcomes += claim_and_deliver(now=reminder.next_attempt_at or timezone.now())

    assert outcomes == [Outcome.RETRY, Outcome.RETRY, Outcome.FAILED]
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.FAILED
    assert reminder.last_error.startswith("Gave up after 3 attempts; last: 421")
    assert smtp.attempts_of(reminder.message_id) == 3


def test_backoff_doubles_with_jitter_and_is_capped(settings):
    settings.REMINDER_RETRY_BASE_SECONDS = 60
    settings.REMINDER_RETRY_MAX_SECONDS = 3600
    for attempt, ceiling in [(1, 60), (2, 120), (3, 240), (6, 1920), (7, 3600), (20, 3600)]:
        delays = {retry_delay(attempt).total_seconds() for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays), (attempt, delays)
        assert len(delays) > 1  # jittered, so retries of many reminders spread out


def test_a_superseded_claim_sends_nothing_and_the_new_one_sends_once(smtp, reminder):
    (old,) = reminders_claim_due()
    # The worker holding the old claim is gone; its lease runs out and a later sweep re-claims.
    later = timezone.now() + dt.timedelta(seconds=3600)
    (new,) = reminders_claim_due(now=later)
    assert new.lease_token != old.lease_token

    assert reminders_deliver(reminder_ids=old.reminder_ids, lease_token=old.lease_token) == (
        Outcome.SKIPPED
    )
    assert smtp.accepted_ids() == []
    assert reminders_deliver(reminder_ids=new.reminder_ids, lease_token=new.lease_token) == (
        Outcome.SENT
    )
    # The old task redelivered by the broker, or the new one run twice: nothing more is sent.
    for claim in (old, new):
        assert reminders_deliver(
            reminder_ids=claim.reminder_ids, lease_token=claim.lease_token
        ) == (Outcome.SKIPPED)
    assert smtp.accepted_ids() == [reminder.message_id]


def test_a_deadline_done_while_queued_is_cancelled_not_sent(smtp, reminder):
    (claim,) = reminders_claim_due()
    reminder.deadline.status = DeadlineStatus.DONE
    reminder.deadline.save()

    assert reminders_deliver(reminder_ids=claim.reminder_ids, lease_token=claim.lease_token) == (
        Outcome.CANCELLED
    )
    reminder.refresh_from_db()
    assert reminder.state == ReminderState.CANCELLED
    assert smtp.accepted_ids() == []


def test_a_reminder_whose_worker_keeps_dying_is_given_up(settings, smtp, reminder):
    settings.REMINDER_MAX_ATTEMPTS = 4
    Reminder.objects.filter(pk=reminder.pk).update(attempts=4)  # four claims, no result

    assert claim_and_deliver() == [Outcome.FAILED]
    reminder.refresh_from_db()
    assert reminder.last_error == "No result after 4 attempts."
    assert smtp.accepted_ids() == []


def test_a_deleted_reminder_is_skipped_quietly(smtp, reminder):
    (claim,) = reminders_claim_due()
    reminder.deadline.delete()
    assert reminders_deliver(reminder_ids=claim.reminder_ids, lease_token=claim.lease_token) == (
        Outcome.SKIPPED
    )
    assert smtp.accepted_ids() == []


def _batch(claims) -> list[ClaimToSend]:
    return [ClaimToSend(c.reminder_ids, c.lease_token, c.digest) for c in claims]


def test_a_batch_of_claims_goes_out_over_one_connection(smtp):
    _, deadline = deadline_ahead(days=7)
    rows = due_reminders(deadline=deadline, count=20, recipients=[person() for _ in range(20)])
    claims = reminders_claim_due()
    assert len(claims) == 20

    assert reminders_deliver_batch(claims=_batch(claims)) == [Outcome.SENT] * 20

    assert sorted(smtp.accepted_ids()) == sorted(r.message_id for r in rows)
    assert len(smtp.connections) == 1
    assert Reminder.objects.filter(state=ReminderState.SENT).count() == 20
    # Each kept its own Message-ID in the ledger.
    sent = dict(Reminder.objects.values_list("pk", "sent_message_id"))
    assert all(sent[r.pk] == r.message_id for r in rows)


def test_a_refused_message_in_a_batch_leaves_the_others_going(smtp):
    _, deadline = deadline_ahead(days=7)
    rows = due_reminders(deadline=deadline, count=6, recipients=[person() for _ in range(6)])
    refused, greylisted = rows[1].message_id, rows[3].message_id

    def answer(message_id, recipients):
        if message_id == refused:
            return "550 5.1.1 No such mailbox"
        if message_id == greylisted:
            return "451 4.7.1 Greylisted"
        return None

    smtp.answer = answer
    claims = sorted(reminders_claim_due(), key=lambda c: c.reminder_ids)
    outcomes = reminders_deliver_batch(claims=_batch(claims))

    assert outcomes == [
        Outcome.SENT,
        Outcome.FAILED,
        Outcome.SENT,
        Outcome.RETRY,
        Outcome.SENT,
        Outcome.SENT,
    ]
    assert len(smtp.accepted_ids()) == 4
    states = dict(Reminder.objects.values_list("message_id", "state"))
    assert (states[refused], states[greylisted]) == (ReminderState.FAILED, ReminderState.DUE)
    # After a failure the batch opens a fresh connection rather than reuse a doubtful one.
    assert len(smtp.connections) >= 2


def test_a_superseded_claim_in_a_batch_is_skipped(smtp):
    _, deadline = deadline_ahead(days=7)
    due_reminders(deadline=deadline, count=3, recipients=[person() for _ in range(3)])
    claims = sorted(reminders_claim_due(), key=lambda c: c.reminder_ids)
    stale = ClaimToSend(claims[0].reminder_ids, "an-old-token")

    outcomes = reminders_deliver_batch(claims=[stale, *_batch(claims)])

    assert outcomes == [Outcome.SKIPPED, Outcome.SENT, Outcome.SENT, Outcome.SENT]
    assert len(smtp.accepted_ids()) == 3


def test_a_batch_reads_what_its_messages_need_in_one_query(smtp, django_assert_max_num_queries):
    _, deadline = deadline_ahead(days=7)
    due_reminders(deadline=deadline, count=10, recipients=[person() for _ in range(10)])
    claims = reminders_claim_due()
    # One UPDATE for the attempts and one SELECT for the messages, then per claim: the lock,
    # the "sent" UPDATE and the transaction's savepoint-free BEGIN/COMMIT at most. No lazy load
    # per reminder (contract, document, organisation, recipient).
    with django_assert_max_num_queries(2 + 10 * 4):
        assert reminders_deliver_batch(claims=_batch(claims)) == [Outcome.SENT] * 10


@pytest.mark.django_db(transaction=True)
def test_a_batch_locks_the_rows_of_the_message_it_sends_and_only_its_own(reminder):
    from django.db import connection, transaction

    from obligations.services.reminder_delivery import _lock_ours, _mark_sent

    if not connection.features.has_select_for_update_skip_locked:
        pytest.skip("row locks need PostgreSQL")
    (claim,) = reminders_claim_due()
    seen_by_a_sweep: list[list[int]] = []

    def sweep_looks() -> None:
        with transaction.atomic():
            rows = Reminder.objects.select_for_update(skip_locked=True).filter(pk=reminder.pk)
            seen_by_a_sweep.append(list(rows.values_list("pk", flat=True)))
        connection.close()

    with transaction.atomic():
        assert _lock_ours(claim.reminder_ids, "an-old-token") == set()
        assert _lock_ours(claim.reminder_ids, claim.lease_token) == {reminder.pk}
        thread = threading.Thread(target=sweep_looks)
        thread.start()
        thread.join()
        _mark_sent(claim.reminder_ids, "an-old-token", "<x@y>")  # not this claim's: no change
        assert Reminder.objects.get(pk=reminder.pk).state == ReminderState.SENDING
        _mark_sent(claim.reminder_ids, claim.lease_token, "<x@y>")
    thread = threading.Thread(target=sweep_looks)
    thread.start()
    thread.join()

    assert seen_by_a_sweep == [[], [reminder.pk]]  # locked while held, free after the commit
    sent = Reminder.objects.get(pk=reminder.pk)
    assert (sent.state, sent.lease_token, sent.lease_until) == (ReminderState.SENT, "", None)
    assert (sent.sent_message_id, sent.next_attempt_at, sent.last_error) == ("<x@y>", None, "")
    assert sent.sent_at is not None
