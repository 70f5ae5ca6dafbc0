"""Plain text and Markdown.

Markdown is turned into plain text that keeps its structure visible to the clause splitter:

- YAML front matter is dropped; its `title:` becomes the document title.
- Headings are kept as ATX lines, "#" repeated by level, a space and the heading text
  ("## 12. Term"); Setext headings ("Term" underlined with === or ---) are written the same way.
  HTML and .docx headings follow the same convention, so a heading line looks alike in every
  format.
- Emphasis markers (**, __, and single * around a word) are dropped; link and image syntax
  keeps the visible text only; inline code loses its backticks; code fences, horizontal rules
  and HTML comments are dropped; backslash escapes are resolved.
- Table rows become "cell | cell" lines; separator rows are dropped.
- Block quote markers are dropped; list markers are kept as written ("- ", "1. ").
"""

from __future__ import annotations

import re

from obligations.extraction.readers._common import RawText, decode_text, first_line_title

_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_FRONT_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.+?)[ \t]*$", re.M)


def front_matter_title(front_matter: str) -> str | None:
    match = _FRONT_TITLE.search(front_matter)
    if match is None:
        return None
    title = match.group(1).strip()
    if len(title) >= 2 and title[0] == title[-1] and title[0] in "\"'":
        title = title[1:-1]
    return title or None


def read_txt(data: bytes, name: str) -> RawText:
    """Plain text as it is. Form feeds, which text exported from a PDF (pdftotext) puts
    between pages, make it a paged document."""
    text = decode_text(data, name)
    front = _FRONT_MATTER.match(text)
    title = front_matter_title(front.group(1)) if front else None
    title = title or first_line_title(text)
    if "\f" not in text:
        return RawText([text], title=title)
    pages = text.split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # the form feed that ends the last page
    return RawText(pages, title=title, paged=True)


# ------------------------------------------------------------------------------------ markdown

_ESCAPABLE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE_BASE = 0xF0000  # private-use plane: escaped characters are parked there meanwhile
_PARKED = re.compile("[\U000f0021-\U000f007e]")

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_FENCE = re.compile(r"^ {0,3}(?:```|~~~)[^\n]*\n?", re.M)
_SETEXT = re.compile(r"^(?! {0,3}[-*+>#|]\s)( {0,3}\S[^\n]*)\n {0,3}(={2,}|-{2,})[ \t]*$", re.M)
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M)
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M)
_BLOCK_QUOTE = re.compile(r"^ {0,3}>[ \t]?", re.M)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S+[^\n]*$", re.M)
_IMAGE_OR_LINK = re.compile(
    r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
)
_REFERENCE_LINK = re.compile(r"!?\[([^\]\n]+)\]\[[^\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
_STRONG_STARS = re.compile(r"\*\*(?=\S)([^\n]+?)(?<=\S)\*\*")
_STRONG_UNDERSCORES = re.compile(r"(?<![\w_])__(?=\S)([^\n]+?)(?<=\S)__(?![\w_])")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|big|div|em|font|i|img|ins|del|mark|p|s|small|span|strong|sub|sup|u"
    r"|center)(?:\s[^<>]*)?/?>",
    re.I,
)
_TABLE_SEPARATOR = re.compile(
    r"^ {0,3}\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$", re.M
)
_TABLE_ROW = re.compile(r"^ {0,3}\|([^\n]*?)\|?[ \t]*$", re.M)
_CELL_SEPARATOR = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")


def _park_escape(match: re.Match[str]) -> str:
    return chr(_ESCAPE_BASE + ord(match.group(1)))


def _unpark(match: re.Match[str]) -> str:
    return chr(ord(match.group(0)) - _ESCAPE_BASE)


def _setext(match: re.Match[str]) -> str:
    level = "#" if match.group(2).startswith("=") else "##"
    return f"{level} {match.group(1).strip()}"


def _table_row(match: re.Match[str]) -> str:
    return " | ".join(cell for cell in _CELL_SEPARATOR.split(match.group(1).strip()))


def markdown_to_text(markdown: str) -> str:
    text = _ESCAPABLE.sub(_park_escape, markdown)
    text = _HTML_COMMENT.sub("", text)
    text = _CODE_FENCE.sub("", text)
    text = _LINK_DEFINITION.sub("", text)
    text = _SETEXT.sub(_setext, text)
    text = _RULE.sub("", text)
    text = _ATX.sub(lambda match: f"{match.group(1)} {match.group(2)}", text)
    text = _BLOCK_QUOTE.sub("", text)
    text = _TABLE_SEPARATOR.sub("", text)
    text = _TABLE_ROW.sub(_table_row, text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _INLINE_CODE.sub(r"\1", text)
    text = _STRONG_STARS.sub(r"\1", text)
    text = _STRONG_UNDERSCORES.sub(r"\1", text)
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return _PARKED.sub(_unpark, text)


def read_markdown(data: bytes, name: str) -> RawText:
    text = decode_text(data, name).replace("\r\n", "\n").replace("\r", "\n")
    title = None
    front = _FRONT_MATTER.match(text)
    if front:
        title = front_matter_title(front.group(1))
        text = text[front.end() :]
    text = markdown_to_text(text)
    if title is None:
        heading = re.search(r"^# (.+)$", text, re.M)
        title = heading.group(1).strip() if heading else first_line_title(text)
    return RawText([text], title=title)
