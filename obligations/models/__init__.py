"""The tracker's data, split by area. Import models from here."""

from obligations.models.contracts import (
    DOCUMENT_BODY,
    Clause,
    Contract,
    ContractDocument,
    FactOrigin,
)
from obligations.models.deadlines import Deadline, Event, OwnEventKind, Reminder, SweepStatus
from obligations.models.obligations import Obligation, ReviewLog
from obligations.models.organisations import AuditEntry, Invitation, Membership, Organisation
from obligations.models.search import SearchEntry

__all__ = [
    "DOCUMENT_BODY",
    "AuditEntry",
    "Clause",
    "Contract",
    "ContractDocument",
    "Deadline",
    "Event",
    "FactOrigin",
    "Invitation",
    "Membership",
    "Obligation",
    "Organisation",
    "OwnEventKind",
    "Reminder",
    "ReviewLog",
    "SearchEntry",
    "SweepStatus",
]
