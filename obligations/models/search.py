from django.contrib.postgres.search import SearchVectorField
from django.db import models

from obligations.models.contracts import Clause, Contract
from obligations.models.obligations import Obligation
from obligations.models.organisations import Organisation


class SearchKind(models.TextChoices):
    CONTRACT = "contract", "Contract"
    CLAUSE = "clause", "Clause"
    OBLIGATION = "obligation", "Obligation"


class SearchEntry(models.Model):
    """One searchable piece of a contract: its title and counterparty, a clause, an obligation.

    The full-text index lives in the database: on PostgreSQL a `tsvector` column with a GIN
    index, on SQLite an FTS5 table kept in step by triggers (both made by the migration, since
    neither can be declared portably on the model)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="search_entries")
    kind = models.CharField(max_length=16, choices=SearchKind.choices)
    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, null=True, blank=True)
    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)  # the clause heading or obligation summary
    text = models.TextField()
    vector = SearchVectorField(null=True, editable=False)  # PostgreSQL only

    class Meta:
        indexes = [models.Index(fields=["contract", "kind"], name="searchentry_contract_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=SearchKind.values), name="searchentry_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.contract_id}: {self.title or self.text[:40]}"
