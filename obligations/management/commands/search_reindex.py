"""Rebuild the full-text search entries of every contract (after a restore, or an upgrade)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from obligations.models import Contract
from obligations.services.search import search_index_contract


class Command(BaseCommand):
    help = "Rebuild the search index of every contract."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        contracts = Contract.objects.order_by("pk")
        for contract in contracts.iterator():
            total += search_index_contract(contract=contract)
        self.stdout.write(f"Indexed {total} entries of {contracts.count()} contracts.")
