"""Contract facts: dates in every notation, governing law, holiday calendars, the agreement /
effective / last-updated / expiry dates, and the term with its renewal and notice. Pure: no
database. The snippets are written for these tests."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from obligations.extraction.clauses import split_clauses
from obligations.extraction.dates import find_dates, parse_date
from obligations.extraction.facts.calendars import find_calendars
from obligations.extraction.facts.date_facts import find_date_facts
from obligations.extraction.facts.law import find_governing_law
from obligations.extraction.facts.term import find_term
from obligations.extraction.facts.text import sentence_at
from obligations.extraction.model import Period

SHARED = Path(__file__).resolve().parents[2] / "shared"


# ------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("September 1st 2020", date(2020, 9, 1)),
        ("1 September 2020", date(2020, 9, 1)),
        ("November 16, 2020", date(2020, 11, 16)),
        ("Nov. 16 , 2020", date(2020, 11, 16)),
        ("2020-11-16", date(2020, 11, 16)),
        ("16.11.2020", date(2020, 11, 16)),
        ("11/16/2020", date(2020, 11, 16)),
        ("16/11/2020", date(2020, 11, 16)),
        ("the 5th day of March, 2019", date(2019, 3, 5)),
        ("this twenty-first day of May 2010", date(2010, 5, 21)),
        ("the 19t h day of March, 2020", date(2020, 3, 19)),
        ("1-Mar-2021", date(2021, 3, 1)),
        ("2021/03/01", date(2021, 3, 1)),
        ("16. November 2020", date(2020, 11, 16)),
    ],
)
def test_dates_in_every_common_notation(written: str, expected: date) -> None:
    found = find_dates(f"Signed on {written}, in two copies.")
    assert [fact.date for fact in found] == [expected]


@pytest.mark.parametrize(
    "impossible", ["2021-02-30", "31.04.2020", "February 30, 2021", "13/13/2020", "0.0.2020"]
)
def test_dates_that_do_not_exist_are_ignored(impossible: str) -> None:
    assert find_dates(f"Dated {impossible}.") == []
    assert parse_date(impossible) is None


def test_date_offsets_point_into_the_text() -> None:
    text = "Effective 1 June 2024 and revised on 2025-01-31."
    found = find_dates(text)
    assert [text[f.start : f.end] for f in found] == ["1 June 2024", "2025-01-31"]
    assert parse_date(" 2024-06-01 ") == date(2024, 6, 1)
    assert parse_date("June 2024") is None


def test_numbers_that_are_not_dates() -> None:
    assert find_dates("Fees of 1,250.2020 EUR; clause 12.3.2; version 2.0; 99.85 % in 2020.") == []


# ------------------------------------------------------------------------------- governing law


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("This Agreement shall be governed by the laws of the State of New York.", "US-NY"),
        ("The framework agreement is subject to Swiss law.", "CH"),
        ("The law of the Federal Republic of Germany is applicable.", "DE"),
        ("This Agreement is governed by German law and construed accordingly.", "DE"),
        ("These terms are governed by the laws of England and Wales.", "GB"),
        ("This contract is governed by Scots law.", "GB"),
        ("This Agreement shall be construed under the laws of the Province of Ontario.", "CA-ON"),
        ("This Agreement is governed by the laws of the Commonwealth of Massachusetts.", "US-MA"),
        (
            "This Agreement shall be governed in all respects by the laws of the United States "
            "and the State of Florida.",
            "US-FL",
        ),
        (
            "This Agreement is made in the State of Nevada and shall be governed by and "
            "construed in accordance with the laws thereof.",
            "US-NV",
        ),
        (
            "This Agreement shall be governed by the laws of the State of Delaware, without "
            "regard to conflict of laws rules that would require the application of the laws "
            "of California.",
            "US-DE",
        ),
        ("The laws of the State of Texas shall govern this Agreement.", "US-TX"),
    ],
)
def test_governing_law(sentence: str, code: str) -> None:
    finding = find_governing_law("Some preamble.\n\n" + sentence)
    assert finding is not None
    assert finding.code == code


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Inc., a corporation organized under the laws of the State of Delaware, and Beta.",
        "Each party is in good standing under the laws of its state of incorporation.",
        "Inventions are patentable under the patent laws of the United States of America.",
        "The parties shall comply with all applicable laws.",
        "New York is where the parties met.",
    ],
)
def test_what_is_not_a_choice_of_law(sentence: str) -> None:
    assert find_governing_law(sentence) is None


def test_the_governing_law_clause_wins_over_a_passing_mention() -> None:
    text = (
        "1. Services\n\nServices under the order are governed by the laws of Ireland where the "
        "order says so.\n\n9. Governing Law\n\nThis Agreement shall be governed by the laws of "
        "the State of New York.\n"
    )
    finding = find_governing_law(text, split_clauses(text))
    assert finding is not None
    assert finding.code == "US-NY"
    assert "State of New York" in text[finding.start : finding.end]


# ---------------------------------------------------------------------------------- calendars


@pytest.mark.parametrize(
    ("sentence", "calendars"),
    [
        (
            "Support is not available on TARGET2 holidays and all German-wide public holidays.",
            ["TARGET", "DE"],
        ),
        ("Business days exclude public holidays in the canton of Zurich.", ["CH-ZH"]),
        ("Deliveries are not made on New York banking holidays.", ["US-NY"]),
        ("a day other than a Saturday, Sunday or bank holiday in England", ["GB"]),
        ("any day on which banks are open for business in Frankfurt am Main", ["DE-HE"]),
        ("public holidays in the State of Bavaria", ["DE-BY"]),
        ("The office closes on holidays.", []),
        ("The target is to respond within one day.", []),
    ],
)
def test_holiday_calendars(sentence: str, calendars: list[str]) -> None:
    assert find_calendars(sentence) == calendars


# ------------------------------------------------------------------------------- date facts


def kinds(text: str) -> dict[str, date]:
    return {fact.kind: fact.date for fact in find_date_facts(text, split_clauses(text))}


def test_agreement_date_in_the_preamble_is_signed_and_effective() -> None:
    text = (
        'MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement (this "Agreement"), dated as '
        "of March 5, 2021, is entered into by Alpha Inc. and Beta LLC.\n\nWHEREAS, Alpha and Beta "
        "entered into that certain Letter of Intent dated January 10, 2021;\n"
    )
    assert kinds(text) == {"signed": date(2021, 3, 5), "effective": date(2021, 3, 5)}


def test_a_separate_effective_date() -> None:
    text = (
        "SUPPLY AGREEMENT\n\nTHIS AGREEMENT is made this 5th day of March, 2019 by and between "
        "Gamma Ltd. and Delta GmbH.\n\n1. Term\n\nThis Agreement shall enter into force as of "
        "1 April 2019 and shall expire on 31 March 2022.\n"
    )
    assert kinds(text) == {
        "signed": date(2019, 3, 5),
        "effective": date(2019, 4, 1),
        "expires": date(2022, 3, 31),
    }
    facts = find_date_facts(text)
    effective = next(f for f in facts if f.kind == "effective")
    assert "enter into force as of 1 April 2019" in effective.quote
    assert text[effective.start : effective.end].startswith("This Agreement shall enter")


def test_effective_date_named_after_the_date() -> None:
    text = (
        'This Development Agreement is entered into on November 28, 2018 (the "Effective '
        'Date"), by and between Epsilon Corp. and the University.\n'
    )
    assert kinds(text)["effective"] == date(2018, 11, 28)


def test_effective_date_defined_as_another_event_is_not_guessed() -> None:
    text = (
        "LICENSE AGREEMENT\n\nThis License Agreement is dated as of June 1, 2020 between Zeta and "
        'Eta.\n\n1. Definitions\n\n"Effective Date" means the Closing Date under the Purchase '
        "Agreement.\n"
    )
    assert kinds(text) == {"signed": date(2020, 6, 1)}


def test_last_updated_and_signature_dates() -> None:
    terms = "Terms of Service\n\nWe provide the service.\n\nLast updated: November 16, 2020\n"
    assert kinds(terms) == {"last_updated": date(2020, 11, 16)}
    version = "Acceptable Use Policy\n\nVersion of 3 November 2021\n\nYou may not spam.\n"
    assert kinds(version) == {"last_updated": date(2021, 11, 3)}
    signed = (
        "AGENCY AGREEMENT\n\nThe agent sells the goods of the principal.\n\n1. Fees\n\nThe "
        "principal pays ten percent.\n\nIN WITNESS WHEREOF the parties have executed this "
        "Agreement on the 1st day of June, 2006.\n"
    )
    assert kinds(signed) == {"signed": date(2006, 6, 1), "effective": date(2006, 6, 1)}


def test_filing_stamps_are_not_contract_dates() -> None:
    text = "Some agreement text.\n\nSource: ACME CORP, 8-K, 3/26/2020\n\nMore text.\n"
    assert kinds(text) == {}


# ------------------------------------------------------------------------------------- term


def test_auto_renewal_with_notice_before_the_end_of_the_term() -> None:
    text = (
        "7. Term\n\nThe initial term of this Agreement is three (3) years. This Agreement shall "
        "automatically renew for successive one (1) year periods unless either party gives "
        "notice of non-renewal at least ninety (90) days prior to the end of the then-current "
        "term.\n"
    )
    term = find_term(text, split_clauses(text))
    assert term.initial_term == Period(3, "years")
    assert term.renewal_term == Period(1, "years")
    assert term.auto_renews is True
    assert term.notice_period == Period(90, "days")
    assert term.quote is not None and term.quote.startswith("This Agreement shall automatically")


def test_minimum_term_extended_with_notice_to_the_end_of_the_agreement() -> None:
    text = (
        "§ 9 Term\n\n(1) The minimum term of the agreement is one year. The minimum term is "
        "automatically extended by a further year unless either party terminates the agreement "
        "with a period of notice of at least two months to the end of the agreement.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.initial_term, term.renewal_term, term.auto_renews, term.notice_period) == (
        Period(1, "years"),
        Period(1, "years"),
        True,
        Period(2, "months"),
    )


def test_optional_renewal_is_not_automatic_and_has_no_stopping_notice() -> None:
    text = (
        "5. Term\n\nThis Agreement shall continue for an initial term of two (2) years. It may be "
        "extended for an additional two year period with the written consent of both parties, "
        "to be requested at least sixty (60) days before the expiration of the term.\n"
    )
    term = find_term(text, split_clauses(text))
    assert term.renewal_term == Period(2, "years")
    assert term.auto_renews is False
    assert term.notice_period is None


def test_evergreen_term_and_notice_in_a_separate_sentence() -> None:
    evergreen = (
        "This contract shall be for a term of one year; thereafter it shall automatically "
        "continue until terminated by either party upon not less than thirty (30) days prior "
        "written notice to the other party.\n"
    )
    term = find_term(evergreen)
    assert term.auto_renews is True
    assert term.renewal_term is None
    assert term.notice_period == Period(30, "days")
    separate = (
        "12. Term and Termination\n\n12.1 This Agreement shall be automatically renewed for "
        "successive periods of one (1) year from year to year.\n\n12.2 Either party may "
        "terminate this Agreement at the expiration of its term or any renewal term upon sixty "
        "(60) days written notice.\n"
    )
    term = find_term(separate, split_clauses(separate))
    assert (term.renewal_term, term.notice_period) == (Period(1, "years"), Period(60, "days"))


@pytest.mark.parametrize(
    "text",
    [
        "9. Duration. The duties of non-disclosure under this Agreement shall continue for a"
        " period of four (4) years from the Effective Date.",
        "The covenants of confidentiality in this Agreement shall survive its termination and"
        " shall remain in full force and effect for six (6) years.",
        "The term of this Agreement shall be as set out above, and the restrictions in clause 8"
        " shall remain in full force and effect for two (2) years after the expiry of the term.",
        "While this Agreement is in force and for a period of three (3) years thereafter, each"
        " party shall keep the other's trade secrets confidential.",
    ],
)
def test_durations_that_outlast_the_agreement_are_not_its_term(text: str) -> None:
    assert find_term(text, split_clauses(text)).initial_term is None


def test_a_term_that_runs_for_years_thereafter_from_its_start() -> None:
    text = (
        "The initial term of this Agreement shall commence on the Effective Date and shall"
        " continue for a period of eight (8) years thereafter."
    )
    assert find_term(text, split_clauses(text)).initial_term == Period(8, "years")


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        # "and will continue for": a modal again after the "and".
        (
            "Unless ended earlier under clause 9, this Agreement will start on the Signing Date"
            " and will continue for a period of four (4) years from then.",
            Period(4, "years"),
        ),
        # "continue until N years following the Effective Date": counted from the start, and
        # far from the cue words "initial term".
        (
            "The initial term of this Contract begins on the Effective Date and, unless ended"
            " earlier under any express provision of this Contract or by law, shall continue"
            " until two (2) years following the Effective Date.",
            Period(2, "years"),
        ),
    ],
)
def test_term_statements_with_a_second_modal_or_until_a_time_after_the_start(
    text: str, initial: Period
) -> None:
    assert find_term(text, split_clauses(text)).initial_term == initial


@pytest.mark.parametrize(
    "text",
    [
        # "following" a notice is a notice period, not the agreement's duration.
        "Either party may end this Contract ninety (90) days following written notice to the"
        " other party.",
        # Until a time after another agreement ends: not this one's term.
        "This Contract shall remain in force for two (2) years following the termination of"
        " the Supply Contract.",
        "The duties of confidentiality shall continue until three (3) years after the"
        " termination of this Contract.",
    ],
)
def test_following_a_notice_or_another_end_is_not_the_term(text: str) -> None:
    assert find_term(text, split_clauses(text)).initial_term is None


def test_year_to_year_and_monthly_renewals_without_a_number() -> None:
    yearly = "This Agreement shall continue from year to year unless terminated by either party."
    assert find_term(yearly).renewal_term == Period(1, "years")
    monthly = (
        "This Agreement will extend automatically for monthly periods unless either party "
        "notifies the other in writing at least thirty (30) days before the end of the term."
    )
    term = find_term(monthly)
    assert (term.renewal_term, term.notice_period) == (Period(1, "months"), Period(30, "days"))


@pytest.mark.parametrize(
    "text",
    [
        "During the Term and any renewal terms, the Customer shall not solicit employees.",
        "If arbitration delays an action, such period shall automatically be extended by ten days.",
        "The Licensee shall renew its insurance policies each year.",
        "Either party may terminate this Agreement upon thirty (30) days notice.",
        "",
    ],
)
def test_no_renewal_where_none_is_agreed(text: str) -> None:
    term = find_term(text)
    assert term.renewal_term is None
    assert term.auto_renews is None
    assert term.notice_period is None


# ---------------------------------------------------------------- seeds against the gold file


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.toml").is_file(), reason="no ../shared")
def test_seed_facts_and_dates_match_the_gold_answers() -> None:
    from obligations.extraction.pipeline import extract_path, extraction_to_json

    gold = tomllib.loads((SHARED / "gold" / "seeds.toml").read_text(encoding="utf-8"))
    checked = 0
    for name in {entry["doc"] for entry in gold.get("document", []) + gold.get("date", [])}:
        output = extraction_to_json(extract_path(SHARED / "seeds" / name))
        for entry in (e for e in gold.get("document", []) if e["doc"] == name):
            for field, want in entry.items():
                if field == "doc":
                    continue
                have = (
                    output["governing_law"] if field == "governing_law" else output["term"][field]
                )
                assert have == want, (name, field)
                checked += 1
        for entry in (e for e in gold.get("date", []) if e["doc"] == name):
            assert {"kind": entry["kind"], "date": entry["date"]} in [
                {"kind": d["kind"], "date": d["date"]} for d in output["dates"]
            ], name
            checked += 1
    assert checked >= 10


# ------------------------------------------------------- wording from the unseen-style contracts


def test_a_date_wrapped_in_markdown_emphasis_is_found() -> None:
    (found,) = find_dates("_Last revised: 7 October 2025_")
    assert found.date == date(2025, 10, 7)
    facts = find_date_facts("# Privacy Terms\n\n*Last updated: March 4, 2025*\n\nWe collect data.")
    assert [(f.kind, f.date) for f in facts] == [("last_updated", date(2025, 3, 4))]


def test_a_status_line_dates_the_version_of_standard_terms() -> None:
    facts = find_date_facts("General Terms of Delivery\nStatus: 12 June 2022\n\n§ 1 Scope")
    assert [(f.kind, f.date) for f in facts] == [("last_updated", date(2022, 6, 12))]


def test_an_order_form_that_renews_with_a_subscription_term() -> None:
    text = (
        "1. Term. The subscription term is thirty-six (36) months from the Start Date. "
        "This Order Form renews automatically for successive twelve-month periods unless "
        "either party gives notice of non-renewal at least ninety (90) days before the end "
        "of the then-current term."
    )
    term = find_term(text, split_clauses(text))
    assert term.initial_term == Period(36, "months")
    assert term.renewal_term == Period(12, "months")
    assert term.auto_renews is True
    assert term.notice_period == Period(90, "days")


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        ("Each Subscription Term will last for an initial 12-month period.", Period(12, "months")),
        ("The Supplier agrees to an initial term of three (3) years.", Period(3, "years")),
        ("This Agreement shall continue for five Contract Years.", Period(5, "years")),
        (
            '"Subscription Term" shall begin on the Start Date and continue for twelve (12)'
            " months, unless otherwise agreed.",
            Period(12, "months"),
        ),
        (
            "This Agreement shall be valid and enforced for period of minimum one (1) year,"
            " commencing on the Effective Date.",
            Period(1, "years"),
        ),
        ("“Subscription Term” means one (1) year from the order date.", Period(1, "years")),
    ],
)
def test_an_initial_term_however_it_is_stated(text: str, initial: Period) -> None:
    assert find_term(text).initial_term == initial


@pytest.mark.parametrize(
    "text",
    [
        # What continues for a time is not the agreement.
        "The confidentiality obligations shall continue for three (3) years after termination.",
        '"Warranty Period" means ninety (90) days from delivery.',
        "The licence shall be valid for use in the Territory.",
    ],
)
def test_other_things_that_last_are_not_the_initial_term(text: str) -> None:
    assert find_term(text).initial_term is None


def test_notice_before_the_end_of_the_then_current_term_means_terms_succeed() -> None:
    text = (
        '"Subscription Term" means one (1) year from the order date.\n'
        "Either party may terminate this Agreement, without cause, upon at least thirty (30)"
        " days' prior written notice before the end of the then-current Subscription Term."
    )
    term = find_term(text)
    assert (term.initial_term, term.renewal_term) == (Period(1, "years"), Period(1, "years"))
    assert (term.auto_renews, term.notice_period) == (True, Period(30, "days"))


def test_termination_for_convenience_at_any_time_is_no_renewal() -> None:
    # Counterexample: a notice that can be given at any time says nothing about renewal.
    text = (
        "The initial term is one (1) year. Either party may terminate this Agreement at any"
        " time upon thirty (30) days' prior written notice."
    )
    term = find_term(text)
    assert term.auto_renews is None and term.notice_period is None


def test_notice_to_cancel_before_the_end_date_of_a_subscription_that_renews() -> None:
    text = (
        "5. Automatic renewal\n\nYour subscription will automatically renew for successive"
        " one-year periods. You must cancel at least one month before the scheduled end date"
        " of any annual subscription.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.auto_renews, term.notice_period) == (True, Period(1, "months"))


def test_an_optional_renewal_stopped_by_a_notice_of_non_renewal_elsewhere() -> None:
    text = (
        "2. Term and renewal\n\nA. The term of this Agreement is ten (10) years.\n\n"
        "B. You have the right to renew the franchise for two (2) successive terms equal to"
        " five (5) years each, if you meet the conditions below.\n\n"
        "C. We shall give you written notice of our election not to renew the franchise at"
        " least three (3) months prior to the expiration of the term.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.initial_term, term.renewal_term) == (Period(10, "years"), Period(5, "years"))
    assert (term.auto_renews, term.notice_period) == (False, Period(3, "months"))


def test_a_notice_to_take_up_an_option_does_not_stop_a_renewal() -> None:
    # Counterexample: the notice exercises the option; it is no notice of non-renewal.
    text = (
        "2. Term\n\nThe term of this Agreement is five (5) years. The Licensee may renew this"
        " Agreement for one further term of five (5) years by giving notice at least six (6)"
        " months before the end of the term.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.auto_renews, term.notice_period) == (False, None)


def test_a_heading_or_the_renewal_of_something_else_is_no_renewal() -> None:
    text = (
        "TERM AND RENEWAL . . . . . 3\n\n"
        "The Manager shall arrange the annual renewals for fidelity bond and insurance"
        " coverage under this Agreement.\n"
    )
    assert find_term(text, split_clauses(text)).auto_renews is None


def test_a_numbered_version_with_its_date_is_the_last_update() -> None:
    footer = (
        "Support Terms\nVersion: 2.5 (18.12.2019)\n\n1. Scope. The Provider supports the app.\n"
    )
    assert kinds(footer) == {"last_updated": date(2019, 12, 18)}
    dated = "Data Terms\n\nVersion 3, dated 1 May 2020\n\n1. Scope. We host the data.\n"
    assert kinds(dated) == {"last_updated": date(2020, 5, 1)}


def test_a_product_version_in_the_text_is_not_the_terms_version() -> None:
    text = (
        "Support Terms\n\n1. Scope. The Provider supports version 2.5 (released 18.12.2019) of"
        " the software.\n"
    )
    assert "last_updated" not in kinds(text)
    inline = (
        "Support Terms\n\n1. Scope. The Provider supports the app at version 2.5 (18.12.2019).\n"
    )
    assert "last_updated" not in kinds(inline)


def _signed(text: str) -> list[date]:
    return [
        fact.date for fact in find_date_facts(text, split_clauses(text)) if fact.kind == "signed"
    ]


_BODY = (
    "SUPPLY AGREEMENT\n\nThis Agreement is made between Alpha LLC and Beta Inc.\n\n1. Goods. Alpha"
    " sells the goods to Beta at the prices in the schedule, and Beta pays for them on delivery.\n\n"
)


def test_each_signature_date_on_one_line_is_a_signing_date() -> None:
    text = _BODY + (
        "IN WITNESS WHEREOF, the Parties have executed this Agreement as of the date below. Alpha"
        " LLC Beta Inc. BY: /s/ A. Smith BY: /s/ B. Jones Date: 1/26/2020 Date: 1/27/2020 Title:"
        " Director\n"
    )
    assert _signed(text) == [date(2020, 1, 26), date(2020, 1, 27)]
    assert kinds(text)["effective"] == date(2020, 1, 26)


def test_a_place_and_date_line_in_the_closing_words_is_the_signing_date() -> None:
    text = _BODY + "2. Law. The laws of Italy apply.\n\nRome/Houston, 2 April 2020\nAlpha LLC\n"
    assert _signed(text) == [date(2020, 4, 2)]


def test_dates_in_the_body_are_not_signing_dates() -> None:
    labelled = _BODY.replace("on delivery.", "on delivery. Delivery Date: 1/5/2020.")
    assert _signed(labelled + "2. Law. The laws of Italy apply.\n") == []
    placed = (
        "SUPPLY AGREEMENT\n\nThis Agreement is made between Alpha LLC and Beta Inc.\n\n"
        "Milan, 2 April 2020\nthe goods were inspected.\n\n"
        + "1. Goods. Alpha sells the goods. "
        * 20
    )
    assert _signed(placed) == []


def test_made_as_of_one_date_and_signed_on_another_keeps_both_dates() -> None:
    text = (
        "FIRST AMENDMENT\n\nThis Amendment is made and entered into as of December 1, 1990 by"
        " and among Alpha and Beta.\n\n1. The term is extended.\n\n"
        + "The parties agree. " * 30
        + "\nBy: /s/ A. Smith  Title: President  Date:  Dec 28, 1990\n"
    )
    facts = [(fact.kind, fact.date) for fact in find_date_facts(text, split_clauses(text))]
    assert facts == [
        ("signed", date(1990, 12, 1)),
        ("signed", date(1990, 12, 28)),
        ("effective", date(1990, 12, 1)),
    ]
    # Counterexample: without a dated signature the agreement date is both.
    unsigned = text.split("\nBy:")[0]
    assert kinds(unsigned) == {"signed": date(1990, 12, 1), "effective": date(1990, 12, 1)}


def test_an_effective_date_defined_by_an_event_and_its_day() -> None:
    text = (
        "MAINTENANCE AGREEMENT\n\n1. Definitions. EFFECTIVE DATE shall mean the Date of"
        " Installation of the system in Kuwait, i.e. December 10, 1993.\n\n2. Services. The"
        " Supplier maintains the system.\n"
    )
    assert kinds(text)["effective"] == date(1993, 12, 10)
    # Counterexample: a date that is not the one the definition names.
    other = text.replace("i.e. December 10, 1993", "as recorded in the log of May 2, 1993")
    assert "effective" not in kinds(other)


def test_remaining_in_force_for_at_least_a_year_is_the_term_not_a_notice() -> None:
    text = (
        "The obligations hereunder shall become effective upon the Effective Date and, unless"
        " sooner terminated as provided herein, shall remain in full force and effect for at"
        " least one year thereafter. This Agreement shall automatically renew for consecutive"
        " one (1) year terms unless either party gives at least sixty (60) days prior written"
        " notice of non-renewal."
    )
    term = find_term(text, split_clauses(text))
    assert (term.initial_term, term.notice_period) == (Period(1, "years"), Period(60, "days"))
    # Counterexample: "at least" after a termination word is still a notice.
    notice = "Either party may terminate this Agreement on at least ninety (90) days' notice."
    assert find_term(notice, split_clauses(notice)).initial_term is None


@pytest.mark.parametrize(
    ("text", "auto_renews"),
    [
        # Consumer terms state it in capitals, as the law asks, and of a membership.
        ("Automatic renewal. YOUR MEMBERSHIP RENEWS AUTOMATICALLY. Plans renew monthly.", True),
        ("Your membership will automatically renew at the end of each billing period.", True),
        # A heading in capitals is not a statement that anything renews.
        ("RENEWAL.\n\nThis Agreement may be extended by mutual written agreement.", False),
    ],
)
def test_a_membership_renewing_in_capitals_renews(text: str, auto_renews: bool) -> None:
    assert find_term(text, split_clauses(text)).auto_renews is auto_renews


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "made and entered into as of the first day of April, two thousand\ntwenty-four",
            date(2024, 4, 1),
        ),
        ("dated this 5th day of June, in the year two thousand and ten", date(2010, 6, 5)),
        ("on the 3rd day of March, nineteen hundred ninety-eight", date(1998, 3, 3)),
    ],
)
def test_a_date_whose_year_is_written_in_words(text: str, expected: date) -> None:
    assert [found.date for found in find_dates(text)] == [expected]


@pytest.mark.parametrize(
    "text", ["within one hundred and twenty days", "a fee of two thousand dollars in April"]
)
def test_amounts_in_words_are_no_year(text: str) -> None:
    assert find_dates(text) == []


def test_an_initial_term_after_an_aside_on_early_termination_is_the_term() -> None:
    text = (
        "This Agreement shall commence on the Effective Date and, unless terminated earlier as"
        " provided herein, shall continue for a period of seven (7) years."
    )
    assert find_term(text, split_clauses(text)).initial_term == Period(7, "years")


def test_a_period_of_notice_to_terminate_is_no_term() -> None:
    text = "Either party may terminate this Agreement on a period of ninety (90) days' notice."
    assert find_term(text, split_clauses(text)).initial_term is None


def test_an_agreement_that_runs_on_until_notice_renews_by_itself() -> None:
    text = (
        "This agreement shall commence on the Commencement Date and shall continue for an initial"
        " period of three (3) years. It will then continue until terminated by either party"
        " giving the other not less than six months' written notice."
    )
    term = find_term(text, split_clauses(text))
    assert (term.initial_term, term.auto_renews, term.notice_period) == (
        Period(3, "years"),
        True,
        Period(6, "months"),
    )


def test_an_agreement_in_effect_until_terminated_under_a_section_names_no_notice() -> None:
    text = (
        "This Agreement starts on the Effective Date and will continue in effect until"
        " terminated by a Party in accordance with this Section."
    )
    assert find_term(text, split_clauses(text)).notice_period is None


def test_a_defined_commencement_date_is_the_effective_date_and_an_example_is_no_date() -> None:
    text = (
        "THIS AGREEMENT is dated 14 March 2025.\n\n1. DEFINITIONS\n\n"
        '"Commencement Date": 1 April 2025.\n\n"Contract Year": each period of twelve months.'
        " For example, the first Contract Year runs from 1 April 2025 to 31 March 2026.\n"
    )
    facts = {fact.kind: fact.date for fact in find_date_facts(text, split_clauses(text))}
    assert facts == {"signed": date(2025, 3, 14), "effective": date(2025, 4, 1)}


@pytest.mark.parametrize(
    ("text", "initial"),
    [
        (
            "Item | Terms\nSubscription Term | 36 months\nRenewal Term | 12 months\n",
            Period(36, "months"),
        ),
        ("Licence Term: 5 years", Period(5, "years")),
        ("Renewal Term: 12 months", None),  # a renewal term is not the first one
    ],
)
def test_an_order_forms_term_field_states_the_initial_term(
    text: str, initial: Period | None
) -> None:
    assert find_term(text, split_clauses(text)).initial_term == initial


def test_a_year_in_words_in_title_case_is_read() -> None:
    assert [
        found.date for found in find_dates("the first day of April, Two Thousand Twenty-Four")
    ] == [date(2024, 4, 1)]


def test_a_term_stated_in_the_present_tense_across_a_hard_wrapped_line() -> None:
    # "commences on the\nEffective Date and expires ten (10) years thereafter": one sentence
    # whose line breaks after "the", and a term in the present tense.
    text = (
        "3. TERM\n\n"
        "3.1  Initial Term.  The initial term of this Agreement commences on the\n"
        'Effective Date and expires ten (10) years thereafter (the "Initial Term").\n\n'
        "3.2  Notices.  Any notice under this Agreement shall be given in writing\n"
        "to the address set out below.\n"
    )
    assert find_term(text, split_clauses(text)).initial_term == Period(10, "years")
    running = "2.1 This Agreement begins on the Effective Date and continues for five (5) years.\n"
    assert find_term(running, split_clauses(running)).initial_term == Period(5, "years")
    # Counterexample: a line that ends on a word a sentence can end on breaks there.
    broken = (
        "3.1 The Supplier ships the goods on the Effective Date and keeps the records\n"
        "For three (3) years the Buyer may audit them.\n"
    )
    assert find_term(broken, split_clauses(broken)).initial_term is None


def test_a_title_case_heading_is_no_renewal_and_services_that_renew_are_the_term() -> None:
    text = (
        "6.1 Support Term. The initial support term is one (1) year commencing on the Acceptance"
        " Date.\n\n"
        "6.2 Support Term and Renewal.\n"
        "Thereafter Support Services renew automatically for successive one-year terms unless"
        " either Party gives written notice of non-renewal at least ninety (90) days before the"
        " relevant anniversary of the Acceptance Date.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.renewal_term, term.auto_renews, term.notice_period) == (
        Period(1, "years"),
        True,
        Period(90, "days"),
    )


def test_an_end_date_in_the_term_clause_is_the_expiry_where_a_definition_s_is_not() -> None:
    text = (
        'This Operating Agreement is dated as of April 1, 2024 (the "Effective Date").\n\n'
        "ARTICLE I\n\n"
        '   Section 1.1 Defined Terms. "Lock-Up Period" means the period from the Effective Date'
        " until December 31, 2026.\n\n"
        "ARTICLE II\n\n"
        "   Section 2.4 Term. The Company commenced on the date its Certificate of Formation was"
        " filed and shall continue until December 31, 2049, unless sooner dissolved.\n\n"
        "   Section 2.5 Purpose. The purpose of the Company is to make pumps.\n"
    )
    assert kinds(text)["expires"] == date(2049, 12, 31)
    definitions_only = text[: text.index("ARTICLE II")]
    assert "expires" not in kinds(definitions_only)


def test_notice_before_the_end_of_a_lease_s_basic_term_stops_its_extension() -> None:
    text = (
        "6.1 Options. Lessee may, by written notice given at least one hundred eighty (180) days"
        " before the end of the Basic Term, elect to purchase or return the Equipment.\n\n"
        "6.5 Extension. If Lessee fails to give the notice required by Section 6.1, the Term"
        " shall automatically extend on a month-to-month basis.\n"
    )
    term = find_term(text, split_clauses(text))
    assert (term.auto_renews, term.notice_period) == (True, Period(180, "days"))


def test_an_expiry_at_an_hour_of_the_last_day_and_not_a_defined_period_s_end() -> None:
    text = (
        'This Agreement is entered into as of March 1, 2025 (the "Effective Date").\n\n'
        "ARTICLE 1 DEFINITIONS\n\n"
        '1.1 "Contract Year" means each twelve-month period during the Term; the first Contract'
        " Year ends on February 28, 2026.\n\n"
        "ARTICLE 2 TERM\n\n"
        "2.1 Initial Term. The initial term of this Agreement shall commence on the Effective"
        " Date and continue for five (5) years, expiring at 11:59 p.m. Central Time on February"
        " 28, 2030.\n"
    )
    assert kinds(text)["expires"] == date(2030, 2, 28)
    # Counterexample: the definition of the term itself gives the expiry.
    defined = (
        'This Agreement is entered into as of March 1, 2025 (the "Effective Date").\n\n'
        "NOW, THEREFORE, the parties agree as follows:\n\n"
        "ARTICLE 1 DEFINITIONS\n\n"
        '1.1 "Term" means the period from the Effective Date until December 31, 2027.\n'
    )
    assert kinds(defined)["expires"] == date(2027, 12, 31)


def test_the_facts_read_a_sentence_past_the_same_abbreviations_as_the_sentence_split() -> None:
    """One list of abbreviations: "Mrs." or "Jan." ends no sentence for the facts either, while a
    full stop after a word that is none still does."""
    text = (
        "The rights expire on December 31, 2006; for Mr. and Mrs. Smith and Robots, they "
        "continue until Jan. 31, 2008. Other terms follow."
    )
    start, end = sentence_at(text, text.index("Robots"))
    assert text[start:end].startswith("The rights")
    assert text[start:end].endswith("2008.")
