"""Embedded-mode email: one .eml file per message under EMAIL_FILE_PATH, and a log line."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

log = logging.getLogger(__name__)


class EmlFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages: list[EmailMessage]) -> int:
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            mime = message.message()
            message_id = str(mime["Message-ID"] or "").strip("<>")
            safe_id = "".join(c if c.isalnum() or c in "-._" else "_" for c in message_id)
            path = folder / f"{safe_id or id(message)}.eml"
            # The message holds live action links: readable by the tracker's user only.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(mime.as_bytes())
            log.info("Mail to %s written to %s: %s", ", ".join(message.to), path, message.subject)
            sent += 1
        return sent
