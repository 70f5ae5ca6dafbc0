"""Kinds of obligations (payment, reporting, notification, renewal_notice, ...), read from
the time rule and from the words of the duty's predicate."""

from __future__ import annotations

import re
from typing import NamedTuple

from obligations.extraction.party_words import trie_pattern
from obligations.extraction.timerules import TimeRule

_I = re.IGNORECASE
_RENEWAL_WORDS_RE = re.compile(r"renew|extend|extension", _I)
# What a modal verb before an incident-report deadline has the provider do (lower-cased text).
_RESPOND_RE = re.compile(r"\s*(?:\w+ly\s+)?(?:respond|acknowledge|react)")
_RECOVER_RE = re.compile(r"\s*(?:\w+ly\s+)?(?:resolve|restore|fix|remedy|correct|repair)")


class Modal(NamedTuple):
    """A modal verb in a sentence: "shall", "may not", "is obliged to"."""

    start: int  # relative to the sentence
    end: int
    modality: str  # duty, prohibition, right
    word: str


# Kinds by the words of the predicate, in order of preference: word beginnings, and whole
# words (marked "=").
_KINDS = [
    ("renewal_notice", ("renewal", "nonrenew", "non-renew")),
    ("service_credit", ("credit",)),
    ("payment", ("=pay", "=paid", "=payment", "=payments", "=payable", "invoice")),
    ("cure", ("cure", "remed")),
    ("audit", ("audit", "inspect")),
    ("reporting", ("report", "statement", "forecast")),
    ("retention", ("=record", "=records", "retain", "maintain")),
    ("return_or_deletion", ("delet", "destroy", "return")),
    ("confidentiality", ("confidential",)),
    ("objection", ("object",)),
    ("notification", ("notif", "inform", "notice")),
]
_KIND_OF_WORD = {word.lstrip("="): name for name, words in _KINDS for word in words}
_WHOLE_WORDS = frozenset(word[1:] for _, words in _KINDS for word in words if word[0] == "=")
_KIND_ORDER = {name: order for order, (name, _) in enumerate(_KINDS)}
_KIND_RE = re.compile(trie_pattern(list(_KIND_OF_WORD)))


def _kind_of_words(text: str) -> str | None:
    """The preferred kind named in `text`."""
    low = text.lower()
    best: str | None = None
    for match in _KIND_RE.finditer(low):
        word, start, end = match.group(0), match.start(), match.end()
        if start and low[start - 1].isalpha():
            continue
        if word in _WHOLE_WORDS and low[end : end + 1].isalpha():
            continue
        name = _KIND_OF_WORD[word]
        if best is None or _KIND_ORDER[name] < _KIND_ORDER[best]:
            best = name
    return best


def kind_of(
    sentence: str,
    rule: TimeRule | None,
    modality: str,
    modal: Modal | None,
    scope: str | None = None,
) -> str:
    if rule is not None:
        if rule.kind:
            return rule.kind
        if rule.anchor in ("incident_reported", "error_reported") and modal is not None:
            act = sentence[modal.end : modal.end + 40].lower()
            if _RESPOND_RE.match(act):
                return "response_time"
            if _RECOVER_RE.match(act):
                return "recovery_time"
        if rule.anchor == "term_end" and _RENEWAL_WORDS_RE.search(sentence[:2000]):
            return "renewal_notice"
    if modality == "prohibition":
        return "prohibition"
    if scope is not None:
        predicate = scope[:150]
    else:
        predicate = sentence[modal.end : modal.end + 150] if modal else ""
    kind = _kind_of_words(predicate) or _kind_of_words(sentence[:400])
    if kind:
        return kind
    return "right" if modality == "right" else "duty"
