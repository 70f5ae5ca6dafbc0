"""The shared vocabulary's code for each anchor name the finders read.

The finders (`anchors`, `rule_anchors`, `referents`) name what they read in the sentence's own
terms; the tracker stores only the codes of `obligations.vocabulary.anchors`, the registry the
deadline service counts from.
"""

from __future__ import annotations

import re

from obligations.vocabulary.anchors import ANCHOR_BY_CODE

__all__ = ["vocabulary_code"]

# The finders above name what they read; the tracker stores only the shared vocabulary's codes.
# Each finder name maps to one code; a name made from the sentence's own words is mapped by the
# words it holds, and what names no known event becomes `other_event` (the words stay beside it).
_CODE_OF_NAME: dict[str, str] = {
    "invoice_receipt": "invoice_received",
    "invoice_date": "invoice_issued",
    "due_date": "payment_due",
    "date_due": "payment_due",  # "within five (5) days after the date due"
    "payment": "payment_made",
    "account_closure": "account_closed",
    "cause_of_action_accrual": "claim_known",
    "claim_accrual": "claim_known",
    "claim_knowledge": "claim_known",
    "claim": "claim_known",
    "knowledge": "awareness",
    "announcement": "change_announcement",
    "data_transfer": "data_returned",
    "shipment": "delivery",
    "order_receipt": "order_received",
    "incident_report": "incident_reported",
    "error_report": "error_reported",
    "discontinuation": "change_effective",
    "site_visit": "audit",
    "commencement_date": "term_start",
    "appointment": "milestone",
    "first_commercial_sale": "milestone",
    # A resolution of no incident and no dispute (read before): a board's.
    "resolution": "other_event",
}
# A name that differs by relation: notice "before" an act announces it; "after" it answers it.
_CODE_BY_RELATION: dict[str, tuple[str, str]] = {
    # Notice before a period starts must be given by the end of the one before it; a time after
    # the start names no anchor of the vocabulary.
    "month_start": ("month_end", "other_event"),
    "quarter_start": ("quarter_end", "other_event"),
    "year_start": ("year_end", "other_event"),
    "contract_year_start": ("contract_year_end", "other_event"),
    "termination": ("termination_effective", "termination_effective"),
    "change_notice": ("change_effective", "change_announcement"),
    "notice": ("other_event", "notice_received"),
}
_CODE_BY_WORD: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"invoice"), "invoice_received"),
    (re.compile(r"order"), "order_received"),
    (re.compile(r"notice|notif"), "notice_received"),
    (re.compile(r"request"), "request_received"),
    (re.compile(r"goods|product|shipment|deliver"), "delivery"),
    (re.compile(r"payment|funds|purchase_price"), "payment_made"),
    (re.compile(r"report"), "incident_reported"),
    (re.compile(r"claim"), "claim_known"),  # "within ten days of receiving a claim"
    (re.compile(r"statement(?!_(?:of_)?work)"), "invoice_received"),  # amounts owed, received
    (re.compile(r"confidential|disclos"), "disclosure"),
)


def vocabulary_code(name: str, relation: str | None) -> str:
    """The shared vocabulary's code for a finder's name ("invoice_receipt" -> invoice_received,
    "termination" -> termination_effective, "purchase_order_receipt" -> order_received)."""
    if name in ANCHOR_BY_CODE:
        return name
    if name in _CODE_OF_NAME:
        return _CODE_OF_NAME[name]
    if name in _CODE_BY_RELATION:
        before, after = _CODE_BY_RELATION[name]
        return before if relation == "before" else after
    for pattern, code in _CODE_BY_WORD:
        if pattern.search(name):
            return code
    if name.endswith("_receipt"):
        # "within 15 days of receiving the findings": a thing received, of no kind named above.
        return "receipt"
    return "other_event"
