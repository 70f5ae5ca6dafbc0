"""Parties by role: each party once, with its own name, its role from what the contract makes
it do, and the other names it goes by."""

from obligations.extraction.clauses import split_clauses
from obligations.extraction.duties import find_obligations
from obligations.extraction.parties import find_parties, side_evidence
from obligations.extraction.party_words import collective_labels


def _by_name(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {party.name: (party.role, party.aliases) for party in find_parties(text)}


def _timed_parties(text: str) -> list[str]:
    obligations = find_obligations(text, split_clauses(text), find_parties(text))
    return [ob.party for ob in obligations if ob.period is not None]


def test_a_party_is_listed_once_under_its_own_name_with_its_labels_as_aliases() -> None:
    text = (
        "This agreement is made between Northwind Hosting GmbH, Hauptstrasse 1, Berlin (the"
        ' "Provider") and Fabrikam Ltd. ("Client").'
    )
    parties = _by_name(text)
    assert parties["Northwind Hosting GmbH"] == ("provider", ("Provider", "Northwind"))
    assert parties["Fabrikam Ltd."] == ("customer", ("Client", "Fabrikam"))
    assert len(parties) == 2


def test_a_defined_name_without_a_role_word_takes_the_side_its_acts_show() -> None:
    text = (
        'This Supply Agreement is made by Brightwater Foods Inc. ("BRIGHTWATER") and Kestrel'
        ' Mills LLC ("KESTREL").\n'
        "1. KESTREL shall manufacture the Products to the Specifications.\n"
        "2. BRIGHTWATER shall pay each invoice within forty-five (45) calendar days of receipt.\n"
        "3. KESTREL will deliver the Products to the Facility."
    )
    parties = _by_name(text)
    assert parties["Kestrel Mills LLC"][0] == "provider"
    assert parties["Brightwater Foods Inc."][0] == "customer"
    assert _timed_parties(text) == ["customer"]


def test_the_company_that_pays_royalties_to_a_university_is_the_customer() -> None:
    # "Company" is no role: it pays and is granted a licence, so it is the customer here.
    text = (
        'This Licence Agreement is between Ravenscar Devices Inc. ("Company") and the Board of'
        ' Regents of Alder State University ("University").\n'
        "2. University hereby grants to Company an exclusive licence under the Patent Rights.\n"
        "3. Company shall pay to University a royalty of 3% of Net Sales within thirty (30)"
        " days after the end of each calendar quarter."
    )
    parties = {party.role: party for party in find_parties(text)}
    assert "Company" in parties["customer"].names
    assert "University" in parties["provider"].names
    assert parties["provider"].name == "Board of Regents of Alder State University"
    assert _timed_parties(text) == ["customer"]


def test_a_company_that_supplies_stays_the_provider() -> None:
    # Counterexample: the same word "Company" on the supplying side.
    text = (
        'This Distribution Agreement is between Ravenscar Devices Inc. ("Company") and Pell'
        ' Trading Ltd ("Pell").\n'
        "2. Company hereby appoints Pell as its distributor in the Territory.\n"
        "3. Company shall supply the Products ordered by Pell.\n"
        "4. Pell shall purchase the Products at the prices in Schedule 1."
    )
    parties = _by_name(text)
    assert parties["Ravenscar Devices Inc."][0] == "provider"
    assert parties["Pell Trading Ltd"][0] == "customer"


def test_a_name_the_contract_keeps_making_act_is_a_party() -> None:
    text = (
        "Support terms. The customer may buy support from ORBITAL directly.\n"
        "ORBITAL will respond to each ticket within one business day.\n"
        "ORBITAL will keep the customer informed. ORBITAL may close a ticket after 10 days."
        " Customer will pay the support fees annually in advance. Customer will name two"
        " contacts. Customer shall keep its contacts up to date."
    )
    parties = _by_name(text)
    assert parties["ORBITAL"][0] == "provider"
    assert parties["Customer"][0] == "customer"
    assert _timed_parties(text)[0] == "provider"


def test_a_thing_that_acts_is_not_a_party() -> None:
    # Counterexample: "Software will" and "Fees will" act grammatically but are things.
    text = (
        "Customer will pay the Fees. Customer will install the Software. Customer shall keep"
        " backups. The Software will run on supported systems. The software will be updated."
        " Software will log errors. Software will report usage. Fees will be invoiced monthly."
        " Fees will rise yearly. Fees will be in euros."
    )
    names = _by_name(text)
    assert "Software" not in names
    assert "Fees" not in names


def test_we_and_you_join_the_sides_of_terms_written_by_a_vendor() -> None:
    text = (
        'These terms are between you and Quayside Apps Ltd ("Quayside", "we", "us").\n'
        "You must keep your password safe. You will pay the fees. You may cancel at any time."
        " We will refund unused fees within 14 days."
    )
    parties = _by_name(text)
    assert parties["Quayside Apps Ltd"][0] == "provider"
    assert "we" in parties["Quayside Apps Ltd"][1]
    assert parties["you"][0] == "customer"


def test_a_state_of_incorporation_is_not_a_party_name() -> None:
    text = (
        'This Agreement is made by Halden Optics Inc., a Delaware corporation ("Licensor"),'
        ' and Marlow Vision LLC, a Nevada limited liability company ("Licensee").'
    )
    parties = _by_name(text)
    assert parties["Halden Optics Inc."][0] == "provider"
    assert parties["Marlow Vision LLC"][0] == "customer"
    assert not any("Delaware" in name or "Nevada" in name for name in parties)


def test_a_label_for_either_side_is_not_a_party() -> None:
    text = (
        'Tarn Labs Inc. ("Supplier") and Osprey Foods plc ("Buyer") agree as follows.\n'
        "The Indemnified Party will notify the other. The Indemnified Party will cooperate."
        " The Indemnified Party will not settle."
    )
    assert set(_by_name(text)) == {"Tarn Labs Inc.", "Osprey Foods plc"}


def test_the_suppliers_staff_act_for_the_provider() -> None:
    text = (
        "The customer may escalate a ticket. A manager will review the request and provide a"
        " response within one business day."
    )
    assert _timed_parties(text) == ["provider"]


def test_a_customers_staff_are_the_customers() -> None:
    # Counterexample: a possessive names whose staff they are.
    text = "Customer's manager shall approve each timesheet within five (5) days of receipt."
    assert _timed_parties(text) == ["customer"]


def test_a_party_named_before_a_list_owes_the_items() -> None:
    text = (
        "Either party may terminate this Agreement if the other Party:\n"
        "i) fails to remedy a breach within 14 days of receiving notice thereof;\n"
    )
    assert _timed_parties(text) == ["both"]


def test_a_contracted_modal_makes_its_party_the_subject() -> None:
    text = (
        "We keep backups. If you change your mind you’ll need to restore your data within"
        " 30 days after cancellation."
    )
    assert _timed_parties(text) == ["customer"]


def test_a_possessive_is_still_no_subject() -> None:
    # Counterexample: "you’ll" is a contraction, "Customer’s" a possessive.
    text = "We will delete Customer’s data within 30 days after termination."
    assert _timed_parties(text) == ["provider"]


_LICENCE = 'This Agreement is between Acme Inc. ("Licensor") and Beta Corp ("Licensee"). '


def test_a_name_defined_for_a_party_and_its_group_acts_for_that_party() -> None:
    users = (
        _LICENCE + '"Licensed User" and "Licensed Users" means Licensee and Licensee\'s'
        " subsidiaries. Licensed Users shall notify Licensor of any infringement within ten (10)"
        " days after they learn of it."
    )
    assert _by_name(users)["Beta Corp"][1][-2:] == ("Licensed User", "Licensed Users")
    assert _timed_parties(users) == ["customer"]
    group = (
        _LICENCE + '"Seller Group" means Licensor, its Affiliates and their officers. Seller'
        " Group shall deliver the goods within ten (10) days after an order."
    )
    assert _timed_parties(group) == ["provider"]


def test_a_group_of_a_stranger_or_a_place_is_no_partys_name() -> None:
    text = (
        _LICENCE + '"Territory" means Canada and its provinces. "Auditor" means KPMG and its'
        " partners. Auditor shall deliver a report within ten (10) days after an audit."
    )
    parties = _by_name(text)
    assert all(
        "Auditor" not in aliases and "Territory" not in aliases for _, aliases in parties.values()
    )
    assert _timed_parties(text) != ["customer"] and _timed_parties(text) != ["provider"]


def test_a_carrier_provides_and_a_shipper_is_its_customer() -> None:
    text = (
        "This Agreement is entered into by and between Lakeview Foods, Inc., a Minnesota"
        " corporation with its principal office at 10 Mill Road, Mankato, Minnesota 56001"
        ' ("Shipper"), and Canal Freight, LLC, an Ohio limited liability company with its'
        ' principal office at 22 Dover Road, Dover, Ohio 44622 ("Carrier").\n'
        "1. Carrier shall accept or reject each Tender within two (2) hours.\n"
        "2. Shipper shall pay each invoice within thirty (30) days after receipt."
    )
    parties = _by_name(text)
    assert parties["Canal Freight, LLC"][0] == "provider"
    assert parties["Lakeview Foods, Inc."][0] == "customer"
    assert _timed_parties(text) == ["provider", "customer"]


def test_an_insurance_carrier_or_a_dealer_is_no_side_where_no_party_is_called_so() -> None:
    text = (
        'This Agreement is made between Brightline Pumps Inc. ("Supplier") and Ostrava'
        ' Trading s.r.o. ("Distributor").\n'
        "1. The insurance carrier shall give thirty (30) days' notice of any cancellation.\n"
        "2. Each dealer shall report its sales within ten (10) days after the end of each month.\n"
        "3. The shipper shall file any claim for damaged goods within nine (9) months."
    )
    assert sorted(role for role, _ in _by_name(text).values()) == ["customer", "provider"]
    assert _timed_parties(text) == ["other", "other", "other"]


def test_a_dealer_the_contract_never_defines_is_no_party() -> None:
    # Counterexample to a defined "Dealer": only a definition makes the word a side.
    text = (
        "1. The Dealer shall report its sales within ten (10) days after the end of each month.\n"
        "2. The Dealer shall keep its sales records for three (3) years.\n"
        "3. Supplier shall deliver the goods within ten (10) days after each order."
    )
    assert [role for role, _ in _by_name(text).values()] == []
    assert _timed_parties(text) == ["other", "other", "provider"]


def test_a_dealer_the_contract_defines_is_the_customer() -> None:
    text = (
        'This Agreement is made between Brightline Pumps Inc. ("Supplier") and Ostrava'
        ' Trading Ltd. ("Dealer").\n'
        "1. The Dealer shall report its sales within ten (10) days after the end of each month."
    )
    assert _by_name(text)["Ostrava Trading Ltd."][0] == "customer"
    assert _timed_parties(text) == ["customer"]


_VENTURE = (
    'This Operating Agreement is made by and between Halvard Motors, Inc. ("HALVARD") and Quillon'
    ' Trading LLC ("Quillon"). HALVARD and Quillon are each referred to herein as a "Member".\n\n'
    'The Members caused Brightfen Ventures LLC (the "Company") to be formed.\n\n'
    "1. HALVARD shall manufacture the Products for the Company.\n"
    "2. Quillon shall purchase and distribute the Products in the Territory.\n"
    "3. Each Member shall pay its share of a capital call within thirty (30) days after the"
    " call notice.\n"
    '4. If a Member (a "Non-Funding Member") fails to pay, the other Member may lend the'
    " amount within ten (10) days.\n"
    "5. The Company shall deliver its accounts within ninety (90) days after the end of each"
    " Fiscal Year.\n"
)


def test_a_label_each_party_bears_names_either_side_and_an_entity_formed_later_is_no_party() -> (
    None
):
    parties = _by_name(_VENTURE)
    assert parties["Halvard Motors, Inc."][0] == "provider"
    assert parties["Quillon Trading LLC"][0] == "customer"
    assert parties["Brightfen Ventures LLC"][0] == "other"
    assert len(parties) == 3  # no "Non-Funding Member" party
    assert _timed_parties(_VENTURE) == ["both", "both", "other"]


def test_a_label_given_to_things_the_parties_exchange_names_no_side() -> None:
    # Counterexample: "each" of the orders is an "Order", no label the parties bear, so an
    # Order's duty stays with whoever the sentence names.
    text = (
        'This Agreement is made between Halvard Motors, Inc. ("Supplier") and Quillon Trading LLC'
        ' ("Buyer"). The purchase orders issued by Buyer and Supplier, each referred to as an'
        ' "Order", are governed by this Agreement.\n\n'
        "1. Supplier shall deliver each Order within ten (10) days after the Order is placed.\n"
        "2. Each Order shall be paid within thirty (30) days after delivery.\n"
    )
    assert collective_labels(text) == frozenset()
    assert _timed_parties(text) == ["provider", "customer"]


def test_a_body_that_runs_the_company_acts_for_it_where_a_joint_committee_acts_for_both() -> None:
    text = _VENTURE + (
        "6. The business and affairs of the Company shall be managed by a management committee"
        ' (the "Management Committee").\n'
        "7. Each Member shall name its representatives within ten (10) days after the Effective"
        " Date.\n"
        "8. The Management Committee shall approve the budget within thirty (30) days after the"
        " start of each Fiscal Year.\n"
    )
    assert _timed_parties(text)[-2:] == ["both", "other"]
    joint = (
        'This Agreement is made between Halvard Motors, Inc. ("Supplier") and Quillon Trading LLC'
        ' ("Buyer"). The parties shall form a joint steering committee (the "Steering'
        ' Committee").\n\n'
        "1. The Steering Committee shall meet within thirty (30) days after the Effective Date.\n"
    )
    assert _timed_parties(joint) == ["both"]


def test_a_company_named_in_the_preamble_stays_a_side() -> None:
    # Counterexample: the "Company" signs; a label only one party bears ("Supplier") is its own.
    text = (
        'This Agreement is made by and between Brightfen Ventures LLC (the "Company") and Halvard'
        ' Motors, Inc. (the "Supplier").\n\n'
        "1. The Company shall pay each invoice within thirty (30) days after receipt.\n"
    )
    parties = _by_name(text)
    assert parties["Brightfen Ventures LLC"][0] == "customer"
    assert parties["Halvard Motors, Inc."][0] == "provider"
    assert _timed_parties(text) == ["customer"]


def test_a_label_after_the_words_that_describe_a_party_names_it() -> None:
    # The preamble says what each party is and where it sits before its label; a label that
    # is no role word still names a side, told by what the party does.
    text = (
        "This SPONSORSHIP AGREEMENT is entered into as of March 1, 2025, by and between PECAN"
        " HOLLOW VENUES, LLC, a Texas limited liability company with its principal office at"
        " 4100 Cypress Landing Boulevard, San Antonio, Texas 78216 (“Operator”), and BLUEWATER"
        " CITRUS BEVERAGE CO., a Delaware corporation with its principal office at 880"
        " Harborview Parkway, Suite 1200, Tampa, Florida 33602 (“Sponsor”).\n\n"
        "1. Operator shall install the signage at least ten (10) days before each Season.\n"
        "2. Sponsor shall pay each installment within thirty (30) days after receipt of the"
        " invoice.\n"
    )
    parties = _by_name(text)
    assert parties["PECAN HOLLOW VENUES, LLC"] == ("provider", ("Operator", "PECAN"))
    assert parties["BLUEWATER CITRUS BEVERAGE CO."] == ("customer", ("Sponsor", "BLUEWATER"))
    assert _timed_parties(text) == ["provider", "customer"]


def test_a_label_in_a_parenthesis_a_hard_wrap_broke_and_names_of_any_suffix() -> None:
    text = (
        "THIS LEASE is made by and between BRANDYWINE CAPITAL EQUIPMENT LEASING, LLC, a Delaware\n"
        "limited liability company having its principal office at 1201 Market Street,\n"
        "Wilmington, Delaware 19801 (together with its successors and\n"
        'assigns, "Lessor"), and WestRock Company, a Delaware corporation ("Lessee").\n'
    )
    parties = _by_name(text)
    assert parties["BRANDYWINE CAPITAL EQUIPMENT LEASING, LLC"][0] == "provider"
    assert parties["WestRock Company"][0] == "customer"


def test_two_companies_whose_names_open_alike_keep_apart() -> None:
    # "Reynolds" names neither when two companies' names open with it; a name written twice
    # is still one company; words that say what a party does are no description of it.
    text = (
        "TRANSITION SERVICES AGREEMENT between Reynolds Group Holdings Inc., a Delaware"
        ' corporation ("Provider"), and Reynolds Consumer Products Inc., a Delaware corporation,'
        ' (the "Recipient"). Reynolds Consumer Products Inc. shall issue to the Provider 1,000'
        ' shares of its common stock, a Delaware corporation\'s stock (the "Shares").\n'
    )
    parties = _by_name(text)
    assert parties["Reynolds Group Holdings Inc."] == ("provider", ("Provider",))
    assert parties["Reynolds Consumer Products Inc."] == ("customer", ("Recipient",))
    assert len(parties) == 2


def test_a_fronted_deadline_is_the_subject_s_and_not_a_party_named_in_an_aside() -> None:
    text = (
        'This Lease is made between Brandywine Leasing, LLC ("Lessor") and Tri-County Components,'
        ' Inc. ("Lessee").\n'
        "1. Within ten (10) days after delivery of each item (or after installation, if the"
        " Lessor installs it), Lessee shall execute a certificate of acceptance.\n"
        "2. The appraiser shall deliver its valuation within thirty (30) days after appointment.\n"
        # Counterexample: the subject right after the deadline, with no aside, keeps it.
        "3. Within ten (10) days after each request, Lessor shall send a payoff statement.\n"
    )
    assert _timed_parties(text) == ["customer", "other", "provider"]


def test_side_evidence_reads_the_acts_done_to_a_party() -> None:
    """Money paid to a party makes it the supplier; a licence granted to it, the customer.
    Neither cue counts in words that only share letters with them ("a patent", "company")."""
    assert (
        side_evidence(
            "All fees are payable to Northwind. Royalties paid to Northwind.", ["Northwind"]
        )
        == 2
    )
    assert side_evidence("Licensor hereby grants to Harbor a licence.", ["Harbor"]) == -1
    assert side_evidence("A patent of Harbor. The company of Harbor.", ["Harbor"]) == 0
