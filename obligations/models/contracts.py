import bisect

from django.conf import settings
from django.db import models

from obligations.models.choices import (
    ContractStatus,
    DocumentKind,
    ExtractionStatus,
    Origin,
    Side,
    Unit,
)
from obligations.models.organisations import Organisation
from obligations.models.periods import period_checks, period_text


class Contract(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contracts"
    )
    title = models.CharField(max_length=300)
    counterparty = models.CharField(max_length=200, blank=True)
    our_side = models.CharField(max_length=16, choices=Side.choices, default=Side.CUSTOMER)
    status = models.CharField(
        max_length=16, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_contracts",
    )
    governing_law = models.CharField(max_length=10, blank=True)  # "DE", "CH", "US-NY"
    holiday_calendars = models.JSONField(default=list, blank=True)  # ["DE", "TARGET"]
    # Where the contract is performed: a country, or a state or canton ("DE-BY", "CH-BE");
    # its public holidays move deadlines (BGB §193, OR Art. 78).
    place_of_performance = models.CharField(max_length=16, blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    start_date = models.DateField(null=True, blank=True)
    initial_term_amount = models.PositiveIntegerField(null=True, blank=True)
    initial_term_unit = models.CharField(max_length=16, choices=Unit.choices, blank=True)
    renewal_term_amount = models.PositiveIntegerField(null=True, blank=True)
    renewal_term_unit = models.CharField(max_length=16, choices=Unit.choices, blank=True)
    auto_renews = models.BooleanField(null=True, blank=True)
    notice_period_amount = models.PositiveIntegerField(null=True, blank=True)
    notice_period_unit = models.CharField(max_length=16, choices=Unit.choices, blank=True)
    facts_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Archived contracts leave the dashboard, calendar, feeds and reminders; they can be restored.
    archived_at = models.DateTimeField(null=True, blank=True)
    # How many of its confirmed obligations with a period are in each dating state, kept by the
    # deadline recomputation so that the dashboard sums them instead of dating every obligation.
    obligations_dated = models.PositiveIntegerField(default=0)
    obligations_waiting = models.PositiveIntegerField(default=0)
    obligations_undatable = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    FACT_FIELDS = (
        "governing_law",
        "holiday_calendars",
        "place_of_performance",
        "time_zone",
        "start_date",
        "initial_term",
        "renewal_term",
        "auto_renews",
        "notice_period",
    )

    class Meta:
        ordering = ["title"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="contract_org_status"),
            # The contract list: a page in title order without sorting every contract.
            models.Index(fields=["organisation", "title", "id"], name="contract_org_title"),
            # The few archived contracts, which the deadline pages leave out by id.
            models.Index(
                fields=["organisation"],
                name="contract_archived",
                condition=models.Q(archived_at__isnull=False),
            ),
            # The dashboard's dating counts: summed from the index alone.
            models.Index(
                fields=["organisation"],
                include=["obligations_dated", "obligations_waiting", "obligations_undatable"],
                name="contract_dating_counts",
                condition=models.Q(archived_at__isnull=True),
            ),
            # The dashboard's contracts awaiting review: counted, and the oldest listed first.
            models.Index(
                fields=["organisation", "created_at", "id"],
                name="contract_in_review",
                condition=models.Q(status=ContractStatus.IN_REVIEW, archived_at__isnull=True),
            ),
            # Contracts with obligations that wait or cannot be dated, in title order.
            models.Index(
                fields=["organisation", "title", "id"],
                name="contract_with_undated",
                condition=models.Q(archived_at__isnull=True)
                & (models.Q(obligations_waiting__gt=0) | models.Q(obligations_undatable__gt=0)),
            ),
        ]
        constraints = [
            *period_checks("initial_term", "contract"),
            *period_checks("renewal_term", "contract"),
            *period_checks("notice_period", "contract"),
            models.CheckConstraint(
                condition=models.Q(our_side__in=Side.values), name="contract_side_known"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ContractStatus.values),
                name="contract_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def initial_term(self) -> str:
        return period_text(self.initial_term_amount, self.initial_term_unit)

    @property
    def renewal_term(self) -> str:
        return period_text(self.renewal_term_amount, self.renewal_term_unit)

    @property
    def notice_period(self) -> str:
        return period_text(self.notice_period_amount, self.notice_period_unit)


class FactOrigin(models.Model):
    """Where one of a contract's facts came from: extracted, confirmed or edited, and by whom."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="fact_origins")
    fact = models.CharField(max_length=32)
    origin = models.CharField(max_length=16, choices=Origin.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(auto_now=True)
    evidence = models.TextField(blank=True)  # the quote an extracted fact came from
    # The document of the contract's family the value comes from, and the day it took effect;
    # empty for a fact entered by hand.
    document = models.ForeignKey(
        "ContractDocument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fact_origins",
    )
    since = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contract", "fact"], name="fact_origin_unique"),
            models.CheckConstraint(
                condition=models.Q(fact__in=Contract.FACT_FIELDS), name="fact_origin_fact_known"
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=Origin.values), name="fact_origin_origin_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract}: {self.fact} {self.origin}"


def document_upload_path(instance: "ContractDocument", filename: str) -> str:
    return (
        f"documents/{instance.organisation_id}/{instance.sha256[:2]}/{instance.sha256}/{filename}"
    )


# The columns that hold a document's whole text. A list of documents, or rows joined to their
# document, leaves them out: a contract's text may run to megabytes.
DOCUMENT_BODY = ("text", "page_starts", "ocr_pages")


class ContractDocument(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="documents"
    )
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_upload_path, max_length=500, blank=True)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=8)  # txt, md, html, pdf, docx
    size = models.PositiveBigIntegerField(default=0)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    # Offset in `text` at which each page starts (a PDF), so that any offset knows its page.
    page_starts = models.JSONField(default=list, blank=True)
    # [page, mean word confidence 0-100 or null] for each page read by OCR.
    ocr_pages = models.JSONField(default=list, blank=True)
    extraction_status = models.CharField(
        max_length=16, choices=ExtractionStatus.choices, default=ExtractionStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)  # percent, for the upload page
    error = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)
    # Periods the extraction did not turn into time rules, each with its reason:
    # [{"quote", "period", "phrase", "reason", "clause_ref", "start", "end", "obligation"?}]
    unused_periods = models.JSONField(default=list, blank=True)
    # The contract's parties as the extractor found them: [{"name", "role", "aliases"}].
    parties = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Its place in the contract's family: what it is, what it is called ("Amendment No. 2") and
    # the day it takes effect (required for every kind but the agreement itself).
    kind = models.CharField(
        max_length=16, choices=DocumentKind.choices, default=DocumentKind.ORIGINAL
    )
    label = models.CharField(max_length=120, blank=True)
    effective_on = models.DateField(null=True, blank=True)
    # The term facts this document sets, as extracted and then as confirmed:
    # {"initial_term": [36, "months"], "notice_period": [60, "days"], "auto_renews": false,
    #  "start_date": "2027-03-01", ...}; an order form's are its own term.
    changes = models.JSONField(default=dict, blank=True)
    changes_evidence = models.JSONField(default=dict, blank=True)  # fact -> quote
    changes_confirmed_at = models.DateTimeField(null=True, blank=True)
    changes_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # What confirming it did, for the contract's timeline: {"facts": [sentences],
    # "created": [...], "moved": [...], "removed": [...]}.
    applied = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="document_unique_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="document_kind_known"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=DocumentKind.ORIGINAL)
                | models.Q(effective_on__isnull=False),
                name="document_family_member_has_effective_date",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="document_progress_percent"
            ),
            models.CheckConstraint(
                condition=models.Q(extraction_status__in=ExtractionStatus.values),
                name="document_extraction_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def name(self) -> str:
        """What the family calls it: its label ("Amendment No. 2"), else its kind."""
        return self.label or self.get_kind_display()

    @property
    def is_family_member(self) -> bool:
        return self.kind != DocumentKind.ORIGINAL

    def page_at(self, offset: int) -> int | None:
        """The number of the page the text offset falls on; None for an unpaged document."""
        starts = [start for start in self.page_starts if isinstance(start, int)]
        if not starts:
            return None
        return max(1, bisect.bisect_right(starts, offset))

    def party_name(self, role: str) -> str:
        """The own name of the party playing `role` ("Zammad GmbH"), or "" when the
        contract names none for it."""
        return named_party(self.parties, role)


class Clause(models.Model):
    document = models.ForeignKey(ContractDocument, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField()
    ref = models.CharField(max_length=64, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    kinds = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="clause_position_unique"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="clause_span"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ref} {self.heading}".strip()

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]


def named_party(parties: object, role: str) -> str:
    """The own name of the party playing `role` in a document's `parties` (as extracted:
    a list of {"name", "role", "aliases"}), or "" when none is named."""
    for party in parties if isinstance(parties, list) else []:
        if isinstance(party, dict) and party.get("role") == role and party.get("name"):
            return str(party["name"])
    return ""
