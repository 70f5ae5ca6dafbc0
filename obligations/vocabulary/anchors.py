"""What a deadline counts from: the closed list of anchors.

An obligation's time rule counts a period before or after an anchor: the end of the term, an
invoice received, the end of a calendar quarter. Every part of the tracker uses this one list: the
extractor emits only these codes (keeping the words it read beside them), the database accepts
only these codes, the review form offers their labels, and the deadline recomputation reads from
each anchor where its date comes from.

Each anchor says:
- `source`: what supplies its date (the term schedule, a fact on the contract, a logged event, the
  end of a calendar period);
- for an event, which event kind and which of the event's dates counts (the day it happened or the
  day it takes effect: a change announced on 1 December that takes effect on 15 January);
- `before`: what "N days before" it means. Notice "before the end of the term" may be given until
  the term's last day is over (`UNTIL_END_OF_DAY`); notice "before a change takes effect" must lie
  wholly before the day the change applies (`WHOLLY_BEFORE`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class AnchorSource(StrEnum):
    TERM_END = "term_end"  # the end of the current term, from start date, term and renewals
    CONTRACT_START = "contract_start"  # the contract's start date
    EFFECTIVE_DATE = "effective_date"  # the contract's effective date
    SIGNATURE_DATE = "signature_date"  # the day the contract was signed
    EVENT = "event"  # a logged event of a kind
    PERIOD_END = "period_end"  # the end of a calendar month, quarter, half-year or year


class EventDate(StrEnum):
    OCCURRED = "occurred"  # the day the event happened (an invoice received)
    EFFECTIVE = "effective"  # the day it takes effect (a change, a termination)


class BeforeReading(StrEnum):
    UNTIL_END_OF_DAY = "until"  # the period must fit before that day is over
    WHOLLY_BEFORE = "before"  # the period must end before that day begins


@dataclass(frozen=True)
class EventKindInfo:
    code: str
    label: str
    has_effective_date: bool = False
    effective_label: str = ""


@dataclass(frozen=True)
class Anchor:
    code: str
    label: str
    source: AnchorSource
    event_kind: str = ""
    event_date: EventDate = EventDate.OCCURRED
    before: BeforeReading = BeforeReading.WHOLLY_BEFORE
    months_per_period: int = 0  # PERIOD_END: 1, 3, 6 or 12; 0 means "as the rule recurs"
    from_contract_start: bool = False  # PERIOD_END counted in contract years, not calendar years

    @property
    def needs_event(self) -> bool:
        return self.source is AnchorSource.EVENT


_E = EventKindInfo
EVENT_KINDS: tuple[EventKindInfo, ...] = (
    _E("invoice_received", "Invoice received"),
    _E("invoice_issued", "Invoice issued"),
    _E("payment_made", "Payment made"),
    _E("order_received", "Order received"),
    _E("purchase", "Purchase made"),
    _E("delivery", "Delivery"),
    _E("acceptance", "Acceptance"),
    _E("request_received", "Request received"),
    _E("notice_received", "Notice received"),
    _E("notice_sent", "Notice given"),
    _E("incident_reported", "Incident reported"),
    _E("error_reported", "Error reported"),
    _E("breach_notice", "Notice of breach received"),
    _E("breach", "Breach or default"),
    _E("claim", "Claim made or known"),
    _E("awareness", "Became aware (of a breach, incident or claim)"),
    _E("change_announced", "Change announced", True, "Change takes effect"),
    _E("termination", "Termination notice", True, "Termination takes effect"),
    _E("suspension", "Suspension"),
    _E("assignment", "Assignment"),
    _E("audit", "Audit or inspection"),
    _E("release", "Release published"),
    _E("trial_started", "Trial started", True, "Trial ends"),
    _E("data_returned", "Data returned or transferred"),
    _E("account_closed", "Account closed"),
    _E("meeting", "Meeting"),
    _E("milestone", "Milestone reached (launch, first sale, appointment)"),
    _E("approval", "Approval given"),
    _E("completion", "Work or task completed"),
    _E("closing", "Transaction closed (closing, consummation)"),
    _E("installation", "Installation"),
    _E("escalation", "Escalation (of an issue or a dispute)"),
    _E("manufacture", "Manufacture (of a lot or batch)"),
    _E("issuance", "Issued (a credit, certificate or document)"),
    _E("dispute_resolved", "Dispute resolved or settled"),
    _E("filing", "Filing made (a petition, proceeding or registration)"),
    _E("death_or_disability", "Death or disability (of a person the contract names)"),
    _E("casualty", "Damage or destruction (fire or other casualty)"),
    _E("incident_resolved", "Incident resolved or service restored"),
    _E("dispute_raised", "Dispute raised"),
    _E("disclosure", "Confidential information disclosed"),
    _E("record_created", "Record or document created"),
    _E("last_activity", "Last use of the account or service"),
    _E("last_performance", "Last time a repeated act was done (a refresh, an inspection)"),
    _E("maintenance", "Maintenance scheduled"),
    _E("cost_incurred", "Cost or charge incurred"),
    _E("receipt", "Received (a document, an offer, a list)"),
    _E("opening", "Opened for business (a store, studio or premises)"),
    _E("document_signed", "Another document signed (a lease, a statement of work)"),
    _E("hire", "Person hired or joined"),
    _E("departure", "Departure (a person leaving a role, a vehicle setting off)"),
    _E("member_exit", "Member or partner left the company"),
    _E("dissolution", "Company or partnership dissolved"),
    _E("deadlock", "Deadlock declared"),
    _E("policy_renewal", "Insurance policy renewed"),
    _E("policy_cancellation", "Insurance policy cancelled, changed or expiring"),
    _E("other", "Other event"),
)
EVENT_KIND_BY_CODE: dict[str, EventKindInfo] = {kind.code: kind for kind in EVENT_KINDS}

_UNTIL = BeforeReading.UNTIL_END_OF_DAY
_EFFECTIVE = EventDate.EFFECTIVE


def _event(
    code: str,
    label: str,
    kind: str | None = None,
    *,
    date: EventDate = EventDate.OCCURRED,
    before: BeforeReading = BeforeReading.WHOLLY_BEFORE,
) -> Anchor:
    return Anchor(code, label, AnchorSource.EVENT, kind or code, date, before)


def _period(code: str, label: str, months: int, *, contract_years: bool = False) -> Anchor:
    return Anchor(
        code,
        label,
        AnchorSource.PERIOD_END,
        before=_UNTIL,
        months_per_period=months,
        from_contract_start=contract_years,
    )


ANCHORS: tuple[Anchor, ...] = (
    # The contract and its term.
    Anchor("term_end", "End of the current term", AnchorSource.TERM_END, before=_UNTIL),
    Anchor(
        "renewal", "Renewal date (end of the current term)", AnchorSource.TERM_END, before=_UNTIL
    ),
    Anchor("term_start", "Start of the term", AnchorSource.CONTRACT_START),
    Anchor("effective_date", "Effective date of the contract", AnchorSource.EFFECTIVE_DATE),
    Anchor("signature", "Signature of the contract", AnchorSource.SIGNATURE_DATE),
    # Calendar periods.
    _period("month_end", "End of each calendar month", 1),
    _period("mid_or_month_end", "The 15th or the end of each calendar month", 1),
    _period("quarter_end", "End of each calendar quarter", 3),
    _period("half_year_end", "End of each half-year", 6),
    _period("year_end", "End of each calendar year", 12),
    _period("contract_year_end", "End of each contract year", 12, contract_years=True),
    _period("period_end", "End of each billing or reporting period", 0),
    # Money and goods.
    _event("invoice_received", "Invoice received"),
    _event("invoice_issued", "Invoice date", "invoice_issued"),
    _event("payment_due", "Payment due date", "invoice_issued"),
    _event("payment_made", "Payment made"),
    _event("order_received", "Order received"),
    _event("purchase", "Purchase"),
    _event("delivery", "Delivery"),
    _event("acceptance", "Acceptance"),
    # Notices and requests.
    _event("request_received", "Request received"),
    _event("notice_received", "Notice received"),
    _event("notice_sent", "Notice given"),
    _event("incident_reported", "Incident reported"),
    _event("error_reported", "Error reported"),
    _event("breach_notice", "Notice of breach received"),
    _event("breach", "Breach or default"),
    _event("claim_known", "Claim made or known", "claim"),
    _event("awareness", "Becoming aware of it"),
    # Changes.
    _event("change_announcement", "Change announced", "change_announced"),
    _event("change_effective", "Change takes effect", "change_announced", date=_EFFECTIVE),
    _event("price_increase", "Price increase takes effect", "change_announced", date=_EFFECTIVE),
    # The end of the relationship.
    _event("termination_notice", "Termination notice given or received", "termination"),
    _event(
        "termination_effective",
        "Termination takes effect",
        "termination",
        date=_EFFECTIVE,
        before=_UNTIL,
    ),
    _event("suspension", "Suspension"),
    _event("data_returned", "Data returned or transferred"),
    _event("account_closed", "Account closed"),
    _event("trial_start", "Trial starts", "trial_started"),
    _event("trial_end", "Trial ends", "trial_started", date=_EFFECTIVE, before=_UNTIL),
    # Other acts.
    _event("assignment", "Assignment"),
    _event("audit", "Audit or inspection"),
    _event("release", "Release published"),
    _event("meeting", "Meeting"),
    _event("milestone", "Milestone (launch, first sale, appointment)"),
    _event("approval", "Approval"),
    _event("completion", "Completion of the work or task"),
    _event("closing", "Closing of the transaction"),
    _event("installation", "Installation"),
    _event("escalation", "Escalation"),
    _event("manufacture", "Manufacture of the lot or batch"),
    _event("issuance", "Issue (of a credit, certificate or document)"),
    _event("dispute_resolved", "Dispute resolved or settled"),
    _event("filing", "Filing made (a petition, proceeding or registration)"),
    _event("death_or_disability", "Death or disability (of a person the contract names)"),
    _event("casualty", "Damage or destruction (fire or other casualty)"),
    _event("incident_resolved", "Incident resolved or service restored"),
    _event("dispute_raised", "Dispute raised"),
    _event("disclosure", "Confidential information disclosed or received"),
    _event("record_created", "Record or document created"),
    _event("last_activity", "Last use of the account or service (inactivity)"),
    _event("last_performance", "Last time the act was done (a refresh, an inspection)"),
    _event("maintenance", "Scheduled maintenance"),
    _event("cost_incurred", "Cost or charge incurred (to be reimbursed)"),
    _event("receipt", "Receipt (of a document, an offer or a list the clause names)"),
    _event("opening", "Opening for business (a store, studio or premises)"),
    _event("document_signed", "Signing of another document (a lease, a statement of work)"),
    _event("hire", "Hiring or joining (of a person)"),
    _event("departure", "Departure (of a person from a role, or of a vehicle)"),
    _event("member_exit", "A member or partner leaves the company"),
    _event("dissolution", "Dissolution of the company or partnership"),
    _event("deadlock", "Deadlock (the owners or the board cannot agree)"),
    _event("policy_renewal", "Insurance policy renewal"),
    _event("policy_cancellation", "Insurance policy cancelled, changed or expiring"),
    _event("other_event", "Another event (see the contract's words)", "other"),
)
ANCHOR_BY_CODE: dict[str, Anchor] = {anchor.code: anchor for anchor in ANCHORS}
ANCHOR_CODES: tuple[str, ...] = tuple(ANCHOR_BY_CODE)
# The anchors counted from the end of the contract's term (the notices that stop a renewal).
TERM_END_CODES: tuple[str, ...] = tuple(
    anchor.code for anchor in ANCHORS if anchor.source is AnchorSource.TERM_END
)


class UnknownAnchor(ValueError):
    pass


def anchor_for(code: str) -> Anchor:
    """The anchor of a code; an unknown code is an error, never a guess."""
    try:
        return ANCHOR_BY_CODE[code]
    except KeyError:
        raise UnknownAnchor(f"unknown anchor {code!r}") from None


def anchor_choices() -> list[tuple[str, str]]:
    return [(anchor.code, anchor.label) for anchor in ANCHORS]


def event_kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in EVENT_KINDS]


def anchors_counting_from(event_kind: str) -> Iterable[Anchor]:
    return (anchor for anchor in ANCHORS if anchor.event_kind == event_kind)


def anchor_label(code: str) -> str:
    """The label a lawyer reads; a blank code reads as no anchor."""
    if not code:
        return "No anchor"
    anchor = ANCHOR_BY_CODE.get(code)
    return anchor.label if anchor else code.replace("_", " ").capitalize()
