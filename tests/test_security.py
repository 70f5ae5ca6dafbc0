"""What an attacker tried against the running tracker, one test per finding that did not hold:
each of the first eight tests failed before the fix. The tests after them pin the details."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from obligations.mail_backend import EmlFileBackend
from obligations.models import Contract, ContractDocument, Obligation, Reminder, SweepStatus
from obligations.models.choices import DeadlineStatus, Role
from obligations.services import documents as document_service
from obligations.services.documents import document_upload
from obligations.services.reminder_sweep import SWEEP_NAME
from obligations.services.reminders import ReminderAction, reminder_action_token
from tests.factories import (
    ClauseFactory,
    ContractDocumentFactory,
    ContractFactory,
    MembershipFactory,
    ObligationFactory,
    UserFactory,
)
from tests.reliability.reminder_data import deadline_ahead, due_reminders, person, team

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
CONTRACT = "1. Payment\nThe Customer shall pay each invoice within 30 days after receipt.\n"


def link(reminder: Reminder, action: ReminderAction) -> str:
    token = reminder_action_token(reminder=reminder, action=action)
    return reverse("reminder_action", kwargs={"token": token})


def reminder_state(reminder: Reminder) -> tuple[str, list[tuple[int, str, dt.datetime]]]:
    reminder.deadline.refresh_from_db()
    rows = Reminder.objects.filter(deadline_id=reminder.deadline_id).order_by("pk")
    return reminder.deadline.status, list(rows.values_list("pk", "state", "send_at"))


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# -- 1. Email links act only for a recipient who still may ---------------------------------------


def test_email_links_refuse_a_deactivated_viewer_even_from_another_organisations_session():
    people, deadline = deadline_ahead(days=7)
    viewer = person()
    MembershipFactory(user=viewer, organisation=people.organisation, role=Role.VIEWER)
    deadline.contract.owner = viewer
    deadline.contract.save()
    (reminder,) = due_reminders(deadline=deadline, count=1, recipients=[viewer])
    outsider = team().admin
    before = reminder_state(reminder)

    # A viewer may not mark a deadline done, link or no link.
    response = Client().post(link(reminder, ReminderAction.DONE))
    assert response.status_code == 403
    assert "Only reviewers and admins can mark a deadline done" in response.content.decode()

    # Deactivated, the viewer's links do nothing at all, snooze included.
    viewer.is_active = False
    viewer.save()
    for action in ReminderAction:
        for browser in (Client(), _signed_in(outsider)):
            response = browser.post(link(reminder, action))
            assert response.status_code == 403, action
            assert "Nothing was changed" in response.content.decode()
    assert reminder_state(reminder) == before


def _signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


# -- 2. Password guessing is throttled; reset and change exist -----------------------------------


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_password_guessing_is_locked_out_on_every_login_form(client, settings, url_name):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    user = UserFactory(username="counsel", is_staff=True, is_superuser=True)
    MembershipFactory(user=user)
    url = reverse(url_name)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "counsel", "password": "guess"})
        assert response.status_code == 200  # the form again, with its error
    # The last failure the limit allows locks the account and the address out.
    assert client.post(url, {"username": "counsel", "password": "guess"}).status_code == 429
    response = client.post(url, {"username": "counsel", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "Try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session

    # The account is locked from any address, and the address for any account.
    elsewhere = Client(REMOTE_ADDR="203.0.113.9")
    response = elsewhere.post(url, {"username": "counsel", "password": PASSWORD})
    assert response.status_code == 429
    other = UserFactory(username="paralegal")
    MembershipFactory(user=other)
    response = client.post(url, {"username": "paralegal", "password": PASSWORD})
    assert response.status_code == 429


# -- 3. A strict Content-Security-Policy on every response ---------------------------------------


def test_pages_carry_a_strict_content_security_policy(client):
    client.force_login(MembershipFactory(role=Role.ADMIN).user)
    for url in (reverse("login"), reverse("dashboard"), reverse("contract_upload")):
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


# -- 4. The reminder status page shows one organisation ------------------------------------------


def test_reminder_status_page_shows_no_other_organisations_counts(client):
    ours = team()
    theirs = team()
    _people, their_deadline = deadline_ahead()
    due_reminders(deadline=their_deadline, count=3)
    finished = timezone.now()
    SweepStatus.objects.create(
        name=SWEEP_NAME,
        last_started_at=finished - dt.timedelta(seconds=1),
        last_finished_at=finished,
        last_scheduled=4711,
        last_cancelled=4712,
        last_claimed=4713,
    )
    client.force_login(ours.admin)
    page = client.get(reverse("reminders_status")).content.decode()
    assert "Finished" in page
    for number in ("4711", "4712", "4713"):
        assert number not in page
    assert 'id="count-due">0<' in page
    assert theirs.organisation.name not in page


# -- 5. Forwarded headers only from a named proxy ------------------------------------------------


def test_a_client_cannot_claim_https_without_a_trusted_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_named_proxy_is_believed(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    behind_proxy = Client(REMOTE_ADDR="10.1.2.3")
    assert behind_proxy.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https").status_code == 200
    # The same header from anywhere else is dropped.
    direct = Client(REMOTE_ADDR="198.51.100.7")
    assert direct.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https").status_code == 301


def test_the_throttled_address_is_the_peer_unless_a_named_proxy_forwarded_it(settings, rf):
    from config.proxy import client_ip

    spoofed = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert client_ip(spoofed) == "198.51.100.7"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    forwarded = rf.get("/", REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5")
    assert client_ip(forwarded) == "203.0.113.5"  # the address the proxy itself appended
    assert client_ip(spoofed) == "198.51.100.7"


# -- 6. Production-safe defaults -----------------------------------------------------------------


def test_debug_is_off_unless_asked_for_and_var_is_private(tmp_path, settings, media):
    var_dir = tmp_path / "var"
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    environment.update(
        {"CLAUSEWATCH_VAR_DIR": str(var_dir), "SECRET_KEY": "k" * 30 + "-production-key-0123456789"}
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; print('DEBUG', settings.DEBUG)"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout
    assert stat.S_IMODE(var_dir.stat().st_mode) == 0o700

    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    EmlFileBackend().send_messages([EmailMessage("s", "b", "a@example.test", ["b@example.test"])])
    (eml,) = settings.EMAIL_FILE_PATH.iterdir()
    assert stat.S_IMODE(eml.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.EMAIL_FILE_PATH.stat().st_mode) == 0o700

    uploader = MembershipFactory().user
    document, _ = document_upload(
        organisation=uploader.membership.organisation,
        user=uploader,
        filename="a.txt",
        data=CONTRACT.encode(),
    )
    assert stat.S_IMODE(Path(document.file.path).stat().st_mode) == 0o600


# -- 7. A huge document cannot make one enormous page --------------------------------------------


def test_a_document_with_too_many_obligations_is_flagged_not_rendered_whole(client, settings):
    settings.REVIEW_MAX_OBLIGATIONS = 300
    reviewer = MembershipFactory(role=Role.REVIEWER).user
    contract = ContractFactory(organisation=reviewer.membership.organisation)
    document = ContractDocumentFactory(contract=contract, text=CONTRACT * 400)
    clause = ClauseFactory(document=document)
    template = ObligationFactory.build(clause=clause)
    Obligation.objects.bulk_create(
        Obligation(
            **{
                field.attname: getattr(template, field.attname)
                for field in Obligation._meta.concrete_fields
                if not field.primary_key
            }
            | {"evidence_start": n * len(CONTRACT) + 11, "evidence_end": (n + 1) * len(CONTRACT)}
        )
        for n in range(400)
    )
    client.force_login(reviewer)
    response = client.get(reverse("contract_review", args=[contract.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This document needs a closer look" in page
    assert page.count('class="rv-card ') == 50
    assert "<mark" not in page
    assert len(page) < 250_000


# -- 8. A failed upload can be deleted -----------------------------------------------------------


def test_a_failed_upload_is_deleted_with_its_file_by_its_uploader(
    client, media, django_capture_on_commit_callbacks
):
    uploader = MembershipFactory(role=Role.REVIEWER).user
    organisation = uploader.membership.organisation
    document, _ = document_upload(
        organisation=organisation, user=uploader, filename="a.txt", data=CONTRACT.encode()
    )
    document_service.document_extraction_failed(document_id=document.pk, message="unreadable")
    stored = Path(document.file.path)
    assert stored.exists()
    url = reverse("document_delete", args=[document.pk])

    colleague = MembershipFactory(organisation=organisation, role=Role.REVIEWER).user
    assert _signed_in(colleague).post(url).status_code == 403

    client.force_login(uploader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert not ContractDocument.objects.filter(pk=document.pk).exists()
    assert not Contract.objects.filter(pk=document.contract_id).exists()
    assert not stored.exists()


# -- The details ---------------------------------------------------------------------------------


def test_email_links_die_when_the_deadline_moves_or_is_dealt_with_on_the_web():
    _people, deadline = deadline_ahead(days=7)
    (reminder,) = due_reminders(deadline=deadline, count=1, recipients=[_people.owner])
    done, snooze = link(reminder, ReminderAction.DONE), link(reminder, ReminderAction.SNOOZE_DAY)

    deadline.act_by -= dt.timedelta(days=2)
    deadline.save()
    before = reminder_state(reminder)
    response = Client().post(done)
    assert response.status_code == 409
    assert "This deadline has moved" in response.content.decode()
    assert reminder_state(reminder) == before

    reminder.deadline.refresh_from_db()
    fresh = link(reminder, ReminderAction.SNOOZE_DAY)
    type(deadline).objects.filter(pk=deadline.pk).update(status=DeadlineStatus.WAIVED)
    for url in (fresh, snooze):
        assert Client().post(url).status_code in (409, 409)
    assert Reminder.objects.filter(snoozed_from__isnull=False).count() == 0


def test_an_email_link_opened_in_someone_elses_session_is_refused():
    people, deadline = deadline_ahead(days=7)
    (reminder,) = due_reminders(deadline=deadline, count=1, recipients=[people.owner])
    response = _signed_in(people.admin).post(link(reminder, ReminderAction.DONE))
    assert response.status_code == 403
    assert "sent to someone else" in response.content.decode()
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN
    # Its recipient, signed in or not, still can.
    assert _signed_in(people.owner).get(link(reminder, ReminderAction.DONE)).status_code == 200


def test_lockouts_are_logged_and_listed_for_admins(client, settings, caplog):
    settings.AXES_FAILURE_LIMIT = 3
    UserFactory(username="counsel")
    with caplog.at_level("WARNING", logger="axes"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "counsel", "password": "guess"})
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    page = _signed_in(superuser).get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200
    assert "counsel" in page.content.decode()


def test_password_reset_by_email_and_change(client, settings):
    settings.SITE_URL = "https://clausewatch.example.com"
    user = UserFactory(username="counsel", email="counsel@example.test")
    MembershipFactory(user=user)
    response = client.post(reverse("password_reset"), {"email": "counsel@example.test"})
    assert response.status_code == 302
    (message,) = mail.outbox
    reset_url = next(
        line for line in message.body.splitlines() if line.startswith("https://clausewatch.")
    )
    path = reset_url.removeprefix("https://clausewatch.example.com")
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a much longer passphrase 42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
    # The link works once.
    assert "cannot be used" in client.get(path, follow=True).content.decode()

    client.force_login(user)
    newer = "another long passphrase 43"
    response = client.post(
        reverse("password_change"),
        {"old_password": new, "new_password1": newer, "new_password2": newer},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(newer)


def test_obligations_load_page_by_page_with_htmx(client):
    reviewer = MembershipFactory(role=Role.REVIEWER).user
    contract = ContractFactory(organisation=reviewer.membership.organisation)
    document = ContractDocumentFactory(contract=contract, text=CONTRACT * 60)
    clause = ClauseFactory(document=document)
    for n in range(60):
        ObligationFactory(
            clause=clause,
            evidence_start=n * len(CONTRACT) + 11,
            evidence_end=(n + 1) * len(CONTRACT),
        )
    client.force_login(reviewer)
    url = reverse("contract_review", args=[contract.pk])
    first = client.get(url).content.decode()
    assert first.count('class="rv-card ') == 50
    assert first.count('<mark class="ev st-pending" data-ob') == 60  # the text shows them all
    assert f'hx-get="{url}?page=2"' in first
    more = client.get(url, {"page": "2"}, HTTP_HX_REQUEST="true").content.decode()
    assert more.count('class="rv-card ') == 10
    assert "rv-more" not in more and "<html" not in more


def test_a_failed_upload_is_not_deleted_by_a_viewer_and_a_read_one_not_at_all(client, media):
    uploader = MembershipFactory(role=Role.REVIEWER).user
    organisation = uploader.membership.organisation
    document, _ = document_upload(
        organisation=organisation, user=uploader, filename="a.txt", data=CONTRACT.encode()
    )
    url = reverse("document_delete", args=[document.pk])
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN).user
    response = _signed_in(admin).post(url)
    assert response.status_code == 302  # back to the upload: it was not failed
    assert ContractDocument.objects.filter(pk=document.pk).exists()
    outsider = MembershipFactory(role=Role.ADMIN).user
    assert _signed_in(outsider).post(url).status_code == 404
