"""Turn an uploaded file into a `Document`: normalised text, title, pages and warnings.

    read_document(data, "contract.pdf") -> Document
    read_path("contracts/msa.docx") -> Document

The format comes from the file name's extension and is checked against the content (PDF and
ZIP magic bytes), so a mislabelled file gets a message instead of garbage. Every problem a user
can fix raises `ReadError` with a one-line message saying what is wrong and what to do. Problems
that still leave a readable text (a language other than English, scanned pages among text pages,
OCR) become `Document.warnings`.

Each reader keeps the document's structure visible as lines (see the modules): headings are
ATX lines ("## 12. Term") in Markdown, HTML and .docx; list items and table rows ("cell |
cell") are lines of their own; paragraphs are separated by a blank line. The text then goes
through `normalise` (see obligations.extraction.normalise), page by page for a PDF, and the
pages are joined with a blank line; `Document.page_starts` holds the offset of each page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from obligations.extraction.language import detect_language, foreign_language_warning
from obligations.extraction.model import Document, ReadError
from obligations.extraction.normalise import normalise
from obligations.extraction.readers._common import (
    KIND_DESCRIPTIONS,
    SUPPORTED_EXTENSIONS,
    SUPPORTED_LIST,
    RawText,
    first_line_title,
    format_size,
    mislabelled,
    sniff,
)
from obligations.extraction.readers.docx import read_docx
from obligations.extraction.readers.html import read_html
from obligations.extraction.readers.text import read_markdown, read_txt

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_EXTENSIONS",
    "detect_format",
    "read_document",
    "read_path",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
_TEXT_READERS: dict[str, Callable[[bytes, str], RawText]] = {
    "txt": read_txt,
    "md": read_markdown,
    "html": read_html,
    "docx": read_docx,
}
_PAGE_SEPARATOR = "\n\n"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_MAX_NAME = 120


def display_name(filename: str | os.PathLike[str]) -> str:
    """The file name as a message shows it: without folders, from any operating system."""
    name = str(filename).replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = _CONTROL.sub("?", name)  # a message stays one line whatever the name holds
    if len(name) > _MAX_NAME:
        name = name[: _MAX_NAME - 10] + "…" + name[-9:]
    return name or "The file"


def _too_large(name: str, size: int, limit: int) -> ReadError:
    return ReadError(
        f"{name} is {format_size(size)}, over the {format_size(limit)} limit for a contract; "
        "upload it without attachments or scanned images, or split it into parts."
    )


def detect_format(data: bytes, filename: str) -> str:
    """The format to read `data` as ("txt", "md", "html", "pdf", "docx"), or ReadError when the
    extension is not supported or does not match the content."""
    name = display_name(filename)
    extension = Path(name).suffix.lower()
    if extension == ".doc":
        raise ReadError(
            f"{name} is an old Word .doc file, which cannot be read; open it in Word, save it "
            "as .docx or PDF and upload that."
        )
    if extension not in _FORMATS:
        what = f"{extension} files are" if extension else "a file without an extension is"
        raise ReadError(f"{name}: {what} not supported; upload the contract as {SUPPORTED_LIST}.")
    expected = _FORMATS[extension]
    kind = sniff(data)
    if expected == "pdf":
        if kind == "pdf":
            return expected
        if kind is not None:
            raise mislabelled(name, extension, kind)
        raise ReadError(
            f"{name} is not a PDF (it does not start like one); export the contract to PDF "
            "again, or upload it under its real extension."
        )
    if expected == "docx":
        if kind in ("docx", "zip"):
            return expected  # a ZIP without word/document.xml gets its message from the reader
        if kind is not None:
            raise mislabelled(name, extension, kind)
        raise ReadError(
            f"{name} is not a valid .docx file (it is not a ZIP archive); open it in Word, save "
            "it as .docx again and upload that copy."
        )
    if kind is not None and kind in KIND_DESCRIPTIONS:
        raise mislabelled(name, extension, kind)
    return expected


def _join_pages(
    pages: list[str], continues: list[bool] | None = None
) -> tuple[str, tuple[int, ...]]:
    """The pages as one text, a paragraph break between pages unless a page carries on the
    previous page's paragraph (then a space), and the offset at which each page starts."""
    text = ""
    starts: list[int] = []
    for index, page in enumerate(pages):
        separator = " " if continues and index < len(continues) and continues[index] else ""
        separator = separator or _PAGE_SEPARATOR
        if page and text:
            text += separator
        starts.append(len(text) + (len(separator) if text and not page else 0))
        text += page
    return text, tuple(min(start, len(text)) for start in starts)


def _no_text(name: str, document_format: str, data: bytes) -> ReadError:
    if document_format in ("txt", "md") and not data.strip(b" \t\r\n\x0b\x0c"):
        return ReadError(
            f"{name} contains only white space, no text; check that you chose the right file "
            "and upload it again."
        )
    return ReadError(
        f"{name} contains no readable text; check that you chose the right file, or upload the "
        "contract as .docx or PDF."
    )


def read_document(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool = True
) -> Document:
    """Read an uploaded file into a Document, or raise ReadError with a message for the user.

    `ocr` lets scanned PDF pages be read by tesseract when it is installed."""
    name = display_name(filename)
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data:
        raise ReadError(f"{name} is empty (0 bytes); choose the contract file and upload it again.")
    document_format = detect_format(data, filename)
    if document_format == "pdf":
        # pypdf pulls in fontTools and Pillow; loading them only for PDFs keeps a run over
        # text files fast.
        from obligations.extraction.readers.pdf import read_pdf

        raw = read_pdf(data, name, ocr=ocr)
    else:
        raw = _TEXT_READERS[document_format](data, name)
    pages = [normalise(page) for page in raw.pages]
    text, page_starts = _join_pages(pages, raw.continues)
    if not text.strip():
        raise _no_text(name, document_format, data)
    warnings = list(raw.warnings)
    language = detect_language(text)
    foreign = foreign_language_warning(language)
    if foreign:
        warnings.append(foreign)
    title = " ".join(normalise(raw.title).split()) if raw.title else first_line_title(text)
    return Document(
        text=text,
        format=document_format,
        title=title or None,
        page_count=len(pages) if raw.paged else None,
        page_starts=page_starts if raw.paged else (),
        warnings=tuple(warnings),
        language=language,
        ocr_pages=tuple(sorted(raw.ocr_pages.items())),
    )


def read_path(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES, ocr: bool = True
) -> Document:
    """Read a file from disk, refusing one over `max_bytes` before loading it into memory."""
    location = Path(path)
    name = display_name(location)
    try:
        size = location.stat().st_size
        if location.is_dir():
            raise ReadError(f"{name} is a folder, not a file; name the contract file itself.")
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        with location.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # the file may have grown since stat()
    except FileNotFoundError as error:
        raise ReadError(f"{path} does not exist; check the path and try again.") from error
    except PermissionError as error:
        raise ReadError(
            f"{name} cannot be opened (permission denied); check the file's permissions."
        ) from error
    except IsADirectoryError as error:
        raise ReadError(
            f"{name} is a folder, not a file; name the contract file itself."
        ) from error
    except OSError as error:
        raise ReadError(f"{name} cannot be read ({error.strerror or error}); try again.") from error
    if len(data) > max_bytes:
        raise _too_large(name, max(size, len(data)), max_bytes)
    return read_document(data, name, max_bytes=max_bytes, ocr=ocr)
