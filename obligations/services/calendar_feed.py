"""Deadlines for other programs: an iCalendar feed (RFC 5545) and a CSV export.

Both are written by hand: the formats are small, and a library would be a dependency for a few
dozen lines. The builders take deadlines with their contract and obligation already loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models import QuerySet

from obligations.models import Contract, ContractDocument, Deadline, Membership, Obligation
from obligations.models.choices import DeadlineStatus
from obligations.models.organisations import new_calendar_token

CRLF = "\r\n"
LINE_OCTETS = 75
PRODID = "-//Clausewatch//Deadlines//EN"
UID_DOMAIN = "clausewatch"

# TEXT may not hold control characters other than the newlines that escaping turns into "\n".
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n|\r|\n")


def ical_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    text = _CONTROL.sub("", _NEWLINES.sub("\n", text))
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def ical_fold(line: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside a
    UTF-8 character; each continuation starts with one space."""
    if len(line) <= LINE_OCTETS and line.isascii():
        return line  # most lines: one octet per character, short enough
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


def _utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# What an event or a CSV row reads: of the deadline, of its obligation, of its contract (with the
# organisation's name: our own name when we act) and of the obligation's document (the parties'
# names). Nothing else is loaded, and each obligation, contract and document once per chunk,
# however many of its deadlines the chunk holds.
ROW_FIELDS = (
    "id",
    "contract_id",
    "obligation_id",
    "occurrence",
    "deadline",
    "act_by",
    "explanation",
    "status",
    "updated_at",
)
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


def deadline_uid(deadline: Deadline) -> str:
    # The primary key never changes, and recomputation updates a deadline in place.
    return f"deadline-{deadline.pk}@{UID_DOMAIN}"


def _vevent(deadline: Deadline, *, deadline_url: Callable[[Deadline], str] | None) -> list[str]:
    obligation = deadline.obligation
    contract = deadline.contract
    summary = f"{obligation.summary} — {contract.title}"
    if not obligation.is_ours:
        summary = f"Check {obligation.party_name}: {summary}"
    if deadline.status == DeadlineStatus.DONE:
        summary = f"Done: {summary}"
    # The counting steps stay on the deadline's page: a calendar shows the description in a
    # small pop-up, where what to do and by when must come first and alone.
    description_lines = [
        f"Act by {deadline.act_by.isoformat()}; deadline {deadline.deadline.isoformat()}.",
        deadline.plain_sentence,
        f"Who acts: {_who_acts(obligation)}",
        f"Contract: {contract.title}"
        + (f" with {contract.counterparty}" if contract.counterparty else ""),
        f"Status: {STATUS_LABELS[deadline.status]}",
    ]
    url = deadline_url(deadline) if deadline_url is not None else None
    if url:
        description_lines.append(f"How this was counted: {url}")
    stamp = _utc_stamp(deadline.updated_at)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{deadline_uid(deadline)}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        f"DTSTART;VALUE=DATE:{deadline.act_by:%Y%m%d}",
        f"DTEND;VALUE=DATE:{deadline.act_by + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ical_escape(summary)}",
        f"DESCRIPTION:{ical_escape(chr(10).join(description_lines))}",
        "TRANSP:TRANSPARENT",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def deadlines_ical_lines(
    *,
    deadlines: Iterable[Deadline],
    calendar_name: str,
    deadline_url: Callable[[Deadline], str] | None = None,
) -> Iterator[str]:
    """One VCALENDAR with an all-day VEVENT per deadline on its act-by date, an event at a
    time for a streaming response; deadline_url gives the absolute address of the page that
    shows a deadline with its counting steps, for each event's URL."""
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ical_escape(calendar_name)}",
    ]
    yield "".join(ical_fold(line) + CRLF for line in head)
    for deadline in deadlines:
        event = _vevent(deadline, deadline_url=deadline_url)
        yield "".join(ical_fold(line) + CRLF for line in event)
    yield "END:VCALENDAR" + CRLF


def _who_acts(obligation: Obligation) -> str:
    if obligation.is_ours:
        return f"ours ({obligation.party_name} must act)"
    return f"theirs ({obligation.party_name} must act; we check that they do)"


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
