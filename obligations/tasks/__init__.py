"""Celery tasks, one module per area; Celery's autodiscovery imports this package."""

from obligations.tasks import reminders as reminders  # reminders: the sweep and its senders
from obligations.tasks.documents import extract_document_task as extract_document_task  # upload
from obligations.tasks.members import send_invitation_task as send_invitation_task  # members
