"""Deadlines for other programs: an iCalendar feed (RFC 5545) and a CSV export.

Both are written by hand: the formats are small, and a library would be a dependency for a few
dozen lines. The builders take deadlines with their contract and obligation already loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any

from django.db import transaction
from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Func,
    Q,
    QuerySet,
    Value,
)

from obligations.models import Contract, ContractDocument, Deadline, Membership, Obligation
from obligations.models.choices import DeadlineStatus
from obligations.models.deadlines import PASSED_WHEN_COMPUTED, deadline_plain_sentence
from obligations.models.obligations import party_is_ours, party_name
from obligations.models.organisations import new_calendar_token

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//Clausewatch//Deadlines//EN"
UID_DOMAIN = "clausewatch"

# TEXT may not hold control characters other than the newlines that escaping turns into "\n".
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ical_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def ical_fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside a
    UTF-8 character; each continuation starts with one space."""
    if line.isascii():  # most lines: one octet per character
        if len(line) <= LINE_OCTETS:
            return line
        rest = range(LINE_OCTETS, len(line), LINE_OCTETS - 1)
        return (CRLF + " ").join(
            [line[:LINE_OCTETS], *(line[i : i + LINE_OCTETS - 1] for i in rest)]
        )
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    start, limit = 0, LINE_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # inside a multi-byte character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, LINE_OCTETS - 1  # the leading space of a continuation counts
    return (CRLF + " ").join(parts)


# What a deadline's event and its CSV row both read of it.
_DEADLINE_FIELDS = ("id", "contract_id", "obligation_id", "occurrence", "deadline", "act_by")
# What a CSV row reads: of the deadline, of its obligation, of its contract (with the
# organisation's name: our own name when we act) and of the obligation's document (the parties'
# names). Nothing else is loaded, and each obligation, contract and document once per chunk,
# however many of its deadlines the chunk holds.
ROW_FIELDS = (*_DEADLINE_FIELDS, "explanation", "status", "updated_at")
OBLIGATION_FIELDS = ("id", "contract_id", "document_id", "party", "summary")
CONTRACT_FIELDS = (
    "id",
    "title",
    "counterparty",
    "our_side",
    "auto_renews",
    "renewal_term_amount",
    "organisation__name",
)


def keyset_chunks(deadlines: QuerySet[Deadline], *, chunk_size: int = 1000) -> Iterator[Deadline]:
    """The deadlines in (act_by, id) order, `chunk_size` at a time, memory flat however many
    there are. Each chunk reads the next ids from an (act_by, id) index (covering, so the index
    alone answers), then those rows by primary key, then the parents not already loaded."""
    ordered = deadlines.order_by("act_by", "id")
    parents = _Parents()
    after: tuple[int, dt.date] | None = None
    while True:
        page = ordered
        if after is not None:
            # "act_by >= day" bounds the index range; the rest of that day is a filter on it.
            page = page.filter(act_by__gte=after[1]).exclude(act_by=after[1], id__lte=after[0])
        keys = list(page.values_list("pk", "act_by")[:chunk_size])
        if not keys:
            return
        rows = list(
            Deadline.objects.filter(pk__in=[pk for pk, _ in keys])
            .only(*ROW_FIELDS)
            .order_by("act_by", "id")
        )
        parents.attach(rows)
        yield from rows
        if len(keys) < chunk_size:
            return
        after = keys[-1]


class _Parents:
    """The obligations, contracts and documents of the rows streamed so far, each loaded once:
    a member's deadlines come back to the same few hundred contracts chunk after chunk. Held
    up to a bound and then started afresh, so that a full export's memory stays flat."""

    LIMIT = 5000

    def __init__(self) -> None:
        self.obligations: dict[int, Obligation] = {}
        self.contracts: dict[int, Contract] = {}
        self.documents: dict[int, ContractDocument] = {}

    def attach(self, rows: list[Deadline]) -> None:
        if len(self.obligations) > self.LIMIT or len(self.contracts) > self.LIMIT:
            for loaded in (self.obligations, self.contracts, self.documents):
                loaded.clear()
        self.obligations |= (
            Obligation.objects.filter(
                pk__in={row.obligation_id for row in rows} - self.obligations.keys()
            )
            .only(*OBLIGATION_FIELDS)
            .order_by()
            .in_bulk()
        )
        obligations = [self.obligations[row.obligation_id] for row in rows]
        wanted = {row.contract_id for row in rows} | {o.contract_id for o in obligations}
        self.contracts |= (
            Contract.objects.filter(pk__in=wanted - self.contracts.keys())
            .select_related("organisation")
            .only(*CONTRACT_FIELDS)
            .order_by()
            .in_bulk()
        )
        self.documents |= (
            ContractDocument.objects.filter(
                pk__in={o.document_id for o in obligations} - self.documents.keys()
            )
            .only("id", "parties")
            .in_bulk()
        )
        for obligation in obligations:
            obligation.contract = self.contracts[obligation.contract_id]
            obligation.document = self.documents[obligation.document_id]
        for row in rows:
            row.contract = self.contracts[row.contract_id]
            row.obligation = self.obligations[row.obligation_id]


STATUS_LABELS = dict(DeadlineStatus.choices)


def deadline_uid(deadline_id: int) -> str:
    # The primary key never changes, and recomputation updates a deadline in place.
    return f"deadline-{deadline_id}@{UID_DOMAIN}"


# What an event reads of each deadline; the rest comes from its obligation and contract.
FEED_FIELDS = (*_DEADLINE_FIELDS, "status", "stamp", "passed_when_computed")
FEED_CHUNK = 2000  # rows fetched from the server-side cursor at a time
EVENTS_PER_WRITE = 200  # events joined into one piece of the streamed response


class _FeedParents:
    """What a feed's events read beyond their deadlines, in three queries however many
    deadlines the feed holds: each obligation's summary and side, and the contracts and
    documents that name the sides. A side's names depend only on the party, the contract and
    the document, so they are worked out once for all the obligations that share them, by
    the model's own rules; each obligation's summary line is written once for all its events."""

    def __init__(self, deadlines: QuerySet[Deadline]) -> None:
        rows = (
            Obligation.objects.filter(pk__in=deadlines.order_by().values("obligation_id"))
            .order_by()
            .values_list("id", "contract_id", "document_id", "party", "summary")
        )
        self._obligations = {row[0]: row[1:] for row in rows}
        self._contracts: dict[int, Contract] = (
            Contract.objects.filter(pk__in={row[0] for row in self._obligations.values()})
            .select_related("organisation")
            .only(*CONTRACT_FIELDS)
            .order_by()
            .in_bulk()
        )
        # Only the names the documents give the sides: plain values, not model instances.
        self._document_parties: dict[int, object] = dict(
            ContractDocument.objects.filter(pk__in={row[1] for row in self._obligations.values()})
            .order_by()
            .values_list("id", "parties")
        )
        self._sides: dict[tuple[int, int, str], _Side] = {}
        self._facts: dict[int, _ObligationFacts] = {}
        self._summaries: dict[tuple[int, bool], str] = {}

    def facts(self, obligation_id: int) -> _ObligationFacts | None:
        """The obligation's summary and side; None for one deleted after the feed began."""
        facts = self._facts.get(obligation_id)
        if facts is None:
            row = self._obligations.get(obligation_id)
            if row is None:
                return None
            contract_id, document_id, party, summary = row
            contract = self._contracts[contract_id]
            side = self._side(party, contract, document_id)
            facts = self._facts[obligation_id] = _ObligationFacts(
                pk=obligation_id,
                summary=summary,
                contract=contract,
                is_ours=side.is_ours,
                party_name=side.party_name,
                who_acts=side.who_acts,
                description_tail=_description_tail(side.who_acts, contract),
            )
        return facts

    def _side(self, party: str, contract: Contract, document_id: int) -> _Side:
        key = (contract.pk, document_id, party)
        side = self._sides.get(key)
        if side is None:
            # The model's own rules for sides, as functions of the values.
            ours = party_is_ours(party, contract.our_side)
            name = party_name(
                party, document_parties=self._document_parties.get(document_id), contract=contract
            )
            side = self._sides[key] = _Side(
                is_ours=ours, party_name=name, who_acts=_who_acts(is_ours=ours, name=name)
            )
        return side

    def summary_line(self, facts: _ObligationFacts, *, done: bool) -> str:
        key = (facts.pk, done)
        line = self._summaries.get(key)
        if line is None:
            summary = f"{facts.summary} — {facts.contract.title}"
            if not facts.is_ours:
                summary = f"Check {facts.party_name}: {summary}"
            if done:
                summary = f"Done: {summary}"
            line = self._summaries[key] = ical_fold(f"SUMMARY:{ical_escape(summary)}")
        return line


@dataclass(frozen=True, slots=True)
class _Side:
    is_ours: bool
    party_name: str
    who_acts: str


@dataclass(frozen=True, slots=True)
class _ObligationFacts:
    """What an obligation's events say of it, worked out once for all of them: what the
    plain sentence reads (summary, is_ours, party_name) and the contract it belongs to, which
    is also its deadlines' contract."""

    pk: int
    summary: str
    contract: Contract
    is_ours: bool
    party_name: str
    who_acts: str
    description_tail: str  # the description's lines after the sentence, escaped


def _description_tail(who_acts: str, contract: Contract) -> str:
    """The lines of an event's description that are the same for all of an obligation's events
    (who acts, the contract), escaped once for all of them; each event adds its status."""
    with_whom = f" with {contract.counterparty}" if contract.counterparty else ""
    return ical_escape(f"\nWho acts: {who_acts}\nContract: {contract.title}{with_whom}\nStatus: ")


# Each status's label as an escaped description ends it.
_ESCAPED_STATUS = {status: ical_escape(label) for status, label in STATUS_LABELS.items()}


def _feed_rows(deadlines: QuerySet[Deadline]) -> Iterator[tuple[Any, ...]]:
    return (
        deadlines.annotate(
            # UTC, as iCalendar writes it: PostgreSQL formats it faster than Python parses it.
            stamp=Func(
                Func(F("updated_at"), template="(%(expressions)s AT TIME ZONE 'UTC')"),
                Value('YYYYMMDD"T"HH24MISS"Z"'),
                function="to_char",
                output_field=CharField(),
            ),
            passed_when_computed=ExpressionWrapper(
                Q(explanation__0__startswith=PASSED_WHEN_COMPUTED), output_field=BooleanField()
            ),
        )
        .order_by("act_by", "id")
        .values_list(*FEED_FIELDS)
        .iterator(chunk_size=FEED_CHUNK)
    )


def deadlines_ical(
    *,
    deadlines: QuerySet[Deadline],
    calendar_name: str,
    deadline_url: Callable[[int, int], str] | None = None,
) -> Iterator[str]:
    """One VCALENDAR with an all-day VEVENT per deadline on its act-by date, written a few
    hundred events at a time for a streaming response. The deadlines are read as rows through
    one server-side cursor, opened before their parents are read so that every obligation a
    row names is among them (one deleted since is skipped with its deadlines). deadline_url
    gives, from a contract's and a deadline's ids, the absolute address of the page that shows
    the deadline with its counting steps, for each event's URL."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical_escape(calendar_name)}",
    ]
    yield "".join(ical_fold(line) + CRLF for line in head)
    rows = _feed_rows(deadlines)
    first = next(rows, None)
    if first is not None:
        parents = _FeedParents(deadlines)
        events: list[str] = []
        for row in chain((first,), rows):
            facts = parents.facts(row[2])
            if facts is not None:
                events.append(_vevent(row, facts, parents, deadline_url=deadline_url))
            if len(events) == EVENTS_PER_WRITE:
                yield "".join(events)
                events.clear()
        yield "".join(events)
    yield "END:VCALENDAR" + CRLF


@lru_cache(maxsize=4096)
def _event_days(act_by: dt.date) -> str:
    """The DTSTART and DTEND lines of an all-day event on act_by. A feed's thousands of events
    fall on a few hundred days, so each day's lines are written once."""
    end = act_by + dt.timedelta(days=1)
    # isoformat and replace: several times faster than strftime.
    return (
        f"DTSTART;VALUE=DATE:{act_by.isoformat().replace('-', '')}{CRLF}"
        f"DTEND;VALUE=DATE:{end.isoformat().replace('-', '')}"
    )


def _vevent(
    row: tuple[Any, ...],
    facts: _ObligationFacts,
    parents: _FeedParents,
    *,
    deadline_url: Callable[[int, int], str] | None,
) -> str:
    pk, contract_id, _, occurrence, deadline, act_by, status, stamp, passed = row
    contract = facts.contract
    # The counting steps stay on the deadline's page: a calendar shows the description in a
    # small pop-up, where what to do and by when must come first and alone.
    sentence = deadline_plain_sentence(
        obligation=facts,
        contract=contract,
        act_by=act_by,
        occurrence=occurrence,
        passed_when_computed=passed,
    )
    # The description's lines, escaped piece by piece: the dates need none, the lines that are
    # the same for every event of the obligation were escaped once.
    description = (
        f"DESCRIPTION:Act by {act_by.isoformat()}\\; deadline {deadline.isoformat()}.\\n"
        f"{ical_escape(sentence)}{facts.description_tail}{_ESCAPED_STATUS[status]}"
    )
    url = deadline_url(contract_id, pk) if deadline_url is not None else None
    if url:
        description += f"\\nHow this was counted: {ical_escape(url)}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{deadline_uid(pk)}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        _event_days(act_by),
        parents.summary_line(facts, done=status == DeadlineStatus.DONE),
        ical_fold(description),
        "TRANSP:TRANSPARENT",
    ]
    if url:
        lines.append(ical_fold(f"URL:{url}"))
    lines.append("END:VEVENT")
    lines.append("")
    return CRLF.join(lines)


def _who_acts(*, is_ours: bool, name: str) -> str:
    if is_ours:
        return f"ours ({name} must act)"
    return f"theirs ({name} must act; we check that they do)"


CSV_COLUMNS = (
    "contract",
    "obligation",
    "who_acts",
    "party",
    "act_by",
    "deadline",
    "status",
    "what_to_do",
    "explanation",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def deadlines_csv_rows(*, deadlines: Iterable[Deadline]) -> Iterator[str]:
    """The CSV text, one row at a time (header first), ready for a streaming response."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_COLUMNS)
    for deadline in deadlines:
        row = (
            deadline.contract.title,
            deadline.obligation.summary,
            deadline.obligation.side_label,
            deadline.obligation.party_name,
            deadline.act_by.isoformat(),
            deadline.deadline.isoformat(),
            deadline.get_status_display(),
            deadline.plain_sentence,
            "\n".join(str(line) for line in deadline.explanation or []),
        )
        yield writer.writerow([csv_safe(cell) for cell in row])


def membership_rotate_calendar_token(*, membership: Membership) -> Membership:
    """Give the member a new feed address; the old one stops working at once."""
    with transaction.atomic():
        membership.calendar_token = new_calendar_token()
        membership.save(update_fields=["calendar_token"])
    return membership
