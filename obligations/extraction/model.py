"""The extractor's vocabulary: plain frozen dataclasses shared by readers, clause splitting,
fact finding and obligation finding. No Django here.

Offsets (`start`, `end`) always index into `Document.text`, the normalised text that is stored
and shown on the review page, so evidence can be highlighted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

UNITS = ("hours", "business_hours", "days", "business_days", "weeks", "months", "years")
RELATIONS = ("before", "after")
RECURRENCES = ("daily", "business_daily", "monthly", "quarterly", "annually")
PARTIES = ("provider", "customer", "both", "other")


@dataclass(frozen=True)
class Document:
    """A file turned into normalised text."""

    text: str
    format: str  # txt, md, html, pdf, docx
    title: str | None = None
    page_count: int | None = None
    page_starts: tuple[int, ...] = ()  # offset in `text` at which each page begins
    warnings: tuple[str, ...] = ()
    language: str | None = None  # the guessed language ("en", "de", ...), None if unclear


@dataclass(frozen=True)
class Period:
    amount: int | float
    unit: str  # one of UNITS

    def __str__(self) -> str:
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount} {self.unit}"


@dataclass(frozen=True)
class Clause:
    ref: str  # "12", "16.1", "§ 12 (1)", "ARTICLE IV", "" for text before the first heading
    heading: str
    start: int
    end: int
    kinds: tuple[str, ...] = ()  # term, renewal, termination, payment, notice, governing_law, ...


@dataclass(frozen=True)
class Obligation:
    clause_ref: str | None
    start: int  # evidence span in Document.text
    end: int
    quote: str
    party: str  # one of PARTIES
    kind: str  # payment, renewal_notice, termination_notice, response_time, notification, ...
    summary: str
    period: Period | None = None
    relation: str | None = None  # one of RELATIONS, None without a period
    anchor: str | None = None  # snake_case event name: invoice_receipt, term_end, ...
    recurrence: str | None = None  # one of RECURRENCES
    confidence: float = 0.5
    anchor_phrase: str = ""  # the anchor as the contract words it ("receipt of the invoice")


@dataclass(frozen=True)
class DateFact:
    kind: str  # effective, signed, last_updated, expires
    date: date
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Term:
    initial_term: Period | None = None
    renewal_term: Period | None = None
    auto_renews: bool | None = None
    notice_period: Period | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Party:
    """A defined name in the contract and the role it stands for."""

    name: str  # as written: "Zammad GmbH", "the Provider", "Licensee"
    role: str  # provider, customer, both, other


@dataclass
class Extraction:
    source: str
    document: Document
    title: str | None = None
    governing_law: str | None = None  # "DE", "CH", "US-NY", None
    calendars: list[str] = field(default_factory=list)  # "DE", "TARGET", "CH-ZH"
    dates: list[DateFact] = field(default_factory=list)
    term: Term = field(default_factory=Term)
    parties: list[Party] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class ReadError(Exception):
    """A file that cannot be read as a contract. The message tells the user what is wrong and
    what to do, in one line, and is shown as is (CLI stderr, upload form)."""
