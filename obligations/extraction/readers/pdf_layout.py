"""Clean-up of text taken from PDF pages: running headers and footers, page numbers, and words
hyphenated across a line break."""

from __future__ import annotations

import math
import re
from collections import Counter

from obligations.extraction.dates import find_dates

_ZONE = 3  # lines at the top and at the bottom of a page where headers and footers live
_MIN_SHARE = 0.6  # share of pages a line must repeat on to count as a running header/footer
_NUMBER = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_MAX_LINE = 160
# A page label that says what it is ("Page 3", "Page 3 of 12", "- 3 -", "3/12"), dropped from the
# top or bottom of a page however few pages there are.
_PAGE_LABEL = re.compile(
    r"^(?:page\s+(?P<a>\d{1,4})(?:\s*(?:of|/)\s*\d{1,4})?|-\s*(?P<b>\d{1,4})\s*-"
    r"|(?P<c>\d{1,4})\s*(?:of|/)\s*\d{1,4})$",
    re.IGNORECASE,
)


def _is_page_label(key: str, page: int) -> bool:
    match = _PAGE_LABEL.match(key)
    if match is None:
        return False
    number = int(match.group("a") or match.group("b") or match.group("c"))
    return 0 < number <= page + 2  # a page's own number, allowing for unnumbered cover pages


def _key(line: str) -> str:
    return _SPACES.sub(" ", line.strip().lower())


def _zone(lines: list[str]) -> list[int]:
    """Indexes of the first and last few non-blank lines of a page."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    size = min(_ZONE, len(filled) // 3)  # a short page keeps its middle third out of reach
    return filled[:size] + filled[len(filled) - size :] if size else []


def _page_counters(occurrences: list[tuple[int, list[int]]]) -> set[int]:
    """The pages on which a line's numbers include a page counter: one number position whose
    value minus the page index is the same on every page ("Page 3 of 12", "- 4 -", "7")."""
    if len({len(numbers) for _, numbers in occurrences}) != 1:
        return set()
    for position in range(len(occurrences[0][1])):
        values = [numbers[position] for _, numbers in occurrences]
        offsets = {value - page for value, (page, _) in zip(values, occurrences, strict=True)}
        if len(offsets) == 1 and len(set(values)) > 1:
            return {page for page, _ in occurrences}
    return set()


def running_line_indexes(pages: list[list[str]]) -> list[set[int]]:
    """The indexes of each page's lines that repeat at the top or bottom of most pages: running
    headers and footers (the same line on each page) and page numbers ("Page 3 of 12", bare
    "3": the same line but for a number that counts up with the page).

    Only the top and bottom three lines of a page are candidates (fewer on a short page), and
    only when they recur on at least 60 % of the pages that have text, so a one-page document
    is never touched; a page is never emptied. A running line holding a date is kept on the
    first page it appears on."""
    with_text = sum(1 for lines in pages if any(line.strip() for line in lines))
    needed = max(2, math.ceil(_MIN_SHARE * with_text))
    zones = [_zone(lines) for lines in pages]
    exact: Counter[str] = Counter()
    numbered: dict[str, list[tuple[int, list[int]]]] = {}
    for page, (lines, zone) in enumerate(zip(pages, zones, strict=True)):
        keys = {_key(lines[index]) for index in zone if len(lines[index]) <= _MAX_LINE}
        exact.update(keys)
        for key in keys:
            numbers = [int(number) for number in _NUMBER.findall(key)[:4]]
            if numbers:
                numbered.setdefault(_NUMBER.sub("#", key), []).append((page, numbers))
    running = {key for key, count in exact.items() if count >= needed and with_text >= 2}
    counted = {
        pattern: pages_with_counter
        for pattern, occurrences in numbered.items()
        if len(occurrences) >= needed
        and len(pages_with_counter := _page_counters(occurrences)) >= needed
        and with_text >= 2
    }
    # A running line with a date is the document's version stamp ("Version: 2.5 (18.12.2019)"):
    # it says when the terms were last changed, so it stays once, where it first appears.
    stamps = {key for key in running if find_dates(key)}
    dropped: list[set[int]] = []
    for page, (lines, zone) in enumerate(zip(pages, zones, strict=True)):
        drop = set()
        for index in zone:
            key = _key(lines[index])
            if key in stamps:
                stamps.discard(key)
                continue
            if (
                key in running
                or page in counted.get(_NUMBER.sub("#", key), ())
                or _is_page_label(key, page)
            ):
                drop.add(index)
        kept = [line for index, line in enumerate(lines) if index not in drop]
        dropped.append(drop if any(line.strip() for line in kept) else set())
    return dropped


def remove_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers, footers and page numbers (see
    `running_line_indexes`)."""
    split = [page.split("\n") for page in pages]
    dropped = running_line_indexes(split)
    return [
        "\n".join(line for index, line in enumerate(lines) if index not in drop)
        for lines, drop in zip(split, dropped, strict=True)
    ]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that keep their hyphen when a line break falls after it: compounds such as
# "non-exclusive", "third-party" or "thirty-day", where the hyphen belongs to the text.
_KEEP_HYPHEN_LEFT = _words(
    "non self co cross ex anti well long short full part semi quasi third first "
    "second one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
    "sixty seventy eighty ninety hundred half multi year month week day business end"
)
_KEEP_HYPHEN_RIGHT = _words(
    "day days month months year years week weeks hour hours business calendar party "
    "parties based free related specific wide term"
)
_HYPHEN_BREAK = re.compile(r"(\w+)[-\u00ad\u2010][ \t]*\n[ \t]*([a-z]\w*)")


def _join_hyphenated(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    if (
        left[-1].isdigit()
        or left.lower() in _KEEP_HYPHEN_LEFT
        or right.lower() in _KEEP_HYPHEN_RIGHT
    ):
        return f"{left}-{right}"
    return left + right


def join_hyphenated(text: str) -> str:
    """Join words hyphenated at a line end ("obliga-\\ntion" -> "obligation"); compounds whose
    hyphen is part of the word keep it ("thirty-\\nday" -> "thirty-day")."""
    return _HYPHEN_BREAK.sub(_join_hyphenated, text)
