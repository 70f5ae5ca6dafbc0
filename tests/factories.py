"""factory_boy factories for the tracker's models; tests build exactly the rows they need."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from obligations import models
from obligations.models.choices import Role


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.REVIEWER


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contract

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Service agreement {n}")
    counterparty = "Example Hosting GmbH"
    governing_law = "DE"
    holiday_calendars = factory.LazyFunction(lambda: ["DE"])
    time_zone = "Europe/Berlin"


class ContractDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContractDocument

    contract = factory.SubFactory(ContractFactory)
    organisation = factory.LazyAttribute(lambda d: d.contract.organisation)
    original_name = "agreement.txt"
    text = "1. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"
    sha256 = factory.Sequence(lambda n: hashlib.sha256(f"document {n}".encode()).hexdigest())
    format = "txt"
    size = factory.LazyAttribute(lambda d: len(d.text.encode()))
    extraction_status = "done"
    progress = 100


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Clause

    document = factory.SubFactory(ContractDocumentFactory)
    position = factory.Sequence(lambda n: n)
    ref = "1"
    heading = "Payment"
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.document.text))


class ObligationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Obligation

    clause = factory.SubFactory(ClauseFactory)
    document = factory.LazyAttribute(lambda o: o.clause.document)
    contract = factory.LazyAttribute(lambda o: o.clause.document.contract)
    evidence_start = 11
    evidence_end = factory.LazyAttribute(lambda o: len(o.document.text) - 1)
    quote = factory.LazyAttribute(lambda o: o.document.text[o.evidence_start : o.evidence_end])
    party = "customer"
    kind = "payment"
    summary = "Pay each invoice within 30 days after receipt"
    period_amount = 30
    period_unit = "days"
    relation = "after"
    anchor = "invoice_received"
    confidence = 0.9


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Event

    contract = factory.SubFactory(ContractFactory)
    kind = "invoice_received"
    occurred_on = dt.date(2026, 1, 15)


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Deadline

    obligation = factory.SubFactory(ObligationFactory)
    contract = factory.LazyAttribute(lambda d: d.obligation.contract)
    organisation = factory.LazyAttribute(lambda d: d.obligation.contract.organisation)
    responsible = factory.LazyAttribute(
        lambda d: d.obligation.assignee or d.obligation.contract.owner
    )
    occurrence = factory.Sequence(lambda n: f"event:{n}")
    deadline = dt.date(2026, 2, 16)
    act_by = dt.date(2026, 2, 16)
    unshifted = dt.date(2026, 2, 14)
    explanation = factory.LazyFunction(
        lambda: ["30 days after 2026-01-15 is Sat 2026-02-14; BGB §193 moves it to Mon 2026-02-16"]
    )


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Reminder

    deadline = factory.SubFactory(DeadlineFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = "reminder"
    offset_days = 7
    send_at = factory.LazyFunction(timezone.now)
    message_id = factory.Sequence(lambda n: f"reminder-{n}@clausewatch.test")
