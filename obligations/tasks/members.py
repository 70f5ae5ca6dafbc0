"""Invitation emails go out from the worker: the request that invites does not wait for SMTP."""

from __future__ import annotations

import smtplib

from celery import shared_task

from obligations.services.members import invitation_send


@shared_task(
    name="obligations.send_invitation",
    acks_late=True,
    # A mail server that is briefly away is worth another try; a refused address is not.
    autoretry_for=(smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=8,
)
def send_invitation_task(invitation_id: int) -> None:
    invitation_send(invitation_id=invitation_id)
