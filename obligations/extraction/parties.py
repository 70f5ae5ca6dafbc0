"""Who is who in a contract: defined party names and the role each stands for.

Roles are seen from a service relationship: the `provider` supplies (vendor, licensor, seller,
"we" in terms written by a vendor) and the `customer` receives and pays (licensee, buyer, "you").
`both` is a phrase that names either side ("each Party", "the indemnified party").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from obligations.extraction.model import Party
from obligations.extraction.party_groups import with_group_names
from obligations.extraction.party_sides import side_evidence, sides_by_acts
from obligations.extraction.party_words import (
    CUSTOMER_LABEL_WORDS,
    CUSTOMER_WORDS,
    DEFINITIONS_HEAD,
    GENERIC_ROLES,
    PROVIDER_LABEL_WORDS,
    PROVIDER_WORDS,
    collective_labels,
)
from obligations.extraction.wordscan import WordScan, ascii_lower, word_pattern

_GENERIC_BOTH = frozenset(("party", "parties", "the parties", "each party", "either party"))
# A parenthesis, which a hard-wrapped line may break ('(together with its successors and\n
# assigns, "Lessor")'), though never across a blank line.
_PAREN_RE = re.compile(r"\(((?:[^()\n]|\n(?![ \t]*\n)){1,160})\)")
_QUOTED_LABEL_RE = re.compile(
    r"[\"“”'‘]\s*(?:[*_]{1,2})?\s*([A-Za-z][\w&.\- ]{0,38}?)\s*(?:[*_]{1,2})?\s*[\"“”'’]"
)
_UNQUOTED_LABEL_RE = re.compile(
    r"\s*(?:[*_]{1,2}\s*)?(?:(?:the|hereinafter|herein|referred\s+to\s+as|also|as)[\s,]+)*"
    r"(?P<label>we|you|[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,2})\s*(?:[*_]{1,2})?\s*$"
)
# A name's first letter: a capital, or a small one before a capital ("eGain", "iRobot").
_INITIAL = r"(?:[A-Z]|[a-z](?=[A-Z]))"
# The suffixes of a company's name. A name found by its suffix alone takes the foreign and
# one-word forms too; a name found before the words that describe it also takes "Incorporated"
# and "N.A." (see `_DESCRIBED_NAME_RE`).
_SUFFIXES = (
    r"Inc\.?|INC\.?|Ltd\.?|LTD\.?|LLC|L\.L\.C\.|Corp\.?|CORP\.?|L\.P\.|LP|LLP|S\.A\.|plc|PLC"
    r"|Co\.|CO\.|Limited|LIMITED"
)
_COMPANY_SUFFIX_RE = re.compile(
    rf"((?:{_INITIAL}[\w&'’.\-]*[ \t]+){{0,5}}?(?:{_INITIAL}[\w&'’.\-]*)[,\s]+"
    rf"(?:GmbH|AG|Corporation|CORPORATION|{_SUFFIXES}|B\.V\.|N\.V\.|SE|SA|SAS|S\.p\.A\."
    r"|Pty\.? Ltd\.?|AB|Oy|A/S|KG))(?![\w/])"
)


_DESCRIPTION_RE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
# A name whatever its suffix ("WestRock Company", "Oxbow Carbon & Minerals LLC", "NeuroBo
# Pharmaceuticals, Inc."), then what the preamble says of it, up to the label.
_NAME_SUFFIX = rf"{_SUFFIXES}|N\.A\.|Incorporated|INCORPORATED"
_DESCRIBED_NAME_RE = re.compile(
    rf"(?P<name>(?!(?:AND|BY|BETWEEN)\b)(?:{_INITIAL}[\w&'’.\-]*)"
    # No joining word of the preamble ("BY AND BETWEEN") is part of a name, nor is "and",
    # which joins two names ("Alpha Corp. and Beta Widgets").
    r"(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?!(?:AND|BY|BETWEEN)\b)[A-Z][\w&'’.\-]*|\d+\b(?!\.)|&|of"
    r"|the)){0,7}"
    rf"(?:,[ \t]*(?:{_NAME_SUFFIX}))?)"
    r"(?P<rest>,?\s+(?:a|an)\s+[^()]{0,170})$"
)
_SUFFIX_ONLY_RE = re.compile(rf"(?:{_NAME_SUFFIX})")
# Words no description of a party holds: a sentence that goes on to say what it does.
_NOT_A_DESCRIPTION_RE = re.compile(
    r"\b(?:shall|will|may|agrees?|hereby|shares?|stock|pursuant|means)\b", re.IGNORECASE
)
_NEXT_PARTY_RE = re.compile(r"\band\s+(?:the\s+)?[A-Z][\w&'’.\-]*[ \t]+[A-Z&]")
# What a preamble says of a party between its name and its label: its kind and its address.
_DESCRIBED_RE = re.compile(
    r",?\s+(?:a|an)\s+[^()\n]*?(?:\n[^()\n]*?){0,3}\b(?:corporation|company|partnership|"
    r"limited|association|organi[sz]ation|entity|institution|university|bank|trust)\b[^()]*",
    re.IGNORECASE,
)
_LEADING_JOIN_RE = re.compile(r"^(?:and|between|by)\s+", re.IGNORECASE)
# Between a company name and a label: another definition or the next party of the preamble.
_OTHER_PARTY_BETWEEN = re.compile(r"\)|\b(?:and|between)\s", re.IGNORECASE)


# The role noun must be the label's head ("Service Provider"), not a modifier ("Customer Data").
_CUSTOMER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(CUSTOMER_LABEL_WORDS)})s?$")
_PROVIDER_LABEL_RE = re.compile(rf"\b(?:{'|'.join(PROVIDER_LABEL_WORDS)})s?$")
_CUSTOMER_WORD_RE = re.compile(rf"\b(?:{'|'.join(CUSTOMER_WORDS)})s?$")
_PROVIDER_WORD_RE = re.compile(rf"\b(?:{'|'.join(PROVIDER_WORDS)})s?$")


def role_of_label(label: str, *, defined: bool = True) -> str | None:
    """The role a label stands for by its words, or None for a bare name. A word that names a
    side only where the contract defines a party by it ("Carrier", "Dealer") counts only for a
    `defined` label, not for a name the text merely makes act."""
    words = label.strip().strip("*_\"'“”‘’").lower()
    if words in ("we", "us", "our"):
        return "provider"
    if words in ("you", "your"):
        return "customer"
    if words in ("company", "the company"):
        return None
    customer, provider = (
        (_CUSTOMER_LABEL_RE, _PROVIDER_LABEL_RE)
        if defined
        else (_CUSTOMER_WORD_RE, _PROVIDER_WORD_RE)
    )
    if customer.search(words):
        return "customer"
    if provider.search(words):
        return "provider"
    return None


def _name_before(text: str, position: int) -> tuple[str, bool] | None:
    """The company name nearest before `position`, and whether the parenthesis at `position`
    follows it directly ('Acme LLC ("Recipient")') or after the words that describe it, so
    that its label names that company."""
    window = text[max(0, position - 200) : position]
    described = _DESCRIBED_NAME_RE.search(window)
    if (
        described
        and _DESCRIBED_RE.fullmatch(described.group("rest"))
        and not _NEXT_PARTY_RE.search(described.group("rest"))
        and not _NOT_A_DESCRIPTION_RE.search(described.group("rest"))
        and not _SUFFIX_ONLY_RE.fullmatch(described.group("name"))
    ):
        # "WestRock Company, a Delaware corporation ("Parent")": the capitalised words right
        # before the description, whatever their suffix.
        name = _LEADING_JOIN_RE.sub("", described.group("name").strip(" ,"))
        return name, True
    # "a Delaware corporation" describes the company named before it; it is no name.
    found = [
        match
        for match in _COMPANY_SUFFIX_RE.finditer(window)
        if not _DESCRIPTION_RE.search(window, 0, match.start())
    ]
    if not found:
        return None
    gap = window[found[-1].end() :]
    if _OTHER_PARTY_BETWEEN.search(gap):
        return None  # the name belongs to a party defined before this one
    name = _LEADING_JOIN_RE.sub("", found[-1].group(1).strip(" ,"))
    # The label names the company when it follows the name directly or after the words that
    # describe it ("…, a Delaware corporation with its principal office at … (“Sponsor”)").
    return name, not gap.strip(" ,\t\n") or _DESCRIBED_RE.fullmatch(gap) is not None


_PROPER_NAME_END_RE = re.compile(
    r"((?:[A-Z][\w&'’.-]*[ \t]+(?:(?:of|the|and|for)[ \t]+)*){0,8}[A-Z][\w&'’.-]*)[ \t,]*$"
)
_PREAMBLE_RE = re.compile(r"\bbetween\b", re.IGNORECASE)


def _proper_name_before(text: str, position: int) -> tuple[str, bool] | None:
    """A name without a company suffix right before a definition in the preamble ('the
    Board of Regents of Alder State University ("University")'); None elsewhere, where
    capitalised words before a label name a thing ('Cloud Service (the "Service")')."""
    if not _PREAMBLE_RE.search(text, max(0, position - 400), position):
        return None
    found = _PROPER_NAME_END_RE.search(text, max(0, position - 120), position)
    if found is None:
        return None
    return found.group(1), True


def _labels(inner: str, collective: frozenset[str] = frozenset()) -> list[str]:
    """Defined labels in a parenthesis: '"Licensee"', '"CAOS", "we"', 'the Provider'. Labels
    for both sides ("Party", "Parties") say nothing about one party and are left out."""
    # A label a hard wrap broke ('"Management\nCommittee"') reads as one line.
    quoted = [" ".join(label.split()).strip(" .") for label in _QUOTED_LABEL_RE.findall(inner)]
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
        and (re.match(_INITIAL, label) or label.lower() in ("we", "you"))
        and label.lower() not in _GENERIC_BOTH
        and not label.lower().endswith((" party", " parties"))  # "Indemnified Party"
        # "the Non-Funding Member", where each party is a "Member"
        and label.lower().split()[-1].removesuffix("s") not in collective
    ]


_BETWEEN_RE = re.compile(r"\b(?:between|among|amongst)\b", re.IGNORECASE)


def _preamble_end(head: str) -> int:
    """Where the paragraph that names the contract's parties ("by and between A ... and B")
    ends; the end of `head` when none does."""
    between = _BETWEEN_RE.search(head)
    if between is None:
        return len(head)
    end = re.search(r"\n\s*\n", head[between.end() :])
    return between.end() + end.start() if end else len(head)


def _shared_first_words(names: Iterable[str]) -> frozenset[str]:
    """First words that open the names of two different companies; a name written twice
    ("Nippon Shinyaku Company, Ltd.", "Nippon Shinyaku Co.") is one company."""
    firsts: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        firsts.setdefault(words[0].strip(",."), set()).add(" ".join(words[:2]).lower().strip(",."))
    return frozenset(first for first, names in firsts.items() if len(names) > 1)


def _merge(groups: list[list[str]], names: list[str]) -> None:
    """Add `names` to the group that already holds one of them, else as a new group."""
    for group in groups:
        if any(name in group for name in names):
            group.extend(name for name in names if name not in group)
            return
    groups.append(list(names))


def _own_name(names: list[str]) -> str:
    """The party's own name among its names: the company name, else the longest."""
    company = next((name for name in names if _COMPANY_SUFFIX_RE.fullmatch(name)), None)
    return company or max(names, key=len)


def _party(names: list[str], role: str) -> Party:
    own = _own_name(names)
    aliases = dict.fromkeys(name for name in names if name != own)
    return Party(name=own, role=role, aliases=tuple(aliases))


# A name that acts in the contract: "GitHub will", "NEXTCLOUD may furnish", "Customer shall".
_ACTOR_RE = re.compile(
    rf"(?<![\w.-])({_INITIAL}[A-Za-z&-]{{2,}}(?:\s[A-Z][A-Za-z&-]+)?)\s+"
    r"(?:shall|will|must|may|agrees\s+to|undertakes\s+to|hereby)\s"
)
# Capitalised words that begin sentences or name things, never a party.
_NOT_ACTORS = frozenset(
    (
        *("this", "that", "the", "each", "either", "neither", "such", "any", "all", "no"),
        *("it", "he", "she", "they", "we", "you", "its", "their", "these", "those", "if"),
        *("agreement", "party", "parties", "services", "service", "fees", "payment", "notice"),
        *("order", "section", "term", "software", "product", "products", "company", "upon"),
        *("affiliates", "data", "content", "account", "invoices", "notwithstanding"),
    )
)
_MIN_ACTS = 3
# On lower-cased text, led by a literal (see wordscan).
_VOICE_RE = {
    word: re.compile(rf"{word}(?<!\w{word})(?:\s+(?:shall|will|must|may|agree|can)|[’']ll)\b")
    for word in ("we", "you")
}


def _actors(text: str, parties: list[Party], collective: frozenset[str]) -> list[Party]:
    """Parties the contract never defines but keeps making act: a role word used as a name
    ("Customer will pay"), a name standing alone ("ZITADEL will respond"), or "we" and "you"
    in terms written by a vendor. Each takes its role from its word or its acts, else the
    side no defined party holds."""
    sides = {party.role for party in parties}
    if {"provider", "customer"} <= sides:
        return []  # both sides are defined already
    taken = {name.lower() for party in parties for name in party.names}
    counts: dict[str, int] = {}
    for match in _ACTOR_RE.finditer(text):
        name = match.group(1)
        counts[name] = counts.get(name, 0) + 1
    found: list[Party] = []
    speaks_as_you = _speaks_as(text, "you")
    # Role words first, so that a bare name can take the side they leave free.
    ordered = sorted(
        counts.items(), key=lambda item: (role_of_label(item[0], defined=False) is None, -item[1])
    )
    for name, count in ordered:
        low = name.lower()
        role = role_of_label(name, defined=False)
        if count < _MIN_ACTS or low in taken or GENERIC_ROLES.get(low) in ("both", ""):
            continue  # "the Indemnified Party will" names a side by its act in one clause
        if low in ("we", "you") or low.split()[-1].removesuffix("s") in collective:
            continue  # "Each Member", where each party is a "Member", names either side
        if role is None and low.split()[0] in _NOT_ACTORS:
            continue
        # A thing the text also writes in lower case ("Software", "software") is no name.
        if role is None and low in text and _written_as_word(text, low):
            continue
        free = {"provider", "customer"} - sides
        if role is None and len(free) == 1:
            role = free.pop()  # the other side of a two-sided contract
        if role is None:
            evidence = side_evidence(text, [name])
            role = "provider" if evidence > 0 else "customer" if evidence < 0 else None
        if role is None and speaks_as_you:
            role = "provider"  # terms that call the customer "you" are the vendor's
        if role is None or role in sides:
            continue
        voice = _VOICE_RE["we" if role == "provider" else "you"]
        if role_of_label(name, defined=False) is None and count <= len(
            voice.findall(ascii_lower(text))
        ):
            continue  # the contract makes this side act as "we" or "you", not by this name
        sides.add(role)
        taken.add(low)
        found.append(Party(name=name, role=role))
    return found


def _written_as_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w/.@-]){re.escape(word)}(?![\w/.@-])", text) is not None


_PRONOUN_SCANS = {
    word: WordScan(
        word_pattern(form, r"\b", before="") for form in (word, word.title(), word.upper())
    )
    for word in ("we", "you")
}


def _speaks_as(text: str, word: str) -> bool:
    """Does the text call a side "we" or "you" (a few times at least)?"""
    found = (
        match
        for match in _PRONOUN_SCANS[word].finditer(text)
        if not text[match.start() - 1 : match.start()].isalnum()
    )
    return sum(1 for _, _ in zip(range(_MIN_ACTS), found, strict=False)) >= _MIN_ACTS


def _with_pronouns(text: str, parties: list[Party]) -> list[Party]:
    """'we' and 'you' join the provider and the customer when the text speaks that way."""
    named = {name.lower() for party in parties for name in party.names}
    extra = {
        role: word
        for word, role in (("we", "provider"), ("you", "customer"))
        if word not in named and _speaks_as(text, word)
    }
    result = []
    for party in parties:
        word = extra.pop(party.role, None)
        result.append(Party(party.name, party.role, (*party.aliases, word)) if word else party)
    result.extend(Party(name=word, role=role) for role, word in extra.items())
    return result


def find_parties(text: str, *, collective: frozenset[str] | None = None) -> list[Party]:
    """The parties a contract defines ('Zammad GmbH … (the "Provider")', 'ACME Inc.
    ("Licensee")', 'CAOS Ltd. ("CAOS", "we")'), each once with its role and its other names.
    A party defined by a role word takes that role; one defined without ("Company",
    "NORTHWIND") takes the side opposite the one known party, or the side its acts show
    (supplying or paying); else "other". Only the first pages are read for definitions.
    `collective`, when given, is `collective_labels(text)`."""
    head = text[:DEFINITIONS_HEAD]
    named: list[list[str]] = []  # names of one party whose label is a role word
    roles: dict[str, str] = {}
    unresolved: list[list[str]] = []  # names of one party, whose role is still unknown
    collective = collective_labels(text) if collective is None else collective
    preamble_end = _preamble_end(head)
    early: set[str] = set()  # names defined in the preamble
    definitions = [
        (match, labels, _name_before(head, match.start()))
        for match in _PAREN_RE.finditer(head)
        if (labels := _labels(match.group(1), collective))
    ]
    # "Reynolds Group Holdings Inc." and "Reynolds Consumer Products Inc.": a first word two
    # names share is neither's short name.
    shared_first_words = _shared_first_words(found[0] for _, _, found in definitions if found)
    for match, labels, found in definitions:
        label_roles = {role for role in map(role_of_label, labels) if role}
        if found is None and not label_roles:
            # A name without a company suffix counts when the label abbreviates it.
            proper = _proper_name_before(head, match.start())
            if proper and labels[0].split()[0].lower() in proper[0].lower().split():
                found = proper
        name, adjacent = found if found else (None, False)
        names = list(labels)
        if name:
            names.append(name)
            first_word = name.split()[0].strip(",.")
            company = _COMPANY_SUFFIX_RE.fullmatch(name) is not None
            if (
                company
                and len(first_word) > 2
                and first_word.lower() not in ("the", "and")
                and first_word not in shared_first_words
            ):
                names.append(first_word)
        if len(label_roles) == 1:
            role = label_roles.pop()
            fresh = [each for each in names if each not in roles]
            for each in fresh:
                roles[each] = role
            if fresh:
                _merge(named, [each for each in names if roles[each] == role])
            continue
        is_company = any(label.lower() in ("company", "the company") for label in labels)
        # A bare label is a party only when it abbreviates the company name before it or
        # is defined right after it ('Tidewater LLC ("Recipient")').
        if is_company or adjacent or (name and labels[0].split()[0].lower() in name.lower()):
            _merge(unresolved, names)
            if match.start() <= preamble_end:
                early.update(names)
    known = set(roles.values())
    pending = [names for names in unresolved if not any(each in roles for each in names)]
    parties = [_party(names, roles[names[0]]) for names in named]
    signed = [names for names in pending if any(each in early for each in names)]
    if len(named) + len(signed) >= 2 and len(signed) < len(pending):
        # The preamble names the two sides; an entity defined only after it ("The Members
        # caused Gamma LLC (the "Company") to be formed") is no party of the contract.
        outsiders = [names for names in pending if names not in signed]
        pending = signed
    else:
        outsiders = []
    for names, role in zip(pending, sides_by_acts(text, pending, known), strict=True):
        parties.append(_party(names, role))
    parties.extend(_party(names, "other") for names in outsiders)
    parties.extend(_actors(text, parties, collective))
    return _with_pronouns(text, with_group_names(head, parties))
