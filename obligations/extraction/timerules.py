"""Time rules: which durations in a sentence are deadlines, and what they count from.

A duration is a deadline when the words around it make it one ("within 30 days of", "at least
two months before the end of", "30 days' prior written notice", "response time: 8 hours", a
limitation period). It is not one when it measures something else: a term ("for an initial term
of three years", "renews for successive one-year periods"), a look-back ("fees paid in the 12
months prior to the claim"), an age ("24h old") or a rate ("once per 12-month period").
"""

from __future__ import annotations

from dataclasses import dataclass

from obligations.extraction.anchor_codes import vocabulary_code
from obligations.extraction.anchors import action_anchor, event_anchor
from obligations.extraction.durations import PeriodMatch
from obligations.extraction.intervals import day_of_period_end, interval_recurrence
from obligations.extraction.model import Period
from obligations.extraction.recurrences import (
    recurrence_in,
    recurrence_of_anchor,
    renewal_recurrence,
)
from obligations.extraction.rule_anchors import action_text, end_of_period_anchor, rule_anchor
from obligations.extraction.service_levels import (
    EVERY_CELL_RE,
    headerless_row_kind,
    is_incident_update_column,
    is_service_table,
    table_sla_kind,
)
from obligations.extraction.tables import cell_before, column_at
from obligations.extraction.term_lasting import RENEWING_RE
from obligations.extraction.time_cues import Cue, SentenceFacts, classify


@dataclass(frozen=True)
class TimeRule:
    """A deadline stated in a sentence; offsets are those of the duration in the sentence."""

    start: int
    end: int
    period: Period
    relation: str
    anchor: str
    recurrence: str | None
    kind: str | None  # a kind the wording itself tells: response_time, limitation, ...
    cue: str  # "within", "at least", "notice", ... for the summary
    event: str  # the anchor as written ("receipt of the invoice"), may be empty
    strong: bool  # the cue sits right next to the duration
    notice: bool  # a notice period ("30 days' written notice")
    fronted: bool  # stated before its clause's subject and verb
    # An interval cell of a service-level table ("Every two hours" under "Status Updates"): the
    # supplier's act, repeated at that interval.
    service_cell: bool = False


# Each duration is read within this many characters on either side, so that a very long
# "sentence" (a list run together, a table) costs time in proportion to its length.
_REACH = 400


def time_rules(
    sentence: str,
    periods: list[PeriodMatch],
    context: str = "",
    table_header: list[str] | None = None,
    *,
    about: str = "",
    bound: bool = False,
) -> list[TimeRule]:
    """The deadlines among `periods` (durations found in `sentence`, offsets relative to it).
    `context` is the surrounding clause, read for how often a renewing term recurs; for a table
    row ("P1 | 1 hour | 4 hours"), `table_header` holds the header row's cells; for an item of a
    list, `about` is the sentence that introduces the list, else the clause's heading; `bound`
    says that lead-in binds a party, so the item does too ("Licensee shall: ... (b) for three
    years after termination, keep records")."""
    rules: list[TimeRule] = []
    if not periods:
        return rules
    facts = SentenceFacts.of(sentence, bound=bound)
    context = context[:3000]
    service_table = is_service_table(table_header)
    for whole_match in periods:
        shift = max(0, whole_match.start - _REACH)
        near = sentence[shift : whole_match.end + _REACH]
        match = PeriodMatch(
            whole_match.start - shift,
            whole_match.end - shift,
            whole_match.period,
            whole_match.phrase,
        )
        cue = classify(near, match, facts)
        if table_header:
            cue = _table_cue(sentence, whole_match.start, table_header, service_table) or cue
        elif about:
            cue = _headerless_row_cue(sentence, whole_match, periods, about) or cue
        if cue is not None:
            rules.append(
                _time_rule(
                    near,
                    match,
                    cue,
                    facts,
                    at=(whole_match.start, whole_match.end),
                    context=context,
                    about=about,
                )
            )
    return rules


def _table_cue(row: str, position: int, table_header: list[str], service_table: bool) -> Cue | None:
    """The cue a table's column gives the duration at `position` of `row`: a response time
    under "Response Time", or an interval cell "Every two hours" under "Status Updates" (the
    act the column names, repeated at that interval by the supplier the table binds)."""
    column = column_at(row, position)
    header = table_header[column] if column < len(table_header) else ""
    sla = table_sla_kind(header)
    if sla:
        return Cue("response time", "after", "", True, False, sla=sla)
    if service_table and EVERY_CELL_RE.fullmatch(cell_before(row, position)):
        return Cue(
            "every",
            "after",
            "",
            True,
            False,
            service_cell=True,
            from_incident=is_incident_update_column(header),
        )
    return None


def _headerless_row_cue(
    row: str, duration: PeriodMatch, periods: list[PeriodMatch], about: str
) -> Cue | None:
    """The service-level time a duration states in a table row read without its header."""
    sla = headerless_row_kind(row, duration, periods, about)
    return Cue("response time", "after", "", True, False, sla=sla) if sla else None


def _time_rule(
    sentence: str,
    match: PeriodMatch,
    cue: Cue,
    facts: SentenceFacts,
    *,
    at: tuple[int, int],
    context: str,
    about: str,
) -> TimeRule:
    """The rule a duration makes with its cue: what it counts from, how often it recurs and
    what kind of deadline it is. `at` is where the duration lies in the whole sentence."""
    kind: str | None = None
    if cue.sla:
        kind = cue.sla
        anchor = "error_report"
    elif facts.limitation or cue.cue in ("expires", "expire", "expire within"):
        kind = "limitation"
        anchor = event_anchor(cue.event) or "claim_accrual"
    else:
        anchor = _anchor(sentence, match, cue, about=about)
    recurrence = (
        interval_recurrence(match.period) if cue.cue == "every" else recurrence_of_anchor(anchor)
    )
    if anchor == "term_end":
        recurrence = renewal_recurrence(sentence) or renewal_recurrence(context)
        if RENEWING_RE.search(sentence) or RENEWING_RE.search(context):
            kind = kind or "renewal_notice"
    elif recurrence is None:
        recurrence = recurrence_in(cue.event)
    # A policy's cancellation ends the cover, not the contract.
    terminates = anchor == "termination" or (
        cue.notice
        and anchor != "policy_cancellation"
        and action_anchor(action_text(sentence, match)) == "termination"
    )
    if kind is None and cue.notice and terminates:
        kind = "termination_notice"
    if kind is None and anchor in ("change_effective", "change_notice", "price_increase"):
        kind = "change_notice"
    return TimeRule(
        start=at[0],
        end=at[1],
        period=match.period,
        relation=cue.relation,
        anchor=vocabulary_code(anchor, cue.relation),
        recurrence=recurrence,
        kind=kind,
        cue=cue.cue,
        event=cue.event,
        strong=cue.strong,
        notice=cue.notice,
        fronted=cue.fronted,
        service_cell=cue.service_cell,
    )


def _anchor(sentence: str, match: PeriodMatch, cue: Cue, *, about: str) -> str:
    """What the deadline counts from, as the extractor's vocabulary names it."""
    if cue.cue == "day of":
        return day_of_period_end(match.phrase) or "period_end"
    if cue.cue == "every":
        # Due one interval after the start, and each one after; in a service-level table's
        # update column, after the incident the row is about; "at least once every", that
        # long after the last time.
        if cue.since_last:
            return "last_performance"
        return "error_report" if cue.from_incident else "term_start"
    anchor = rule_anchor(sentence, match, event=cue.event, cue=cue.cue, notice=cue.notice)
    if cue.notice:
        anchor = end_of_period_anchor(sentence, match) or anchor
        if anchor == "notice" and about:
            # Notice of nothing the sentence names ("(b) Upon sixty (60) days' written notice
            # if ..."): of what its list's lead-in ("Either party may terminate:") or its
            # clause's heading is about.
            anchor = action_anchor(about) or anchor
    return anchor
