"""Every period the text mentions and no time rule uses, with the reason it was set aside.

Recall comes first: each duration in the text ("thirty (30) days", "one year") is a candidate.
It ends either inside the quote of an extracted obligation or here, as an `UnusedPeriod` that
names why it is not a deadline: a definition, a measure ("the fees paid in the 12 months before
the claim"), a citation, an example, the contract's own term, a restatement of a rule already
extracted, history, an age or a condition of a right. Nothing is dropped silently; a period whose
sentence holds no duty the extractor could read is kept with the reason `no_duty`, so a reviewer
sees it and can turn it into an obligation.

The reasons are a table of named rules read in a declared order: the first rule that holds for
the sentence around the period names the reason.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from obligations.extraction.durations import PeriodMatch, find_periods
from obligations.extraction.model import Clause, Obligation, UnusedPeriod
from obligations.extraction.sentences import Segment, split_segments
from obligations.extraction.verbs import BINDING_VERBS
from obligations.extraction.wordscan import ascii_lower

__all__ = ["REASONS", "find_unused_periods", "unused_reason"]


@dataclass(frozen=True)
class _Context:
    """What a rule may read: the sentence (lower case), the period's place in it, the kinds of
    its clause and the periods of the rules already extracted from that clause."""

    sentence: str
    at: int  # offset of the period in `sentence`
    end: int
    phrase: str
    clause_kinds: tuple[str, ...]
    clause_rule_periods: frozenset[str]
    period: str

    @property
    def before(self) -> str:
        return self.sentence[: self.at]

    @property
    def after(self) -> str:
        return self.sentence[self.end :]

    def near(self, width: int = 60) -> str:
        return self.sentence[max(0, self.at - width) : self.end + width]


_CITATION_RE = re.compile(
    r"\b(?:u\.?s\.?c|c\.?f\.?r|section\s+\d+[a-z]?\s+of\s+the\s+\w+|act\s+of\s+\d{4}"
    r"|securities\s+(?:exchange\s+)?act|rule\s+\d+[a-z]?(?:-\d+)?|regulation\s+[a-z]\b"
    r"|internal\s+revenue\s+code|bankruptcy\s+code|ucc|uniform\s+commercial\s+code)"
)
_EXAMPLE_RE = re.compile(
    r"\b(?:for\s+example|for\s+instance|e\.g\.|such\s+as|by\s+way\s+of\s+example)"
)
# "means" defines when it follows a defined name or opens the definiens ("means a period"),
# not in "by whatever means suitable".
_DEFINITION_RE = re.compile(
    r"(?:[\"”)]\s*(?:shall\s+|will\s+)?mean|\bmeans\s+(?:a|an|the|any|each|all|every|that|with)\b"
    r"|\bmeans\s+$"
    r"|\bshall\s+mean\b|\bis\s+defined\s+as\b|\bhas\s+the\s+meaning\b"
    r"|\b(?:shall\s+)?refers?\s+to\s+(?:a|an|the)\b)"
)
# A defined name right after the period: 'a period of one year (the "Warranty Period")'.
_NAMED_PERIOD_RE = re.compile(r"^[^.;]{0,40}?\(\s*(?:the\s+|each\s+|a\s+)?[\"“][^\"”]{2,60}[\"”]")
_AGE_RE = re.compile(r"^\s*(?:of\s+age|old)\b")
_MEASURE_RE = re.compile(
    r"\b(?:preceding|prior\s+to\s+the\s+(?:date|event|claim|occurrence)|immediately\s+prior"
    r"|trailing|rolling|average|aggregate|in\s+any\s+(?:\S+\s+){0,2}(?:period|year|month)"
    r"|per\s+(?:annum|year|month|day|hour|week)|for\s+(?:each|every)|interest|calculated"
    r"|liability|look[- ]?back|credit\w*|charges?\s+(?:per|for))\b"
)
_MEASURE_AFTER_RE = re.compile(
    r"^\s*(?:\S+\s+){0,2}(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:date\s+of\s+)?"
    r"(?:the\s+)?(?:claim|event|incident|act|occurrence|cause|action)"
)
_TERM_RE = re.compile(
    r"\b(?:initial\s+term|renewal\s+term|term\s+of\s+(?:this|the)\s+(?:agreement|contract|lease)"
    r"|(?:automatically\s+)?renew(?:s|ed|al)?|extend(?:ed)?\s+for|remain\s+in\s+(?:full\s+)?"
    r"(?:force|effect)|continue\s+in\s+(?:full\s+)?(?:force|effect)|shall\s+expire|will\s+expire"
    r"|the\s+term\s+(?:of|shall|will|is)|for\s+(?:an?\s+)?(?:initial\s+)?term\s+of"
    r"|(?:shall|will)\s+continue\s+for)\b"
)
_HISTORY_RE = re.compile(
    r"\b(?:has\s+been|have\s+been|had\s+been|was|were|ago|previously|heretofore|in\s+the\s+past"
    r"|last\s+(?:\S+\s+){0,2}(?:years?|months?))\b"
)
_CONDITION_RE = re.compile(
    r"\b(?:if|in\s+the\s+event|unless|provided\s+that|where|should)\b[^;:]{0,160}$"
)
_DEEMED_RE = re.compile(
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:duly\s+)?(?:given|received|delivered|served|made|effective)\b"
)
# A table row or column of figures: "year 1   year 2   year 3", "| 4 hours | 8 hours |".
_TABLE_RE = re.compile(r"\|\s*[^|]*\|| {3,}\S")
_DUTY_RE = re.compile(rf"\b(?:{BINDING_VERBS}|is\s+required\s+to)\b")


@dataclass(frozen=True)
class _Rule:
    reason: str
    label: str  # what the reason means, for the review page
    holds: Callable[[_Context], bool]


def _defines(context: _Context) -> bool:
    if _DEFINITION_RE.search(context.before) and not _DUTY_RE.search(context.before):
        return True
    return bool(_NAMED_PERIOD_RE.match(context.after))


def _is_term(context: _Context) -> bool:
    if _TERM_RE.search(context.near(120)):
        return True
    kinds = set(context.clause_kinds)
    return bool(kinds & {"term", "renewal"}) and not _DUTY_RE.search(context.sentence)


def _is_condition(context: _Context) -> bool:
    """The period sits in a condition ('if payment is more than 30 days late'), and the sentence
    grants a right rather than a duty with a deadline."""
    return bool(_CONDITION_RE.search(context.before))


# Read in this order: the first rule that holds names the reason.
REASONS: tuple[_Rule, ...] = (
    _Rule(
        "citation",
        "Part of a reference to a law or rule",
        lambda c: bool(_CITATION_RE.search(c.near())),
    ),
    _Rule("example", "An example", lambda c: bool(_EXAMPLE_RE.search(c.near()))),
    _Rule("age", "A person's age", lambda c: bool(_AGE_RE.match(c.after))),
    _Rule("definition", "Part of a definition", _defines),
    _Rule(
        "deemed_notice",
        "When a notice counts as received (read with the notice clause)",
        lambda c: bool(_DEEMED_RE.search(c.sentence)),
    ),
    _Rule(
        "measure",
        "Measures an amount (a cap, an average, interest), not a deadline",
        lambda c: bool(_MEASURE_RE.search(c.near()) or _MEASURE_AFTER_RE.match(c.after)),
    ),
    _Rule("term", "The contract's term or renewal (read as a contract fact)", _is_term),
    _Rule(
        "restatement",
        "Restates a rule already extracted from this clause",
        lambda c: c.period in c.clause_rule_periods,
    ),
    _Rule("history", "Describes the past", lambda c: bool(_HISTORY_RE.search(c.near(40)))),
    _Rule("condition", "A condition of a right or remedy, not a deadline to meet", _is_condition),
    _Rule(
        "table",
        "A cell of a table or schedule without a duty in its sentence",
        lambda c: bool(_TABLE_RE.search(c.near(40))) and not _DUTY_RE.search(c.sentence),
    ),
)
_NO_DUTY = _Rule("no_duty", "No duty found that this period measures; check it", lambda c: True)
REASON_LABELS: dict[str, str] = {rule.reason: rule.label for rule in (*REASONS, _NO_DUTY)}


def unused_reason(context: _Context) -> str:
    """The first reason of `REASONS` that holds for the period in `context`, else `no_duty`."""
    for rule in REASONS:
        if rule.holds(context):
            return rule.reason
    return _NO_DUTY.reason


def _clause_at(clauses: Sequence[Clause], starts: list[int], offset: int) -> Clause | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and clauses[index].start <= offset < clauses[index].end:
        return clauses[index]
    return None


def find_unused_periods(
    text: str,
    clauses: Sequence[Clause],
    obligations: Sequence[Obligation],
    periods: Sequence[PeriodMatch] | None = None,
    segments: Sequence[Segment] | None = None,
) -> list[UnusedPeriod]:
    """Every period of `text` that lies outside the quote of all `obligations`, in text order,
    with its sentence as the quote and the reason it is not a time rule."""
    found = list(periods) if periods is not None else find_periods(text, ascii_lower(text))
    covered = sorted((ob.start, ob.end) for ob in obligations)
    covered_starts = [span[0] for span in covered]
    loose = [match for match in found if not _inside(covered, covered_starts, match.start)]
    if not loose:
        return []
    ordered = sorted(clauses, key=lambda clause: clause.start)
    clause_starts = [clause.start for clause in ordered]
    rule_periods: dict[str | None, set[str]] = {}
    for ob in obligations:
        if ob.period is not None:
            rule_periods.setdefault(ob.clause_ref, set()).add(str(ob.period))
    if segments is None:
        segments = split_segments(text)
    segment_starts = [segment.start for segment in segments]
    unused: list[UnusedPeriod] = []
    for match in loose:
        index = bisect.bisect_right(segment_starts, match.start) - 1
        if index < 0 or segments[index].end < match.end:
            start, end = match.start, match.end
        else:
            start, end = segments[index].start, segments[index].end
        clause = _clause_at(ordered, clause_starts, match.start)
        ref = clause.ref if clause else None
        context = _Context(
            sentence=ascii_lower(text[start:end]),
            at=match.start - start,
            end=match.end - start,
            phrase=match.phrase,
            clause_kinds=clause.kinds if clause else (),
            clause_rule_periods=frozenset(rule_periods.get(ref, ())),
            period=str(match.period),
        )
        unused.append(
            UnusedPeriod(
                clause_ref=ref,
                start=start,
                end=end,
                quote=text[start:end],
                period=match.period,
                phrase=match.phrase,
                reason=unused_reason(context),
            )
        )
    return unused


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect.bisect_right(starts, offset)
    # Quotes may nest or overlap; look back over the few that start before the offset.
    for span_start, span_end in reversed(spans[max(0, index - 8) : index]):
        if span_start <= offset < span_end:
            return True
    return False
