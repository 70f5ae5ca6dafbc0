"""A cheap guess at the language of a contract, to warn when it is not English.

The extractor reads English contracts. A German or French contract is read all the same, but
the user is told up front to expect few or no obligations. The guess counts frequent function
words ("the", "der", "le", ...) in a sample of the text; letters outside the Latin script decide
for other scripts. It is a heuristic that needs a few dozen words of running text.
"""

from __future__ import annotations

import re
from collections import Counter


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent function words that are distinctive for each language: words that are also common
# in another of these languages ("in", "a", "die", "de", "en", "is", "per") are left out.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to that for with this be by are shall or any which such from have has "
        "its it will not other their been these those upon under within without whether "
        "would should hereby thereof herein"
    ),
    "de": _words(
        "der das und ist nicht mit von zu dem des sich auf für eine einer eines einem ein "
        "wird werden oder auch bei nach aus wie sind kann nur gemäß über durch diese "
        "dieser diesem dieses wenn sowie soweit zur zum vom haben hat"
    ),
    "fr": _words(
        "le les et des du une est qui dans pour par sur pas sont aux ces cette avec être "
        "ou au leur leurs doit peut ainsi selon lors dont tout toute"
    ),
    "es": _words(
        "el los las del y por con una para se lo su sus al como más este esta estos estas "
        "será deberá cualquier entre sin sobre puede"
    ),
    "it": _words(
        "il di che della delle dei degli gli alla alle allo nel nella nelle sono è essere "
        "questo questa dal dalla ai anche più può deve qualsiasi"
    ),
    "nl": _words(
        "het een van dat op voor zijn niet aan er worden wordt door bij ook deze naar uit "
        "heeft kan moet tot zal dan wel"
    ),
    "pt": _words(
        "os dos não uma pelo pela pelos pelas ao aos às à são ser seu sua seus suas deverá "
        "qualquer também mais este esta do da na nas nos em um com"
    ),
}

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ru": "Russian",
    "el": "Greek",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ar": "Arabic",
    "he": "Hebrew",
}

_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# Three stretches of 3,000 characters hold some 1,500 words: plenty for function-word counts,
# and the guess costs the same for a long contract as for a short one.
_SAMPLE_CHARS = 9_000
_MIN_WORDS = 25
_MIN_SHARE = 0.08  # share of words that are the best language's stop words
_MARGIN = 1.5  # how much more often than English another language's stop words must occur

# Ranges of letters of other scripts, each with a guess at the language it usually means.
_SCRIPTS = (
    (re.compile(r"[\u0400-\u04FF]"), "ru"),
    (re.compile(r"[\u0370-\u03FF]"), "el"),
    (re.compile(r"[\u3040-\u30FF]"), "ja"),
    (re.compile(r"[\uAC00-\uD7AF]"), "ko"),
    (re.compile(r"[\u4E00-\u9FFF]"), "zh"),
    (re.compile(r"[\u0600-\u06FF]"), "ar"),
    (re.compile(r"[\u0590-\u05FF]"), "he"),
)


def _sample(text: str) -> str:
    """The beginning, middle and end of a long text: enough words, bounded time."""
    if len(text) <= _SAMPLE_CHARS:
        return text
    third = _SAMPLE_CHARS // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle - third // 2 : middle + third // 2], text[-third:]))


def _script_language(sample: str, letters: int) -> str | None:
    for pattern, language in _SCRIPTS:
        if len(pattern.findall(sample)) * 2 > letters:
            return language
    return None


def detect_language(text: str) -> str | None:
    """Guess the language of `text` as an ISO 639-1 code ("en", "de", ...).

    None when there is too little running text to tell (a table of numbers, a title page)."""
    sample = _sample(text)
    words = _WORD.findall(sample)
    letters = sum(map(len, words))
    if letters < 50:
        return None
    latin = sum(map(len, _LATIN_LETTERS.findall(sample)))
    if latin * 2 < letters:
        return _script_language(sample, letters)
    words = [word.lower() for word in words]
    if len(words) < _MIN_WORDS:
        return None
    counts = Counter(words)
    shares = {
        language: sum(counts[word] for word in stop_words) / len(words)
        for language, stop_words in _STOP_WORDS.items()
    }
    best = max(shares, key=lambda language: shares[language])
    if best != "en" and shares[best] >= _MIN_SHARE and shares[best] >= _MARGIN * shares["en"]:
        return best
    if shares["en"] >= _MIN_SHARE:
        return "en"
    return None


def language_warning(text: str) -> str | None:
    """A one-line warning when `text` looks like a language other than English, else None."""
    return foreign_language_warning(detect_language(text))


def foreign_language_warning(language: str | None) -> str | None:
    """The warning for a text guessed to be in `language`: None for English or no guess."""
    if language is None or language == "en":
        return None
    name = LANGUAGE_NAMES.get(language, language)
    return (
        f"The text looks {name}, not English; the extractor reads English contracts, "
        "so expect few or no obligations."
    )
