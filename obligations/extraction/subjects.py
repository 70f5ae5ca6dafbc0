"""Grammatical subjects: which party a verb belongs to.

A party named right before a verb ("Customer shall", "the Provider will delete", "either party
may", "he/it can") is the subject of that verb. "The customer or the Provider terminate" names
both sides; "by either Party" is the agent of a passive verb; a possessive ("Customer's
data") is not a subject.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from obligations.extraction.party_words import Mention

# A party's own people named after it ("the Licensor Indemnitees agree", "Supplier Personnel
# shall") act for that party.
_VERBISH_RE = re.compile(
    r"(?:\s+(?i:hereto|hereunder|(?:to|of|under)\s+(?:this|the)\s+(?:agreement|contract)"
    r"|indemnitees|indemnified\s+parties|affiliates|personnel|employees|representatives"
    r"|subsidiaries|group))?"
    r"(?:\s*,[^,]{1,60},)?\s+(?:(?:also|hereby|then|further|solely|expressly|so|otherwise|itself|"
    r"himself|herself|not|\w+ly)\s+){0,2}"
    r"(?:shall|will|must|may|can|cannot|should|agrees?|undertakes?|is|are|has|have|does|do|"
    r"acknowledges?|warrants?|represents?|covenants?|fails?|(?:won|can|shan|mustn)[’']t"
    # A word in -s that is no verb: "naming Franchisor as an additional insured".
    r"|(?!as\b)"
    r"[a-z]*[a-rt-z]s)\b"
)
# After a plural subject ("the Parties agree", "the customer or the Provider terminate") any
# word that is not a preposition or a conjunction is taken for the verb.
_PLURAL_VERB_RE = re.compile(
    r"\s+(?:\w+ly\s+)?(?!(?:of|to|in|for|and|or|with|by|at|on|from|that|which|who|whose|"
    r"hereto|hereunder|hereof|thereto|the|a|an|as|under|each|its|their|any|such|other|if|"
    r"than|nor|but|s|its)\b)[a-z]+\b"
)
# "we keep", "they agree": these pronouns are always subjects and take the bare verb, like a
# plural subject ("you" may be an object: "tell you about").
_PLURAL_PRONOUNS = frozenset(("we", "they"))
# "we'll", "you're": the party and its verb in one word. "'ll" is itself the modal verb.
_CONTRACTED_MODAL_RE = re.compile(r"[’'](?:ll|re|d)\b", re.IGNORECASE)
# "It is Customer's sole responsibility to ...": the possessor owes what follows.
_OWES_BY_POSSESSIVE_RE = re.compile(
    r"[’']s?\s+(?:sole\s+|own\s+|exclusive\s+)?(?=(?:responsibility|obligation)\s+to\b)",
    re.IGNORECASE,
)
# "shall be given by the Licensee", "may not be assigned by either party": the doer of a passive
# verb. "a plan approved by Licensor" names who approves, not who must act.
_PASSIVE_AGENT_RE = re.compile(
    r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?(?:\w+\s+)?\w+"
    r"(?:,?\s+(?:or\s+|and\s+)?\w+(?:ed|en|wn|ne|id)){0,4}(?:\s+in\s+any\s+(?:manner|way))?"
    r"\s+by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "The Supplier's warranty obligations under this Section shall extend for one year": the
# possessor's duties are what the modal verb binds, so the possessor is its subject.
_POSSESSOR_BOUND_RE = re.compile(
    r"[’']s?\s+(?:[\w-]+\s+){0,4}?(?:and\s+(?:[\w-]+\s+){0,2})?"
    r"(?:obligations?|duties|duty|warrant(?:y|ies)|commitments?|undertakings?)\b"
    r"[^.;:]{0,100}?\s(?=(?:shall|will|must)\b)",
    re.IGNORECASE,
)
POSSESSIVE_GAP_RE = re.compile(r"[’']s?\s+")
_INTRODUCES_LIST_RE = re.compile(r"\s*(?:[*_]{1,2}\s*)?:\s*")
_COORDINATION_RE = re.compile(r"\s*(?:,\s*)?(?:or|and|and/or)\s+(?:the\s+)?", re.IGNORECASE)


class Subject(NamedTuple):
    position: int  # where the party is named, relative to the sentence
    verb: int  # where its verb begins (for an agent: where the name ends)
    role: str | None  # None for a pronoun, resolved later
    agent: bool = False  # "by the Company": the doer of a passive verb, not a clause's subject


def find_subjects(sentence: str, mentions: list[Mention], offset: int) -> list[Subject]:
    """Subjects among the party `mentions` of `sentence` (mentions carry offsets into the
    text; `offset` is where the sentence starts)."""
    # All-capitals passages ("LICENSEE SHALL PAY"), whole sentences or a party named in
    # capitals in a sentence that goes on in lower case, are read in lower case.
    lowered = sentence.lower()
    if len(lowered) != len(sentence):
        lowered = sentence
    verbs_in = lowered if sentence.isupper() else sentence
    found: list[Subject] = []
    previous: Mention | None = None
    for mention in mentions:
        start, end = mention.start - offset, mention.end - offset
        role: str | None = mention.role or None
        contraction = _CONTRACTED_MODAL_RE.match(sentence, end)
        if contraction is not None:
            # "you’ll need to", "we’d": the party and its verb in one word; the verb of "'ll"
            # and "'re" is the contraction itself.
            previous = mention
            verb_at = contraction.end() if contraction.group(0)[1:].lower() == "d" else end
            found.append(Subject(start, verb_at, role))
            continue
        if sentence[end : end + 1] in ("'", "’"):
            previous = mention
            owes = _OWES_BY_POSSESSIVE_RE.match(sentence, end) or _POSSESSOR_BOUND_RE.match(
                sentence, end
            )
            if owes is not None and role is not None:
                found.append(Subject(start, owes.end(), role))
            continue  # otherwise a possessive names a thing of the party, not the party
        coordinated = False
        if previous is not None and POSSESSIVE_GAP_RE.fullmatch(
            sentence, previous.end - offset, start
        ):
            role = previous.role or role  # "Customer's manager" acts for the Customer
        elif previous is not None and role is not None:
            gap = sentence[previous.end - offset : start]
            if _COORDINATION_RE.fullmatch(gap) and previous.role:
                coordinated = True
                role = role if previous.role == role else "both"
        plural = coordinated or mention.text.endswith("parties") or mention.text in _PLURAL_PRONOUNS
        previous = mention
        read = lowered if sentence[start:end].isupper() else verbs_in
        verb = _VERBISH_RE.match(read, end)
        if verb is None and plural:
            verb = _PLURAL_VERB_RE.match(read, end)
        if verb is not None:
            last_word = verb.group(0).split()[-1]
            found.append(Subject(start, verb.end() - len(last_word), role))
        elif role is not None and _PASSIVE_AGENT_RE.search(sentence, max(0, start - 120), start):
            found.append(Subject(start, end, role, agent=True))
        elif role is not None and _INTRODUCES_LIST_RE.fullmatch(sentence, end):
            # "... if the other Party:" - the items below say what that party does.
            found.append(Subject(start, end, role))
    return found


def resolve(subjects: list[Subject], index: int, fallback: str | None) -> str | None:
    """The role of subject `index`; a pronoun takes the nearest party named before it."""
    role = subjects[index].role
    if role is not None:
        return role
    for earlier in reversed(subjects[:index]):
        if earlier.role is not None:
            return earlier.role
    return fallback
