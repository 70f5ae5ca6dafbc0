"""Clause splitting: every numbering style, headings, kinds, and the guard against false
headings. Pure: no database. The snippets are written for these tests."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from obligations.extraction.clauses import is_titleish, roman_value, split_clauses
from obligations.extraction.model import Clause

SHARED = Path(__file__).resolve().parents[2] / "shared"


def refs(text: str) -> list[str]:
    return [clause.ref for clause in split_clauses(text)]


def by_ref(text: str) -> dict[str, Clause]:
    return {clause.ref: clause for clause in split_clauses(text)}


def assert_partition(text: str, clauses: list[Clause]) -> None:
    """The clauses cover the text in order, without gaps or overlaps."""
    assert clauses[0].start == 0
    assert clauses[-1].end == len(text)
    for before, after in pairwise(clauses):
        assert before.end == after.start
        assert before.start < before.end


SECTION_SIGN = """General Terms of Widget Hosting

§ 1 Scope

(1) These terms apply to every hosting contract of the Provider.
(2) Deviating terms of the customer do not apply.

§ 2. Term of the contract

(1) The contract runs for one year and is extended by a further year unless terminated.
(2) Notice must be given in text form.
(3) The right to terminate for good cause remains unaffected.

§ 3 Governing law

The law of Austria applies.
"""


def test_section_signs_with_numbered_paragraphs() -> None:
    assert refs(SECTION_SIGN) == ["", "§ 1", "§ 1 (1)", "§ 1 (2)", "§ 2", "§ 2 (1)", "§ 2 (2)",
                                  "§ 2 (3)", "§ 3"]  # fmt: skip
    clauses = by_ref(SECTION_SIGN)
    assert clauses["§ 2 (1)"].heading == "Term of the contract"  # the section's heading
    assert "term" in clauses["§ 2 (1)"].kinds
    assert "renewal" in clauses["§ 2 (1)"].kinds  # "extended by a further year"
    assert "governing_law" in clauses["§ 3"].kinds
    assert SECTION_SIGN[clauses["§ 2 (2)"].start :].startswith("(2) Notice must be given")
    assert_partition(SECTION_SIGN, split_clauses(SECTION_SIGN))


DECIMAL = """Cloud Terms

1. Introduction

These terms govern the service.

2. Access; Restrictions

2.1. Access to the Service

The customer may use the service.

2.2. Restrictions

The customer shall not resell the service.

2.2.1 Reverse engineering

No decompiling.

2.2.2 Benchmarks

No publishing of benchmarks.

3. Payment

3.1 Invoicing. The provider invoices monthly in advance.
3.2 Late payment. Interest accrues after thirty (30) days.
"""


def test_decimal_numbering_at_every_depth() -> None:
    assert refs(DECIMAL) == ["", "1", "2", "2.1", "2.2", "2.2.1", "2.2.2", "3", "3.1", "3.2"]
    clauses = by_ref(DECIMAL)
    assert clauses["2.1"].heading == "Access to the Service"
    assert clauses["2.2.2"].heading == "Benchmarks"
    assert clauses["3.1"].heading == "Invoicing"  # a heading run into its first sentence
    assert "payment" in clauses["3.2"].kinds
    assert_partition(DECIMAL, split_clauses(DECIMAL))


ARTICLES = """DISTRIBUTION AGREEMENT

This Distribution Agreement is made between Alpha Corp. and Beta Ltd. and sets out the terms
on which Beta distributes the products of Alpha in the territory.

ARTICLE I
DEFINITIONS

1.1 "Products" means the goods listed in Exhibit A.

ARTICLE II  TERM AND TERMINATION

2.1 Term. This Agreement shall continue for three (3) years.

Section 2.2(b) Termination for breach. Either party may terminate on thirty (30) days notice.

ARTICLE III - CONFIDENTIALITY

3.1 Each party shall keep the other's information secret.
"""


def test_articles_sections_and_headings_on_the_next_line() -> None:
    clauses = by_ref(ARTICLES)
    assert list(clauses) == ["", "ARTICLE I", "1.1", "ARTICLE II", "2.1", "2.2(b)",
                             "ARTICLE III", "3.1"]  # fmt: skip
    assert clauses["ARTICLE I"].heading == "DEFINITIONS"
    assert clauses["ARTICLE II"].heading == "TERM AND TERMINATION"
    assert clauses["2.1"].heading == "Term"
    assert clauses["2.2(b)"].heading == "Termination for breach"
    assert "confidentiality" in clauses["3.1"].kinds  # from its article's heading
    assert_partition(ARTICLES, split_clauses(ARTICLES))


MARKDOWN = """# Subscription Terms

## 1. Services

We provide the services described in the order.

### 1.1 Support

We answer support requests within one business day.

## Applicable law

These terms are subject to Swiss law.
"""


def test_markdown_headings_numbered_or_not() -> None:
    clauses = by_ref(MARKDOWN)
    assert list(clauses) == ["Subscription Terms", "1", "1.1", "Applicable law"]
    assert clauses["1.1"].heading == "Support"
    assert "support" in clauses["1.1"].kinds
    assert clauses["Applicable law"].kinds == ("governing_law",)


CAPS = """CONSULTING AGREEMENT

This Consulting Agreement is entered into by Gamma Inc. and a consultant who agrees to provide
the services described below on the terms that follow in this document.

SERVICES

The consultant shall provide advice on request.

TERMINATION

Either party may end this agreement on ten (10) days notice. THE CONSULTANT IS NOT LIABLE FOR
ANY INDIRECT DAMAGES
WHATSOEVER ARISING FROM THE SERVICES

GAMMA INC.
By: ______________
"""


def test_all_caps_headings_but_not_titles_disclaimers_or_signatures() -> None:
    assert refs(CAPS) == ["", "SERVICES", "TERMINATION"]
    assert by_ref(CAPS)["TERMINATION"].kinds == ("termination", "liability")


FALSE_HEADINGS = """Service Level Terms

1. Availability

The provider makes the service available
99.85 % of the time, measured monthly.
30 days after a failure, the provider reports on it.
16.11.2020 is the date of this version.
2021 was the first year of service.
1 | 4 hours | 8 hours
2 | 8 hours | 2 business days
You may not:
1. Use the service for fraud.
2. Attempt to break its security.

2. Support

Support answers within 4 hours, as set out in clause 7 of the order and section 12 of the annex.
"""


def test_numbers_dates_amounts_tables_and_lists_are_not_headings() -> None:
    assert refs(FALSE_HEADINGS) == ["", "1", "2"]
    assert_partition(FALSE_HEADINGS, split_clauses(FALSE_HEADINGS))


def test_a_table_of_contents_does_not_hide_the_body() -> None:
    text = (
        "SUPPLY AGREEMENT\n\nTABLE OF CONTENTS\n\n1. Definitions......3\n\n2. Supply......4\n\n"
        "3. Price......5\n\nThis Supply Agreement is made between Delta Ltd. and Epsilon GmbH on "
        "the terms below, which both parties accept.\n\n1. Definitions\n\nWords have their "
        "meaning.\n\n2. Supply\n\nDelta supplies the goods.\n\n3. Price\n\nEpsilon pays the price.\n"
    )
    clauses = split_clauses(text)
    assert [c.ref for c in clauses] == ["", "1", "2", "3"]
    assert text[clauses[1].start :].startswith("1. Definitions\n\nWords")


def test_paragraphs_run_together_on_one_line() -> None:
    text = (
        "RESELLER AGREEMENT The parties agree as follows: 1. Definitions. Terms in capitals have "
        "the meaning given in the order form, and the order form prevails over these terms in "
        "case of doubt. 2. Appointment. The supplier appoints the reseller as non-exclusive "
        "reseller in the territory for the term of this agreement. 3. Fees. The reseller pays the "
        "fees within thirty (30) days of each invoice, in the currency stated in the order form."
    )
    clauses = by_ref(text)
    assert list(clauses) == ["", "1", "2", "3"]
    assert clauses["2"].heading == "Appointment"
    assert text[clauses["3"].start :].startswith("3. Fees.")


def test_sub_paragraph_letters_and_roman_numerals() -> None:
    text = (
        "Terms\n\n5. Obligations of the Supplier\n\n(a) deliver on time;\n(b) keep records:\n"
        "(i) of deliveries;\n(ii) of defects;\n(c) insure the goods.\n(h) stray letter.\n"
    )
    assert refs(text) == ["", "5", "5(a)", "5(b)", "5(b)(i)", "5(b)(ii)", "5(c)"]


def test_helpers() -> None:
    assert roman_value("iv") == 4
    assert roman_value("XII") == 12
    assert roman_value("iiii") is None
    assert roman_value("abc") is None
    assert is_titleish("Grant of Licenses")
    assert is_titleish("OWNERSHIP")
    assert not is_titleish("the customer shall pay")


@pytest.mark.parametrize("text", ["", "\n\n", "no headings at all", "§", "1.", "(a)"])
def test_degenerate_texts(text: str) -> None:
    clauses = split_clauses(text)
    assert clauses[0].start == 0
    assert clauses[-1].end == len(text)


def _contracts() -> list[Path]:
    files = sorted((SHARED / "seeds").glob("*.txt")) + sorted(
        (SHARED / "cuad" / "contracts").glob("*.txt")
    )
    return files


@pytest.mark.skipif(not _contracts(), reason="../shared contracts are not on this machine")
def test_every_seed_and_cuad_contract_is_partitioned_into_numbered_clauses() -> None:
    numbered = 0
    for path in _contracts():
        text = path.read_text(encoding="utf-8")
        clauses = split_clauses(text)
        assert_partition(text, clauses)
        numbered += sum(1 for clause in clauses if clause.ref[:1].isdigit()) >= 3
    # nearly every real contract has its numbered sections found
    assert numbered >= 0.8 * len(_contracts())


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared seeds are not here")
def test_seed_styles_are_recognised() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    by_text = {path.name: split_clauses(path.read_text(encoding="utf-8")) for path in seeds}
    all_refs = {ref for clauses in by_text.values() for ref in (c.ref for c in clauses)}
    assert "§ 12 (1)" in all_refs  # German-style sections with paragraphs
    assert "16.1" in all_refs  # dotted numbering
    assert any("term" in c.kinds and "renewal" in c.kinds for cs in by_text.values() for c in cs)
