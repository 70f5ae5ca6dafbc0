"""Who is who in a contract: defined party names and the role each stands for.

Roles are seen from a service relationship: the `provider` supplies (vendor, licensor, seller,
"we" in terms written by a vendor) and the `customer` receives and pays (licensee, buyer, "you").
`both` is a phrase that names either side ("each Party", "the indemnified party").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from obligations.extraction.model import Party

# Role nouns, as contracts use them for a side of the deal.
PROVIDER_WORDS = (
    "provider",
    "service provider",
    "licensor",
    "vendor",
    "supplier",
    "seller",
    "contractor",
    "consultant",
    "manufacturer",
    "franchisor",
    "developer",
    "lessor",
    "landlord",
    "processor",
    "host",
    "producer",
    "service company",
)
CUSTOMER_WORDS = (
    "customer",
    "client",
    "licensee",
    "buyer",
    "purchaser",
    "subscriber",
    "franchisee",
    "distributor",
    "reseller",
    "lessee",
    "tenant",
    "controller",
    "member",
    "sublicensee",
)
BOTH_PHRASES = (
    "either party",
    "each party",
    "both parties",
    "the parties",
    "neither party",
    "a party",
    "any party",
    "the other party",
    "such party",
    "the party",
    "other party",
    "each of the parties",
    "either of the parties",
    "parties",
    "party",
)
_BOTH_ADJECTIVES = (
    "indemnified",
    "indemnifying",
    "receiving",
    "disclosing",
    "breaching",
    "non-breaching",
    "defaulting",
    "non-defaulting",
    "terminating",
    "affected",
    "notifying",
    "requesting",
    "prevailing",
    "injured",
)

_QUOTE = "[\"“”'‘’]"
_DEFINITION_RE = re.compile(
    r"\(\s*(?:[*_]{1,2}\s*)?(?:(?:the|a|an|each|hereinafter|herein|referred\s+to\s+as|"
    r"collectively|together|also|as)[\s,]+)*(?:[*_]{1,2})?"
    rf"({_QUOTE}|&quot;)?\s*(?P<label>[A-Za-z][\w&.\- ]{{0,38}}?)\s*(?:{_QUOTE}|&quot;)?"
    r"\s*(?:[*_]{1,2})?\s*(?:,[^)]{0,60})?\)"
)
_COMPANY_SUFFIX_RE = re.compile(
    r"((?:[A-Z][\w&'’.\-]*[ \t]+){0,5}?(?:[A-Z][\w&'’.\-]*)[,\s]+"
    r"(?:GmbH|AG|Inc\.?|INC\.?|Ltd\.?|LTD\.?|LLC|L\.L\.C\.|Corp\.?|CORP\.?|Corporation|"
    r"CORPORATION|Co\.|S\.A\.|B\.V\.|N\.V\.|plc|PLC|LP|L\.P\.|LLP|SE|SA|SAS|Limited|LIMITED|"
    r"S\.p\.A\.|Pty\.? Ltd\.?|AB|Oy|A/S|KG))"
)


@dataclass(frozen=True)
class Mention:
    """A place in the text that names a party."""

    start: int
    end: int
    role: str
    text: str


def role_of_label(label: str) -> str | None:
    """The role a defined label stands for by its words, or None for a bare name."""
    words = label.strip().strip("*_\"'“”‘’").lower()
    if words in ("we", "us", "our"):
        return "provider"
    if words in ("you", "your"):
        return "customer"
    if words in ("company", "the company"):
        return None
    for word in CUSTOMER_WORDS:
        if re.search(rf"\b{word}s?\b", words):
            return "customer"
    for word in PROVIDER_WORDS:
        if re.search(rf"\b{word}s?\b", words):
            return "provider"
    return None


def _name_before(text: str, position: int) -> str | None:
    window = text[max(0, position - 200) : position]
    found = list(_COMPANY_SUFFIX_RE.finditer(window))
    if not found:
        return None
    return found[-1].group(1).strip(" ,")


def find_parties(text: str) -> list[Party]:
    """The parties a contract defines ('Zammad GmbH … (the "Provider")', 'ACME Inc.
    ("Licensee")', 'CAOS Ltd. ("we")'), each with its role; names the text defines whose role
    cannot be told get "other". Only the preamble and definitions are read for names."""
    head = text[:20000]
    parties: dict[str, str] = {}
    unresolved: list[str] = []
    for match in _DEFINITION_RE.finditer(head):
        label = match.group("label").strip(" .")
        if len(label) < 2:
            continue
        role = role_of_label(label)
        name = _name_before(head, match.start())
        bare_name = role is None and label.lower() not in ("company", "the company")
        # A bare name is a party only when a company name stands right before it.
        if bare_name and (name is None or label.split()[0].lower() not in name.lower()):
            continue
        if role is None:
            unresolved.append(label)
            if name:
                unresolved.append(name)
            continue
        parties.setdefault(label, role)
        if name:
            parties.setdefault(name, role)
            first_word = name.split()[0].strip(",.")
            if len(first_word) > 2:
                parties.setdefault(first_word, role)
    roles = set(parties.values())
    for label in unresolved:
        if label in parties:
            continue
        # "Company" or a bare name is the other side of the one party whose role is known.
        if roles == {"provider"}:
            parties[label] = "customer"
        elif roles == {"customer"} or label.lower() in ("company", "the company"):
            parties[label] = "provider"
        else:
            parties[label] = "other"
    return [Party(name=name, role=role) for name, role in parties.items()]


class PartyResolver:
    """Finds the places in a text that name a party and tells their role."""

    def __init__(self, parties: list[Party]) -> None:
        roles: dict[str, str] = {}
        for party in parties:
            roles.setdefault(party.name.lower(), party.role)
        defined = {party.name.lower() for party in parties}
        has_provider_noun = any(
            party.role == "provider" and party.name.lower() not in ("we", "us", "our", "company")
            for party in parties
        )
        generic: dict[str, str] = {"we": "provider", "us": "provider", "our": "provider"}
        generic.update({"you": "customer", "your": "customer"})
        generic["company"] = "customer" if has_provider_noun else "provider"
        for word in PROVIDER_WORDS:
            generic[word] = "provider"
        for word in CUSTOMER_WORDS:
            generic[word] = "customer"
        for phrase in BOTH_PHRASES:
            generic[phrase] = "both"
        for adjective in _BOTH_ADJECTIVES:
            generic[f"{adjective} party"] = "both"
        for name, role in generic.items():
            if name not in defined:
                roles[name] = role
        self.roles = roles
        names = sorted(roles, key=len, reverse=True)
        alternatives = "|".join(re.escape(name) for name in names)
        self._mention_re = re.compile(
            rf"(?<![\w-])(?:the\s+)?(?:{alternatives})(?:s(?=\W))?(?![\w-])", re.IGNORECASE
        )

    def role(self, phrase: str) -> str | None:
        words = re.sub(r"^the\s+", "", phrase.strip().lower())
        words = re.sub(r"['’]s?$", "", words)
        if words in self.roles:
            return self.roles[words]
        if words.endswith("s") and words[:-1] in self.roles:
            singular = self.roles[words[:-1]]
            return "both" if singular == "both" else singular
        return None

    def mentions(self, text: str, offset: int = 0) -> list[Mention]:
        found: list[Mention] = []
        for match in self._mention_re.finditer(text):
            role = self.role(match.group(0))
            if role is None:
                continue
            found.append(
                Mention(offset + match.start(), offset + match.end(), role, match.group(0))
            )
        return found
