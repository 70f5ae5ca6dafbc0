"""The words that name a party and the places in a text that do: role nouns ("Licensor",
"the Customer"), phrases for either side ("each Party"), and the resolver that finds every
mention of a party in one pass. Shared by the party finder, the subjects and the duties.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

from obligations.extraction.model import Party
from obligations.extraction.wordscan import WordScan, word_pattern

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
# Role nouns that name a side only where a contract defines a party by them ('… LLC
# ("Carrier")'): elsewhere they are others (an insurance carrier, a distributor's dealers).
_PROVIDER_WORDS_IF_DEFINED = ("carrier",)
_CUSTOMER_WORDS_IF_DEFINED = ("shipper", "dealer", "retailer", "wholesaler")
PROVIDER_LABEL_WORDS = (*PROVIDER_WORDS, *_PROVIDER_WORDS_IF_DEFINED)
CUSTOMER_LABEL_WORDS = (*CUSTOMER_WORDS, *_CUSTOMER_WORDS_IF_DEFINED)
# Others a contract makes act that are no side of it, unless it defines a party by the word.
THIRD_PARTY_WORDS = (
    "insurance carrier",
    "insurer",
    *_PROVIDER_WORDS_IF_DEFINED,
    *_CUSTOMER_WORDS_IF_DEFINED,
    "sub-distributor",
    "arbitrator",
    "mediator",
    "escrow agent",
    "trustee",
    "auditor",
    "appraiser",
    "surveyor",
    "court",
)
# The words before a verb that make someone outside the contract act: "the third party auditor
# shall enter into a nondisclosure agreement". Only people and firms act; "any third party claim
# shall" does not.
THIRD_PARTY_BEFORE_VERB_RE = re.compile(
    r"\bthird[- ]part(?:y|ies)(?:\s+(?:independent\s+|certified\s+)?(?:auditors?|accountants?"
    r"|service\s+providers?|providers?|vendors?|suppliers?|contractors?|beneficiar(?:y|ies)"
    r"|escrow\s+agents?|agents?))?\s+$",
    re.IGNORECASE,
)
# A time rule kept by someone a third-party word names, before the verb: "The insurance carrier
# shall give thirty (30) days' notice", "Each dealer will report within ten (10) days". Their
# other duties are not the parties' to track; their deadlines are shown as another's.
THIRD_PARTY_WORD_BEFORE_VERB_RE = re.compile(
    rf"\b(?:the|an?|each|any|such|its|every)\s+(?:{'|'.join(THIRD_PARTY_WORDS)})s?\s+$",
    re.IGNORECASE,
)
BOTH_PHRASES = (
    "either party",
    "each party",
    "both parties",
    "the parties",
    "neither party",
    "no party",
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
    # Roles either side takes in a confidentiality clause.
    "recipient",
    "discloser",
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


# A label the contract gives each of its parties alike: "Acme and Beta are each referred to
# herein as a "Member"", "each individually referred to as a "Shareholder"". It names either
# side, as "each Party" does, and a label headed by it ("the Non-Funding Member") is a role in a
# procedure.
_NAME = r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}"
# "each ... referred to as a "Label"": the words that give every party one label.
_EACH_WORDS = ("each", "individually", "severally")
_AS_LABEL = r"\b[^.;()]{0,60}?\bas\s+(?:a|an|the)\s+[\"“]"
_COLLECTIVE_LABEL_RE = re.compile(
    # Two names that open a sentence ("CORVETH and Tarnwell are ..."), not the objects of one
    # ("orders issued by Buyer and Supplier, each referred to as an "Order"").
    rf"(?:(?<=[.;:)\n])\s*|^|\bBoth\s+){_NAME}\s+and\s+(?:the\s+)?{_NAME},?\s+"
    r"(?=(?:are|is|may|shall|will|can|each|individually|severally|sometimes|also|hereinafter"
    rf"|herein|referred)\b)[^.;()]{{0,100}}?\b(?:{'|'.join(_EACH_WORDS)}){_AS_LABEL}"
    r"(?P<label>[A-Z][\w-]*)[\"”]"
)


# How much of a contract's start is read for the definitions of its parties.
DEFINITIONS_HEAD = 20000


# A body that runs the company the contract forms or names: "The business and affairs of the
# Company shall be managed by a management committee (the "Management Committee")", "a board of
# managers of the Company (the "Board")". It acts for the Company; a committee the parties form
# together ("a joint steering committee") is not one.
_COMPANY_BODY_RE = re.compile(
    r"\bCompany\b[^.;]{0,80}?\b(?:managed|governed|run|directed)\s+by\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}(?:committee|board|council)(?:\s+of\s+(?:managers|directors))?\s*"
    r"\((?:the\s+)?[\"“](?P<label>[A-Z][\w\s-]{2,40}?)[\"”]\)"
)


def company_body_labels(text: str) -> frozenset[str]:
    """The lower-cased labels of the bodies that run the Company, from a contract's first
    pages."""
    head = text[:DEFINITIONS_HEAD]
    if not any(f"{verb} by" in head for verb in ("managed", "governed", "run", "directed")):
        return frozenset()  # most contracts form no company: spare the pattern
    return frozenset(
        " ".join(match.group("label").lower().split())
        for match in _COMPANY_BODY_RE.finditer(text, 0, DEFINITIONS_HEAD)
    )


# What every collective label has: "each ... as a "Label"" (the whole pattern, led by a look-behind,
# is tried at every position: it runs only where this literal-led scan finds its end).
_EACH_AS_LABEL = WordScan(word_pattern(word, _AS_LABEL + "[A-Z]") for word in _EACH_WORDS)


def collective_labels(text: str) -> frozenset[str]:
    """The lower-cased labels a contract's first pages give each party alike."""
    if not _EACH_AS_LABEL.finditer(text, 0, DEFINITIONS_HEAD):
        return frozenset()
    return frozenset(
        label
        for match in _COLLECTIVE_LABEL_RE.finditer(text, 0, DEFINITIONS_HEAD)
        if (label := match.group("label").lower()) not in ("party", "parties")
    )


class Mention(NamedTuple):
    """A place in the text that names a party."""

    start: int
    end: int
    role: str
    text: str


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


# The supplier's people: in a service contract the staff who answer, review and fix are the
# provider's ("A manager will review the request and respond within one business day").
STAFF_WORDS = (
    "manager",
    "account manager",
    "support engineer",
    "engineer",
    "technician",
    "support team",
    "support staff",
    "our team",
    "our staff",
)
# A company's own bodies, which act for the party defined as "the Company".
COMPANY_BODIES = ("board of directors", "the board", "compensation committee")
PRONOUNS = ("he", "she", "it", "they", "he/it", "he/she", "he/she/it", "s/he", "it/he")


def _generic_roles() -> dict[str, str]:
    generic: dict[str, str] = {"we": "provider", "us": "provider", "our": "provider"}
    generic.update({"you": "customer", "your": "customer", "company": "provider"})
    generic.update(dict.fromkeys(PROVIDER_WORDS, "provider"))
    generic.update(dict.fromkeys(CUSTOMER_WORDS, "customer"))
    generic.update(dict.fromkeys(BOTH_PHRASES, "both"))
    generic.update({f"{adjective} party": "both" for adjective in _BOTH_ADJECTIVES})
    generic.update(dict.fromkeys(STAFF_WORDS, "provider"))
    generic.update(dict.fromkeys(PRONOUNS, ""))
    return generic


GENERIC_ROLES = _generic_roles()


def _names_re(names: list[str]) -> re.Pattern[str]:
    """Names in lower-cased text, each also with a plural "s" after it; "the" before a name is
    added by `_with_the` (an optional word before the names would be tried at every position
    of the text)."""
    return re.compile(rf"(?<![\w-]){trie_pattern(names)}(?:s(?=\W))?(?![\w-])")


_GENERIC_RE = _names_re(list(GENERIC_ROLES))
_THE_BEFORE_RE = re.compile(r"(?<![\w-])the\s+\Z")


_SPACES_RE = re.compile(r"\s+")


def _is_name_char(char: str) -> bool:
    """What may not touch a name on either side: a word character or a hyphen."""
    return char.isalnum() or char in "_-"


class _NameScan:
    """The few names one contract defines, found as `_names_re` finds them (words apart by any
    spaces, a plural "s" after the last), by str.find: a pattern compiled for each contract's
    names would cost more than the scan."""

    def __init__(self, names: list[str]) -> None:
        self._names = [(first, rest) for first, *rest in (name.split() for name in names)]

    def spans(self, low: str, start: int = 0, end: int = sys.maxsize) -> list[tuple[int, int]]:
        """The names' spans in `low[start:end]`, in order and without overlaps: the one that
        starts first, and of two starting together the longer."""
        end = min(end, len(low))
        hits: list[tuple[int, int]] = []
        for first, rest in self._names:
            position = low.find(first, start, end)
            while position != -1:
                stop = None
                if position == 0 or not _is_name_char(low[position - 1]):
                    stop = _name_end(low, position + len(first), rest, end)
                if stop is not None:
                    hits.append((position, stop))
                position = low.find(first, stop if stop is not None else position + 1, end)
        hits.sort(key=lambda hit: (hit[0], -hit[1]))
        found: list[tuple[int, int]] = []
        last_end = -1
        for hit in hits:
            if hit[0] >= last_end:
                found.append(hit)
                last_end = max(hit[1], hit[0] + 1)
        return found


def _name_end(low: str, position: int, rest: list[str], end: int) -> int | None:
    """Where a name whose first word ends at `position` ends, with the `rest` of its words after
    any spaces and an optional plural "s"; None if they do not follow or a word goes on."""
    for word in rest:
        gap = _SPACES_RE.match(low, position, end)
        if gap is None or not low.startswith(word, gap.end(), end):
            return None
        position = gap.end() + len(word)
    if position + 1 < end and low[position] == "s" and not _is_name_char(low[position + 1]):
        return position + 1
    if position >= end or not _is_name_char(low[position]):
        return position
    return None


def _with_the(low: str, start: int, end: int) -> tuple[int, int, str]:
    """A name's span, widened to a "the" before it."""
    if start > 3 and low[start - 1].isspace() and "the" in low[max(0, start - 12) : start]:
        the = _THE_BEFORE_RE.search(low, max(0, start - 12), start)
        if the is not None:
            start = the.start()
    return start, end, low[start:end]


class PartyResolver:
    """Finds the places in a text that name a party and tells their role. Texts given to
    `mentions` are lower-cased; a pronoun's role is "" (resolved by the caller)."""

    def __init__(
        self,
        parties: list[Party],
        collective: frozenset[str] = frozenset(),
        bodies: frozenset[str] = frozenset(),
    ) -> None:
        defined: dict[str, str] = dict.fromkeys(collective, "both")
        for party in parties:
            for name in party.names:
                defined.setdefault(name.lower(), party.role)
        has_provider_noun = any(
            role == "provider" and name not in ("we", "us", "our", "company")
            for name, role in defined.items()
        )
        roles = dict(GENERIC_ROLES)
        roles["company"] = "customer" if has_provider_noun else "provider"
        roles.update(defined)
        extra = [name for name in defined if name not in GENERIC_ROLES and name.strip()]
        if "company" in defined:
            # "shall be reviewed by the Board at least annually": the Company's board acts
            # for the Company.
            for body in (*COMPANY_BODIES, *bodies):
                roles.setdefault(body, defined["company"])
                extra.append(body)
        self.roles = roles
        self._extra = _NameScan(extra) if extra else None

    def role(self, phrase: str) -> str | None:
        words = phrase.strip().lower()
        if words.startswith("the") and words[3:4].isspace():
            words = words[4:].lstrip()
        if words in self.roles:
            return self.roles[words]
        if words.endswith("s") and self.roles.get(words[:-1]):
            return self.roles[words[:-1]]  # a plural; pronouns ("its") have no plural here
        return None

    def mentions(self, low: str, start: int = 0, end: int = sys.maxsize) -> list[Mention]:
        """Every mention of a party in `low` (lower-cased text), or in its part from `start` to
        `end`, in order, without overlaps. Offsets are into `low`."""
        hits = [_with_the(low, *match.span()) for match in _GENERIC_RE.finditer(low, start, end)]
        if self._extra is not None:
            hits.extend(_with_the(low, *span) for span in self._extra.spans(low, start, end))
            hits.sort(key=lambda hit: (hit[0], -hit[1]))
        found: list[Mention] = []
        last_end = -1
        for first, last, words in hits:
            if first < last_end:
                continue
            role = self.roles.get(words)
            if role is None:
                role = self.role(words)
            if role is None:
                continue
            if words.endswith(("party", "parties")) and low[max(0, first - 6) : first] in (
                "third ",
                "third-",
            ):
                continue
            found.append(Mention(first, last, role, words))
            last_end = last
        return found
