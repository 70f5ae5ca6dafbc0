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

_GENERIC_BOTH = frozenset(("party", "parties", "the parties", "each party", "either party"))
_PAREN_RE = re.compile(r"\(([^()\n]{1,160})\)")
_QUOTED_LABEL_RE = re.compile(
    r"[\"“”'‘]\s*(?:[*_]{1,2})?\s*([A-Za-z][\w&.\- ]{0,38}?)\s*(?:[*_]{1,2})?\s*[\"“”'’]"
)
_UNQUOTED_LABEL_RE = re.compile(
    r"\s*(?:[*_]{1,2}\s*)?(?:(?:the|hereinafter|herein|referred\s+to\s+as|also|as)[\s,]+)*"
    r"(?P<label>we|you|[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2})\s*(?:[*_]{1,2})?\s*$"
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


# The role noun must be the label's head ("Service Provider"), not a modifier ("Customer Data").
_CUSTOMER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(CUSTOMER_WORDS)})s?$")
_PROVIDER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(PROVIDER_WORDS)})s?$")


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


def _name_before(text: str, position: int) -> tuple[str, bool] | None:
    """The company name nearest before `position`, and whether the parenthesis at `position`
    follows it directly ('Acme LLC ("Recipient")'), so that its label names that company."""
    window = text[max(0, position - 200) : position]
    found = list(_COMPANY_SUFFIX_RE.finditer(window))
    if not found:
        return None
    adjacent = not window[found[-1].end() :].strip(" ,\t\n")
    return found[-1].group(1).strip(" ,"), adjacent


def _labels(inner: str) -> list[str]:
    """Defined labels in a parenthesis: '"Licensee"', '"CAOS", "we"', 'the Provider'. Labels
    for both sides ("Party", "Parties") say nothing about one party and are left out."""
    quoted = [label.strip(" .") for label in _QUOTED_LABEL_RE.findall(inner)]
    if not quoted:
        unquoted = _UNQUOTED_LABEL_RE.match(inner)
        # Without quotes only a role word counts: "(the Provider)", not "(Exhibit A)".
        if unquoted is None or role_of_label(unquoted.group("label")) is None:
            return []
        quoted = [unquoted.group("label")]
    return [
        label
        for label in quoted
        if len(label) >= 2
        and (label[0].isupper() or label.lower() in ("we", "you"))
        and label.lower() not in _GENERIC_BOTH
    ]


# Verbs that tell which side a named party is on: a supplier supplies, a customer pays.
_PROVIDER_VERBS = (
    r"(?:shall|will|agrees\s+to|must)\s+(?:\w+ly\s+)?(?:supply|deliver|provide|manufacture|"
    r"perform|host|develop|ship|sell|render|maintain|support|license|grant)|hereby\s+grants|"
    r"grants\s+to"
)
_CUSTOMER_VERBS = (
    r"(?:shall|will|agrees\s+to|must)\s+(?:\w+ly\s+)?(?:pay|purchase|order|buy|reimburse|remit)"
)


def _side_evidence(text: str, name: str) -> int:
    """Positive when the text has `name` supply things, negative when it has it pay."""
    escaped = re.escape(name)
    supplies = len(re.findall(rf"\b{escaped}\s+{_PROVIDER_VERBS}", text, re.IGNORECASE))
    pays = len(re.findall(rf"\b{escaped}\s+{_CUSTOMER_VERBS}", text, re.IGNORECASE))
    return supplies - pays


def _sides(text: str, pending: list[list[str]], known: set[str]) -> list[str]:
    """Roles for parties defined without a role word."""
    if known == {"provider"}:
        return ["customer"] * len(pending)
    if known == {"customer"}:
        return ["provider"] * len(pending)
    is_company = [names[0].lower() in ("company", "the company") for names in pending]
    if len(pending) != 2:
        return ["provider" if company else "other" for company in is_company]
    first, second = (_side_evidence(text, names[0]) for names in pending)
    if first != second:
        return ["provider", "customer"] if first > second else ["customer", "provider"]
    if is_company[0] != is_company[1]:
        return ["provider", "customer"] if is_company[0] else ["customer", "provider"]
    return ["other", "other"]


def find_parties(text: str) -> list[Party]:
    """The parties a contract defines ('Zammad GmbH … (the "Provider")', 'ACME Inc.
    ("Licensee")', 'CAOS Ltd. ("CAOS", "we")'), each with its role. A name defined without a
    role word takes the side opposite the one known party, or the side its verbs show
    (supplying or paying); else "other". Only the first pages are read for definitions."""
    head = text[:20000]
    parties: dict[str, str] = {}
    unresolved: list[list[str]] = []  # names of one party, whose role is still unknown
    for match in _PAREN_RE.finditer(head):
        labels = _labels(match.group(1))
        if not labels:
            continue
        roles = {role for role in map(role_of_label, labels) if role}
        named = _name_before(head, match.start())
        name, adjacent = named if named else (None, False)
        names = list(labels)
        if name:
            names.append(name)
            first_word = name.split()[0].strip(",.")
            if len(first_word) > 2 and first_word.lower() not in ("the", "and"):
                names.append(first_word)
        if len(roles) == 1:
            role = roles.pop()
            for each in names:
                parties.setdefault(each, role)
            continue
        is_company = any(label.lower() in ("company", "the company") for label in labels)
        # A bare label is a party only when it abbreviates the company name before it or
        # is defined right after it ('Tidewater LLC ("Recipient")').
        if is_company or adjacent or (name and labels[0].split()[0].lower() in name.lower()):
            unresolved.append(names)
    known = set(parties.values())
    pending = [names for names in unresolved if not any(each in parties for each in names)]
    for names, role in zip(pending, _sides(text, pending, known), strict=True):
        for each in names:
            parties.setdefault(each, role)
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
