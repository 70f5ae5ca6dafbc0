"""Extraction runs in the worker: the task only loads the document and calls the service."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from celery.exceptions import TimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from obligations.services.documents import (
    INTERNAL_ERROR_MESSAGE,
    document_extract,
    document_extraction_failed,
    time_limit_message,
)

logger = logging.getLogger(__name__)


class ExtractionTask(DjangoTask):  # type: ignore[misc]
    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        # Retries are used up (the database stayed unreachable), or the hard time limit killed
        # the pool process (this runs in the worker's main process then): stop the upload page
        # waiting and say why.
        document_id = kwargs.get("document_id", args[0] if args else None)
        if document_id is None:
            return
        message = INTERNAL_ERROR_MESSAGE
        if isinstance(exc, TimeLimitExceeded):
            message = time_limit_message(settings.EXTRACTION_TIME_LIMIT)
        try:
            document_extraction_failed(document_id=document_id, message=message)
        except Exception:
            logger.exception("Could not mark document %s as failed", document_id)


@shared_task(
    base=ExtractionTask,
    name="obligations.extract_document",
    acks_late=True,
    # Only the database being briefly unavailable is worth another try; everything else is
    # turned into a failed status with a message by the service.
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=5,
    # A document that takes longer is stopped: the soft limit lets the service say so on the
    # document; the hard limit kills the pool process, which Celery replaces for the next one.
    soft_time_limit=settings.EXTRACTION_SOFT_TIME_LIMIT or None,
    time_limit=settings.EXTRACTION_TIME_LIMIT,
)
def extract_document_task(document_id: int) -> None:
    document_extract(document_id=document_id)
