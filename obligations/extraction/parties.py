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


_CUSTOMER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(CUSTOMER_WORDS)})s?\b")
_PROVIDER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(PROVIDER_WORDS)})s?\b")


def role_of_label(label: str) -> str | None:
    """The role a defined label stands for by its words, or None for a bare name."""
    words = label.strip().strip("*_\"'“”‘’").lower()
    if words in ("we", "us", "our"):
        return "provider"
    if words in ("you", "your"):
        return "customer"
    if words in ("company", "the company"):
        return None
    if _CUSTOMER_LABEL_RE.search(words):
        return "customer"
    if _PROVIDER_LABEL_RE.search(words):
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


def trie_pattern(words: list[str]) -> str:
    """One regex alternation for many words, sharing prefixes, so that a scan tries each
    first letter once instead of every word at every position."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        ending = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ending else body

    return "(?:" + render(trie) + ")"


PRONOUNS = ("he", "she", "it", "they", "he/it", "he/she", "he/she/it", "s/he", "it/he")


def _generic_roles() -> dict[str, str]:
    generic: dict[str, str] = {"we": "provider", "us": "provider", "our": "provider"}
    generic.update({"you": "customer", "your": "customer", "company": "provider"})
    generic.update(dict.fromkeys(PROVIDER_WORDS, "provider"))
    generic.update(dict.fromkeys(CUSTOMER_WORDS, "customer"))
    generic.update(dict.fromkeys(BOTH_PHRASES, "both"))
    generic.update({f"{adjective} party": "both" for adjective in _BOTH_ADJECTIVES})
    generic.update(dict.fromkeys(PRONOUNS, ""))
    return generic


_GENERIC_ROLES = _generic_roles()


def _names_re(names: list[str]) -> re.Pattern[str]:
    """Names in lower-cased text, each also with "the" before it or a plural "s" after it."""
    return re.compile(rf"(?<![\w-])(?:the\s+)?{trie_pattern(names)}(?:s(?=\W))?(?![\w-])")


_GENERIC_RE = _names_re(list(_GENERIC_ROLES))


class PartyResolver:
    """Finds the places in a text that name a party and tells their role. Texts given to
    `mentions` are lower-cased; a pronoun's role is "" (resolved by the caller)."""

    def __init__(self, parties: list[Party]) -> None:
        defined: dict[str, str] = {}
        for party in parties:
            defined.setdefault(party.name.lower(), party.role)
        has_provider_noun = any(
            role == "provider" and name not in ("we", "us", "our", "company")
            for name, role in defined.items()
        )
        roles = dict(_GENERIC_ROLES)
        roles["company"] = "customer" if has_provider_noun else "provider"
        roles.update(defined)
        self.roles = roles
        extra = [name for name in defined if name not in _GENERIC_ROLES and name.strip()]
        self._extra_re = _names_re(extra) if extra else None

    def role(self, phrase: str) -> str | None:
        words = phrase.strip().lower()
        if words.startswith("the") and words[3:4].isspace():
            words = words[4:].lstrip()
        if words in self.roles:
            return self.roles[words]
        if words.endswith("s") and self.roles.get(words[:-1]):
            return self.roles[words[:-1]]  # a plural; pronouns ("its") have no plural here
        return None

    def mentions(self, low: str, offset: int = 0) -> list[Mention]:
        """Every mention of a party in `low` (lower-cased text), in order, without overlaps."""
        hits = [(m.start(), m.end(), m.group(0)) for m in _GENERIC_RE.finditer(low)]
        if self._extra_re is not None:
            hits.extend((m.start(), m.end(), m.group(0)) for m in self._extra_re.finditer(low))
            hits.sort(key=lambda hit: (hit[0], -hit[1]))
        found: list[Mention] = []
        last_end = -1
        for start, end, words in hits:
            if start < last_end:
                continue
            role = self.roles.get(words)
            if role is None:
                role = self.role(words)
            if role is None:
                continue
            if words.endswith(("party", "parties")) and low[max(0, start - 6) : start] in (
                "third ",
                "third-",
            ):
                continue
            found.append(Mention(offset + start, offset + end, role, words))
            last_end = end
        return found
