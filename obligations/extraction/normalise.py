"""Normalise what contract files really contain, before any offset is taken.

The normalised text is the stored text: clause and evidence offsets index into it, so every
reader passes its text through `normalise` and nothing changes the text afterwards.

Conventions (the extractor and the review page rely on them):

- Line ends are "\\n"; trailing spaces and tabs are stripped from every line; a blank line
  separates paragraphs and longer runs of blank lines collapse to one; the text has no leading
  blank lines and no trailing whitespace.
- HTML character references are decoded in every format, only in their terminated form
  (``&amp;``, ``&#8211;``, ``&quot;``), including double-encoded ones (``&amp;nbsp;`` is a space),
  so that "AT&T" or "&notice" in plain text stays as written.
- Mojibake (UTF-8 read as cp1252 or Latin-1, such as "â€“", "â€™", "Ã¤") is repaired where the
  bytes decode as UTF-8 to a plausible character; anything else is left alone.
- C1 control characters left by a Latin-1 decode (U+0080–U+009F) become their cp1252 characters
  (U+0092 is "’"); the five code points cp1252 leaves undefined are removed.
- Non-breaking, narrow and other fixed-width spaces become plain spaces; U+2010 and the
  non-breaking hyphen U+2011 become "-"; en and em dashes and the minus sign are kept.
- Latin ligatures (U+FB00-U+FB06, "ﬁ", "ﬀ", ...) become their letters, as PDF text layers
  often give "ﬁve" for "five".
- Soft hyphens, zero-width characters, byte-order marks, bidirectional marks and other control
  characters (except tab and newline) are removed; line and paragraph separators, vertical tab
  and form feed become newlines.
- Curly quotes are kept as written (the scorer and the matching code compare quotes loosely).
- The result is in Unicode NFC form.

`normalise` is idempotent: normalising normalised text changes nothing.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from html.entities import html5 as _HTML5_ENTITIES

# ---------------------------------------------------------------------------------- characters

_UNDEFINED_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def _char_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F):
        table[code] = None  # C0 controls except tab, newline, VT, FF, CR
    for code in (0x0B, 0x0C, 0x2028, 0x2029):
        table[code] = "\n"
    for code in range(0x80, 0xA0):
        # Mojibake repair runs on the raw text first, while these still tell bytes apart.
        table[code] = None if code in _UNDEFINED_CP1252 else bytes([code]).decode("cp1252")
    for code in (0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[code] = " "
    for code in (0x2010, 0x2011):
        table[code] = "-"
    # Latin ligatures, as PDF text layers give them ("ﬁve (5) business days", "aﬀected").
    ligatures = ("ff", "fi", "fl", "ffi", "ffl", "st", "st")
    for code, letters in zip(range(0xFB00, 0xFB07), ligatures, strict=True):
        table[code] = letters
    for code in (
        0x00AD,  # soft hyphen
        0x034F,  # combining grapheme joiner
        0x061C,  # Arabic letter mark
        0x180E,  # Mongolian vowel separator
        *range(0x200B, 0x2010),  # zero-width space, non-joiner, joiner, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, bidi isolates
        0xFEFF,  # byte-order mark, zero-width no-break space
        0xFFF9,
        0xFFFA,
        0xFFFB,  # interlinear annotation controls
    ):
        table[code] = None
    return table


_CHARS = _char_table()
# str.translate looks every character up in the table; substituting only the (usually few)
# characters that change is many times faster on long texts.
_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHARS)) + "]")


def _replace_special(match: re.Match[str]) -> str:
    return _CHARS[ord(match.group(0))] or ""


def _clean_chars(text: str) -> str:
    text = _SPECIAL.sub(_replace_special, text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# ------------------------------------------------------------------------------------ entities

# "&" then any number of encoded ampersands ("amp;", "#38;", "#x26;"), then one reference.
_ENTITY = re.compile(
    r"&((?:(?:amp|#0*38|#[xX]0*26);)*)"
    r"(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
)


def _decode_entity(match: re.Match[str]) -> str:
    reference = match.group(2)
    if reference[0] != "#" and reference not in _HTML5_ENTITIES:
        # An unknown name: undo the encoded ampersands only, which is what a decoder would do.
        return "&" + reference if match.group(1) else match.group(0)
    return html.unescape("&" + reference)


def decode_entities(text: str) -> str:
    """Decode terminated HTML character references, however often the "&" was encoded."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_decode_entity, text)


# ------------------------------------------------------------------------------------ mojibake

# Each character that a cp1252 (or Latin-1) decode produces for a byte, for the bytes that can
# occur in UTF-8 sequences: lead bytes 0xC2–0xF4 and continuation bytes 0x80–0xBF.
_BYTE_OF: dict[str, int] = {}
for _byte in range(0x80, 0x100):
    _BYTE_OF[chr(_byte)] = _byte  # Latin-1 reading, including the C1 controls
    with contextlib.suppress(UnicodeDecodeError):
        _BYTE_OF[bytes([_byte]).decode("cp1252")] = _byte


def _char_class(low: int, high: int) -> str:
    chars = sorted(char for char, byte in _BYTE_OF.items() if low <= byte <= high)
    return "[" + "".join(re.escape(char) for char in chars) + "]"


_CONT = _char_class(0x80, 0xBF)
_MOJIBAKE = re.compile(
    "(?:"
    + _char_class(0xC2, 0xDF)
    + _CONT
    + "|"
    + _char_class(0xE0, 0xEF)
    + _CONT
    + "{2}|"
    + _char_class(0xF0, 0xF4)
    + _CONT
    + "{3})+"
)
_LEAD_CHARS = re.compile(_char_class(0xC2, 0xF4))


def _plausible(char: str) -> bool:
    """Would a contract plausibly contain `char`, repaired from mojibake?

    Restricting the repair to Latin, Greek and Cyrillic letters, punctuation, currency and
    letter-like symbols, the specials block and emoji keeps genuine text such as "ß…" (which
    decodes to an N'Ko letter) as written."""
    code = ord(char)
    return (
        0x80 <= code <= 0x24F
        or 0x370 <= code <= 0x52F
        or 0x1E00 <= code <= 0x1EFF
        or 0x2000 <= code <= 0x2BFF
        or 0xFB00 <= code <= 0xFB06
        or 0xFE00 <= code <= 0xFFFF
        or 0x1F000 <= code <= 0x1FAFF
    )


def _repair_sequence(run: str) -> str:
    """Repair one run of would-be UTF-8 sequences, sequence by sequence where some fail."""
    try:
        decoded = bytes(_BYTE_OF[char] for char in run).decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None and all(_plausible(char) for char in decoded):
        return decoded
    if len(run) <= 4:
        return run
    parts: list[str] = []
    position = 0
    while position < len(run):
        lead = _BYTE_OF[run[position]]
        size = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        parts.append(_repair_sequence(run[position : position + size]))
        position += size
    return "".join(parts)


def repair_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252 or Latin-1 ("â€“" -> "–", "Ã¤" -> "ä")."""
    if text.isascii():
        return text
    # Scanning for the rare lead characters and matching only there is much faster than
    # letting the whole pattern search the text.
    parts: list[str] = []
    done = 0
    for lead in _LEAD_CHARS.finditer(text):
        start = lead.start()
        if start < done:
            continue
        match = _MOJIBAKE.match(text, start)
        if match is None:
            continue
        parts.append(text[done:start])
        parts.append(_repair_sequence(match.group(0)))
        done = match.end()
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


# ---------------------------------------------------------------------------------------- lines


# Written with a literal prefix, which lets the regex engine skip ahead fast; "\n{3,}" is
# several times slower, a loop of str.replace slower still.
_BLANK_RUN = re.compile(r"\n\n\n+")


def _tidy_lines(text: str) -> str:
    # Splitting into lines beats a "[ \t]+$" regex, which tries every run of spaces.
    text = "\n".join([line.rstrip(" \t") for line in text.split("\n")])
    text = _BLANK_RUN.sub("\n\n", text)
    return text.lstrip("\n").rstrip()


# ---------------------------------------------------------------------------------------- entry

_MAX_PASSES = 6


def normalise(text: str) -> str:
    """Return `text` normalised as the module documentation describes."""
    for passes in range(_MAX_PASSES):
        repaired = repair_mojibake(decode_entities(text))
        if passes and repaired == text:
            break
        # Cleaning can bring characters together that form a reference or a sequence ("&am\u200bp;"),
        # so repeat until a repair finds nothing more; every change shortens the text.
        text = _clean_chars(repaired)
    return _tidy_lines(text)
