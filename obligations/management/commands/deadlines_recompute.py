"""Recompute the deadlines of contracts whose confirmed obligations are not yet sorted into
dating states (after an upgrade), or of every contract with --all."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from obligations.deadlines import DeadlineInputError
from obligations.models import Contract
from obligations.services.dating import CONFIRMED
from obligations.services.deadlines import deadlines_recompute


class Command(BaseCommand):
    help = "Recompute deadlines and dating states of contracts not yet sorted (or --all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="every contract, not only unsorted")

    def handle(self, *args: Any, **options: Any) -> None:
        contracts = Contract.objects.order_by("pk")
        if not options["all"]:
            contracts = contracts.filter(
                obligations__dating_state="",
                obligations__review_status__in=CONFIRMED,
                obligations__period_amount__isnull=False,
            ).distinct()
        done = failed = 0
        for contract in contracts.iterator():
            try:
                deadlines_recompute(contract=contract)
            except DeadlineInputError as error:
                failed += 1
                self.stderr.write(f"{contract.title} (#{contract.pk}): {error.message}")
                continue
            done += 1
        self.stdout.write(f"Recomputed {done} contracts; {failed} could not be recomputed.")
