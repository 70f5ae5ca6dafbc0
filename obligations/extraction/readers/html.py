"""HTML, read with the standard library's tolerant parser.

The text keeps the page's structure as lines:

- block elements (p, div, section, blockquote, ...) are paragraphs, separated by a blank line;
- headings are ATX lines, "#" repeated by level and the heading text ("## 12. Term"), as in
  Markdown;
- list items are lines of their own; items of an ordered list are numbered as the browser would
  show them ("1. ", "a. ", "iv. ", honouring `start` and `type`), other items get "• ";
- a table row is one line, its cells separated by " | "; a table nested in a cell is flattened
  into that cell;
- <br> is a line break; runs of white space collapse to one space outside <pre>;
- <script>, <style>, <template>, <noscript>, <svg>, <nav> and the whole <head> are dropped; <title>
  becomes the document title;
- character references are decoded (double-encoded ones by the normaliser).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from obligations.extraction.model import ReadError
from obligations.extraction.readers._common import RawText, decode_text, first_line_title


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BLOCKS = _words(
    "address article aside blockquote body center caption details dialog dir div dl "
    "fieldset figcaption figure footer form header hgroup hr html legend main menu "
    "nav ol p pre section summary table ul"
)
_LINES = frozenset(("dt", "dd", "option"))
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
# Not contract text: code, styling, and navigation (menus, tables of contents that would repeat
# every heading).
_SKIPPED = frozenset(("script", "style", "template", "noscript", "svg", "nav"))
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_MARKUP = re.compile(r"<(?:[A-Za-z][A-Za-z0-9]*[\s/>]|/[A-Za-z]|!)")


def _roman(number: int) -> str:
    numerals = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    parts = []
    for value, numeral in numerals:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)


def _letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def list_label(number: int, style: str) -> str:
    """An item number in a list style: "1" decimal, "a"/"A" letters, "i"/"I" roman."""
    if number <= 0 or style not in ("a", "A", "i", "I"):
        return str(number)
    label = _letters(number) if style in "aA" else _roman(number)
    return label.upper() if style.isupper() else label


class _List:
    def __init__(self, ordered: bool, start: int, style: str) -> None:
        self.ordered = ordered
        self.next_number = start
        self.style = style


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []  # finished output, pieces of text and line breaks
        self.pending_break = 0  # newlines owed before the next text: 1 line, 2 paragraph
        self.pending_space = False
        self.marker = ""  # list number or heading marks waiting for the item's first text
        self.skipping: list[str] = []
        self.in_head = False
        self.in_title = False
        self.title_parts: list[str] = []
        self.first_h1: list[str] | None = None
        self.h1_parts: list[str] | None = None
        self.pre_depth = 0
        self.pre_opened = False  # a newline right after <pre> is not content
        self.heading_depth = 0
        self.lists: list[_List] = []
        self.rows: list[list[list[str]]] = []  # per open table row: its cells' text pieces

    # -- output -------------------------------------------------------------------------------

    def _break(self, newlines: int) -> None:
        if self.rows or self.heading_depth:
            self.pending_space = True  # inside a table cell or heading everything is one line
            return
        self.pending_break = max(self.pending_break, newlines)
        self.pending_space = False

    def _write(self, text: str) -> None:
        if self.rows:
            row = self.rows[-1]
            if not row:
                row.append([])
            cell = row[-1]
            if self.pending_space and cell:
                cell.append(" ")
            cell.append(text)
            self.pending_space = False
            return
        if self.pending_break and self.lines:
            self.lines.append("\n" * self.pending_break)
        elif self.pending_space and self.lines and not self.marker:
            self.lines.append(" ")
        self.pending_break = 0
        self.pending_space = False
        if self.marker:
            self.lines.append(self.marker)
            self.marker = ""
        self.lines.append(text)

    # -- parser events ------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in _SKIPPED:
            self.skipping.append(tag)
            return
        if tag == "head":
            self.in_head = True
            return
        if tag == "title":
            self.in_title = True
            return
        if self.in_head and tag not in ("meta", "link", "base"):
            self.in_head = False  # a page that never closes <head>
        if self.in_head:
            return
        attributes = dict(attrs)
        if tag in _HEADINGS:
            self._break(2)
            self.heading_depth += 1
            if not self.rows:
                self.marker = "#" * _HEADINGS[tag] + " "
            if tag == "h1" and self.first_h1 is None:
                self.h1_parts = []
        elif tag == "li":
            self._start_item()
        elif tag in ("ol", "ul", "menu", "dir"):
            self._break(2)
            self.lists.append(
                _List(tag == "ol", _int(attributes.get("start"), 1), _style(attributes))
            )
        elif tag == "tr":
            self._break(1)
            self.rows.append([])
        elif tag in ("td", "th"):
            if self.rows:
                self.rows[-1].append([])
                self.pending_space = False
        elif tag == "table" and self.rows:
            self.pending_space = True
        elif tag == "br":
            self._break(1)
        elif tag == "pre":
            self._break(2)
            self.pre_depth += 1
            self.pre_opened = True
        elif tag in _BLOCKS:
            self._break(2)
        elif tag in _LINES:
            self._break(1)

    def _start_item(self) -> None:
        self._break(1)
        current = self.lists[-1] if self.lists else None
        if current is not None and current.ordered:
            label = list_label(current.next_number, current.style)
            current.next_number += 1
            marker = f"{label}. "
        else:
            marker = "• "
        if self.rows:
            self._write(marker.strip())
        else:
            self.marker = marker

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag == "title":
            self.in_title = False
            return
        if tag == "head":
            self.in_head = False
            return
        if self.in_head:
            return
        if tag in _HEADINGS:
            self.heading_depth = max(0, self.heading_depth - 1)
            if tag == "h1" and self.h1_parts is not None and self.first_h1 is None:
                self.first_h1 = self.h1_parts
                self.h1_parts = None
            self._break(2)
        elif tag in ("ol", "ul", "menu", "dir"):
            if self.lists:
                self.lists.pop()
            self._break(2)
        elif tag == "li" or tag in _LINES:
            self._break(1)
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and len(self.rows) > 1:
            self.pending_space = True
        elif tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
            self._break(2)
        elif tag in _BLOCKS:
            self._break(2)

    def _end_row(self) -> None:
        if not self.rows:
            return
        cells = ["".join(parts).strip() for parts in self.rows.pop()]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cells):
            return
        line = " | ".join(cells)
        if self.rows:  # a row of a table nested in a cell
            self.pending_space = True
            self._write(line)
            self.pending_space = True
        else:
            self.pending_break = max(self.pending_break, 1)
            self._write(line)
            self.pending_break = 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.in_head:
            return
        if self.pre_depth and not self.rows:
            if self.pre_opened and data.startswith("\n"):
                data = data[1:]
            self.pre_opened = False
            if data:
                self.pending_space = False
                self._write(data)
            return
        self.pre_opened = False
        collapsed = _WHITESPACE.sub(" ", data)
        content = collapsed.strip(" ")
        if collapsed.startswith(" "):
            self.pending_space = True
        if content:
            if self.h1_parts is not None:
                self.h1_parts.append(collapsed)
            self._write(content)
            self.pending_space = collapsed.endswith(" ")

    def close(self) -> None:
        super().close()
        while self.rows:  # rows a sloppy page never closed
            self._end_row()

    def text(self) -> str:
        return "".join(self.lines)

    def title(self) -> str | None:
        for parts in (self.title_parts, self.first_h1 or []):
            title = _WHITESPACE.sub(" ", "".join(parts)).strip()
            if title:
                return title
        return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _style(attributes: dict[str, str | None]) -> str:
    style = attributes.get("type") or "1"
    return style if style in ("1", "a", "A", "i", "I") else "1"


# Markup declarations other than comments and the doctype (such as a stray "<![") can make
# the standard parser give up; as text they are harmless.
_ODD_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|doctype)", re.I)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The text and title of an HTML page."""
    for attempt in (markup, _ODD_DECLARATION.sub("&lt;!", markup)):
        parser = _HtmlText()
        try:
            parser.feed(attempt)
            parser.close()
        except (AssertionError, ValueError, IndexError, KeyError):
            continue
        return parser.text(), parser.title()
    raise ValueError("unparseable HTML")


def read_html(data: bytes, name: str) -> RawText:
    declared = _CHARSET.search(data[:4096])
    markup = decode_text(
        data, name, declared=declared.group(1).decode("ascii") if declared else None
    )
    if not _MARKUP.search(markup):
        return RawText([markup], title=first_line_title(markup))  # plain text named .html
    try:
        text, title = html_to_text(markup)
    except ValueError as error:
        raise ReadError(
            f"{name} is not HTML that can be read; save the page as PDF or .txt and upload that."
        ) from error
    return RawText([text], title=title)
