"""What a reminder email says: what is due, the contract and quoted clause, act_by and the
deadline with the explanation, and the signed links; plain text and HTML from templates."""

from __future__ import annotations

import datetime as dt
import email.policy
import re

import pytest
from django.core.mail import EmailMultiAlternatives
from django.http import HttpResponse
from django.urls import path

from obligations.models import Reminder
from obligations.services.reminders import reminder_email
from obligations.views import dashboard
from obligations.views import reminders as reminder_views
from tests.reliability.reminder_data import confirmed_deadline, due_reminders, team

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 23, 9, 0, tzinfo=dt.UTC)


def review_page(request, pk):  # stands in for the review page another area builds
    return HttpResponse()


_common = [
    path("", dashboard.dashboard, name="dashboard"),
    path("login/", dashboard.dashboard, name="login"),
    path("reminders/act/<str:token>/", reminder_views.reminder_action, name="reminder_action"),
    path("settings/notifications/", dashboard.dashboard, name="notification_settings"),
    path("email/unsubscribe/<str:token>/", dashboard.dashboard, name="email_unsubscribe"),
]


class WithReview:  # URL confs as classes: Django accepts any object with urlpatterns
    urlpatterns = [
        *_common,
        path("contracts/<int:pk>/review/", review_page, name="contract_review"),
    ]


class WithoutReview:
    urlpatterns = _common


@pytest.fixture
def reminder(settings):
    settings.ROOT_URLCONF = WithReview
    settings.SITE_URL = "https://clausewatch.example.com"
    people = team()
    deadline = confirmed_deadline(
        organisation=people.organisation,
        owner=people.owner,
        act_by=dt.date(2026, 6, 30),
        deadline=dt.date(2026, 7, 1),
        title='Hosting <script>alert("x")</script> & more',
    )
    deadline.contract.counterparty = "Example Hosting GmbH"
    deadline.contract.save()
    (row,) = due_reminders(deadline=deadline, count=1, recipients=[people.owner])
    Reminder.objects.filter(pk=row.pk).update(offset_days=7)
    return Reminder.objects.select_related(
        "recipient", "deadline__contract", "deadline__obligation__clause", "deadline__organisation"
    ).get(pk=row.pk)


def render(reminder):
    return reminder_email(
        reminders=[reminder], message_id=reminder.message_id, digest=False, now=NOW
    )


def test_the_plain_text_says_what_is_due_where_and_why(reminder):
    message = render(reminder)
    text = message.body

    assert message.subject == (
        '[Clausewatch] Due in 7 days: Give notice of termination — Hosting <script>alert("x")</script> & more'
    )
    assert "DUE IN 7 DAYS: Give notice of termination" in text
    assert (
        'Contract:  Hosting <script>alert("x")</script> & more (with Example Hosting GmbH)' in text
    )
    assert "Clause:    12 Termination" in text
    assert (
        "\"Either party may terminate this Agreement with three months' notice to the end of "
        'the term."'
    ) in text
    assert "Act by:    Tuesday 30 June 2026" in text
    assert "Deadline:  Wednesday 1 July 2026" in text
    assert "  - The term ends on Tue 30 Jun 2026." in text
    assert "  - Three months before that is Mon 30 Mar 2026 (BGB §188)." in text
    links = dict(
        re.findall(
            r"^(Mark done|Snooze for a day|Snooze for a week|Open the contract):\s+(\S+)$",
            text,
            re.M,
        )
    )
    assert set(links) == {"Mark done", "Snooze for a day", "Snooze for a week", "Open the contract"}
    for name in ("Mark done", "Snooze for a day", "Snooze for a week"):
        assert links[name].startswith("https://clausewatch.example.com/reminders/act/")
    assert len({links["Mark done"], links["Snooze for a day"], links["Snooze for a week"]}) == 3
    assert links["Open the contract"] == (
        f"https://clausewatch.example.com/contracts/{reminder.deadline.contract_id}/review/"
    )
    assert message.extra_headers["Message-ID"] == reminder.message_id
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_the_html_part_escapes_contract_text(reminder):
    html = render(reminder).alternatives[0].content
    assert "<script>" not in html
    assert "Hosting &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in html
    assert "Three months before that is Mon 30 Mar 2026 (BGB §188)." in html
    assert html.count("https://clausewatch.example.com/reminders/act/") == 3


def test_without_a_review_page_the_link_opens_the_dashboard(settings, reminder):
    settings.ROOT_URLCONF = WithoutReview
    assert "Open the contract:  https://clausewatch.example.com/\n" in render(reminder).body + "\n"


@pytest.mark.parametrize(
    ("kind", "offset", "act_by", "headline"),
    [
        ("reminder", 0, dt.date(2026, 6, 23), "Due today"),
        ("escalation", 1, dt.date(2026, 6, 24), "Still open and due tomorrow"),
        ("overdue", -1, dt.date(2026, 6, 22), "Overdue by 1 day"),
    ],
)
def test_the_headline_fits_the_kind(reminder, kind, offset, act_by, headline):
    reminder.kind, reminder.offset_days = kind, offset
    reminder.deadline.act_by = reminder.deadline.deadline = act_by
    message = render(reminder)
    assert f"[Clausewatch] {headline}: " in message.subject
    assert "\n" not in message.subject


def test_the_links_point_at_this_reminder(reminder, client):
    text = render(reminder).body
    done = re.search(r"Mark done:\s+(\S+)", text).group(1)
    response = client.get(done.removeprefix("https://clausewatch.example.com"))
    assert response.status_code == 200
    assert response.context["reminder"] == reminder
    assert response.context["action"] == "done"


def _standard_bytes(message) -> bytes:
    """The message as the standard header classes write it (only the one-line unsubscribe
    header kept, as the product sends it)."""
    from email.headerregistry import HeaderRegistry

    from obligations.services.reminder_email import _OneLineHeader

    registry = HeaderRegistry()
    registry.map_to_type("list-unsubscribe", _OneLineHeader)
    policy = email.policy.default.clone(header_factory=registry)
    return EmailMultiAlternatives.message(message, policy=policy).as_bytes(policy=policy)


def _comparable(data: bytes) -> bytes:
    # The MIME boundary is random and the Date is the second the message is built.
    return re.sub(rb"Date: [^\r\n]*|=+\d+==", b"", data)


@pytest.mark.parametrize(
    "title",
    [
        "Hosting",
        "Hosting für München",  # more than ASCII: encoded words
        "Hosting " + "and more " * 8,  # longer than a line: folded
    ],
)
def test_headers_are_written_as_the_standard_email_classes_write_them(reminder, title):
    reminder.deadline.contract.title = title
    message = render(reminder)

    sent = message.message().as_bytes()

    assert _comparable(sent) == _comparable(_standard_bytes(message))
    head = sent.split(b"\n\n", 1)[0]
    assert re.search(rb"^Message-ID: <[^\n]+>$", head, re.M)
    assert re.search(rb"^Auto-Submitted: auto-generated$", head, re.M)
    # The subject joins its parts with a dash, so it is always encoded, and folded when long.
    assert re.search(rb"^Subject: [^\n]*=\?utf-8\?", head, re.M)
    assert all(len(line) <= 78 for line in head.split(b"\n") if not line.startswith(b"List-"))


def test_plain_values_are_kept_as_they_are_and_others_parsed(reminder):
    from obligations.services.reminder_email import _PlainHeader

    built = render(reminder).message()

    assert isinstance(built["Message-ID"], _PlainHeader)
    assert isinstance(built["To"], _PlainHeader)
    assert not isinstance(built["Subject"], _PlainHeader)  # holds a dash
    assert not isinstance(built["Content-Type"], _PlainHeader)  # its parameters are read


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("From", "J. Smith <js@example.com>"),
        ("From", '"Smith, John" <js@example.com>'),
        ("From", "Legal Team (NY) <legal@example.com>"),
        ("To", "a@example.com, b@example.com"),
        ("Subject", "Due;  two  spaces"),
        ("Subject", "a\ttab"),
        ("Subject", "=?utf-8?q?looks_encoded?="),
        ("Message-ID", "<a.b@example.com>"),
    ],
)
def test_a_header_line_is_the_one_the_standard_classes_write(name, value):
    from email.headerregistry import HeaderRegistry
    from email.message import EmailMessage

    from obligations.services.reminder_email import _HEADERS

    lines = []
    for registry in (_HEADERS, HeaderRegistry()):
        message = EmailMessage(policy=email.policy.default.clone(header_factory=registry))
        message[name] = value
        lines.append(message.as_bytes().split(b"\n\n", 1)[0])
    assert lines[0] == lines[1]
