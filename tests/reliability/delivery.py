"""The check every reliability test ends with: each reminder arrived, and none arrived twice."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

from obligations.models import Reminder
from obligations.models.choices import ReminderState
from tests.reliability.processes import wait_until


class AcceptedIds(Protocol):
    def accepted_ids(self) -> list[str]: ...


def assert_each_delivered_once(
    handler: AcceptedIds, expected: set[str], *, log_tail: str, timeout: float = 180
) -> Counter[str]:
    """Wait until every expected Message-ID reached the SMTP server and every row is marked
    sent; then no Message-ID may have arrived twice. Returns the arrivals for further checks."""
    wait_until(
        lambda: set(handler.accepted_ids()) >= expected,
        timeout=timeout,
        what=f"every reminder to arrive\n{log_tail}",
    )
    wait_until(
        lambda: Reminder.objects.filter(state=ReminderState.SENT).count() == len(expected),
        timeout=30,
        what="every reminder to be recorded as sent",
    )
    arrivals = Counter(handler.accepted_ids())
    assert [message_id for message_id, n in arrivals.items() if n > 1] == []
    assert set(arrivals) == expected
    return arrivals
