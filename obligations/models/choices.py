"""Vocabularies shared by models, forms and services."""

from django.db import models

from obligations.vocabulary.anchors import ANCHOR_CODES as VOCABULARY_ANCHOR_CODES
from obligations.vocabulary.anchors import EVENT_KINDS


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    REVIEWER = "reviewer", "Reviewer"
    VIEWER = "viewer", "Viewer"


class EmailMode(models.TextChoices):
    SINGLE = "single", "One email per reminder"
    DIGEST = "digest", "One daily digest"
    WEEKLY = "weekly", "One weekly digest (Mondays)"
    OFF = "off", "No reminder emails"


class Side(models.TextChoices):
    CUSTOMER = "customer", "Customer"
    PROVIDER = "provider", "Provider"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Origin(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    CONFIRMED = "confirmed", "Confirmed"
    EDITED = "edited", "Edited"


class DocumentKind(models.TextChoices):
    """What a document is to its contract's family: the agreement itself, or one that changes,
    adds to or ends it."""

    ORIGINAL = "original", "Agreement"
    AMENDMENT = "amendment", "Amendment"
    ORDER_FORM = "order_form", "Order form or statement of work"
    RENEWAL = "renewal", "Renewal or extension"
    PRICE_CHANGE = "price_change", "Notice of a price change"
    TERMINATION = "termination", "Notice of termination"
    NON_RENEWAL = "non_renewal", "Notice of non-renewal"
    REPLACEMENT = "replacement", "Replacement version"


# Kinds whose confirmed changes become the contract's own facts from their effective date.
FACT_CHANGING_KINDS = (DocumentKind.AMENDMENT, DocumentKind.RENEWAL, DocumentKind.REPLACEMENT)
# Kinds that end the renewals of the whole family from their effective date.
RENEWAL_ENDING_KINDS = (DocumentKind.TERMINATION, DocumentKind.NON_RENEWAL)


class Unit(models.TextChoices):
    HOURS = "hours", "hours"
    BUSINESS_HOURS = "business_hours", "business hours"
    DAYS = "days", "days"
    BUSINESS_DAYS = "business_days", "business days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"
    YEARS = "years", "years"


class Party(models.TextChoices):
    PROVIDER = "provider", "Provider"
    CUSTOMER = "customer", "Customer"
    BOTH = "both", "Both parties"
    OTHER = "other", "Other"


class Relation(models.TextChoices):
    BEFORE = "before", "before"
    AFTER = "after", "after"


class Recurrence(models.TextChoices):
    DAILY = "daily", "Daily"
    BUSINESS_DAILY = "business_daily", "Every business day"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUALLY = "annually", "Annually"


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    CONFIRMED = "confirmed", "Confirmed"
    CORRECTED = "corrected", "Corrected"
    REJECTED = "rejected", "Rejected"


class DatingState(models.TextChoices):
    """Which of three states a confirmed obligation with a period is in."""

    DATED = "dated", "Has deadlines"
    WAITING = "waiting", "Waiting for something named"
    UNDATABLE = "undatable", "Cannot be dated"


class ExtractionStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


# The kinds of event deadlines count from, as the anchor vocabulary defines them.
EVENT_KIND_CODES: tuple[str, ...] = tuple(kind.code for kind in EVENT_KINDS)
ANCHOR_CODES = VOCABULARY_ANCHOR_CODES


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    WAIVED = "waived", "Waived"
    MISSED = "missed", "Missed"


class ReminderKind(models.TextChoices):
    REMINDER = "reminder", "Reminder"
    ESCALATION = "escalation", "Escalation"
    OVERDUE = "overdue", "Overdue notice"


class ReminderState(models.TextChoices):
    DUE = "due", "Due"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
