"""Which anchor of the shared vocabulary a time rule counts from, read from the contract's words
(pure, no database). Each case that names an anchor has a counterexample beside it that must not
name it. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from obligations.extraction.model import Document
from obligations.extraction.pipeline import extract_document
from obligations.vocabulary.anchors import ANCHOR_BY_CODE


def _anchor(sentence: str) -> str | None:
    extraction = extract_document(Document(text=sentence, format="txt"), source="test")
    timed = [ob for ob in extraction.obligations if ob.period is not None]
    assert len(timed) == 1, [(ob.period, ob.anchor) for ob in timed]
    assert timed[0].anchor in ANCHOR_BY_CODE
    return timed[0].anchor


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # An account frozen for unpaid fees is suspended; a failure to pay is a breach.
        (
            "We will delete the data of an account 90 days after it is frozen for unpaid fees.",
            "suspension",
        ),
        ("We will delete the data of an account 90 days after any failure to pay.", "breach"),
        # Inactivity counts from the last use; the last day of a term does not.
        ("We may close a free account after 180 days of inactivity.", "last_activity"),
        ("We may close a free account 10 days after the last day of the term.", "other_event"),
        # The end date of a subscription is the end of the term; of a promotion it is not.
        (
            "You must cancel at least 14 days before the end date of your monthly subscription.",
            "term_end",
        ),
        (
            "You must return the samples within 14 days before the end date of the promotion.",
            "other_event",
        ),
        # A change counts from when it takes effect, whatever means announce it; a change that
        # was notified counts from the notice.
        (
            "The Supplier will give notice at least 30 days prior to the change taking effect by"
            " sending an email.",
            "change_effective",
        ),
        (
            "The Supplier will notify the Customer at least 15 business days in advance of any"
            " intended changes to its list of subcontractors.",
            "change_effective",
        ),
        ("The Customer may object within 30 days after notice of a change.", "notice_received"),
        # A bare receipt counts from the thing received.
        (
            "The Supplier shall refund the fee within 14 days from the day on which it received"
            " the notification of your withdrawal.",
            "notice_received",
        ),
        ("The Supplier shall inspect the goods within 5 days of receipt of the goods.", "delivery"),
        (
            "The Recipient shall keep secret the information for 3 years following the receipt of"
            " such Confidential Information.",
            "disclosure",
        ),
        (
            "The Recipient shall pay each invoice within 30 days following the receipt of such"
            " invoice.",
            "invoice_received",
        ),
        # A reply answers a request unless it names what it answers.
        ("The Provider shall provide a response within one business day.", "request_received"),
        ("The Provider shall respond within 5 days to any notice of breach.", "notice_received"),
        # Kinds of event contracts commonly count from.
        (
            "If the parties cannot settle the dispute within 20 days, either party may refer it to"
            " mediation.",
            "dispute_raised",
        ),
        (
            "The Supplier shall keep the records for a period of 6 years following their creation.",
            "record_created",
        ),
        (
            "The Provider shall give five (5) business days' notice of any scheduled maintenance.",
            "maintenance",
        ),
        (
            "A licence may be reassigned only after 90 days from the last reassignment of that"
            " licence.",
            "assignment",
        ),
        (
            "If the Supplier incurs any expenses on the Customer's behalf, the Customer shall"
            " reimburse them within 10 days.",
            "cost_incurred",
        ),
        (
            "The Supplier shall fix the defect within 30 days after the Customer's warranty report.",
            "error_reported",
        ),
        ("The Processor shall keep the logs for 2 years after the DPA ends.", "term_end"),
        # A notice period before ceasing a service announces a suspension; "end" alone does not.
        (
            "The Provider may cease providing support upon fifteen (15) days written notice.",
            "suspension",
        ),
        ("The Provider may end the support upon fifteen (15) days written notice.", "other_event"),
        # A proceeding counts from its filing; a closing is a transaction closed.
        (
            "The Licensee may terminate this Agreement if a petition filed against the Licensor"
            " is not dismissed within sixty (60) days after filing.",
            "filing",
        ),
        (
            "The Licensee shall pay the balance within sixty (60) days after the closing.",
            "closing",
        ),
        # A person's death or disability; the end of the agreement is not one.
        (
            "The Consultant's legal representatives must exercise the options within one (1) year"
            " from the date of death or disability.",
            "death_or_disability",
        ),
        (
            "The Consultant must exercise the options within one (1) year from the date of"
            " termination.",
            "termination_effective",
        ),
        # Premises damaged or destroyed; an incident over and service back; a request received
        # is a request, not any notice. An objection resolved is a dispute settled, not an
        # incident resolved.
        (
            "Landlord shall notify Tenant within sixty (60) days after the date of the casualty"
            " whether it will restore the Premises.",
            "casualty",
        ),
        (
            "The Provider shall deliver a root cause analysis within five (5) Business Days after"
            " Restoration.",
            "incident_resolved",
        ),
        (
            "The Provider shall close the ticket within two (2) days after the incident is"
            " resolved.",
            "incident_resolved",
        ),
        (
            "The Indemnifying Party shall pay within fifteen (15) days after its objection has been"
            " resolved.",
            "dispute_resolved",
        ),
        (
            "The Landlord shall respond within thirty (30) days after receipt of the request.",
            "request_received",
        ),
        # Events of their own, each beside a sentence whose like word names another event or
        # none: an approval, not a request for one; work completed, not complete information
        # (information had is a notice);
        # a transaction consummated; equipment installed; a matter escalated; a lot made; a
        # credit issued, not an invoice; a dispute resolved.
        (
            "Franchisee shall open the Studio within one hundred eighty (180) days after"
            " Franchisor approves the site.",
            "approval",
        ),
        (
            "Franchisor shall approve or reject the site within thirty (30) days after receipt of"
            " the request.",
            "request_received",
        ),
        (
            "The Contractor shall submit its final invoice within thirty (30) days after completion"
            " of the Services.",
            "completion",
        ),
        (
            "The officer shall decide within fifteen (15) days after having the complete"
            " information from the client.",
            "notice_received",
        ),
        (
            "The Buyer shall give notice of the change of control within ten (10) days following"
            " its consummation.",
            "closing",
        ),
        (
            "The Supplier shall repair any defect arising within twelve (12) months from"
            " installation.",
            "installation",
        ),
        (
            "The executive sponsors shall meet within fifteen days after escalation.",
            "escalation",
        ),
        (
            "The Supplier shall retain a sample of each lot for five (5) years after the date of"
            " manufacture of such lot.",
            "manufacture",
        ),
        (
            "The Customer must use each service credit within ninety (90) days after it is issued.",
            "issuance",
        ),
        (
            "The Customer shall pay within thirty (30) days after the invoice is issued.",
            "invoice_issued",
        ),
        (
            "The Customer shall pay the disputed amount within ten (10) days after resolution of"
            " the dispute.",
            "dispute_resolved",
        ),
        # An invoice issued is the invoice's date, whichever word comes first; a dispute resolved
        # is settled, however said, where a board's resolution or a closed ticket is no dispute.
        (
            "The Customer shall pay within thirty (30) days after issuance of the invoice.",
            "invoice_issued",
        ),
        (
            "The Customer shall pay the disputed amount within ten (10) days after the dispute is"
            " resolved.",
            "dispute_resolved",
        ),
        (
            "The Customer shall pay the withheld amount within ten (10) days after settlement of"
            " the claim.",
            "dispute_resolved",
        ),
        (
            "The Customer may refer the matter to arbitration within ten (10) days after the"
            " dispute arises.",
            "dispute_raised",
        ),
        (
            "Either party may commence arbitration within sixty (60) days after the date on which"
            " the dispute has not been settled by the executives.",
            "dispute_raised",
        ),
        (
            "The Company shall file the certificate within ten (10) days after the Board"
            " resolution.",
            "other_event",
        ),
        (
            "Following a vote of the Board, the Company shall issue the shares within fifteen"
            " (15) days after resolution.",
            "other_event",
        ),
        (
            "If the Customer contests a charge in good faith, the parties shall discuss the"
            " disagreement and the Customer shall pay any amount found owing within fifteen (15)"
            " days after resolution.",
            "dispute_resolved",
        ),
        (
            "The Provider shall send a survey within two (2) days after the ticket is resolved.",
            "incident_resolved",
        ),
        # A price escalated is a price increase, a matter escalated an escalation; a
        # manufacturing facility is no event where a lot's manufacture is; work that completes
        # or is complete is completed.
        (
            "The Distributor may terminate within thirty (30) days after any price escalation.",
            "price_increase",
        ),
        (
            "The Supplier shall qualify a second source within ninety (90) days after the"
            " manufacturing facility is closed.",
            "other_event",
        ),
        (
            "The Contractor shall remove its equipment within ten (10) days after it completes"
            " the Services.",
            "completion",
        ),
        (
            "The Contractor shall remove its equipment within ten (10) days after the work is"
            " complete.",
            "completion",
        ),
        # Goods shipped are delivered; a party called the Shipper names no shipment.
        (
            "The Carrier shall give notice of any loss within ten (10) days after shipment.",
            "delivery",
        ),
        (
            "Shipper shall pay each invoice within forty-five (45) days after Shipper receives it.",
            "invoice_received",
        ),
        (
            "Either Party may refer the dispute to its managers if it is not resolved within"
            " thirty (30) days after Shipper's notice.",
            "notice_received",
        ),
        # A date due is a payment's; a claim received is a claim made; a statement of amounts
        # received is a bill, a statement of work is a document received.
        (
            "If any Rent is not received within five (5) days after the date due, Tenant shall pay"
            " a late charge.",
            "payment_due",
        ),
        (
            "The Provider shall accept or reject each credit within ten (10) Business Days of"
            " receiving a claim.",
            "claim_known",
        ),
        (
            "Tenant may audit the charges within ninety (90) days after its receipt of an Annual"
            " Statement.",
            "invoice_received",
        ),
        (
            "The Supplier shall staff the project within ten (10) days after receipt of the"
            " statement of work.",
            "receipt",
        ),
        # A renewal term that begins is the current term's end; a nonconformity shows a defect;
        # a period that ends is that period's end.
        (
            "The Provider shall notify any price increase at least ninety (90) days before the"
            " Renewal Term begins.",
            "renewal",
        ),
        (
            "The Customer must give notice of a warranty claim within 30 days of the"
            " nonconformity.",
            "error_reported",
        ),
        (
            "The Provider shall delete the data within ninety (90) days after that export period"
            " ends.",
            "period_end",
        ),
        # A message transmitted is sent; a transmission line is not a message.
        (
            "The Supplier shall confirm each booking within four (4) hours after the message is"
            " transmitted.",
            "notice_sent",
        ),
        (
            "The Operator shall repair the transmission line within four (4) hours after any"
            " outage.",
            "incident_reported",
        ),
        # The beginning of the next term is the renewal; of a project it is not.
        (
            "The Customer shall submit its forecast at least sixty (60) days prior to the"
            " beginning of the next renewal term.",
            "renewal",
        ),
        (
            "The Customer shall submit its forecast at least sixty (60) days prior to the"
            " beginning of the project.",
            "other_event",
        ),
        # "after each and every year" of the contract; after each shipment is a delivery.
        (
            "The Reseller shall deliver a sales report on the date thirty (30) days after each and"
            " every year of this Agreement.",
            "contract_year_end",
        ),
        (
            "The Reseller shall deliver a sales report thirty (30) days after each shipment.",
            "delivery",
        ),
        # Things of no named kind are received; a notice received is a notice.
        (
            "The Vendor shall complete the editing within 14 days of receiving the original photo"
            " files.",
            "receipt",
        ),
        (
            "The Vendor shall refund the deposit within 14 days of receiving the notice of"
            " cancellation.",
            "notice_received",
        ),
        (
            "The Controller may object to the change within fifteen (15) days of receipt of the"
            " Processor's notice.",
            "notice_received",
        ),
    ],
)
def test_anchor_read_from_the_words(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


def test_anchor_phrase_keeps_the_words_read() -> None:
    extraction = extract_document(
        Document(text="We may close a free account after 180 days of inactivity.", format="txt"),
        source="test",
    )
    (rule,) = extraction.obligations
    assert (rule.anchor, rule.anchor_phrase) == ("last_activity", "inactivity")


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # "The effective date of" an event of a known kind is that event...
        (
            "The Customer shall return the Software within 10 days after the effective date of"
            " termination.",
            "termination_effective",
        ),
        (
            "The Supplier shall notify the Customer at least 90 days before the effective date of"
            " any such change.",
            "change_effective",
        ),
        # ... and of the agreement, or of something of no known kind, the date it names.
        (
            "The Customer shall pay the fee within 30 days after the Effective Date of this"
            " Development Agreement.",
            "effective_date",
        ),
    ],
)
def test_the_effective_date_of_an_event_is_that_event(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # A notice received that is a notice of the breach is the breach notice...
        (
            "The Licensee may terminate this Agreement if the Licensor fails to cure a breach within"
            " 30 days after receiving notice of the breach.",
            "breach_notice",
        ),
        # ... any other notice received is a notice received.
        (
            "The Licensee shall remove the content within 5 days after receiving notice of the"
            " complaint.",
            "notice_received",
        ),
    ],
)
def test_a_notice_of_the_breach_received_is_the_breach_notice(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


LEAD_IN = """13. REMEDIES

Either party may elect to terminate this Agreement:

(a) Upon sixty (60) days' written notice if the other party has failed to make timely payment; or

(b) immediately, if the other party becomes insolvent.
"""


def test_a_notice_in_a_list_item_is_notice_of_what_the_lead_in_says() -> None:
    assert _anchor(LEAD_IN) == "termination_effective"


def test_a_notice_of_nothing_named_under_a_heading_is_notice_of_what_the_heading_says() -> None:
    text = (
        "12. TERMINATION\n\nUpon sixty (60) days' written notice if the other party fails to pay."
    )
    assert _anchor(text) == "termination_effective"


def test_a_notice_of_nothing_named_elsewhere_names_no_event() -> None:
    # Neither the lead-in nor the heading says what the notice is of.
    text = LEAD_IN.replace("elect to terminate this Agreement", "act as follows").replace(
        "REMEDIES", "GENERAL"
    )
    assert _anchor(text) == "other_event"


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # A proceeding that must be stayed or dismissed within a time counts from its filing...
        (
            "Either party may terminate this Agreement if the other party becomes the subject of an"
            " involuntary bankruptcy petition that is not dismissed within sixty (60) days.",
            "filing",
        ),
        (
            "Either party may terminate this Agreement if the other party becomes subject to any"
            " insolvency proceeding which is not fully stayed within ten (10) business days.",
            "filing",
        ),
        # ... a proceeding that ends otherwise does not make the period count from a filing.
        (
            "If any proceeding against the Licensee is settled, the Licensee shall pay the"
            " settlement amount within thirty (30) days after the settlement.",
            "other_event",
        ),
    ],
)
def test_a_proceeding_to_be_dismissed_counts_from_its_filing(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        # In a passive duty what is acted on says what the time counts from: a defect, its
        # report...
        (
            "Any defects must be replaced by the Supplier within sixty (60) days at no charge.",
            "incident_reported",
        ),
        # ... and where it names nothing, the act does, as before.
        (
            "The Service Description may be updated by the Provider on at least thirty (30) days'"
            " notice.",
            "change_effective",
        ),
    ],
)
def test_a_passive_duty_counts_from_what_it_acts_on(sentence: str, anchor: str) -> None:
    assert _anchor(sentence) == anchor


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        (
            "The Vendor shall accept or reject each Order within three (3) Business Days of"
            " receiving it.",
            "order_received",
        ),
        (
            "For a Critical fault the Vendor must respond within 4 working hours of it being"
            " logged.",
            "error_reported",
        ),
        (
            "Any underpayment shown on the Annual Statement shall be paid by Tenant within thirty"
            " (30) days after Tenant receives it.",
            "invoice_received",
        ),
        # A pronoun with no thing named before it is a receipt of what the clause names.
        ("Tenant shall pay within thirty (30) days after it is received.", "receipt"),
    ],
)
def test_an_event_named_by_a_pronoun_is_the_thing_named_before_it(
    sentence: str, anchor: str
) -> None:
    assert _anchor(sentence) == anchor
