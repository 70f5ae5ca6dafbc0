"""The term of a contract: its initial term, whether and for how long it renews, and the notice
that stops a renewal.

"This Agreement shall automatically renew for successive one (1) year periods unless either party
gives notice of non-renewal at least ninety (90) days prior to the end of the then-current term"
-> renewal_term 1 years, auto_renews True, notice_period 90 days. "The minimum term ... is one
year ... automatically extended for a further year ... unless ... terminate ... within a period of
notice of at least two months to the end of the agreement" -> 1 years, 1 years, True, 2 months.

Each duration in a renewal sentence is read by the words around it: "for successive ... periods
of" names the renewal term, "at least ... prior to the end", "upon ... written notice" the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from obligations.extraction.durations import PeriodMatch, find_periods
from obligations.extraction.facts.text import sentence_at, squash
from obligations.extraction.model import Clause, Period, Term
from obligations.extraction.sentences import FUNCTION_WORDS
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern, word_positions

# "It will then continue until terminated by either party giving ... notice": it runs on from
# term to term until that notice.
_UNTIL_NOTICE = r"until\s+terminated\b[^.]{0,120}\bnotice"
_RENEWAL_SIGN = re.compile(
    r"\b(?:automatic\w*|successive|additional|further|consecutive|subsequent|renewal"
    r"|year[\s-]+to[\s-]+year|month[\s-]+to[\s-]+month|yearly|annual|thereafter|tacit\w*"
    rf"|each\s+time|unless|{_UNTIL_NOTICE}"
    r"|may\s+(?:be\s+)?(?:renew|extend)\w*)\b",
    re.IGNORECASE,
)
_AUTOMATIC = re.compile(
    r"\bautomatic\w*|\btacit\w*|\bevergreen|\b(?:shall|will)\s+(?:be\s+)?(?:renew|extend|continu)"
    r"\w*\s+(?:\w+\s+){0,3}(?:from\s+)?(?:year[\s-]+to[\s-]+year|month[\s-]+to[\s-]+month"
    r"|for\s+(?:successive|consecutive|subsequent|additional|further))"
    r"|\bis\s+(?:automatically\s+)?extended\b|\bunless\b[^.]{0,200}\bnotice"
    rf"|\bcontinue\w*\s+(?:\w+\s+){{0,3}}?{_UNTIL_NOTICE}",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(
    r"\bmay\s+(?:be\s+)?(?:renew|extend)|\boption\b|\bmutual(?:ly)?\b|\bif\s+(?:agreed|both)"
    r"|\bconsent\b|\bat\s+(?:its|the)\s+(?:sole\s+)?(?:option|discretion)|\bagree\s+(?:in\s+writing\s+)?to\s+(?:renew|extend)"
    r"|\bnegotiat",
    re.IGNORECASE,
)
_NOT_AUTOMATIC = re.compile(
    r"\b(?:shall|will|does)\s+not\s+(?:be\s+)?(?:automatically\s+)?(?:renew|extend)\w*\s+"
    r"automatically|\bno\s+(?:automatic|tacit)\s+(?:renewal|extension)"
    r"|\b(?:shall|will)\s+not\s+(?:be\s+)?automatically\s+(?:renew|extend)",
    re.IGNORECASE,
)
_NOTICE_AFTER = re.compile(
    r"^\s*[’']?s?\s*(?:\([^)]{0,20}\)\s*)?(?:prior|before|in\s+advance|advance|written|notice"
    r"|of\s+(?:prior\s+)?(?:written\s+)?notice|to\s+the\s+end|preceding"
    # "following" a notice or the term's end is a notice; "following the Effective Date" counts
    # the agreement's own duration from its start.
    r"|following(?!\s+(?:the\s+|its\s+|this\s+)?(?:effective|commencement|start|execution"
    r"|signing|signature|date\s+(?:of|hereof|on)|agreement\s+date)))",
    re.IGNORECASE,
)
_NOTICE_BEFORE = re.compile(
    r"(?:notice|notif\w*|notify|terminat\w*|non-?\s?renewal|cancel\w*)\b[^.]{0,80}?"
    # "unless terminated earlier ..., shall continue for a period of seven (7) years": the term.
    r"(?<!\bfor\s)(?<!\bfor\sa\speriod\s)(?<!\bfor\sa\sterm\s)"
    r"(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|minimum\s+of|within"
    r"|of|upon|with|giving)\s+(?:a\s+(?:period|term)\s+of\s+(?:notice\s+of\s+)?(?:at\s+least\s+)?)?$"
    # "at least 60 days" is a notice, but "remain in force for at least one year" is a term.
    r"|(?<!\bfor\s)(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than)\s+$",
    re.IGNORECASE,
)
_RENEWAL_BEFORE = re.compile(
    r"(?:\bfor|\bby|\bof|\binto)\s+(?:an?\s+|one\s*(?:\(\s*1\s*\)\s*)?)?(?:(?:successive|additional"
    r"|further|consecutive|subsequent|like|renewal|extension|identical|equal(?:\s+to)?|similar|periods?"
    r"|terms?|of|up\s+to|two|three|four|five|ten|\(\d+\)|\d+)\s+)*$",
    re.IGNORECASE,
)
_RENEWAL_AFTER = re.compile(
    r"\s*(?:renewal\s+|extension\s+)?(?:periods?|terms?|increments?|each)\b", re.IGNORECASE
)
_AUTOMATIC_WORD = re.compile(r"automatic", re.IGNORECASE)
_NON_RENEWAL = re.compile(r"non-?\s?renewal|not\s+to\s+renew", re.IGNORECASE)
_LIKE_PERIOD = re.compile(r"\b(?:like|same|equal|identical|such)\s+(?:period|term)", re.IGNORECASE)
_INITIAL_BEFORE = re.compile(r"\b(?:initial|original|first|minimum)\s+(?:\w+\s+){0,2}$", re.I)
_IMPLIED_RENEWAL = (
    (re.compile(r"year[\s-]+to[\s-]+year|yearly|annual(?:ly)?\b|each\s+year", re.I), Period(1, "years")),
    (re.compile(r"month[\s-]+to[\s-]+month|monthly", re.I), Period(1, "months")),
)  # fmt: skip
_INITIAL_CUE = re.compile(
    r"\b(?:initial|minimum|original|fixed)\s+(?:[\w-]+\s+){0,2}?(?:term|period)\b"
    # "The Subscription Term shall begin on ... and continue for twelve (12) months"
    # ", unless terminated earlier as provided herein," may stand between "and" and the verb.
    r"|\b(?:agreement|contract|term)[\"'”’*_]*\s+(?:shall|will)\s+(?:[^.;]{0,80}?\band\s*"
    r"(?:,[^,.;]{0,80},\s*)?(?:(?:shall|will)\s+)?)?"
    r"(?:continue|run|last|remain\s+in\s+(?:full\s+)?(?:force|effect))\s+for\b"
    # "this Agreement shall be valid and enforced for period of minimum one (1) year"
    r"|\b(?:agreement|contract)\s+(?:shall|will)\s+be\s+(?:valid|in\s+force|effective)\b"
    r"[^.;]{0,40}?\bfor\b"
    # '"Subscription Term" means one (1) year from ...'
    r"|\bterm[\"'”’*_]*\s+(?:means|shall\s+mean)\b"
    # An order form's field or row: "Subscription Term | 36 months", "Initial Term: 3 years".
    r"|\b(?:initial|subscription|contract|agreement|licen[cs]e)\s+term\s*[|:]"
    r"|\bterm\s+of\s+(?:this|the)"
    r"\s+(?:agreement|contract)\s+(?:shall\s+be|is|will\s+be)\b|\bterm\s+(?:is|shall\s+be|will\s+be)\s+(?=[\w\s()-]{0,30}?\b(?:months?|years?)\b)|\b(?:shall|will)\s+(?:continue|remain)"
    r"\s+in\s+(?:full\s+)?(?:force|effect)|\bfor\s+a\s+term\s+of\b|\b(?:agreement|contract)\s+"
    r"(?:shall|will|is)\s+(?:\w+\s+){0,4}?for\s+a\s+period\s+of\b|\bvalid\s+for\b"
    r"|\bterm\s+of\s+this\s+agreement\b|\bshall\s+have\s+a\s+(?:term|duration)\s+of\b"
    # "... shall continue until five (5) years following the Effective Date"
    r"|\b(?:shall|will)\s+(?:continue|remain\s+in\s+(?:full\s+)?(?:force|effect))\s+until\b"
    # In the present tense: "This Agreement begins on the Effective Date and continues for
    # five (5) years", "commences on the Effective Date and expires ten (10) years thereafter".
    r"|\b(?:agreement|contract|term)[\"'”’*_]*\s+(?:begins|commences|starts|takes\s+effect)\b"
    r"[^.;]{0,80}?\band\s+(?:continues|runs|lasts|remains\s+in\s+(?:full\s+)?(?:force|effect)"
    r"|expires|ends)\b",
    re.IGNORECASE,
)
_END_OF_TERM = re.compile(
    r"\b(?:expir\w*|end)(?:\s+date)?\s+of\s+(?:the\s+|its\s+|any\s+|such\s+|each\s+"
    r"|then[\s-]+current\s+|scheduled\s+)*(?:initial\s+|renewal\s+|extension\s+|current\s+"
    r"|annual\s+|monthly\s+|yearly\s+|subscription\s+|basic\s+|primary\s+|base\s+|lease\s+)*"
    r"(?:term|period|agreement|subscription)"
    r"|\b(?:following|after)\s+(?:the\s+)?(?:expiration\s+of\s+the\s+)?initial\s+term"
    r"|\bnon-?\s?renewal|\bnot\s+to\s+renew|\bintent\w*\s+not\s+to",
    re.IGNORECASE,
)
_WINDOW = 60
# What lasts for a term statement's duration when it is not the agreement: obligations that
# outlast it ("the obligations of confidentiality ... shall continue for five years").
_OTHER_SUBJECT = re.compile(
    r"\b(?:obligations?|duty|duties|confidentiality|non-?disclosure|restrictions?|covenants?"
    r"|provisions)\b",
    re.IGNORECASE,
)
_SUBJECT_BOUNDARY = re.compile(r"[,;:]")
# A duration counted from the agreement's end, or one that survives it, is not its term; a
# "thereafter" counts from the end only after "during the term ... and".
_AFTER_THE_TERM = re.compile(
    r"\s*(?:\([^)]{0,12}\)\s*)?(?:after|following)\s+(?:the\s+|its\s+|any\s+|such\s+)?"
    r"(?:termination|expiration|expiry|end)",
    re.IGNORECASE,
)
_THEREAFTER = re.compile(r"\s*(?:\([^)]{0,12}\)\s*)?thereafter", re.IGNORECASE)
_DURING_THE_TERM = re.compile(
    r"\b(?:during|while|throughout)\b[^.;]{0,80}?\b(?:term|agreement|in\s+(?:force|effect))\b"
    r"[^.;]{0,40}?\band\b",
    re.IGNORECASE,
)
_SURVIVES = re.compile(r"\bsurviv\w*", re.IGNORECASE)


def _outlasts_the_agreement(sentence: str, cue: int, found: PeriodMatch) -> bool:
    """Is this duration how long something other than the agreement lasts: obligations that
    are the subject of the term statement, a survival, or a period after the term ends?"""
    boundaries = [m.end() for m in _SUBJECT_BOUNDARY.finditer(sentence, 0, cue)]
    subject = sentence[boundaries[-1] if boundaries else 0 : cue]
    return bool(
        _OTHER_SUBJECT.search(subject)
        or _SURVIVES.search(sentence, min(cue, found.start), found.start)
        or _AFTER_THE_TERM.match(sentence, found.end)
        or bool(
            _THEREAFTER.match(sentence, found.end)
            and _DURING_THE_TERM.search(sentence, 0, found.start)
        )
    )


@dataclass(frozen=True)
class _Renewal:
    score: int
    start: int
    end: int


_FIRST_SIGN = re.compile(
    r"\b(?:renew\w*|extend\w*|extension|prolong\w*|automatic\w*|successive|thereafter"
    r"|additional|further|consecutive|subsequent|year[\s-]+to[\s-]+year)\b",
    re.IGNORECASE,
)


def _role(sentence: str, found: PeriodMatch) -> str:
    """'notice', 'renewal', 'initial' or '' for a duration, by the words around it."""
    before = sentence[max(0, found.start - _WINDOW - 40) : found.start]
    after = sentence[found.end : found.end + _WINDOW]
    if _NOTICE_AFTER.match(after) or _NOTICE_BEFORE.search(before):
        return "notice"
    first_sign = _FIRST_SIGN.search(sentence)
    if (
        _INITIAL_BEFORE.search(before[-30:])
        or first_sign is None
        or first_sign.start() > found.start
    ):
        return "initial"
    if _RENEWAL_BEFORE.search(before[-_WINDOW:]) or _RENEWAL_AFTER.match(after):
        return "renewal"
    return ""


_RENEWAL_PHRASE = re.compile(
    r"\b(?:renew(?!al\s+(?:terms?|periods?)\b)\w*|extend\w*|extension(?!\s+(?:terms?|periods?)\b)"
    r"|prolong\w*|roll\w*\s+over|evergreen|from\s+year\s+to\s+year|year[\s-]+to[\s-]+year\s+basis)"
    r"|\bcontinu\w*\s+(?:\w+\s+){0,6}?(?:automatic\w*|from\s+year|year[\s-]+to|from\s+month"
    r"|month[\s-]+to|for\s+(?:successive|consecutive|subsequent|additional|further)|until\s+terminated)"
    r"|\bautomatic\w*\s+continu\w*",
    re.IGNORECASE,
)
# The nearest noun before a renewal verb says what renews: the agreement or its term, or
# something else ("such period shall be extended", "the license continues").
_WHAT_RENEWS = re.compile(
    r"\b(?:(?P<ours>agreement|contract|term|tos|gtcs?|subscription|membership|order\s+form|it"
    # "Support Services renew automatically": services that are themselves the subject.
    r"|services(?=\s+(?:shall\s+|will\s+)?(?:\w+ly\s+)?renew))|period|deadline|date|time"
    r"|license|licence|right|rights|payment|policy|franchise|registration|insurance|order|plan)\b",
    re.IGNORECASE,
)
_OURS_AFTER = re.compile(
    r"\w*\s+(?:this|the)\s+(?:initial\s+|then[\s-]+current\s+)?(?:agreement|contract|term|franchise)\b",
    re.IGNORECASE,
)
# A renewal of something named after it that is not the agreement.
_RENEWAL_OF_OTHER = re.compile(r"renewals?\s+(?:of|for)\s+(?!(?:this|the|its|such)\b)", re.I)
# A heading ("TERM AND RENEWAL") or a contents line names a renewal but states none.
_LEADERS = re.compile(r"(?:\.\s*){4}")


# A short sentence in capitals that says the contract renews is a sentence, not a heading
# ("YOUR MEMBERSHIP RENEWS AUTOMATICALLY.", as consumer terms must show it).
_STATES_RENEWAL = re.compile(r"\brenews\b|\b(?:will|shall)\s+(?:\w+\s+)?renew\b[^.]*\.\s*$", re.I)


def _is_heading(sentence: str) -> bool:
    if _LEADERS.search(sentence):
        return True
    if sentence.rstrip().endswith(".") and _STATES_RENEWAL.search(sentence):
        return False
    words = sentence.split()
    return sentence.isupper() or len(words) < 5 or _title_case(words)


def _title_case(words: list[str]) -> bool:
    """A short line of capitalised words and numbers ("6.2 Support Term and Renewal."): a
    heading, where a sentence has lower-case words."""
    return len(words) <= 8 and all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in FUNCTION_WORDS for word in words
    )


# The same patterns without IGNORECASE, for the fast pass over the lower-cased text.
_RENEWAL_SCAN = re.compile(_RENEWAL_PHRASE.pattern)
_INITIAL_SCAN = re.compile(_INITIAL_CUE.pattern)
# Words that every match of those patterns starts with.
_RENEWAL_WORDS = ("renew", "extend", "extension", "prolong", "roll", "evergreen", "from", "year",
                  "continu", "automatic")  # fmt: skip
_INITIAL_WORDS = ("initial", "minimum", "original", "fixed", "term", "shall", "will", "for",
                  "subscription", "licen", "agreement", "contract", "valid")  # fmt: skip
_OCR_ONE = re.compile(r"\(I\)")  # "one (I) year": a 1 read as a capital I


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|of|in|on|at|by|with|after|before|to|for|under|within|upon|during|than)\s+"
    r"(?:\S+\s+)?$",
    re.IGNORECASE,
)


def _renews_agreement(text: str, sentence_start: int, phrase: re.Match[str]) -> bool:
    """Is it the agreement (or its term) that renews? The subject of the sentence, or the
    nearest subject-like noun before the verb, tells; nouns after a preposition do not."""
    if _OURS_AFTER.match(text, phrase.start()):
        return True
    if _RENEWAL_OF_OTHER.match(text, phrase.start()):
        return False  # "annual renewals for fidelity bond ... insurance"
    nouns = [
        noun
        for noun in _WHAT_RENEWS.finditer(text, sentence_start, phrase.start())
        if not _PREPOSITION_BEFORE.search(
            text, max(sentence_start, noun.start() - 30), noun.start()
        )
    ]
    return bool(nouns) and (
        nouns[0].group("ours") is not None or nouns[-1].group("ours") is not None
    )


def _periods(sentence: str) -> list[PeriodMatch]:
    return find_periods(_OCR_ONE.sub("(1)", sentence))


def _renewal_sentences(text: str, clauses: list[Clause]) -> list[_Renewal]:
    term_clauses = [c for c in clauses if {"term", "renewal"} & set(c.kinds)]
    found: dict[int, _Renewal] = {}
    lowered = ascii_lower(text)
    for position in word_positions(lowered, _RENEWAL_WORDS):
        phrase = _RENEWAL_SCAN.match(lowered, position)
        if phrase is None:
            continue
        start, end = sentence_at(text, phrase.start())
        if start in found or not _renews_agreement(text, start, phrase):
            continue
        sentence = text[start:end]
        if not _RENEWAL_SIGN.search(sentence) or _is_heading(sentence):
            continue
        score = 2
        if _AUTOMATIC.search(sentence):
            score += 3
        if _OPTIONAL.search(sentence):
            score -= 1
        if any(c.start <= start < c.end for c in term_clauses):
            score += 2
        if any(_role(sentence, p) == "renewal" for p in _periods(sentence)):
            score += 2
        found[start] = _Renewal(score, start, end)
    return sorted(found.values(), key=lambda r: (-r.score, r.start))


def _initial_term(text: str, near: int | None) -> tuple[Period | None, int]:
    """The first duration that a term statement gives the contract, preferring the one in (or
    just before) the renewal sentence."""
    best: tuple[int, Period, int] | None = None
    lowered = ascii_lower(text)
    for position in word_positions(lowered, _INITIAL_WORDS):
        cue = _INITIAL_SCAN.match(lowered, position)
        if cue is None:
            continue
        start, end = sentence_at(text, cue.start())
        sentence = text[start:end]
        offset = cue.start() - start
        for found in _periods(sentence):
            if found.start < offset - 10 or found.start > offset + 160:
                continue
            if _role(sentence, found) not in ("initial", "") or found.period.unit not in (
                "months",
                "years",
            ):
                continue
            if _outlasts_the_agreement(sentence, offset, found):
                break
            distance = abs(start - near) if near is not None else start
            if best is None or distance < best[0]:
                best = (distance, found.period, start)
            break
    return (best[1], best[2]) if best else (None, -1)


def _notice_elsewhere(
    text: str, renewal: _Renewal, clauses: list[Clause], *, non_renewal_only: bool = False
) -> Period | None:
    """A notice to end the contract at the end of a term, stated in its own sentence of the
    same clause or in a termination clause."""
    scope = [
        c
        for c in clauses
        if c.start <= renewal.start < c.end or {"termination", "renewal"} & set(c.kinds)
    ]
    for clause in scope or [Clause("", "", 0, len(text))]:
        position = clause.start
        while position < clause.end:
            start, end = sentence_at(text, position)
            end = max(end, position + 1)
            sentence = text[start:end]
            stops = _NON_RENEWAL if non_renewal_only else _END_OF_TERM
            if start != renewal.start and stops.search(sentence):
                for found in _periods(sentence):
                    if _role(sentence, found) == "notice":
                        return found.period
            position = end + 1
    return None


# "the then-current Subscription Term": terms that follow one another until someone stops them.
# On lower-cased text, led by literals (see wordscan).
_THEN_CURRENT_TERM = WordScan(
    word_pattern(
        lead,
        rest + r"\s+of\s+(?:the|each|any)\s+then[\s-]+current\s+(?:[\w-]+\s+){0,2}?term\b",
    )
    for lead, rest in (("expir", r"\w*"), ("end", ""))
)


def _succeeding_terms(text: str, initial: Period | None) -> Term | None:
    """A contract that never says "renew" but lets a party end it by notice before the end of
    "the then-current term" runs on from term to term: it renews automatically, for terms like
    the first, unless that notice is given."""
    for cue in _THEN_CURRENT_TERM.finditer(ascii_lower(text)):
        start, end = sentence_at(text, cue.start())
        sentence = text[start:end]
        for found in _periods(sentence):
            if _role(sentence, found) == "notice" and found.end <= cue.start() - start:
                return Term(
                    initial_term=initial,
                    renewal_term=initial,
                    auto_renews=True,
                    notice_period=found.period,
                    quote=squash(sentence),
                )
    return None


def find_term(text: str, clauses: list[Clause] | None = None) -> Term:
    """Initial term, renewal term, auto-renewal and the notice that stops a renewal."""
    clauses = clauses or []
    renewals = _renewal_sentences(text, clauses)
    if not renewals:
        initial, _ = _initial_term(text, None)
        return _succeeding_terms(text, initial) or Term(initial_term=initial)
    renewal = renewals[0]
    sentence = text[renewal.start : renewal.end]
    renewal_term = notice = None
    for found in _periods(sentence):
        role = _role(sentence, found)
        if role == "renewal" and renewal_term is None:
            renewal_term = found.period
        elif role == "notice" and notice is None:
            notice = found.period
    if renewal_term is None:
        for pattern, period in _IMPLIED_RENEWAL:
            if pattern.search(sentence):
                renewal_term = period
                break
    auto = bool(_AUTOMATIC.search(sentence)) and not _NOT_AUTOMATIC.search(sentence)
    if _OPTIONAL.search(sentence) and not _AUTOMATIC_WORD.search(sentence):
        auto = False
    if not auto and not _NON_RENEWAL.search(sentence):
        notice = None  # a notice to take up an option to renew does not stop a renewal
    if notice is None:
        # Without automatic renewal only a notice of non-renewal stops one ("notice of our
        # election not to renew ... at least three (3) months prior to the expiration").
        notice = _notice_elsewhere(text, renewal, clauses, non_renewal_only=not auto)
    initial, _ = _initial_term(text, renewal.start)
    if renewal_term is None and initial is not None and _LIKE_PERIOD.search(sentence):
        renewal_term = initial
    return Term(
        initial_term=initial,
        renewal_term=renewal_term,
        auto_renews=auto,
        notice_period=notice,
        quote=squash(sentence),
    )
