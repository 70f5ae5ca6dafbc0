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
import warnings
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from obligations.extraction.model import ReadError
from obligations.extraction.readers._common import RawText
from obligations.extraction.readers.ocr import MAX_OCR_PAGES, ocr_available, ocr_pages
from obligations.extraction.readers.pdf_layout import join_hyphenated, remove_running_lines

_EOF_WINDOW = 16 * 1024  # some writers append padding after the end-of-file mark
_MIN_PAGE_CHARS = 20  # letters or digits a page needs to count as having a text layer
_ALNUM = re.compile(r"[^\W_]")
_MAX_PAGES = 2000


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


def _page_text(page: Any) -> str:
    text = page.extract_text()
    return text if isinstance(text, str) else ""


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
        warnings_: list[str] = []
        texts: list[str] = []
        unreadable: list[int] = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                texts.append(_page_text(page))
            except Exception:  # pypdf raises all kinds on a broken content stream
                texts.append("")
                unreadable.append(number)
        blank = [number for number, text in enumerate(texts, start=1) if not _has_text(text)]
        scanned = [n for n in blank if n not in unreadable and _has_images(reader.pages[n - 1])]
        title = _title(reader)

    use_ocr = ocr and ocr_available()
    looks_scanned = bool(scanned)
    # Without any text, every page is worth recognising; otherwise only pages with an image.
    candidates = scanned if len(blank) < page_count else [n for n in blank if n not in unreadable]
    if use_ocr and candidates:
        recognised = {n: t for n, t in ocr_pages(data, candidates).items() if _has_text(t)}
        for number, text in recognised.items():
            texts[number - 1] = text
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
    pages = [join_hyphenated(text) for text in remove_running_lines(texts)]
    return RawText(pages, title=title, warnings=warnings_, paged=True)
