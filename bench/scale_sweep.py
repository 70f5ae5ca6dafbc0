"""The reminder sweep at scale: N reminders come due and a real Celery worker (default
concurrency, default reminder settings) with beat delivers them to a local aiosmtpd sink; beside
it, the floor: plain smtplib sending N messages of the same size over one connection to the same
sink. Called by bench/scale.py --sweep N (Django is set up there).

The clock starts when the first sweep is enqueued (as beat would at its next tick) and stops when
every reminder is marked sent in the database. Every Message-ID must reach the sink exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from django.db import connection
from django.db.models import Case, When
from django.utils import timezone

from obligations.models import Deadline, Membership, Organisation, Reminder
from obligations.models.choices import (
    DeadlineStatus,
    EmailMode,
    ReminderKind,
    ReminderState,
    ReviewStatus,
)
from obligations.services.reminder_schedule import reminder_message_id, reminder_still_wanted_q

REPO = Path(__file__).resolve().parents[1]
BENCH_OFFSET = 20_000  # offsets no organisation plans: the bench's own reminders
RECIPIENTS = 20


class _Sink:
    """Accepts every message and counts Message-IDs and client connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.arrivals: Counter[str] = Counter()
        self.connections: set[tuple[object, ...]] = set()
        self.bytes = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content = envelope.original_content or envelope.content  # type: ignore[attr-defined]
        head = content.split(b"\r\n\r\n", 1)[0].decode(errors="replace")
        message_id = next(
            (
                line.split(":", 1)[1].strip()
                for line in head.splitlines()
                if line.lower().startswith("message-id:")
            ),
            "",
        )
        with self._lock:
            self.arrivals[message_id] += 1
            self.bytes += len(content)
            self.connections.add(tuple(session.peer))  # type: ignore[attr-defined]
        return "250 OK"

    def mean_size(self) -> int:
        with self._lock:
            return self.bytes // max(1, sum(self.arrivals.values()))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _make_due(*, count: int, organisation: Organisation, owner_id: int) -> list[str]:
    """`count` due reminders on open deadlines of `organisation`, to the owner and other members
    (RECIPIENTS in all) who get single emails; returns their Message-IDs. Earlier bench
    reminders are removed first, and rows an earlier run left in flight are put back."""
    Reminder.objects.filter(
        deadline__organisation=organisation, offset_days__gte=BENCH_OFFSET
    ).delete()
    # A previous run stops its worker in the middle of the data set's own backlog: the rows it
    # left in flight would hold the claim's room for five minutes (their lease) and then be sent
    # again before this run's reminders. They go back to waiting, as a restarted worker finds them.
    Reminder.objects.filter(
        deadline__organisation=organisation, state=ReminderState.SENDING
    ).update(state=ReminderState.DUE, lease_token="", lease_until=None)
    members = list(
        Membership.objects.filter(organisation=organisation)
        .exclude(user__email="")
        .order_by(Case(When(user_id=owner_id, then=0), default=1), "user_id")[:RECIPIENTS]
    )
    Membership.objects.filter(pk__in=[m.pk for m in members]).update(email_mode=EmailMode.SINGLE)
    per_deadline = 1
    deadline_ids = list(
        Deadline.objects.filter(organisation=organisation)
        .filter(
            status=DeadlineStatus.OPEN,
            obligation__review_status__in=(ReviewStatus.CONFIRMED, ReviewStatus.CORRECTED),
            contract__archived_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    if len(deadline_ids) < count:
        per_deadline = -(-count // max(1, len(deadline_ids)))
    # Due before anything the data set has due, so that the sweep claims these first and the
    # clock measures their delivery, not the data set's own backlog.
    send_at = timezone.now() - dt.timedelta(days=3650)
    rows = []
    for n in range(count):
        deadline_id = deadline_ids[n // per_deadline]
        recipient = members[n % len(members)].user_id
        offset = BENCH_OFFSET + n % per_deadline
        rows.append(
            Reminder(
                deadline_id=deadline_id,
                recipient_id=recipient,
                kind=ReminderKind.REMINDER,
                offset_days=offset,
                send_at=send_at,
                message_id=reminder_message_id(
                    deadline_id=deadline_id,
                    recipient_id=recipient,
                    kind=ReminderKind.REMINDER,
                    offset_days=offset,
                ),
            )
        )
    Reminder.objects.bulk_create(rows, batch_size=2000)
    wanted = Reminder.objects.filter(
        deadline__organisation=organisation, offset_days__gte=BENCH_OFFSET
    ).filter(reminder_still_wanted_q())
    assert wanted.count() == count, "some bench reminders would be cancelled as unwanted"
    return [row.message_id for row in rows]


def _id_range(organisation: Organisation) -> tuple[int, int]:
    ids = Reminder.objects.filter(
        deadline__organisation=organisation, offset_days__gte=BENCH_OFFSET
    ).values_list("pk", flat=True)
    return min(ids), max(ids)


def _floor(*, count: int, port: int, size: int) -> float:
    """Seconds for plain smtplib to send `count` messages of about `size` bytes over one
    connection."""
    body = "x" * max(0, size - 400)
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for n in range(count):
            message = EmailMessage()
            message["From"] = "bench@clausewatch.invalid"
            message["To"] = f"reader{n % RECIPIENTS}@clausewatch.invalid"
            message["Subject"] = f"Floor message {n}"
            message["Message-ID"] = f"<floor-{n}@clausewatch.invalid>"
            message.set_content(body)
            smtp.send_message(message)
    return time.perf_counter() - started


def _celery(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *args],
        cwd=REPO,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def sweep_benchmark(*, count: int, organisation: Organisation, owner_id: int) -> None:
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    if not (os.environ.get("REDIS_URL") or os.environ.get("CELERY_BROKER_URL")):
        print("The sweep benchmark needs Redis: set REDIS_URL.", file=sys.stderr)
        return
    expected = set(_make_due(count=count, organisation=organisation, owner_id=owner_id))
    # Polled by primary key: a join over millions of reminders every second would slow the run
    # it measures. The bench's rows were inserted together, so their ids are one range.
    first, last = _id_range(organisation)
    assert last - first + 1 == count, "the bench's reminders are not one range of ids"
    bench = Reminder.objects.filter(pk__gte=first, pk__lte=last)
    sink = _Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    folder = Path(tempfile.mkdtemp(prefix="clausewatch-sweep-"))
    env = {
        **os.environ,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
    }
    # Default reminder settings: whatever the environment says is dropped.
    env = {k: v for k, v in env.items() if not k.startswith("REMINDER_")}
    worker = _celery(["worker", "--loglevel", "WARNING"], env, folder / "worker.log")
    beat = _celery(
        ["beat", "--loglevel", "WARNING", "--schedule", str(folder / "beat-schedule")],
        env,
        folder / "beat.log",
    )
    try:
        time.sleep(5)  # the worker connects to Redis and the database
        connection.close()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "celery", "-A", "config", "call", "reminders.sweep"],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )
        while bench.filter(state=ReminderState.SENT).count() < count:
            if time.perf_counter() - started > 3600:
                raise SystemExit(f"not delivered within an hour; see {folder}")
            time.sleep(1)
        elapsed = time.perf_counter() - started
    finally:
        for process in (beat, worker):
            process.terminate()
        for process in (beat, worker):
            process.wait(timeout=60)
    arrived = {mid for mid, n in sink.arrivals.items() if mid in expected}
    doubled = sum(1 for mid, n in sink.arrivals.items() if mid in expected and n > 1)
    lost = len(expected - arrived)
    connections = len(sink.connections)
    floor = _floor(count=count, port=port, size=sink.mean_size())  # the same server
    controller.stop()
    print(
        f"\nReminder sweep: {count:,} due reminders delivered in {elapsed:.1f} s "
        f"({count / elapsed:.0f}/s) by one worker with default settings over {connections} SMTP "
        f"connections; lost {lost}, doubled {doubled}"
    )
    print(
        f"plain smtplib floor: {count:,} messages over one connection in {floor:.1f} s; "
        f"sweep / floor = {elapsed / floor:.2f}"
    )
