"""The modal verbs of a whole document ("shall", "may not", "is required to", "has the right
to"), found in one pass over its lower-cased text; each sentence then takes the ones inside it."""

from __future__ import annotations

import re

from obligations.extraction.wordscan import WordScan, word_pattern

# The first word of every modal expression (with what may follow it after a colon), found in
# one fast pass over lower-cased text.
_MODAL_WORD_TABLE = (
    "shall should will must may can:(?:not)? is are agree:s? undertake:s? covenant:s? commit:s? "
    "has have reserve:s? remain:s? acknowledge:s? indemnif:(?:y|ies) responsibility obligation "
    "won shan mustn"
)
# What must follow the common words that are modal only in a phrase ("is required", "has the
# right"), so that the scan passes over "is" and "has" everywhere else.
_BE_MODAL = (
    r"\s+(?:\w+ly\s+)?(?:forbidden|prohibited|not\s+(?:permitted|allowed)|obliged|obligated"
    r"|required|bound|responsible|liable|entitled)"
)
_MODAL_PHRASE_REST = {
    "is": _BE_MODAL,
    "are": _BE_MODAL,
    "has": r"\s+the\s+right",
    "have": r"\s+the\s+right",
    "remain": r"\s+(?:\w+ly\s+)?(?:responsible|liable)",
    "acknowledge": r"\s+(?:its\s+|their\s+|our\s+)?responsibility",
}
_MODAL_WORDS = WordScan(
    [
        *(
            word_pattern(word, rest + r"\b" + f"(?={_MODAL_PHRASE_REST.get(word, '')})")
            for word, _, rest in (entry.partition(":") for entry in _MODAL_WORD_TABLE.split())
        ),
        *(word_pattern(f"{mark}{end}", r"\b", before="") for mark in "’'" for end in ("ll", "re")),
    ]
)
_MODAL_RE = re.compile(
    r"(?:(?P<prohibition>(?:shall|will|must|may|can|should)\s+(?:not|never)\b|cannot|"
    r"(?:won|shan|mustn|can)[’']t\b|[’']ll\s+(?:not|never)\b|"
    r"(?:is|are|[’']re)\s+(?:\w+ly\s+)?(?:forbidden|prohibited|not\s+(?:permitted|allowed))"
    r"(?:\s+(?:from|to))?|undertakes?\s+not\s+to|agrees?\s+not\s+to)"
    r"|(?P<duty>(?:is|are|[’']re)\s+(?:\w+ly\s+)?(?:obliged|obligated|required|bound)(?:\s+to)?|"
    r"(?:is|are|[’']re|remains?)\s+(?:\w+ly\s+)?(?:responsible|liable)(?:\s+for)?|"
    r"agrees?(?:\s*,[^,;]{1,60},|\s*,)?\s+to|undertakes?\s+to|acknowledges?\s+(?:its\s+|their\s+|"
    r"our\s+)?responsibility\s+for|(?:responsibility|obligation)\s+to|indemnif(?:y|ies)|"
    r"covenants?\s+(?:to|that)|commits?\s+to|shall|must|will|should|[’']ll)"
    r"|(?P<right>(?:is|are)\s+(?:\w+ly\s+)?entitled\s+to|(?:has|have)\s+the\s+right\s+to|"
    r"reserves?\s+the\s+right\s+to|may|can))\b"
)


def modal_hits(low: str) -> list[tuple[int, int, str, str]]:
    hits: list[tuple[int, int, str, str]] = []
    for word in _MODAL_WORDS.finditer(low):
        match = _MODAL_RE.match(low, word.start())
        if match is None:
            continue
        if match.group("prohibition"):
            modality = "prohibition"
        elif match.group("right"):
            modality = "right"
        else:
            modality = "duty"
        hits.append((match.start(), match.end(), modality, match.group(0)))
    return hits
