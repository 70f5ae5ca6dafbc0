"""Whether a duration in a sentence is a deadline, and how it counts: a table of named rules.

A duration is read in two stages. The rules of `SHAPE_RULES` read the duration itself and the
words just before it ("the 10th day of each month", "every two weeks", "in the preceding 12
months"); then the cue after it is read once ("30 days' notice", "after receipt of"), and the
rules of `CUE_RULES` read both. In each table the first rule that decides wins: it answers a
`Cue` (a deadline, and how it counts) or `NOT_A_DEADLINE`; a rule that does not apply answers
None and the next one reads on. The order of the tables is their precedence.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from obligations.extraction.cue_words import (
    AFTER_WORDS,
    BEFORE_CUE_RE,
    BEFORE_WORDS,
    DATED_EVENT_RE,
    DAY_CUE_TAIL_RE,
    DEADLINE_TAIL_RE,
    DEEMED_GIVEN_RE,
    DEFINITION_RE,
    EACH_CASE_RE,
    ELAPSED_SINCE_RE,
    EVENT_END_RE,
    EXCEEDS_CONDITION_RE,
    FILLER_LAST_WORDS,
    FILLER_TAIL_RE,
    FRONTED_RE,
    HORIZON_RE,
    KEPT_FOR_RE,
    KEPT_THING_RE,
    LASTING_CONDITION_RE,
    LIMITATION_RE,
    LOOKBACK_TAIL_RE,
    NEXT_PERIOD_TAIL_RE,
    NOT_DEADLINE_AFTER_RE,
    NOTICE_EVENT_RE,
    NOTICE_LEFT_RE,
    NOTICE_OF_TAIL_RE,
    NOTICE_RIGHT_RE,
    OBLIGATION_WORD_RE,
    PAST_DUE_RE,
    PERIOD_WORD_RE,
    RESTATED_RE,
    RIGHT_CUE_RE,
    RIGHT_FOR_RE,
    STARTING_CUE_RE,
    TERM_TAIL_RE,
    UNPAID_FOR_RE,
    UNPAID_RE,
    UNTIL_TAIL_RE,
    UPON_EVENT_RE,
    WINDOW_END_RE,
)
from obligations.extraction.durations import PeriodMatch
from obligations.extraction.intervals import (
    day_of_period_end,
    is_anniversary,
    least_frequency,
    recurring_interval,
)
from obligations.extraction.rule_anchors import action_text
from obligations.extraction.service_levels import sla_kind
from obligations.extraction.term_lasting import (
    contract_lasts,
    duty_time_lead,
    duty_time_start,
    term_tail_event,
)

__all__ = ["CUE_RULES", "NOT_A_DEADLINE", "SHAPE_RULES", "Cue", "SentenceFacts", "classify"]

CONTEXT = 160  # the words read on either side of a duration
# What a cue after the duration must not be when it is the only cue: too weak to make one.
_WEAK_CUES = ("later", "since", "beyond", "in arrears")


@dataclass(frozen=True)
class Cue:
    """How the words around a duration make it a deadline."""

    cue: str
    relation: str
    event: str
    strong: bool
    notice: bool
    fronted: bool = False
    sla: str | None = None  # response_time or recovery_time
    service_cell: bool = False
    from_incident: bool = False  # an interval cell that counts from the row's incident
    since_last: bool = False  # "at least once every": each time counts from the last


class Verdict(enum.Enum):
    NOT_A_DEADLINE = "not a deadline"


NOT_A_DEADLINE = Verdict.NOT_A_DEADLINE


@dataclass(frozen=True)
class SentenceFacts:
    """What a whole sentence says, read once for all its durations."""

    deemed_given: bool
    limitation: bool
    binding: bool

    @classmethod
    def of(cls, sentence: str, *, bound: bool = False) -> SentenceFacts:
        return cls(
            deemed_given=DEEMED_GIVEN_RE.search(sentence) is not None,
            limitation=LIMITATION_RE.search(sentence) is not None,
            binding=bound or OBLIGATION_WORD_RE.search(sentence) is not None,
        )


class Around:
    """The words around one duration, read once for every rule."""

    def __init__(self, sentence: str, match: PeriodMatch, facts: SentenceFacts) -> None:
        self.sentence = sentence
        self.match = match
        self.facts = facts
        self.left = left = sentence[: match.start][-CONTEXT:]
        self.right = sentence[match.end : match.end + CONTEXT]
        # A sum "30 days past due" is a deadline missed, even inside a definition.
        self.past_due = PAST_DUE_RE.match(self.right) is not None
        self.notice = NOTICE_LEFT_RE.search(left, max(0, len(left) - 60)) is not None
        # Every test of the words before reads the end of them; searching from near the end
        # keeps each one short.
        self.tail = tail = left[:-80] + _without_filler_tail(left[-80:])
        self.near = near = max(0, len(tail) - 60)
        self.during = duty_time_lead(tail, max(0, near - 40))


class Cued:
    """The words around a duration with the cue after it read: "notice", "after", "from", ... or
    "" for none, the event it names, and whether the deadline lies before or after it."""

    def __init__(self, around: Around) -> None:
        self.around = a = around
        right = a.right
        cue_word = ""
        event_text: str | None = None
        notice = a.notice
        notice_right = NOTICE_RIGHT_RE.match(right)
        right_cue = None if notice_right else RIGHT_CUE_RE.match(right)
        if not notice_right and right_cue is None:
            # "thirty (30) days for failures to pay and ninety (90) days for all other
            # obligations, in each case after receipt of notice": the event named for them all.
            right = a.sentence[a.match.end : a.match.end + 2 * CONTEXT]
            each_case = EACH_CASE_RE.match(right) or WINDOW_END_RE.match(right)
            right_cue = RIGHT_CUE_RE.match(right, each_case.end()) if each_case else None
        if notice_right:
            notice = True
            cue_word = "notice"
            rest = right[notice_right.end() :]
            before = NOTICE_EVENT_RE.match(rest)
            event_text = ("end " if before and before.group(0).endswith("end") else "") + (
                rest[before.end() :] if before else ""
            )
        elif right_cue:
            cue_word = " ".join(right_cue.group("cue").lower().split())
            if STARTING_CUE_RE.match(cue_word):
                cue_word = "from"  # "one year commencing on acceptance"
            event_text = right[right_cue.end() :]
            if a.past_due:
                cue_word, event_text = "past due", "the due date"
            if cue_word == "to the end":
                event_text = "end " + event_text
        relation = (
            "before" if notice or cue_word in BEFORE_WORDS or cue_word == "to the end" else "after"
        )
        if _counts_from(cue_word) and not notice_right:
            relation = "after"
        self.right = right  # wider when the event is named further on
        self.cue_word = cue_word
        self.notice = notice
        self.relation = relation
        self.event = _event_phrase(event_text) if event_text else ""


ShapeRule = Callable[[Around], Cue | Verdict | None]
CueRule = Callable[[Cued], Cue | Verdict | None]


def classify(sentence: str, match: PeriodMatch, facts: SentenceFacts) -> Cue | None:
    """How the words around a duration make it a deadline, or None when they do not."""
    around = Around(sentence, match, facts)
    for shape_rule in SHAPE_RULES:
        answer = shape_rule(around)
        if answer is not None:
            return answer if isinstance(answer, Cue) else None
    cued = Cued(around)
    for cue_rule in CUE_RULES:
        answer = cue_rule(cued)
        if answer is not None:
            return answer if isinstance(answer, Cue) else None
    return None


# The rules that read the duration and the words just before it.


def measures_something_else(a: Around) -> Verdict | None:
    """An age or experience: "24 hours old", "five years of experience"."""
    return NOT_A_DEADLINE if NOT_DEADLINE_AFTER_RE.match(a.right) else None


def restated_from_elsewhere(a: Around) -> Verdict | None:
    """A rule another section states, recalled here: read where it is stated."""
    start = a.match.start
    return NOT_A_DEADLINE if RESTATED_RE.search(a.sentence, max(0, start - 200), start) else None


def inside_a_definition(a: Around) -> Verdict | None:
    """A duration inside a definition ("'Cure Period' means thirty days"), unless it is a sum
    past due ("'Suspension Event' means fees 30 days or more past due")."""
    if not a.past_due and DEFINITION_RE.search(a.sentence, 0, a.match.start):
        return NOT_A_DEADLINE
    return None


def day_of_each_period(a: Around) -> Cue | Verdict | None:
    """ "by the 10th day of each month": a deadline when the sentence binds someone."""
    if not day_of_period_end(a.match.phrase):
        return None
    if not a.facts.binding:
        return NOT_A_DEADLINE
    lead = DAY_CUE_TAIL_RE.sub("", a.left)
    fronted = FRONTED_RE.search(lead, max(0, len(lead) - 20)) is not None
    return Cue("day of", "after", a.match.phrase, True, False, fronted)


def anniversary(a: Around) -> Cue | Verdict | None:
    """ "on or before the tenth anniversary of the Issue Date": ten years after that date, when
    the sentence binds someone; the contract lasting until one is its term."""
    if not is_anniversary(a.match.phrase):
        return None
    if not a.facts.binding or contract_lasts(a.sentence[: a.match.start]):
        return NOT_A_DEADLINE
    event = _event_phrase(a.right.removeprefix(" of").lstrip())
    return Cue("anniversary of", "after", event, True, False)


def service_level(a: Around) -> Cue | None:
    """A response or recovery time of a service level ("response time: 4 hours")."""
    sla = sla_kind(a.sentence, a.match, a.left, a.tail)
    return Cue("response time", "after", "", True, False, sla=sla) if sla else None


def every_interval(a: Around) -> Cue | None:
    """ "every two weeks" of an act that recurs. The clause after a fronted interval may start
    with a long aside ("at the end of each three (3) month period, commencing on the Start
    Date, (referred to as ...) during the Term, GitLab will: ..."): it is read as far as the
    fronted act may lie."""
    end = a.match.end
    following = PERIOD_WORD_RE.sub("", a.sentence[end : end + 320], count=1)
    tail = a.tail[a.near :]
    if recurring_interval(tail, action_text(a.sentence, a.match), following):
        return Cue("every", "after", "", True, False, since_last=least_frequency(tail))
    return None


def within_the_next(a: Around) -> Cue | Verdict | None:
    """ "shall respond to this offer in the following forty eight (48) hours": within that time
    of what the sentence names, not a look back over the last one. How far a forecast or plan
    looks ahead ("a rolling forecast of the Orders it expects to place over the following
    twelve months") is no time to act in."""
    if not a.facts.binding:
        return None
    upcoming = NEXT_PERIOD_TAIL_RE.search(a.tail, a.near)
    if upcoming is None:
        return None
    if upcoming.group(0).lower().startswith("over") and HORIZON_RE.search(
        a.tail, max(0, upcoming.start() - 120)
    ):
        return NOT_A_DEADLINE
    lead_in = FRONTED_RE.search(a.tail, max(0, upcoming.start() - 20), upcoming.start())
    return Cue("within", "after", "", True, False, lead_in is not None)


def looks_back(a: Around) -> Verdict | None:
    """A period that looks back or names one of a series ("fees paid in the preceding 12
    months", "each successive one-year period"), unless a duty lasts it ("during the first
    five years") or a notice announces it ("notice of renewal 120 days")."""
    if (
        LOOKBACK_TAIL_RE.search(a.tail, a.near)
        and a.during is None
        and not NOTICE_OF_TAIL_RE.search(a.tail, a.near)
    ):
        return NOT_A_DEADLINE
    return None


SHAPE_RULES: tuple[ShapeRule, ...] = (
    measures_something_else,
    restated_from_elsewhere,
    inside_a_definition,
    day_of_each_period,
    anniversary,
    service_level,
    every_interval,
    within_the_next,
    looks_back,
)


# The rules that read the cue after the duration as well.


def term_or_deemed_receipt(c: Cued) -> Verdict | None:
    """How long the contract lasts ("This Agreement shall continue for three years"), or when a
    notice is deemed received: no deadline, unless the duration is a notice period."""
    a = c.around
    if not c.notice and (a.facts.deemed_given or contract_lasts(a.sentence[: a.match.start])):
        return NOT_A_DEADLINE
    return None


def cue_before(c: Cued) -> Cue | None:
    """A cue right before the duration ("within", "no later than", "Net") or a notice period:
    a strong deadline. "on or before thirty (30) days after receipt" lies after the event."""
    a = c.around
    left_cue = DEADLINE_TAIL_RE.search(a.tail, a.near)
    if not (left_cue or c.notice):
        return None
    cue = left_cue.group(0).strip().lower() if left_cue else "notice"
    relation, event = c.relation, c.event
    if BEFORE_CUE_RE.search(cue) and c.cue_word not in AFTER_WORDS:
        relation, event = "before", _event_phrase(c.right)
    cue_start = left_cue.start() if left_cue else 0
    fronted = bool(FRONTED_RE.search(a.tail, max(0, cue_start - 20), cue_start))
    return Cue(cue, relation, event, True, c.notice, fronted)


def limitation_period(c: Cued) -> Cue | None:
    """A sentence about when claims are barred: its duration is the limitation period."""
    return Cue("limitation", "after", c.event, True, False) if c.around.facts.limitation else None


def right_after_opening_event(c: Cued) -> Cue | None:
    """ "Upon expiration or termination, Sponsor may for ninety (90) days sell off its stock": a
    right that lasts that long after the event the sentence opens with."""
    a = c.around
    upon = UPON_EVENT_RE.match(a.sentence)
    if upon and RIGHT_FOR_RE.search(a.left, max(0, len(a.left) - 80)):
        return Cue("for", "after", upon.group("event"), True, False)
    return None


def unpaid_for(c: Cued) -> Cue | None:
    """ "Accounts that stay past due for sixty (60) days may be cancelled": that long after the
    due date."""
    a = c.around
    if a.facts.binding and UNPAID_FOR_RE.search(a.left, max(0, len(a.left) - 80)):
        return Cue("for", "after", "the due date", True, False)
    return None


def state_that_lasts(c: Cued) -> Cue | None:
    """A state that lasts a time before a right arises: "if the Force Majeure Event continues
    for a period of thirty (30) days", "If such period exceeds 1 month". The event named after
    the duration ("for 12 months following termination") beats the state that lasts."""
    a = c.around
    lasting = LASTING_CONDITION_RE.search(a.left) or EXCEEDS_CONDITION_RE.search(a.left)
    if not (lasting and a.facts.binding):
        return None
    lasted = c.event or " ".join(lasting.group("what").split()[-8:])
    if not c.event and UNPAID_RE.search(lasting.group(0)):
        lasted = "the due date"  # "if your account remains past due for 14 days"
    return Cue("for", "after", lasted, True, False)


def wait_until_elapsed(c: Cued) -> Cue | None:
    """ "we won't close the account until at least 30 days have passed since that notice": not
    before that long after the event."""
    a = c.around
    elapsed = ELAPSED_SINCE_RE.match(a.sentence, a.match.end)
    if elapsed and a.facts.binding and UNTIL_TAIL_RE.search(a.tail, a.near):
        return Cue("until", "after", _event_phrase(a.sentence[elapsed.end() :]), True, False)
    return None


def records_kept(c: Cued) -> Cue | None:
    """Records kept for the duration, with no event named ("shall retain the monitoring records
    for at least eighteen (18) months", "backups are retained for 35 days"): kept until that
    long after the record is made."""
    a = c.around
    kept = KEPT_FOR_RE.search(a.left, max(0, len(a.left) - 160))
    if c.cue_word or kept is None or a.match.phrase[:2].lower() == "a ":
        return None
    if not (a.facts.binding or kept.group("passive")):
        return None
    kept_at = a.match.start - len(a.left) + kept.start()  # in the sentence
    if KEPT_THING_RE.search(a.sentence, max(0, kept_at - 80), a.match.end + 160) is None:
        return None
    return Cue("during", "after", "the record's creation", True, False)


def too_weak_a_cue(c: Cued) -> Verdict | None:
    """Beyond here only a cue after the duration is left: weaker, so there must be one, the
    sentence must bind someone, and an article ("a day") is too common to count."""
    a = c.around
    if not c.cue_word or c.cue_word in _WEAK_CUES:
        return NOT_A_DEADLINE
    if a.match.phrase[:2].lower() in ("a ", "an") or not (a.facts.binding or a.past_due):
        return NOT_A_DEADLINE
    return None


def duty_lasting_a_time(c: Cued) -> Cue | None:
    """ "During the first five (5) years of the Term, Vericel shall purchase ... exclusively",
    "during a period of five years from the effective date ..., to furnish": a duty that lasts
    a time, which ends that long after its start."""
    a = c.around
    during = a.during
    if during is None or not _counts_from(c.cue_word):
        return None
    if contract_lasts(a.sentence[: a.match.start]):
        return None
    fronted = during.start() == 0 or during.group(0)[:1] in ",;:("
    return Cue("during", "after", duty_time_start(c.cue_word, c.event), False, False, fronted)


def cue_after(c: Cued) -> Cue | Verdict:
    """The cue after the duration ("30 days after receipt", "90 days from the invoice date").
    A term's length ("a term of two years from the Effective Date") is none, and a bare "from"
    or "of" must name an event that happens on a day."""
    a = c.around
    event = c.event
    if TERM_TAIL_RE.search(a.tail, a.near) and c.cue_word in ("from", "of", "thereafter"):
        outlasting = term_tail_event(
            cue_word=c.cue_word, left=a.left, sentence=a.sentence, event=event
        )
        if outlasting is None:
            return NOT_A_DEADLINE
        event = outlasting
    if c.cue_word in ("from", "of") and not DATED_EVENT_RE.search(event):
        return NOT_A_DEADLINE
    fronted = FRONTED_RE.search(a.tail, a.near) is not None
    return Cue(c.cue_word, c.relation, event, False, False, fronted)


CUE_RULES: tuple[CueRule, ...] = (
    term_or_deemed_receipt,
    cue_before,
    limitation_period,
    right_after_opening_event,
    unpaid_for,
    state_that_lasts,
    wait_until_elapsed,
    records_kept,
    too_weak_a_cue,
    duty_lasting_a_time,
    cue_after,
)


def _counts_from(cue_word: str) -> bool:
    return cue_word in AFTER_WORDS or cue_word in ("from", "of")


def _event_phrase(right: str) -> str:
    end = EVENT_END_RE.search(right)
    phrase = right[: end.start()] if end else right[:120]
    return " ".join(phrase.split()[:14])


def _without_filler_tail(window: str) -> str:
    """`window` without the words that only qualify a duration after it ("not less than",
    "a period of", "up to"), however many there are."""
    while window.rstrip()[-12:].lower().endswith(FILLER_LAST_WORDS):
        stripped = FILLER_TAIL_RE.sub("", window)
        if stripped == window:
            break
        window = stripped
    return window
