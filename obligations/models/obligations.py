from django.conf import settings
from django.db import models

from obligations.models.choices import (
    ANCHOR_CODES,
    DatingState,
    Party,
    Recurrence,
    Relation,
    ReviewStatus,
    Unit,
)
from obligations.models.contracts import Clause, Contract, ContractDocument, named_party
from obligations.models.periods import period_checks, period_text
from obligations.vocabulary.anchors import anchor_choices, anchor_label


class Obligation(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    document = models.ForeignKey(
        ContractDocument, on_delete=models.CASCADE, related_name="obligations"
    )
    clause = models.ForeignKey(
        Clause, on_delete=models.SET_NULL, null=True, blank=True, related_name="obligations"
    )
    position = models.PositiveIntegerField(default=0)
    evidence_start = models.PositiveIntegerField()
    evidence_end = models.PositiveIntegerField()
    quote = models.TextField()
    party = models.CharField(max_length=16, choices=Party.choices)
    kind = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    period_amount = models.PositiveIntegerField(null=True, blank=True)
    period_unit = models.CharField(max_length=16, choices=Unit.choices, blank=True)
    relation = models.CharField(max_length=8, choices=Relation.choices, blank=True)
    anchor = models.CharField(max_length=64, blank=True, choices=anchor_choices())
    # The contract's own words for what the period counts from ("receipt of the invoice").
    anchor_phrase = models.CharField(max_length=200, blank=True)
    recurrence = models.CharField(max_length=16, choices=Recurrence.choices, blank=True)
    confidence = models.FloatField(default=0.5)
    # Who answers for it; its deadlines' reminders go to them (else to the contract's owner).
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Written by the deadline recomputation for a confirmed obligation with a period (empty for
    # any other, and for one not recomputed since it was confirmed): its dating state and, when
    # it has no deadlines, what it waits for or why it cannot be dated.
    dating_state = models.CharField(max_length=16, choices=DatingState.choices, blank=True)
    dating_message = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "position"]
        indexes = [
            models.Index(
                fields=["contract"],
                name="obligation_pending_review",
                condition=models.Q(review_status="pending"),
            ),
            # The dashboard's few undated obligations, and the confirmed ones not yet sorted.
            models.Index(
                fields=["contract", "position", "id"],
                name="obligation_undated",
                condition=models.Q(dating_state__in=["waiting", "undatable"]),
            ),
            models.Index(
                fields=["contract"],
                name="obligation_unsorted",
                condition=models.Q(
                    dating_state="",
                    review_status__in=["confirmed", "corrected"],
                    period_amount__isnull=False,
                ),
            ),
        ]
        constraints = [
            *period_checks("period", "obligation"),
            models.CheckConstraint(
                condition=models.Q(evidence_end__gte=models.F("evidence_start")),
                name="obligation_evidence_span",
            ),
            models.CheckConstraint(
                condition=models.Q(party__in=Party.values), name="obligation_party_known"
            ),
            models.CheckConstraint(
                condition=models.Q(relation="") | models.Q(period_amount__isnull=False),
                name="obligation_relation_needs_period",
            ),
            models.CheckConstraint(
                condition=models.Q(anchor="") | models.Q(anchor__in=ANCHOR_CODES),
                name="obligation_anchor_known",
            ),
            models.CheckConstraint(
                condition=models.Q(review_status__in=ReviewStatus.values),
                name="obligation_review_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="obligation_confidence_range",
            ),
            models.CheckConstraint(
                condition=models.Q(dating_state="") | models.Q(dating_state__in=DatingState.values),
                name="obligation_dating_state_known",
            ),
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def evidence_page(self) -> int | None:
        """The page of the document on which the evidence starts; None for an unpaged one."""
        return self.document.page_at(self.evidence_start)

    @property
    def period(self) -> str:
        return period_text(self.period_amount, self.period_unit)

    @property
    def is_ours(self) -> bool:
        return party_is_ours(self.party, self.contract.our_side)

    @property
    def party_name(self) -> str:
        return party_name(
            self.party, document_parties=self.document.parties, contract=self.contract
        )

    @property
    def side_label(self) -> str:
        return "Ours" if self.is_ours else "Theirs"

    @property
    def kind_label(self) -> str:
        return self.kind.replace("_", " ").capitalize()

    @property
    def anchor_text(self) -> str:
        return anchor_label(self.anchor)

    @property
    def is_timed(self) -> bool:
        return self.period_amount is not None or bool(self.recurrence)


class ReviewLog(models.Model):
    """One review action on a contract: who confirmed, corrected or rejected what, and when."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="review_log")
    obligation = models.ForeignKey(
        Obligation, on_delete=models.SET_NULL, null=True, blank=True, related_name="review_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    action = models.CharField(max_length=32)  # confirmed, corrected, rejected, facts_confirmed...
    changes = models.JSONField(default=dict, blank=True)  # {"field": [old, new]}
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["contract", "-at"], name="reviewlog_contract_at")]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


_PARTY_LABELS = dict(Party.choices)


def party_is_ours(party: str, our_side: str) -> bool:
    """Ours when we must act: the duty is of our side of the contract, of both sides, or of
    nobody the extractor could name (better reminded than missed). Theirs when the other side
    owes it and we watch that it happens."""
    return party not in (Party.PROVIDER, Party.CUSTOMER) or party == our_side


def party_name(party: str, *, document_parties: object, contract: Contract) -> str:
    """Who owes the act, by name: the party's own name as the contract's document gives it
    ("Zammad GmbH"), else our organisation or the contract's counterparty. A function of the
    values, so that a feed of thousands of events need not build an obligation for each."""
    if party == Party.BOTH:
        return "Both parties"
    if party in (Party.PROVIDER, Party.CUSTOMER):
        name = named_party(document_parties, party)
        if name:
            return name
    if party_is_ours(party, contract.our_side):
        return contract.organisation.name
    return contract.counterparty or f"The {_PARTY_LABELS.get(party, party).lower()}"
