"""Acts repeated at an interval the contract counts itself: "shall report, every six months,
to the Steering Committee", "shall pay at the end of each three (3) month period".

Such an interval is a time rule: the act falls due the interval after the term starts and again
each interval after that. Only a recurring act (report, pay, deliver, review, audit ...) bound by
a modal makes one; "the fees for each twelve (12) month period shall not exceed" measures money
over a period and states no deadline.
"""

from __future__ import annotations

import re

from obligations.extraction.model import Period

_I = re.IGNORECASE

# Acts that a contract makes a party repeat: the verbs of reports, payments and checks.
RECURRING_ACT_RE = re.compile(
    r"\s*(?:\w+ly\s+)?(?:deliver|provide|send|submit|pay|invoice|report|furnish|prepare|perform|"
    r"back\s+up|carry\s+out|review|meet|inform|notify|update|publish|calculate|remit|render|issue|"
    r"produce|conduct|test|run|transmit|forward|post|supply|present|hold|reconcile|certify|audit|"
    r"inspect|monitor|check|verify|generate|compile|make\s+available|make)\b",
    _I,
)
_EVERY_TAIL_RE = re.compile(r"\b(?:each|every)\s+(?:successive\s+|consecutive\s+)?$", _I)
# The modal that binds the act, then the act: "shall report", "agrees to pay", "will promptly send".
_BOUND_ACT_RE = re.compile(
    r"(?:shall|will|must|agrees?\s+to|undertakes?\s+to|(?:is|are)\s+(?:required|obliged)\s+to)"
    r"(?:\s+(?:also|further|promptly|\w+ly))?" + RECURRING_ACT_RE.pattern,
    _I,
)
# An interval fronted before its clause: "At the end of each three (3) month period, the
# Supplier will: (i) generate a report ..." (an aside such as "per Section 5" may precede the act).
_FRONTED_ACT_RE = re.compile(
    r"[^.;]{0,200}?\b(?:shall|will|must)\s*:?\s*(?:\(?[ivx0-9a-z]{1,4}\)\s*)?"
    r"(?:[^,;:()]{1,30},\s*)?" + RECURRING_ACT_RE.pattern,
    _I,
)
_RECURRENCE_OF_MONTHS = {1: "monthly", 3: "quarterly", 12: "annually"}


def recurring_interval(tail: str, action: str, following: str = "") -> bool:
    """Does a duration read "every <duration>" (`tail` is the text before it) in a sentence whose
    bound act is one that recurs: `action` from the modal before the duration on, else, for a
    duration fronted before its clause, the clause `following` it?"""
    if _EVERY_TAIL_RE.search(tail) is None:
        return False
    if _BOUND_ACT_RE.match(action):
        return True
    return following[:1] == "," and _FRONTED_ACT_RE.match(following) is not None


def interval_recurrence(period: Period) -> str | None:
    """The recurrence an interval of `period` names, when the vocabulary has one."""
    if period.unit == "days" and period.amount == 1:
        return "daily"
    months = {"months": period.amount, "years": 12 * period.amount}.get(period.unit)
    if months is None or not float(months).is_integer():
        return None
    return _RECURRENCE_OF_MONTHS.get(int(months))
