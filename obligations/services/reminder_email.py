"""The reminder email: a single reminder or a recipient's digest, plain text and HTML from
templates/emails/, with signed action links and a deterministic Message-ID."""

from __future__ import annotations

import datetime as dt
import email.message
import email.policy
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from obligations.models import Contract, Reminder
from obligations.models.choices import ReminderKind
from obligations.services.notification_settings import unsubscribe_token
from obligations.services.reminder_actions import ReminderAction, reminder_action_token
from obligations.services.reminder_schedule import message_id_domain, zone_named

QUOTE_LIMIT = 700


class _OneLineHeader(UnstructuredHeader):
    """A header written on one line, never folded: a long link without spaces, folded at 78
    octets, turns into RFC 2047 encoded words, and a mail program no longer finds the link in
    it (RFC 8058 one-click unsubscribe). One line may hold up to 998 octets (RFC 5322)."""

    max_count = 1

    def fold(self, *, policy: email.policy.Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


class _PlainHeader(UnstructuredHeader, BaseHeader):
    """A header value of printable ASCII that fits on one line, kept as it is. The standard
    classes parse every value into tokens and fold the tokens back into the same line, which
    costs a reminder more than rendering its templates."""

    @classmethod
    def parse(cls, value: str, kwds: dict[str, Any]) -> None:
        kwds["parse_tree"] = None
        kwds["decoded"] = value

    def fold(self, *, policy: email.policy.Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


# Headers that nothing reads back from the message once it is built (MIME headers are: their
# parameters are parsed), taken as they are when plain; any other value is parsed as usual
# (a subject with a dash is encoded, a long one folded).
_PLAIN_NAMES = frozenset(
    {"subject", "from", "to", "cc", "reply-to", "date", "message-id", "auto-submitted"}
    | {"x-auto-response-suppress", "list-unsubscribe-post"}
)
_LINE_OCTETS = 78  # RFC 5322's recommended line length, the default policy's


def _is_plain(name: str, value: object) -> bool:
    return (
        isinstance(value, str)
        and value.isascii()
        and value.isprintable()
        and "=?" not in value  # would read as an encoded word
        and value == value.strip()
        and len(name) + 2 + len(value) <= _LINE_OCTETS
    )


class _Headers(HeaderRegistry):
    """The standard registry, each header class made once: the standard one makes a new class
    for every header of every message (a few dozen per reminder)."""

    def __init__(self) -> None:
        super().__init__()
        self.map_to_type("list-unsubscribe", _OneLineHeader)
        self._made: dict[str, type] = {}

    def __getitem__(self, name: str) -> type:
        made = self._made.get(name.lower())
        if made is None:
            made = self._made[name.lower()] = super().__getitem__(name)
        return made

    def __call__(self, name: str, value: Any) -> Any:
        if name.lower() in _PLAIN_NAMES and _is_plain(name, value):
            return _PlainHeader(name, value)
        return super().__call__(name, value)


_HEADERS = _Headers()


class ReminderMessage(EmailMultiAlternatives):
    """A reminder email whose List-Unsubscribe link reaches the mail program as a link."""

    def message(self, *, policy: Any = email.policy.default) -> email.message.EmailMessage:
        return super().message(policy=policy.clone(header_factory=_HEADERS))


@dataclass(frozen=True)
class ReminderItem:
    """What one reminder says, ready for the templates."""

    reminder: Reminder
    headline: str
    days_left: int
    quote: str
    clause: str
    explanation: list[str]
    done_url: str
    snooze_day_url: str
    snooze_week_url: str
    review_url: str


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def contract_review_url(contract: Contract) -> str:
    """The contract's review page, or the dashboard while that page does not exist."""
    try:
        return absolute_url(reverse("contract_review", kwargs={"pk": contract.pk}))
    except NoReverseMatch:
        return absolute_url(reverse("dashboard"))


def _action_url(reminder: Reminder, action: ReminderAction) -> str:
    token = reminder_action_token(reminder=reminder, action=action)
    return absolute_url(reverse("reminder_action", kwargs={"token": token}))


def _headline(kind: str, days_left: int, *, ours: bool = True) -> str:
    if kind == ReminderKind.OVERDUE or days_left < 0:
        late = -days_left
        overdue = f"overdue by {late} day{'s' if late != 1 else ''}"
        return f"Overdue by {late} day{'s' if late != 1 else ''}" if ours else f"Check: {overdue}"
    when = {0: "today", 1: "tomorrow"}.get(days_left, f"in {days_left} days")
    if not ours:
        # The other side owes the act: we check that it happened, we do not do it.
        return f"Check: due {when} from the other side"
    if kind == ReminderKind.ESCALATION:
        return f"Still open and due {when}"
    return f"Due {when}"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def reminder_item(reminder: Reminder, *, now: dt.datetime) -> ReminderItem:
    deadline = reminder.deadline
    obligation = deadline.obligation
    today = now.astimezone(zone_named(deadline.contract.time_zone)).date()
    days_left = (deadline.act_by - today).days
    clause = obligation.clause
    clause_name = ""
    if clause is not None:
        clause_name = " ".join(part for part in (clause.ref, clause.heading) if part)
    explanation = deadline.explanation
    if isinstance(explanation, list):
        lines = [str(line) for line in explanation]
    else:
        lines = [str(explanation)] if explanation else []
    return ReminderItem(
        reminder=reminder,
        headline=_headline(reminder.kind, days_left, ours=obligation.is_ours),
        days_left=days_left,
        quote=_quote(obligation.quote),
        clause=clause_name,
        explanation=lines,
        done_url=_action_url(reminder, ReminderAction.DONE),
        snooze_day_url=_action_url(reminder, ReminderAction.SNOOZE_DAY),
        snooze_week_url=_action_url(reminder, ReminderAction.SNOOZE_WEEK),
        review_url=contract_review_url(deadline.contract),
    )


def unsubscribe_url(*, recipient: AbstractBaseUser) -> str:
    token = unsubscribe_token(user_id=recipient.pk)
    return absolute_url(reverse("email_unsubscribe", args=[token]))


def bracketed(message_id: str) -> str:
    message_id = message_id.strip()
    return message_id if message_id.startswith("<") else f"<{message_id}>"


def digest_message_id(reminders: Sequence[Reminder]) -> str:
    """One digest's Message-ID, from its reminders' ids and the day it is for: the same set of
    reminders always makes the same Message-ID."""
    ids = sorted(r.pk for r in reminders)
    zone = zone_named(reminders[0].deadline.organisation.time_zone)
    day = min(r.send_at for r in reminders).astimezone(zone).date()
    fingerprint = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]
    recipient_id = reminders[0].recipient_id
    return f"<digest-{recipient_id}-{day:%Y%m%d}-{fingerprint}@{message_id_domain()}>"


def reminder_email(
    *,
    reminders: Sequence[Reminder],
    message_id: str,
    digest: bool,
    now: dt.datetime | None = None,
) -> ReminderMessage:
    """The message for one reminder (digest=False) or one recipient's digest."""
    now = now or timezone.now()
    recipient = reminders[0].recipient
    items = [reminder_item(r, now=now) for r in reminders]
    items.sort(key=lambda item: (item.reminder.deadline.act_by, item.reminder.pk))
    context = {
        "recipient": recipient,
        "items": items,
        "item": items[0],
        "day": now.astimezone(zone_named(reminders[0].deadline.organisation.time_zone)).date(),
        "dashboard_url": absolute_url(reverse("dashboard")),
        "link_days": settings.REMINDER_LINK_MAX_AGE_DAYS,
        "unsubscribe_url": unsubscribe_url(recipient=recipient),
        "settings_url": absolute_url(reverse("notification_settings")),
    }
    name = "digest" if digest else "reminder"
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    message = ReminderMessage(
        subject=subject,
        body=render_to_string(f"emails/{name}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Message-ID": bracketed(message_id),
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
            # One-click unsubscribe (RFC 8058): mail programs POST to the link, no sign-in.
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"emails/{name}.html", context), "text/html")
    return message
