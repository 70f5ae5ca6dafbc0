"""Which side a party is on, told by what the contract makes it do: a party that supplies,
grants, leases or carries is the provider; one that pays, buys, resells or is appointed is the
customer. Read for parties whose label names no role ("Company", "NORTHWIND").
"""

from __future__ import annotations

import re

__all__ = ["side_evidence", "sides_by_acts"]

# A side is +1 for the provider, -1 for the customer. A party paid ("pay to the University") or
# granted to ("grants Licensee a licence") is read from the other end of the verb.
_MODAL = (
    r"(?:shall|will|agrees\s+to|must|may|hereby|undertakes\s+to|is\s+(?:required|obliged)\s+to)"
)
_ADVERB = r"(?:\s+(?:also|further|hereby|promptly|\w+ly))?"
_SUPPLY_VERBS = (
    r"(?:supply|supplies|deliver|provide|furnish|manufacture|perform|host|develop|ship|sell"
    r"|render|maintain|support|licen[cs]e|sublicen[cs]e|grant|lease|let|transport|carry"
    r"|produce|design|install|fabricate|package|warrant)s?"
)
_PAY_VERBS = (
    r"(?:pay|purchase|order|buy|reimburse|remit|resell|distribute|market|promote|lease\s+from"
    r"|rent|accept\s+delivery|use\s+the\s+licen[cs]ed)s?"
)
# A party named before the verb: (the words after the name, the side).
_SUBJECT_SIDE_CUES: tuple[tuple[str, int], ...] = (
    # "Supplier shall manufacture", "Licensor hereby grants", "NORTHWIND will deliver"
    (rf"\s+{_MODAL}{_ADVERB}\s+{_SUPPLY_VERBS}\b", 1),
    (
        r"\s+(?:hereby\s+)?(?:grants|supplies|sells|leases|licen[cs]es|provides|delivers"
        r"|offers|performs|manufactures|ships)\b",
        1,
    ),
    # "Company shall pay", "Distributor will purchase"
    (rf"\s+{_MODAL}{_ADVERB}\s+{_PAY_VERBS}\b", -1),
    (
        r"\s+(?:hereby\s+)?(?:accepts\s+(?:such\s+|the\s+)?appointment|pays|purchases)\b",
        -1,
    ),
)
_SUBJECT_CUES = [re.compile(words, re.IGNORECASE) for words, _ in _SUBJECT_SIDE_CUES]
_SUBJECT_SIDES = [side for _, side in _SUBJECT_SIDE_CUES]
# A party named after the verb: (the verb's forms, the side of the party named).
_OBJECT_SIDE_CUES: tuple[tuple[tuple[str, ...], int], ...] = (
    # "pay to the University", "paid to Supplier", "royalties payable to NORTHWIND"
    (("pay", "paid", "payable", "remit", "invoice by", "invoiced by"), 1),
    # "grants to Licensee", "hereby appoints Distributor", "sell to Buyer"
    (
        (
            "grant",
            "grants",
            "appoint",
            "appoints",
            "sell",
            "sells",
            "supply",
            "supplies",
            "deliver",
            "provide",
        ),
        -1,
    ),
)


def _forms_pattern(forms: tuple[str, ...]) -> str:
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


_OBJECT_CUES = [
    re.compile(rf"\b(?:{_forms_pattern(forms)})\s+(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)
    for forms, _ in _OBJECT_SIDE_CUES
]
_OBJECT_SIDES = [side for _, side in _OBJECT_SIDE_CUES]


def _prefilter_words(forms: list[str]) -> tuple[str, ...]:
    """The first words of `forms`, less any that starts with another ("grants" with "grant")."""
    firsts = sorted({form.split()[0] for form in forms})
    return tuple(
        word for word in firsts if not any(word.startswith(o) for o in firsts if o != word)
    )


# The object cues are searched only where the first word of one of their verb forms occurs.
_OBJECT_CUE_STEMS = _prefilter_words([form for forms, _ in _OBJECT_SIDE_CUES for form in forms])


_EVIDENCE_MENTIONS = 300  # enough acts to tell a side; long contracts repeat themselves


def side_evidence(text: str, names: list[str]) -> int:
    """Positive when the text has the party called by any of `names` supply things, negative
    when it has it pay or buy; 0 when its acts say nothing."""
    named = sorted((name for name in names if name.lower() not in ("we", "you", "us")), key=len)
    if not named:
        return 0
    alternation = "|".join(re.escape(name) for name in reversed(named))
    score = 0
    # The names lead the pattern (a scan for their first letters is fast); a name inside a
    # longer word is skipped below.
    mentions = re.finditer(rf"(?:{alternation})(?![\w-])", text)
    count = 0
    for mention in mentions:
        previous = text[mention.start() - 1 : mention.start()]
        if previous and (previous.isalnum() or previous in "_-"):
            continue
        count += 1
        if count > _EVIDENCE_MENTIONS:
            break
        after = text[mention.end() : mention.end() + 80]
        before = text[max(0, mention.start() - 40) : mention.start()]
        for cue, side in zip(_SUBJECT_CUES, _SUBJECT_SIDES, strict=True):
            if cue.match(after):
                score += side
        lowered = before.lower()
        if any(stem in lowered for stem in _OBJECT_CUE_STEMS):
            for cue, side in zip(_OBJECT_CUES, _OBJECT_SIDES, strict=True):
                if cue.search(before):
                    score += side
    return score


def sides_by_acts(text: str, pending: list[list[str]], known: set[str]) -> list[str]:
    """Roles for parties defined without a role word."""
    if known == {"provider"}:
        return ["customer"] * len(pending)
    if known == {"customer"}:
        return ["provider"] * len(pending)
    is_company = [names[0].lower() in ("company", "the company") for names in pending]
    evidence = [side_evidence(text, names) for names in pending]
    if len(pending) == 2 and evidence[0] != evidence[1]:
        return ["provider", "customer"] if evidence[0] > evidence[1] else ["customer", "provider"]
    if len(pending) == 2 and is_company[0] != is_company[1]:
        return ["provider", "customer"] if is_company[0] else ["customer", "provider"]
    if len(pending) == 2:
        return ["other", "other"]
    return [
        "provider" if score > 0 else "customer" if score < 0 else "provider" if company else "other"
        for score, company in zip(evidence, is_company, strict=True)
    ]
