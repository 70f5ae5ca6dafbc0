"""The governing law: the jurisdiction whose law the contract chooses.

"This Agreement shall be governed by the laws of the State of New York" -> "US-NY",
"The framework agreement is subject to Swiss law" -> "CH", "The law of the Federal Republic of
Germany is applicable" -> "DE". Not a choice of law: where a party is incorporated ("a company
organised under the laws of Delaware"), the conflict-of-law rules a choice excludes ("without
regard to conflict of laws rules that would apply the laws of another jurisdiction"), and
particular statutes ("the patent laws of the United States").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from obligations.extraction.facts.places import (
    ADJECTIVE,
    PLACE_NAME,
    US_STATE_ADJECTIVE,
    adjective_code,
    place_code,
)
from obligations.extraction.facts.text import sentence_at
from obligations.extraction.model import Clause
from obligations.extraction.wordscan import ascii_lower, word_positions

_PLACE = PLACE_NAME.pattern
_LAWS_OF = re.compile(
    r"\blaws?\s+(?:(?:in\s+force|in\s+effect|applicable)\s+)?(?:of|in)\s+(?:the\s+)?"
    r"(?:(?:state|commonwealth|province|canton|republic|federal\s+republic|kingdom|country)"
    r"\s+of\s+(?:the\s+)?)?(?P<place>" + _PLACE + ")",
    re.IGNORECASE,
)
_ADJECTIVE_LAW = re.compile(
    r"(?P<adj>" + ADJECTIVE.pattern + "|" + US_STATE_ADJECTIVE.pattern + r")\s+"
    r"(?:(?:substantive|material|internal|federal|state|private|civil|commercial)\s+)*law\b",
    re.IGNORECASE,
)
_LAWS_THEREOF = re.compile(
    r"\blaws\s+(?:thereof|of\s+(?:such|said|that)\s+(?:state|country|jurisdiction))",
    re.IGNORECASE,
)
_STATE_OF = re.compile(r"\bstate\s+of\s+(?P<place>" + US_STATE_ADJECTIVE.pattern + r")\b", re.I)
_CHOICE_VERB = re.compile(
    r"\bgovern|\bconstrued|\binterpret|\benforced|\bapplicable\b|\bappl(?:y|ies)\b|\bsubject\s+to"
    r"|\bdetermined\s+in\s+accordance",
    re.IGNORECASE,
)
_INCORPORATION = re.compile(
    r"(?:organi[sz]ed|incorporated|existing|formed|established|registered|standing|chartered"
    r"|constituted|qualified|licensed|domiciled)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_CONFLICT = re.compile(
    r"conflicts?[\s-]+(?:of[\s-]+)?laws?|choice[\s-]+of[\s-]+laws?|rules?\s+that\s+would"
    r"|would\s+(?:require|result)|convention\s+on|other\s+than\s+(?:those\s+of\s+)?$",
    re.IGNORECASE,
)
_STATUTE = re.compile(
    r"(?:patent|securities|tax|bankruptcy|insolvency|trademark|copyright|antitrust|competition"
    r"|privacy|data\s+protection|employment|labou?r|export|insurance|corporate|federal"
    r"|applicable)\s+$",
    re.IGNORECASE,
)
_THIS_AGREEMENT = re.compile(
    r"\b(?:this|the)\s+(?:\w+\s+){0,4}(?:agreement|contract|terms|tos|gtcs?|conditions"
    r"|amendment|license)\b|\bhereunder\b|\bhereof\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LawFinding:
    code: str
    start: int  # the sentence that makes the choice
    end: int


_LAW_WORD = re.compile(r"\blaws?\b")  # read in the lower-cased text: a fast first pass


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """(position of the mention, end, code) for each law named in the text."""
    found = []
    lowered = ascii_lower(text)
    for position in word_positions(lowered, ("law",)):
        word = _LAW_WORD.match(lowered, position)
        if word is None:
            continue
        match = _LAWS_OF.match(text, position)
        if match:
            code = place_code(match.group("place"))
            if code:
                found.append((match.start(), match.end(), code))
            continue
        adjective = _ADJECTIVE_LAW.search(text, max(0, position - 60), word.end())
        if adjective and adjective.end() == word.end():
            code = adjective_code(adjective.group("adj"))
            if code:
                found.append((adjective.start(), adjective.end(), code))
            continue
        if _LAWS_THEREOF.match(text, position):
            start, _ = sentence_at(text, position)
            places = list(PLACE_NAME.finditer(text, start, position))
            code = place_code(places[-1].group()) if places else None
            if code:
                found.append((position, word.end(), code))
    return found


def find_governing_law(text: str, clauses: list[Clause] | None = None) -> LawFinding | None:
    """The law the contract chooses, with the sentence that chooses it; None if it names none."""
    law_clauses = [c for c in clauses or [] if "governing_law" in c.kinds]
    best: tuple[int, int, LawFinding] | None = None
    for position, _end, code in _candidates(text):
        start, end = sentence_at(text, position)
        before = text[max(start, position - 120) : position]
        sentence = text[start:end]
        if _INCORPORATION.search(before) or _STATUTE.search(before):
            continue
        verb = _CHOICE_VERB.search(sentence)
        if verb is None:
            continue
        if _CONFLICT.search(text, start + verb.start(), position):
            continue  # "... without regard to conflict of laws rules that would apply X law"
        score = 2
        if _THIS_AGREEMENT.search(sentence):
            score += 1
        if any(c.start <= position < c.end for c in law_clauses):
            score += 2
        if code == "US":
            state = _STATE_OF.search(text, position, end)
            conflict = _CONFLICT.search(text, position, end)
            if state and (conflict is None or state.start() < conflict.start()):
                code = "US-" + (place_code(state.group("place")) or "US").removeprefix("US-")
        finding = LawFinding(code, start, end)
        if best is None or score > best[0]:
            best = (score, -position, finding)
    return best[2] if best else None
