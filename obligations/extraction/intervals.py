"""Acts repeated at an interval the contract counts itself: "shall report, every six months,
to the Steering Committee", "shall pay at the end of each three (3) month period".

Such an interval is a time rule: the act falls due the interval after the term starts and again
each interval after that. Only a recurring act (report, pay, deliver, review, audit ...) bound by
a modal makes one; "the fees for each twelve (12) month period shall not exceed" measures money
over a period and states no deadline.
"""

from __future__ import annotations

import re

from obligations.extraction.dates import ORD_WORD as _ORD_WORD
from obligations.extraction.dates import ordinal_word_value
from obligations.extraction.durations import PeriodMatch
from obligations.extraction.model import Period
from obligations.extraction.recurrences import recurrence_in
from obligations.extraction.verbs import BINDING_VERBS
from obligations.extraction.wordscan import ascii_lower

_I = re.IGNORECASE

# Acts that a contract makes a party repeat: the verbs of reports, payments and checks.
_ACTS = (
    r"deliver|provide|send|submit|pay|invoice|report|furnish|prepare|perform|back\s+up|carry\s+out"
    r"|review|meet|inform|notify|update|publish|calculate|remit|render|issue|produce|conduct|test"
    r"|run|transmit|forward|post|supply|present|hold|reconcile|certify|audit|inspect|monitor|check"
    r"|verify|generate|compile|undertake|purchase|buy|order|give|obtain|complete|attend|increase"
    r"|adjust"
    r"|make\s+available|make"
)
# The act, or the act done to something: "shall review", "shall be reviewed by the Board".
RECURRING_ACT_RE = re.compile(
    rf"\s*(?:\w+ly\s+)?(?:(?:{_ACTS})\b|be\s+(?:\w+ly\s+)?(?:{_ACTS}|paid|held|sent|run|made)"
    r"(?:e?d|n)?\b)",
    _I,
)
_EVERY_TAIL_RE = re.compile(r"\b(?:each|every)\s+(?:successive\s+|consecutive\s+)?$", _I)
# A least frequency ("at least once every five (5) years", "not less than once in each year"):
# whatever the act, a duty to repeat it. A most frequency ("no more than once every twelve
# months") limits a right instead.
_MINIMUM_FREQUENCY_TAIL_RE = re.compile(
    r"\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than)\s+once\s+(?:in\s+)?(?:each|every)"
    r"\s+(?:successive\s+|consecutive\s+)?$",
    _I,
)
# The words that bind a party to an act: "shall", "agrees to", "is required to".
_BINDING = rf"(?:{BINDING_VERBS}|(?:is|are)\s+(?:required|obliged)\s+to)"
# The modal that binds any act: "shall refresh", "will promptly recertify".
_BOUND_ANY_ACT_RE = re.compile(rf"{_BINDING}(?:\s+\w+ly)?\s+(?!not\b|be\b)[a-z]", _I)
# The modal that binds the act, then the act: "shall report", "agrees to pay", "will promptly send".
_BOUND_ACT_RE = re.compile(
    _BINDING
    # "shall thereafter provide", "will then continue to send"
    + r"(?:\s+(?:also|further|promptly|then|thereafter|subsequently|continue\s+to|\w+ly)){0,2}"
    + RECURRING_ACT_RE.pattern,
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


def least_frequency(tail: str) -> bool:
    """Does `tail`, the words before a duration, set a least frequency ("at least once every")?
    The next time is then due that long after the last."""
    return _MINIMUM_FREQUENCY_TAIL_RE.search(tail) is not None


def recurring_interval(tail: str, action: str, following: str = "") -> bool:
    """Does a duration read "every <duration>" (`tail` is the text before it) in a sentence whose
    bound act is one that recurs: `action` from the modal before the duration on, else, for a
    duration fronted before its clause, the clause `following` it?"""
    if _EVERY_TAIL_RE.search(tail) is None:
        return False
    if _BOUND_ACT_RE.match(action):
        return True
    if _MINIMUM_FREQUENCY_TAIL_RE.search(tail) and _BOUND_ANY_ACT_RE.match(action):
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


# "not later than the fifteenth (15th) calendar day of each calendar quarter", "by the 10th day
# of each month", "on the twentieth day of the month following": a day counted into a period,
# that is, that many days after the end of the period before it.
_DAY_OF_PERIOD_RE = re.compile(
    rf"\b(?P<ordinal>{_ORD_WORD}|[1-3]?\d(?:st|nd|rd|th))(?:\s*\([1-3]?\d(?:st|nd|rd|th)?\))?\s+"
    r"(?P<kind>calendar\s+|business\s+|working\s+)?day\s+(?:of|in)\s+(?:each|every|the|any|such)\s+"
    r"(?:(?:following|next|succeeding|subsequent)\s+)?(?:calendar\s+|fiscal\s+)?"
    r"(?P<which>month|quarter|year)\b",
    _I,
)
_DAY_OF_RE = re.compile(r"day(?<!\wday)\s+(?:of|in)\s")  # on lower-cased text, led by a literal
PERIOD_ENDS = {"month": "month_end", "quarter": "quarter_end", "year": "year_end"}


def find_days_of_period(text: str, low: str | None = None) -> list[PeriodMatch]:
    """Each "Nth day of each month/quarter/year" in `text`, as N days (counted from the end of
    the period before; see `day_of_period_end`)."""
    found: list[PeriodMatch] = []
    for match in _days_of_period(text, ascii_lower(text) if low is None else low):
        ordinal = match.group("ordinal")
        number = int(ordinal[:-2]) if ordinal[:1].isdigit() else ordinal_word_value(ordinal)
        if not number or number > 31:
            continue
        unit = (
            "business_days"
            if (match.group("kind") or "").strip().lower()
            in (
                "business",
                "working",
            )
            else "days"
        )
        found.append(PeriodMatch(match.start(), match.end(), Period(number, unit), match.group(0)))
    return found


def _days_of_period(text: str, low: str) -> list[re.Match[str]]:
    # Only around "day of": trying the ordinals at every word of a long contract is slow.
    matches: list[re.Match[str]] = []
    for hint in _DAY_OF_RE.finditer(low):
        match = _DAY_OF_PERIOD_RE.search(text, max(0, hint.start() - 40), hint.end() + 60)
        fresh = not matches or matches[-1].start() != match.start() if match else False
        if match and match.start() < hint.start() and fresh:
            matches.append(match)
    return matches


# "on or before the tenth (10th) anniversary of the Issue Date": that many years after the date.
_ANNIVERSARY_RE = re.compile(
    rf"\b(?P<ordinal>{_ORD_WORD}|\d{{1,2}}(?:st|nd|rd|th))(?:\s*\(\d{{1,2}}(?:st|nd|rd|th)?\))?"
    r"\s+anniversary(?=\s+of\b)",
    _I,
)


def is_anniversary(phrase: str) -> bool:
    """Is `phrase` an "Nth anniversary" that `find_anniversaries` found? A duration's phrase
    ends with its unit, never with this word."""
    return phrase[-len("anniversary") :].lower() == "anniversary"


def find_anniversaries(text: str, low: str | None = None) -> list[PeriodMatch]:
    """Each "Nth anniversary of <a date>" in `text`, as N years counted from that date."""
    low = ascii_lower(text) if low is None else low
    found: list[PeriodMatch] = []
    start = low.find("anniversary")
    while start >= 0:
        match = _ANNIVERSARY_RE.search(text, max(0, start - 40), start + len("anniversary of") + 1)
        start = low.find("anniversary", start + 1)
        if match is None or (found and found[-1].start == match.start()):
            continue
        ordinal = match.group("ordinal")
        years = int(ordinal[:-2]) if ordinal[:1].isdigit() else ordinal_word_value(ordinal)
        if years:
            found.append(
                PeriodMatch(match.start(), match.end(), Period(years, "years"), match.group(0))
            )
    return found


def day_of_period_end(phrase: str) -> str | None:
    """The period end a "Nth day of each <period>" phrase counts from, or None for any other."""
    match = _DAY_OF_PERIOD_RE.fullmatch(phrase)
    return PERIOD_ENDS[match.group("which").lower()] if match else None


# The items of a list the modal introduces: "Licensor shall: (a) give notice; (b) audit no
# more than once per calendar year; and (c) ...". Each item is an act of its own.
_LIST_ITEM_RE = re.compile(
    r"(?:^\s*:?|[;:,]\s*(?:and\s+|or\s+)?)\s*\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+", _I
)


def act_recurrence(predicate: str, lead: str = "") -> str | None:
    """How often the act of `predicate` recurs: said after it ("shall report monthly"), or in
    a phrase fronted before the party ("During each calendar year, Licensee shall submit").
    When the predicate is a list of acts, the first item that recurs says it."""
    if _LIST_ITEM_RE.match(predicate):
        starts = [match.end() for match in _LIST_ITEM_RE.finditer(predicate)]
        items = [predicate[a:b] for a, b in zip(starts, [*starts[1:], len(predicate)], strict=True)]
        return next(filter(None, (_item_recurrence(item, "") for item in items)), None)
    return _item_recurrence(predicate, lead)


def _item_recurrence(predicate: str, lead: str) -> str | None:
    dated = dated_recurrence(predicate)
    if dated:
        # "install the signage no later than September 15 of each Contract Year": whatever
        # the act, a day of the calendar in each period makes it recur with the period.
        return dated
    if not RECURRING_ACT_RE.match(predicate):
        return None
    # "at a rate of $500 per day", "increased to $8,500 per calendar month": a price per
    # period, not how often the act recurs; "pay $40,000 per month" is paid each month.
    paying = _PAYING_RE.match(predicate) is not None
    measured = _MEASURE_RE.sub(" ", predicate)
    # "a royalty of 5% of Net Sales per quarter" is paid each quarter.
    found = recurrence_in(measured if paying else _RATE_RE.sub(" ", measured))
    if found is None and lead and not _PER_THING_RE.search(lead):
        found = recurrence_in(lead)
    return found


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)"
)
# A deadline on a day of the calendar that comes round each period: "no later than September
# 15 of each Contract Year", "by August 1 preceding each Season", "on the fifteenth (15th) day
# of March, June, September and December".
_DATED_EACH_RE = re.compile(
    rf"\b(?:by|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|before|on)\s+"
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:of|in|preceding)\s+(?i:each|every)\s+"
    r"(?i:calendar\s+|contract\s+|lease\s+|fiscal\s+)?(?i:year|season)\b"
    rf"|\bon\s+the\s+\w+(?:\s+\(\d{{1,2}}(?:st|nd|rd|th)\))?\s+day\s+of\s+"
    rf"(?P<months>{_MONTH},\s+{_MONTH},\s+{_MONTH},?\s+and\s+{_MONTH})\b",
)


# What never says how often one acts: interest or a percentage per period ("at 1.5% per
# month"), a share of a periodic amount ("one-thirtieth of the Monthly Rent"), a sum prorated
# daily.
_MEASURE_RE = re.compile(
    # A decimal point ("1.5%") is no sentence's end.
    r"\binterest\b(?:[^.;]|\.(?=\d)){0,100}?\bper\s+(?:calendar\s+)?"
    r"(?:day|week|month|quarter|year|annum)\b"
    r"|\bof\s+the\s+(?:Daily|Weekly|Monthly|Quarterly|Annual|Yearly)\s+[A-Z]\w+"
    r"|\b(?:prorated|pro\s+rata|accru\w+|calculated|computed)\s+(?:on\s+a\s+)?daily\b",
)
_PAYING_RE = re.compile(r"\s*(?:\w+ly\s+)?(?:pay|remit|invoice|be\s+paid)\b", _I)
_RATE_RE = re.compile(
    r"(?:\$|%|\b(?:rate|fee|price|charge|cost|percent)\b)(?:[^.;]|\.(?=\d)){0,30}?\bper\s+"
    r"(?:calendar\s+)?"
    r"(?:hour|day|week|month|quarter|year|annum)\b",
    _I,
)


_DIGIT_RE = re.compile(r"\d")


def dated_recurrence(text: str) -> str | None:
    """How often a deadline on a day of the calendar comes round: "by September 15 of each
    year" (annually), "on the 15th day of March, June, September and December" (quarterly)."""
    if _DIGIT_RE.search(text) is None and " day of " not in text:
        return None  # no day of the calendar without a number or "the fifteenth day of"
    dated = _DATED_EACH_RE.search(text)
    if dated is None:
        return None
    return "quarterly" if dated.group("months") else "annually"


# A phrase set before the sentence's party and verb, closed by a comma; not a condition.
FRONTED_LEAD_RE = re.compile(
    r"^\W*(?>(?:\(?[0-9a-z]{1,3}[.)]\s+)?)"
    r"(?!(?:if|unless|where|whereas|when|whenever|should|provided|in\s+the\s+event)\b)"
    r"(?P<lead>[^,;:]{3,140}),\s",
    _I,
)
# "For each year of delay": a measure counted per period, not an act repeated in each.
_PER_THING_RE = re.compile(
    r"\b(?:each|every|per)\s+(?:calendar\s+|contract\s+|fiscal\s+)?(?:day|week|month|quarter|year)\s+"
    r"(?:of|that|in\s+which)\b",
    _I,
)
