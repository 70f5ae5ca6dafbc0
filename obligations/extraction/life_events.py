"""Events of a business's life that a deadline counts from, as the anchor finders name them:
an insurance policy renewed or cancelled, another document signed, premises opened, a person
hired or leaving, a member leaving the company, its dissolution, a deadlock, a meeting, a
notice delivered. `anchors.py` reads them with its other events, in this order."""

from __future__ import annotations

import re

from obligations.extraction.verbs import TERMINATE_STEM

# A meeting held, where "late in meeting its obligations" meets nothing.
MEETING = (
    r"\b(?:a|the|any|each|every|such|that|its|their|annual|special|general|first|next|initial"
    r"|board|committee|quarterly|regular)\s+meetings?\b|\bmeetings\b|\bmeeting\s+of\b"
)
# Documents other than the contract whose signing a period may count from.
SIGNED_DOCUMENTS = (
    r"lease|sublease|sub-?licen[cs]e|statement\s+of\s+work|order\s+form|amendment|joinder"
    r"|guarant(?:y|ee)|deed"
)

# Places a business opens: "the Studio opens", "opening of the Store".
PREMISES = (
    r"store|studio|premises|restaurant|location|business|shop|outlet|facility|clinic|cent(?:er|re)"
    r"|hotel|unit|branch|office"
)

LIFE_EVENT_ANCHORS: list[tuple[re.Pattern[str], str]] = [
    # An insurance policy renewed, or cancelled, changed or lapsing: "within ten (10) days after
    # each policy renewal", "thirty days' notice before any required policy is cancelled".
    (
        re.compile(
            r"\bpolic(?:y|ies)\s+renew\w*|\brenew\w*\s+of\s+(?:the\s+|each\s+|any\s+|such\s+)?"
            r"(?:\w+\s+)?(?:insurance\s+)?polic(?:y|ies)\b"
        ),
        "policy_renewal",
    ),
    (
        re.compile(
            rf"\bpolic(?:y|ies)\b[^.;]{{0,40}}?\b(?:cancel\w*|expir\w*|{TERMINATE_STEM}\w*|laps\w*"
            r"|non-?renew\w*|reduc\w*|materially\s+chang\w*)"
            rf"|\b(?:cancel\w*|expir\w*|{TERMINATE_STEM}\w*|lapse|non-?renewal|reduction|material"
            r"\s+change)\s+(?:of\s+|in\s+)?(?:the\s+|each\s+|any\s+|such\s+|a\s+)?(?:\w+\s+)?"
            r"(?:insurance\s+)?polic(?:y|ies)\b"
        ),
        "policy_cancellation",
    ),
    # Another document signed: "after signing the lease", "after the lease ... is signed"; the
    # contract's own signing is its effective date (read below).
    (
        re.compile(
            rf"\b(?:sign(?:ing|ature)|execut(?:ion|ing))\s+(?:of\s+)?(?:the|a|an|any|each|such|its)"
            rf"\s+(?:\w+\s+){{0,2}}?(?:{SIGNED_DOCUMENTS})\b"
            rf"|\b(?:{SIGNED_DOCUMENTS})\b[^.;]{{0,60}}?\b(?:is|are|has\s+been|have\s+been)\s+"
            r"(?:fully\s+)?(?:signed|executed)\b"
        ),
        "document_signed",
    ),
    # A business or its premises opening: "after the Studio opens", "the Opening Date", where
    # an investigation or a bank account opened is no opening for business.
    (
        re.compile(
            rf"\b(?:{PREMISES})\s+(?:opens|opened|is\s+opened|first\s+opens)\b"
            rf"|\bopening\s+(?:date|of\s+(?:the\s+|its\s+|each\s+|any\s+|a\s+)?(?:{PREMISES}))\b"
            r"|\b(?:grand\s+)?opening\b(?=\s*$)|\bopen(?:s|ed)?\s+for\s+business\b"
        ),
        "opening",
    ),
    # A person who starts in a role, or leaves it: "within sixty days after hire", "of joining",
    # "after the departure"; a vehicle's departure is one too.
    (
        re.compile(
            # "after hire", "date of hire", "is hired", where "the end of the hire" of
            # equipment and "the hire period" are no one's hiring.
            r"(?:^|\bafter\s+|\bupon\s+|\bof\s+)hire\b(?!\s+(?:period|charges?|fees?|rate|term))"
            r"|\b(?:is|are|was|were|being|been)\s+hired\b|\bhiring\s+of\b"
            r"|\bjoin(?:s|ed|ing)\b(?!\s+(?:venture|and\s+several))"
            r"|\b(?:start|commencement|beginning)\s+of\s+(?:his|her|their|its)\s+employment"
        ),
        "hire",
    ),
    (
        re.compile(
            r"\bdepart(?:ure|s|ed)\b|\bceas(?:es|ed|ing)\s+to\s+be\s+(?:employed|engaged)\b"
            r"|\bresign(?:ation|s|ed)\b"
        ),
        "departure",
    ),
    # A member of a company or partnership who leaves it, and the company dissolved.
    (
        re.compile(
            r"\bceas(?:es|ed|ing)\s+to\s+be\s+an?\s+(?:member|partner|shareholder|stockholder)"
            r"|\bwithdrawal\s+of\s+(?:a|the|such|any)\s+(?:member|partner)\b"
            r"|\bwithdraw(?:s|n)?\s+from\s+(?:the\s+)?(?:company|partnership|venture|llc)\b"
        ),
        "member_exit",
    ),
    (re.compile(r"\bdissol(?:ution|ved)\b|\bwinding[- ]up\b"), "dissolution"),
    (re.compile(r"\bdeadlock"), "deadlock"),
    (re.compile(MEETING), "meeting"),
    # "after delivery of the notice of election": the notice received.
    (
        re.compile(
            r"\bdelivery\s+of\s+(?:the\s+|a\s+|any\s+|such\s+|its\s+)?(?:\w+\s+)?"
            r"(?:notice|notification)"
        ),
        "notice_received",
    ),
]
