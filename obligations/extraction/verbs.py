"""The verbs that bind a party to an act ("shall", "agrees to"), spelled once for every reader
of a sentence's words."""

from __future__ import annotations

BINDING_VERBS = r"shall|will|must|agrees?\s+to|undertakes?\s+to"
