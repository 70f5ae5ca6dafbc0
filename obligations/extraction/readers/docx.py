"""Word .docx, read straight from the ZIP archive and its XML with the standard library.

The archive is checked before anything is inflated (entry count, declared sizes, compression
ratio) and every part is read with a byte cap, so a zip bomb is refused cheaply. The text:

- each paragraph is a block of its own, blocks separated by a blank line;
- automatic numbering is rendered as Word shows it ("1.", "1.1", "(a)", "iv."), bullets as "• ";
- headings (Heading 1–6, Title, or an outline level) are ATX lines: "## 12. Term";
- a table row is one line with its cells separated by " | ";
- tracked deletions and field instructions are left out, tracked insertions kept.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from xml.etree.ElementTree import Element, ParseError, fromstring

from obligations.extraction.model import ReadError
from obligations.extraction.readers._common import RawText, format_size
from obligations.extraction.readers.docx_numbering import (
    Numbering,
    Style,
    attribute,
    child,
    heading_level,
    local,
    parse_numbering,
    parse_styles,
    style_numbering,
)

MAX_ENTRIES = 10_000
MAX_TOTAL_UNPACKED = 256 * 1024 * 1024  # declared size of all entries together
MAX_PART_BYTES = 64 * 1024 * 1024  # bytes inflated from any one XML part
MAX_RATIO = 200  # uncompressed / compressed size of a large entry
_RATIO_FLOOR = 4 * 1024 * 1024  # small entries may compress as well as they like
_CHUNK = 1024 * 1024

DOCUMENT = "word/document.xml"
_SKIPPED = frozenset(
    (
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "delInstrText",
        "rPr",
        "sdtPr",
        "sdtEndPr",
        "pPr",
        "drawing",
        "pict",
        "object",
        "AlternateContent",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
    )
)
_BREAKS = frozenset(("br", "cr"))


def _bomb(name: str, size: int) -> ReadError:
    return ReadError(
        f"{name} looks like a zip bomb (it would unpack to {format_size(size)} or more) and was "
        "not opened; save the document again from Word and upload that copy."
    )


def _damaged(name: str, what: str) -> ReadError:
    return ReadError(
        f"{name} is not a valid .docx file ({what}); open it in Word, save it as .docx again "
        "and upload that copy."
    )


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ReadError(
            f"{name} holds {len(entries)} files inside, far more than a Word document; save the "
            "document again from Word and upload that copy."
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_UNPACKED:
        raise _bomb(name, total)
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
            entry.compress_size, 1
        ):
            raise _bomb(name, entry.file_size)


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    """A part's bytes, inflating no more than MAX_PART_BYTES whatever its header declares."""
    try:
        entry = archive.getinfo(part)
    except KeyError:
        return None
    if entry.file_size > MAX_PART_BYTES:
        raise _bomb(name, entry.file_size)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_PART_BYTES:
                    raise _bomb(name, size)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error) as error:
        raise _damaged(name, f"{part} is corrupt") from error
    except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
        raise _damaged(name, f"{part} cannot be unpacked") from error
    return b"".join(chunks)


def _parse_xml(data: bytes | None, part: str, name: str) -> Element | None:
    if data is None:
        return None
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        # Word never writes a DTD; one in a .docx can only be an entity-expansion attack.
        raise _damaged(name, f"{part} declares a DTD")
    try:
        return fromstring(data)
    except ParseError as error:
        raise _damaged(name, f"{part} is not well-formed XML") from error


def _hidden(run: Element) -> bool:
    """Is the run formatted as hidden text (w:vanish), which Word neither shows nor prints?"""
    properties = child(run, "rPr")
    vanish = child(properties, "vanish")
    return vanish is not None and attribute(vanish, "val") not in ("0", "false", "off")


class _Renderer:
    def __init__(self, numbering: Numbering, styles: dict[str, Style]) -> None:
        self.numbering = numbering
        self.styles = styles
        self.blocks: list[str] = []
        self.title: str | None = None

    def body(self, body: Element) -> None:
        for element in body:
            name = local(element)
            if name == "p":
                paragraph = self.paragraph(element, heading_marks=True)
                if paragraph:
                    self.blocks.append(paragraph)
            elif name == "tbl":
                rows = self.table(element)
                if rows:
                    self.blocks.append("\n".join(rows))
            elif name in ("sdt", "customXml", "ins", "moveTo"):
                content = child(element, "sdtContent") if name == "sdt" else element
                if content is not None:
                    self.body(content)

    def paragraph(self, paragraph: Element, *, heading_marks: bool) -> str:
        properties = child(paragraph, "pPr")
        style_id = attribute(child(properties, "pStyle"), "val")
        num_pr = child(properties, "numPr")
        num_id = attribute(child(num_pr, "numId"), "val")
        level_value = attribute(child(num_pr, "ilvl"), "val")
        level = int(level_value) if level_value and level_value.isdigit() else None
        if num_id is None:
            num_id, style_level = style_numbering(self.styles, style_id)
            level = style_level if level is None else level
        # Word counts an empty numbered paragraph too (it shows its number), so count first.
        label = self.numbering.label(num_id, level, style_id) if num_id not in (None, "0") else ""
        text = "".join(self.runs(paragraph)).strip()
        if not text:
            return ""
        outline = attribute(child(properties, "outlineLvl"), "val")
        heading = heading_level(
            self.styles, style_id, int(outline) if outline and outline.isdigit() else None
        )
        if heading and self.title is None and self._is_title_style(style_id):
            self.title = text
        line = label + text
        if heading and heading_marks:
            line = "#" * heading + " " + " ".join(line.split())
        return line

    def _is_title_style(self, style_id: str | None) -> bool:
        style = self.styles.get(style_id or "")
        return style is not None and style.name.lower() == "title"

    def runs(self, element: Element) -> list[str]:
        pieces: list[str] = []
        for item in element:
            name = local(item)
            if name in _SKIPPED or (name == "r" and _hidden(item)):
                continue
            if name == "t":
                pieces.append(item.text or "")
            elif name in ("tab", "ptab"):
                pieces.append("\t")
            elif name in _BREAKS:
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "sym":
                continue
            elif name in ("p", "tbl"):
                continue  # text boxes and similar nest block content; it is not run text
            else:
                pieces.extend(self.runs(item))
        return pieces

    def table(self, table: Element) -> list[str]:
        rows: list[str] = []
        for row in table:
            if local(row) != "tr":
                continue
            cells = [self.cell(cell) for cell in row if local(cell) in ("tc", "sdt")]
            while cells and not cells[-1]:
                cells.pop()
            if any(cells):
                rows.append(" | ".join(cells))
        return rows

    def cell(self, cell: Element) -> str:
        if local(cell) == "sdt":
            content = child(cell, "sdtContent")
            inner = child(content, "tc")
            return self.cell(inner) if inner is not None else ""
        parts: list[str] = []
        for element in cell:
            name = local(element)
            if name == "p":
                parts.append(self.paragraph(element, heading_marks=False))
            elif name == "tbl":
                parts.extend(self.table(element))
        return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _core_title(root: Element | None) -> str | None:
    if root is None:
        return None
    for element in root:
        if local(element) == "title" and element.text and element.text.strip():
            return " ".join(element.text.split())
    return None


def read_docx(data: bytes, name: str) -> RawText:
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise _damaged(name, "it is not a readable ZIP archive") from error
    with archive:
        _check_archive(archive, name)
        document = _parse_xml(_read_part(archive, DOCUMENT, name), DOCUMENT, name)
        if document is None:
            raise _damaged(name, f"it has no {DOCUMENT}, so it is not a Word document")
        numbering = parse_numbering(
            _parse_xml(_read_part(archive, "word/numbering.xml", name), "numbering.xml", name)
        )
        styles = parse_styles(
            _parse_xml(_read_part(archive, "word/styles.xml", name), "styles.xml", name)
        )
        core = _parse_xml(_read_part(archive, "docProps/core.xml", name), "core.xml", name)
    body = child(document, "body")
    if body is None:
        raise _damaged(name, f"{DOCUMENT} has no body")
    renderer = _Renderer(numbering, styles)
    renderer.body(body)
    return RawText(["\n\n".join(renderer.blocks)], title=_core_title(core) or renderer.title)
