"""The upload form: a contract file or its pasted text, and an upload handler that stops reading
a file as soon as it is larger than the limit (so a 200 MB upload never lands on disk)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from obligations.services.documents import (
    ACCEPTED_SUFFIXES,
    UploadRefused,
    document_format,
    too_large_message,
)

ACCEPT_ATTRIBUTE = ",".join(ACCEPTED_SUFFIXES)


class SizeLimitUploadHandler(FileUploadHandler):
    """Skips any file that grows past `max_bytes` and remembers its name and size so far."""

    def __init__(self, request: HttpRequest | None = None, *, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.refused: dict[str, int] = {}  # field name -> bytes seen before giving up

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        seen = start + len(raw_data)
        if seen > self.max_bytes:
            self.refused[self.field_name] = seen
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class UploadForm(forms.Form):
    file = forms.FileField(
        required=False,
        allow_empty_file=True,  # an empty file is stored and fails extraction with the reader's message
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text="A .txt, .md, .html, .pdf (with a text layer) or .docx file.",
    )
    text = forms.CharField(
        required=False,
        strip=False,
        label="Or paste the contract's text",
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, max_bytes: int, refused_bytes: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.refused_bytes = refused_bytes

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if self.refused_bytes is not None:
            raise forms.ValidationError(too_large_message(self.refused_bytes, self.max_bytes))
        if upload is None:
            return None
        try:
            document_format(upload.name)
        except UploadRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        if upload.size > self.max_bytes:
            raise forms.ValidationError(too_large_message(upload.size, self.max_bytes))
        return upload

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text") or ""
        if len(text.encode("utf-8")) > self.max_bytes:
            raise forms.ValidationError(
                too_large_message(len(text.encode("utf-8")), self.max_bytes)
            )
        return text

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        has_file = cleaned.get("file") is not None
        has_text = bool(cleaned.get("text", "").strip())
        if has_file and has_text:
            raise forms.ValidationError(
                "Choose a file or paste text, not both: clear one of them and submit again."
            )
        if not has_file and not has_text:
            raise forms.ValidationError(
                "Choose a contract file or paste the contract's text, then submit again."
            )
        return cleaned
