"""PDF through pypdf's text layer, page by page.

Pages stay pages (the reader reports each page's text; the caller records where each page
starts). Running headers, footers and page numbers are removed and words hyphenated across a
line break are joined (see pdf_layout). Pages without a text layer are read by OCR when
tesseract is installed and `ocr` is on; otherwise a PDF with no text at all is refused with a
message that says it looks scanned.
"""

from __future__ import annotations

import contextlib
import logging
import re
import struct
import time
import warnings
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from obligations.extraction.model import ReadError
from obligations.extraction.readers._common import RawText
from obligations.extraction.readers.ocr import MAX_OCR_PAGES, ocr_available, ocr_pages
from obligations.extraction.readers.pdf_layout import running_line_indexes
from obligations.extraction.readers.pdf_paragraphs import PageLine, rebuild_pages

_EOF_WINDOW = 16 * 1024  # some writers append padding after the end-of-file mark
_MIN_PAGE_CHARS = 20  # letters or digits a page needs to count as having a text layer
_ALNUM = re.compile(r"[^\W_]")
_MAX_PAGES = 2000
# What pypdf raises on broken content. Anything else (an interruption such as a task's time
# limit, MemoryError) is not the file's fault and propagates.
_PDF_FAILURES = (
    PyPdfError,
    ArithmeticError,
    AssertionError,
    AttributeError,
    EOFError,
    LookupError,
    NotImplementedError,
    OSError,
    RecursionError,
    TypeError,
    ValueError,
    struct.error,
    zlib.error,
)
# Work a PDF may ask for. Contract pages hold a few kilobytes of drawing instructions each; a
# file that holds far more (or points every page at one huge shared stream, which pypdf parses
# again for each page) is refused before it can keep a worker busy for hours.
_MAX_PAGE_CONTENT = 4 * 1024 * 1024  # decoded bytes of content streams on one page
_MAX_DOCUMENT_CONTENT = 24 * 1024 * 1024  # ... on all pages together, shared streams counted
_PAGE_CPU_SECONDS = 10.0
_DOCUMENT_CPU_SECONDS = 60.0


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs and warns about every repairable flaw; the user gets one clear line instead."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _damaged(name: str) -> ReadError:
    return ReadError(
        f"{name} is damaged and cannot be read as a PDF; download or export it again and "
        "upload the new copy."
    )


def _open(data: bytes, name: str) -> PdfReader:
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise ReadError(
            f"{name} is truncated (the end of the PDF is missing, perhaps an interrupted "
            "download); download or export it again and upload the complete file."
        )
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, name)
        _ = len(reader.pages)
    except ReadError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        raise _encrypted(name) from error
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError) as error:
        raise _damaged(name) from error
    except (OSError, RecursionError, AssertionError, ZeroDivisionError) as error:
        raise _damaged(name) from error
    return reader


def _too_complex(name: str, why: str) -> ReadError:
    return ReadError(
        f"{name} is too complex to read safely ({why}); print it to a new PDF or export it "
        "again, and upload that copy."
    )


def _decoded_size(stream: Any, cap: int) -> int:
    """The decoded length of a content stream, counting no further than `cap`, in bounded
    memory for the usual Flate compression."""
    raw = getattr(stream, "_data", b"")
    filters = stream.get("/Filter")
    if isinstance(filters, list) and len(filters) == 1:
        filters = filters[0]
    if filters == "/FlateDecode" and stream.get("/DecodeParms") is None and raw:
        inflater = zlib.decompressobj()
        size, chunk = 0, raw
        with contextlib.suppress(zlib.error):
            while size <= cap:
                inflated = inflater.decompress(chunk, 1024 * 1024)
                size += len(inflated)
                chunk = inflater.unconsumed_tail
                if not inflated and not chunk:
                    break
        return size
    return len(stream.get_data())


def _content_refs(page: Any) -> list[Any]:
    contents = page.get("/Contents")
    if contents is None:
        return []
    target = contents.get_object()
    return list(target) if isinstance(target, list) else [contents]


def check_content_size(reader: PdfReader, name: str) -> None:
    """Refuse a PDF whose pages hold more drawing instructions than a contract needs, counting
    a stream shared by many pages once for each page (pypdf parses it for each)."""
    sizes: dict[Any, int] = {}
    total = 0
    for page in reader.pages:
        page_size = 0
        for ref in _content_refs(page):
            key = getattr(ref, "idnum", None) or id(ref)
            if key not in sizes:
                sizes[key] = _decoded_size(ref.get_object(), _MAX_PAGE_CONTENT)
            page_size += sizes[key]
        total += page_size
        if page_size > _MAX_PAGE_CONTENT:
            raise _too_complex(name, "a page holds too many drawing instructions")
        if total > _MAX_DOCUMENT_CONTENT:
            raise _too_complex(name, "its pages hold too many drawing instructions")


def _encrypted(name: str) -> ReadError:
    return ReadError(
        f"{name} is encrypted (password-protected); save or print it as a PDF without a "
        "password and upload that copy."
    )


def _decrypt(reader: PdfReader, name: str) -> None:
    """Open a PDF that is only protected against editing (an empty user password)."""
    try:
        opened = reader.decrypt("")
    except DependencyError as error:
        raise ReadError(
            f"{name} is encrypted with AES, which this installation cannot open; save or "
            "print it as a PDF without protection and upload that copy."
        ) from error
    except (PyPdfError, ValueError, TypeError, KeyError) as error:
        raise _encrypted(name) from error
    if not opened:
        raise _encrypted(name)


def _page_lines(page: Any) -> list[PageLine]:
    """A page's text lines, each with its baseline height and font size where pypdf says."""
    lines: list[PageLine] = []
    current: list[str] = []
    position: list[tuple[float, float] | None] = [None]

    def close_line() -> None:
        y_size = position[0]
        text = "".join(current)
        lines.append(PageLine(text, *(y_size if y_size else (None, None))))
        current.clear()
        position[0] = None

    def visit(text: str, cm: Any, tm: Any, font: Any, font_size: float) -> None:
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                close_line()
            if piece.strip() and position[0] is None:
                try:
                    y = float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5])
                    scale = abs(float(tm[3]) * float(cm[3])) or 1.0
                    position[0] = (y, float(font_size) * scale)
                except (TypeError, ValueError, IndexError):
                    pass
            current.append(piece)

    text = page.extract_text(visitor_text=visit)
    close_line()
    if not isinstance(text, str):
        return []
    if "\n".join(line.text for line in lines) != text:
        return [PageLine(line) for line in text.split("\n")]  # the visitor missed some text
    return lines


def _text_of(lines: list[PageLine]) -> str:
    return "\n".join(line.text for line in lines)


def _has_text(text: str) -> bool:
    return len(_ALNUM.findall(text, 0, 2000)) >= _MIN_PAGE_CHARS


def _has_images(page: Any) -> bool:
    try:
        objects = page["/Resources"]["/XObject"]
        return any(objects[key].get_object().get("/Subtype") == "/Image" for key in objects)
    except (KeyError, TypeError, AttributeError, PyPdfError):
        return False


def _page_ranges(numbers: list[int]) -> str:
    """ "1–3, 7" for [1, 2, 3, 7]."""
    ranges: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}–{previous}")
        if number is not None:
            start = previous = number
    return ", ".join(ranges)


def _pages_label(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + _page_ranges(numbers)


def _no_text(name: str, *, damaged: bool, scanned: bool, ocr_tried: bool) -> ReadError:
    if damaged:
        return _damaged(name)
    what = (
        "has no text layer (it looks scanned)"
        if scanned
        else ("has no text layer (its pages hold no text, only drawings or nothing)")
    )
    if ocr_tried:
        return ReadError(
            f"{name} {what} and OCR found no text in it; upload a searchable PDF or the "
            "original .docx."
        )
    return ReadError(
        f"{name} {what}; run OCR on it (for example your scanner's 'searchable PDF' option) "
        "or upload the original .docx, then try again."
    )


def _missing_text(numbers: list[int], singular: str, plural: str) -> str:
    """A warning about pages whose text is missing, in the right number."""
    label = _pages_label(numbers).capitalize()
    if len(numbers) == 1:
        return f"{label} {singular}; its text is missing."
    return f"{label} {plural}; their text is missing."


def _were(numbers: dict[int, str] | list[int]) -> str:
    return "was" if len(numbers) == 1 else "were"


def _title(reader: PdfReader) -> str | None:
    try:
        metadata = reader.metadata
        title = metadata.title if metadata is not None else None
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    lowered = title.lower()
    if not title or lowered.endswith((".doc", ".docx", ".pdf", ".rtf", ".txt", ".odt")):
        return None  # a file name, not a title
    if lowered.startswith(("microsoft word - ", "untitled")):
        return None
    return title


def read_pdf(data: bytes, name: str, *, ocr: bool = True) -> RawText:
    with _quiet_pypdf():
        reader = _open(data, name)
        page_count = len(reader.pages)
        if page_count == 0:
            raise ReadError(
                f"{name} has no readable pages (it may be damaged); export the contract to PDF "
                "again and upload the new copy."
            )
        if page_count > _MAX_PAGES:
            raise ReadError(
                f"{name} has {page_count} pages, more than the {_MAX_PAGES} pages a contract "
                "upload may have; upload the contract without its appendices."
            )
        try:
            check_content_size(reader, name)
        except ReadError:
            raise
        except _PDF_FAILURES:  # a broken stream: reading the pages will tell
            pass
        warnings_: list[str] = []
        page_lines: list[list[PageLine]] = []
        unreadable: list[int] = []
        started = time.process_time()
        for number, page in enumerate(reader.pages, start=1):
            page_started = time.process_time()
            try:
                page_lines.append(_page_lines(page))
            except _PDF_FAILURES:  # pypdf raises all kinds on a broken content stream
                page_lines.append([])
                unreadable.append(number)
            now = time.process_time()
            if now - page_started > _PAGE_CPU_SECONDS:
                raise _too_complex(name, f"page {number} alone took too long to read")
            if now - started > _DOCUMENT_CPU_SECONDS:
                raise _too_complex(name, "its pages took too long to read")
        texts = [_text_of(lines) for lines in page_lines]
        blank = [number for number, text in enumerate(texts, start=1) if not _has_text(text)]
        scanned = [n for n in blank if n not in unreadable and _has_images(reader.pages[n - 1])]
        title = _title(reader)

    use_ocr = ocr and ocr_available()
    ocr_confidence: dict[int, float | None] = {}
    looks_scanned = bool(scanned)
    # Without any text, every page is worth recognising; otherwise only pages with an image.
    candidates = scanned if len(blank) < page_count else [n for n in blank if n not in unreadable]
    if use_ocr and candidates:
        read = ocr_pages(data, candidates)
        recognised = {n: page.text for n, page in read.items() if _has_text(page.text)}
        for number, text in recognised.items():
            texts[number - 1] = text
            ocr_confidence[number] = read[number].confidence
            page_lines[number - 1] = [PageLine(line) for line in text.split("\n")]
        if recognised:
            warnings_.append(
                f"{_pages_label(sorted(recognised)).capitalize()} had no text layer and "
                f"{_were(recognised)} read by OCR; check dates, numbers and names against the "
                "original."
            )
        if len(candidates) > MAX_OCR_PAGES:
            warnings_.append(
                f"OCR stopped after {MAX_OCR_PAGES} pages; later scanned pages are missing."
            )
        scanned = [number for number in scanned if number not in recognised]
    if not any(_has_text(text) for text in texts):
        raise _no_text(name, damaged=bool(unreadable), scanned=looks_scanned, ocr_tried=use_ocr)
    if unreadable:
        damaged = "could not be read (damaged page content)"
        warnings_.append(_missing_text(unreadable, damaged, damaged))
    if scanned:
        warnings_.append(
            _missing_text(
                scanned,
                "has no text layer (it looks scanned)",
                "have no text layer (they look scanned)",
            )
        )
    dropped = running_line_indexes([[line.text for line in lines] for lines in page_lines])
    kept = [
        [line for index, line in enumerate(lines) if index not in drop]
        for lines, drop in zip(page_lines, dropped, strict=True)
    ]
    rebuilt = rebuild_pages(kept)
    return RawText(
        rebuilt.pages,
        title=title,
        warnings=warnings_,
        paged=True,
        continues=rebuilt.continues,
        ocr_pages=ocr_confidence,
    )
