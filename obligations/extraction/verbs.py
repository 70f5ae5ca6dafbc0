"""The verbs that bind a party to an act ("shall", "agrees to") and the stems of verbs every reader
of a sentence looks for, spelled once."""

from __future__ import annotations

BINDING_VERBS = r"shall|will|must|agrees?\s+to|undertakes?\s+to"

# The stem of "terminate", "termination", "terminating", but not of "determine" or
# "determination".
TERMINATE_STEM = r"(?<!de)terminat"
