import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from obligations.models.choices import (
    EVENT_KIND_CODES,
    DeadlineStatus,
    ReminderKind,
    ReminderState,
)
from obligations.models.contracts import Contract
from obligations.models.obligations import Obligation
from obligations.models.organisations import Organisation
from obligations.vocabulary.anchors import EVENT_KIND_BY_CODE, event_kind_choices

PASSED_WHEN_COMPUTED = "This deadline had already passed on"


class OwnEventKind(models.Model):
    """A kind of event an organisation names for itself ("Go-live", "Board approval"), which
    counts as one of the vocabulary's kinds: logged, it dates what that kind dates, under the
    organisation's own name."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="event_kinds"
    )
    label = models.CharField(max_length=80)
    counts_as = models.CharField(max_length=32, choices=event_kind_choices())
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["label", "id"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("label"), name="own_event_kind_label_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(counts_as__in=EVENT_KIND_CODES),
                name="own_event_kind_counts_as_known",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def counts_as_label(self) -> str:
        kind = EVENT_KIND_BY_CODE.get(self.counts_as)
        return kind.label if kind else self.counts_as


class Event(models.Model):
    """Something that happened on a contract and that deadlines count from."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=32, choices=event_kind_choices())
    # Logged under one of the organisation's own kinds: `kind` is what it counts as.
    own_kind = models.ForeignKey(
        OwnEventKind, on_delete=models.PROTECT, null=True, blank=True, related_name="events"
    )
    occurred_on = models.DateField()
    # The day it takes effect, for kinds that have one (a change, a termination): deadlines
    # "before the change takes effect" count from this day, not from the announcement.
    effective_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EVENT_KIND_CODES), name="event_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=True)
                | models.Q(effective_on__gte=models.F("occurred_on")),
                name="event_effective_not_before_occurred",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} on {self.occurred_on}"

    @property
    def label(self) -> str:
        """What happened, in the organisation's own words when it logged one of its kinds."""
        return self.own_kind.label if self.own_kind_id else self.get_kind_display()

    @property
    def effective_label(self) -> str:
        kind = EVENT_KIND_BY_CODE.get(self.kind)
        return kind.effective_label if kind and kind.has_effective_date else ""


class Deadline(models.Model):
    """One occurrence of an obligation's due date."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="deadlines"
    )
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="deadlines")
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="deadlines")
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="deadlines"
    )
    # Which occurrence this is ("term:2026-03-31", "event:17", "quarter:2026-Q1"), so that
    # recomputation updates the same row instead of adding another.
    occurrence = models.CharField(max_length=64)
    # Overrides the obligation's assignee for this one occurrence.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_deadlines",
    )
    # Who answers for it, kept in step by deadlines_refresh_responsible: the assignee, else the
    # obligation's, else the contract's owner. Stored so that "Mine" and a member's calendar feed
    # read one index instead of three joined tables.
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    deadline = models.DateField()
    act_by = models.DateField()
    unshifted = models.DateField(null=True, blank=True)
    explanation = models.JSONField(default=list)
    status = models.CharField(
        max_length=16, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    history = models.JSONField(default=list, blank=True)  # earlier values with when and why
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["act_by", "id"]
        indexes = [
            # The dashboard: open deadlines of an organisation in act-by order, read page by page.
            models.Index(
                fields=["organisation", "act_by", "id"],
                name="deadline_open_by_act_by",
                condition=models.Q(status="open"),
            ),
            # The calendar, the CSV export and the feeds: every status, one window of days.
            # Covering: the calendar counts a month and picks each day's first rows from the index
            # alone.
            models.Index(
                fields=["organisation", "act_by", "id"],
                name="deadline_org_act_by",
                include=["status", "contract", "responsible"],
            ),
            # A member's own deadlines: "Mine" on the dashboard and their calendar feed.
            # Covering, so that a feed poll that changed nothing is answered from the index.
            models.Index(
                fields=["responsible", "act_by", "id"],
                name="deadline_responsible_act_by",
                include=["organisation", "status", "updated_at", "contract"],
            ),
            # Renewal notices: the contract list's next renewal and its "renewal within" filter.
            models.Index(
                fields=["organisation", "act_by"],
                name="deadline_open_term_act_by",
                condition=models.Q(status="open", occurrence__startswith="term:"),
            ),
            models.Index(
                fields=["contract", "act_by"],
                name="deadline_open_term_contract",
                condition=models.Q(status="open", occurrence__startswith="term:"),
            ),
            # A contract's next deadline (contract list).
            models.Index(
                fields=["contract", "act_by"],
                name="deadline_open_contract_act_by",
                condition=models.Q(status="open"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "occurrence"], name="deadline_occurrence_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(act_by__lte=models.F("deadline")),
                name="deadline_act_by_not_after_deadline",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DeadlineStatus.values),
                name="deadline_status_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} by {self.act_by}"

    @property
    def answered_by(self):  # type: ignore[no-untyped-def]
        """Who answers for this deadline: its assignee, else its obligation's, else the
        contract's owner (None when nobody is named)."""
        return self.assignee or self.obligation.assignee or self.contract.owner

    @property
    def is_ours(self) -> bool:
        return self.obligation.is_ours

    @property
    def passed_when_computed(self) -> bool:
        return bool(self.explanation) and str(self.explanation[0]).startswith(PASSED_WHEN_COMPUTED)

    @property
    def plain_sentence(self) -> str:
        return deadline_plain_sentence(
            obligation=self.obligation,
            contract=self.contract,
            act_by=self.act_by,
            occurrence=self.occurrence,
            passed_when_computed=self.passed_when_computed,
        )


def share_contracts(deadlines: Iterable[Deadline]) -> list[Deadline]:
    """The deadlines, each obligation given its deadline's contract (loaded with
    select_related("contract__organisation")): a deadline's obligation belongs to the same
    contract, so the query need not join the contract and its organisation a second time."""
    rows = list(deadlines)
    for deadline in rows:
        deadline.obligation.contract = deadline.contract
    return rows


@lru_cache(maxsize=4096)
def _long_date(day: dt.date) -> str:
    # Remembered: a feed writes the same few hundred days into thousands of sentences.
    return f"{day:%a %d %b %Y}"


class SentenceParty(Protocol):
    """What the plain sentence reads of an obligation: an Obligation, or its values."""

    @property
    def summary(self) -> str: ...
    @property
    def is_ours(self) -> bool: ...
    @property
    def party_name(self) -> str: ...


def deadline_plain_sentence(
    *,
    obligation: SentenceParty,
    contract: Contract,
    act_by: dt.date,
    occurrence: str,
    passed_when_computed: bool,
) -> str:
    """One sentence a lawyer can act on: what to do (or to check), by when, and why then. A
    function of the deadline's fields, so that a feed can write it from rows without building
    a model instance for each."""
    sentence = _act_sentence(obligation, contract, act_by=act_by, occurrence=occurrence)
    if passed_when_computed:
        return f"{sentence} This date had already passed when it was first computed."
    return sentence


def _act_sentence(
    obligation: SentenceParty, contract: Contract, *, act_by: dt.date, occurrence: str
) -> str:
    by = _long_date(act_by)
    summary = obligation.summary.rstrip(" .;:,")
    if occurrence.startswith("term:"):
        term_end = dt.date.fromisoformat(occurrence.removeprefix("term:"))
        renews = contract.auto_renews is not False and contract.renewal_term_amount
        purpose = (
            f"to stop the renewal on {_long_date(term_end + dt.timedelta(days=1))}"
            if renews
            else f"to end the contract when its term ends on {_long_date(term_end)}"
        )
        if obligation.is_ours:
            return f"Give written notice by {by} {purpose}."
        return f"Check whether {obligation.party_name} gives notice by {by} {purpose}."
    if obligation.is_ours:
        return f"{summary}: act by {by}."
    return f"Check that {obligation.party_name} has done this by {by}: {summary}."


class Reminder(models.Model):
    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    offset_days = models.IntegerField()  # days before act_by; -1 is the day after (overdue)
    send_at = models.DateTimeField()
    state = models.CharField(
        max_length=16, choices=ReminderState.choices, default=ReminderState.DUE
    )
    attempts = models.PositiveIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=200, unique=True)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Which claim holds the lease: a send task only acts on a row still carrying its token.
    lease_token = models.CharField(max_length=32, blank=True, default="")
    # A snoozed reminder comes back as a follow-up row of its own (one per reminder).
    snoozed_from = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="snooze"
    )
    # The Message-ID it went out under: its own, or its digest's.
    sent_message_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["send_at", "id"]
        indexes = [
            models.Index(
                fields=["send_at"],
                name="reminder_due_by_send_at",
                condition=models.Q(state__in=["due", "sending"]),
            ),
            models.Index(
                fields=["deadline"],
                name="reminder_failed",
                condition=models.Q(state="failed"),
            ),
            # The sweep's two questions, each a short range scan however many reminders wait
            # for later days: which due rows have come due, which leases have run out (and how
            # many are in flight).
            models.Index(
                fields=["send_at", "id"],
                name="reminder_due_send_at",
                condition=models.Q(state="due"),
            ),
            # Sending rows by lease, for the claims of abandoned ones. "lease_until IS NOT NULL"
            # (every sending row has one) keeps the index to the queries that compare the lease:
            # analysed while nothing was being sent, it looked empty to the planner, which then
            # read every row in flight to find one claim's rows by primary key.
            models.Index(
                fields=["lease_until"],
                name="reminder_sending_lease",
                condition=models.Q(state="sending", lease_until__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "recipient", "kind", "offset_days"],
                condition=models.Q(snoozed_from__isnull=True),
                name="reminder_unique_per_deadline_recipient_offset",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=ReminderState.values), name="reminder_state_known"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ReminderKind.values), name="reminder_kind_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="sending") | models.Q(lease_until__isnull=False),
                name="reminder_sending_has_lease",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="sending") | ~models.Q(lease_token=""),
                name="reminder_sending_has_token",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.recipient} at {self.send_at:%Y-%m-%d %H:%M}"


class SweepStatus(models.Model):
    """A single row that the reminder sweep updates each run, for the status page."""

    name = models.CharField(max_length=32, unique=True, default="reminders")
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_claimed = models.PositiveIntegerField(default=0)
    last_scheduled = models.PositiveIntegerField(default=0)
    last_cancelled = models.PositiveIntegerField(default=0)
    # Scheduling reads only what changed since the watermark (the start of the last scheduling
    # pass), and everything once every REMINDER_FULL_SCHEDULE_SECONDS.
    schedule_watermark = models.DateTimeField(null=True, blank=True)
    last_full_schedule_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} sweep, last {self.last_finished_at}"
