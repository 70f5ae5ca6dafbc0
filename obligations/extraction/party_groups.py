"""Names a contract defines for a party together with its group: '"Licensed Users" means
Licensee and Licensee's subsidiaries', '"Seller Group" means Seller, its Affiliates and ...'.
Such a name acts for the party: "Licensed Users shall notify Licensor" is Licensee's duty.
"""

from __future__ import annotations

import re

from obligations.extraction.model import Party

_QUOTE = '["“”]'
_DEFINED = rf"{_QUOTE}([A-Z][\w .&-]{{1,40}}?){_QUOTE}"
_GROUP_RE = re.compile(
    rf"{_DEFINED}(?:\s*(?:and|or|,)\s*{_DEFINED})?\s*(?:\([^)]{{0,40}}\)\s*)?(?:shall\s+)?"
    r"(?:means?|refers?\s+to|includes?)\s+(?:the\s+)?"
    r"(?P<member>[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,3}?)"
    # the party with those it stands for: "and its Affiliates", ", Licensee's subsidiaries"
    r"(?:\s*,\s*|\s+and\s+|\s+together\s+with\s+|\s+or\s+)(?:its|their|any\s+of\s+its|each\s+of\s+its"
    r"|(?P=member)[’']s)\s",
)


def with_group_names(text: str, parties: list[Party]) -> list[Party]:
    """`parties`, each with the group names the text defines around it as further aliases."""
    by_name = {name: index for index, party in enumerate(parties) for name in party.names}
    extra: dict[int, list[str]] = {}
    for match in _GROUP_RE.finditer(text):
        index = by_name.get(match.group("member"))
        if index is None:
            continue
        for defined in (match.group(1), match.group(2)):
            if defined and defined not in by_name:
                extra.setdefault(index, []).append(defined)
    if not extra:
        return parties
    return [
        Party(party.name, party.role, (*party.aliases, *dict.fromkeys(extra.get(index, ()))))
        for index, party in enumerate(parties)
    ]
