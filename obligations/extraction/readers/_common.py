"""What the format readers share: their result, content sniffing, text decoding, messages."""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from obligations.extraction.model import ReadError

SUPPORTED_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
SUPPORTED_LIST = ".txt, .md, .html, .pdf or .docx"


@dataclass
class RawText:
    """A reader's result before normalisation: the text of each page (one for unpaged formats)."""

    pages: list[str]
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    paged: bool = False
    # Page i's first paragraph carries on page i-1's last one (a sentence over a page break).
    continues: list[bool] = field(default_factory=list)
    # Pages read by OCR (1-based) and the engine's mean word confidence (0-100) on each.
    ocr_pages: dict[int, float | None] = field(default_factory=dict)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.0f} MB" if megabytes.is_integer() else f"{megabytes:.1f} MB"


# ------------------------------------------------------------------------------------- sniffing

_SIGNATURES = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"{\\rtf", "rtf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
)

# What each sniffed kind is called in a message, and what the user should do about it.
KIND_DESCRIPTIONS = {
    "pdf": ("a PDF file", "rename it to .pdf and upload it again"),
    "docx": ("a Word .docx document", "rename it to .docx and upload it again"),
    "zip": ("a ZIP archive", "unpack it and upload the contract itself"),
    "ole": (
        "an old Word .doc (or other legacy Office) file",
        "open it in Word and save it as .docx or PDF, then upload that",
    ),
    "rtf": ("an RTF document", "open it in Word and save it as .docx or PDF, then upload that"),
    "png": ("a PNG image", "upload the contract as a PDF with a text layer, .docx or .txt"),
    "jpeg": ("a JPEG image", "upload the contract as a PDF with a text layer, .docx or .txt"),
    "gif": ("a GIF image", "upload the contract as a PDF with a text layer, .docx or .txt"),
    "tiff": ("a TIFF image", "upload the contract as a PDF with a text layer, .docx or .txt"),
    "gzip": ("a gzip archive", "unpack it and upload the contract itself"),
    "7z": ("a 7-Zip archive", "unpack it and upload the contract itself"),
    "rar": ("a RAR archive", "unpack it and upload the contract itself"),
}


def sniff(data: bytes) -> str | None:
    """The kind of binary content `data` holds by its magic bytes, or None for anything else."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "docx" if _is_docx(data) else "zip"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return False


def mislabelled(name: str, extension: str, kind: str) -> ReadError:
    what, advice = KIND_DESCRIPTIONS[kind]
    return ReadError(f"{name} is named {extension} but is {what}; {advice}.")


# ------------------------------------------------------------------------------------- decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
# Text has next to no control characters; binary data read as cp1252 has about one in ten.
# A few strays (an old DOS end-of-file mark, a stray escape) are tolerated.
_MAX_CONTROL_SHARE = 0.03
_TOLERATED_CONTROLS = 4


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: mostly-ASCII text has a NUL in every other byte."""
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 8:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def binary_error(name: str) -> ReadError:
    return ReadError(
        f"{name} looks like a binary file, not text; upload the contract as {SUPPORTED_LIST}."
    )


def decode_text(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode a text file: a byte-order mark wins, then UTF-8, then the declared charset (HTML),
    then cp1252. Raises ReadError for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    else:
        sample = data[:_SNIFF_BYTES]
        utf16 = _utf16_without_bom(sample) if b"\x00" in sample else None
        text = data.decode(utf16, errors="replace") if utf16 else _decode_8bit(data, declared)
    sample_text = text[:_SNIFF_BYTES]
    controls = len(_CONTROL.findall(sample_text))
    if controls > max(_MAX_CONTROL_SHARE * len(sample_text), _TOLERATED_CONTROLS):
        raise binary_error(name)
    return text


def _decode_8bit(data: bytes, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps them to C1 controls, which the
        # normaliser removes (or uses to repair mojibake).
        return data.decode("latin-1")


def first_line_title(text: str) -> str | None:
    """The first non-empty line, when it is short enough to be a title."""
    match = _FIRST_LINE.search(text)
    if match is None:
        return None
    line = match.group(0).strip().lstrip("#").strip()
    if line and len(line) <= 120 and any(char.isalpha() for char in line):
        return line
    return None


_FIRST_LINE = re.compile(r"[^\s#][^\n]*")
