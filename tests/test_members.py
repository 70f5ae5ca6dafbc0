"""Members and invitations: admins invite by a signed, expiring link, change roles and
deactivate members; the organisation always keeps an active admin; every change is logged."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from obligations.models import AuditEntry, Invitation, Membership
from obligations.models.choices import Role
from obligations.tasks.members import send_invitation_task
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "lantern-orchard-42"


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Acme Legal")


@pytest.fixture
def admin(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ADMIN)


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin.user)
    return client


def _invite(
    admin_client, django_capture_on_commit_callbacks, email="jane@example.test", role="reviewer"
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(reverse("members"), {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()[:500]
    invitation = Invitation.objects.get(email__iexact=email)
    # The email goes out from the worker once the invitation is committed.
    assert len(callbacks) == 1
    send_invitation_task.apply(args=[invitation.pk]).get()
    return invitation


def _link(message) -> str:
    match = re.search(r"https?://\S+/invitations/(\S+)/", message.body)
    assert match, message.body
    return reverse("invitation_accept", args=[match.group(1)])


def test_an_admin_invites_and_the_invitee_joins_with_the_role_given(
    admin_client, client, admin, django_capture_on_commit_callbacks
):
    invitation = _invite(admin_client, django_capture_on_commit_callbacks, role="viewer")
    assert [m.to for m in mail.outbox] == [["jane@example.test"]]
    assert "Acme Legal" in mail.outbox[0].subject
    link = _link(mail.outbox[0])

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "jane@example.test" in page.content.decode()
    joined = client.post(link, {"username": "jane", "password1": PASSWORD, "password2": PASSWORD})
    assert joined.status_code == 302 and joined["Location"] == reverse("dashboard")

    user = get_user_model().objects.get(username="jane")
    assert user.email == "jane@example.test" and user.check_password(PASSWORD)
    assert user.membership.organisation == admin.organisation
    assert user.membership.role == Role.VIEWER
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    actions = list(AuditEntry.objects.order_by("at", "id").values_list("action", "subject"))
    assert actions == [("invited", "jane@example.test"), ("joined", "jane")]
    # Signed in as the new member.
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_link_works_once(admin_client, client, django_capture_on_commit_callbacks):
    _invite(admin_client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    client.post(link, {"username": "jane", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()
    again = client.post(link, {"username": "jane2", "password1": PASSWORD, "password2": PASSWORD})
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert not get_user_model().objects.filter(username="jane2").exists()


def test_an_expired_a_changed_and_a_withdrawn_link_say_what_is_wrong(
    admin_client, client, django_capture_on_commit_callbacks
):
    invitation = _invite(admin_client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()

    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=8)):
        expired = client.get(link)
    assert expired.status_code == 410 and "expired" in expired.content.decode()

    tampered = client.get(link[:-3] + "xyz/")
    assert tampered.status_code == 410 and "not valid" in tampered.content.decode()

    admin_client.force_login(Membership.objects.get(role=Role.ADMIN).user)
    admin_client.post(reverse("invitation_withdraw", args=[invitation.pk]))
    client.logout()
    withdrawn = client.post(
        link, {"username": "jane", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert withdrawn.status_code == 410 and "withdrew" in withdrawn.content.decode()
    assert not get_user_model().objects.filter(username="jane").exists()


def test_a_weak_password_is_refused_and_the_invitation_stays_open(
    admin_client, client, django_capture_on_commit_callbacks
):
    invitation = _invite(admin_client, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    response = client.post(
        link, {"username": "jane", "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 400
    assert "too common" in response.content.decode() or "numeric" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.is_open
    assert not get_user_model().objects.filter(username="jane").exists()


def test_inviting_an_address_again_resends_the_open_invitation(
    admin_client, django_capture_on_commit_callbacks
):
    first = _invite(admin_client, django_capture_on_commit_callbacks)
    second = _invite(admin_client, django_capture_on_commit_callbacks, email="JANE@example.test")
    assert first.pk == second.pk
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2


def test_inviting_a_member_says_so(admin_client, admin):
    response = admin_client.post(
        reverse("members"), {"email": admin.user.email, "role": "reviewer"}
    )
    assert response.status_code == 400
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_only_admins_see_the_members_page(client, organisation):
    reviewer = MembershipFactory(organisation=organisation, role=Role.REVIEWER)
    client.force_login(reviewer.user)
    assert client.get(reverse("members")).status_code == 403
    assert (
        client.post(reverse("members"), {"email": "x@example.test", "role": "admin"}).status_code
        == 403
    )
    assert not Invitation.objects.exists()


def test_another_organisations_member_is_not_found(admin_client):
    stranger = MembershipFactory(role=Role.ADMIN)
    response = admin_client.post(reverse("member_deactivate", args=[stranger.pk]))
    assert response.status_code == 404
    stranger.user.refresh_from_db()
    assert stranger.user.is_active


def test_the_last_admin_cannot_demote_or_deactivate_themselves(admin_client, admin):
    demote = admin_client.post(
        reverse("member_role", args=[admin.pk]), {"role": "viewer"}, follow=True
    )
    assert "at least one admin" in demote.content.decode()
    deactivate = admin_client.post(reverse("member_deactivate", args=[admin.pk]), follow=True)
    assert "at least one active admin" in deactivate.content.decode()
    admin.refresh_from_db()
    admin.user.refresh_from_db()
    assert admin.role == Role.ADMIN and admin.user.is_active
    assert not AuditEntry.objects.exists()


def test_an_admin_changes_roles_and_deactivates_and_each_change_is_logged(
    admin_client, client, organisation, admin
):
    colleague = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    admin_client.post(reverse("member_role", args=[colleague.pk]), {"role": "admin"})
    colleague.refresh_from_db()
    assert colleague.role == Role.ADMIN
    # With a second admin, the first may step down.
    admin_client.post(reverse("member_role", args=[admin.pk]), {"role": "reviewer"})
    admin.refresh_from_db()
    assert admin.role == Role.REVIEWER

    client.force_login(colleague.user)
    client.post(reverse("member_deactivate", args=[admin.pk]))
    admin.user.refresh_from_db()
    assert not admin.user.is_active
    client.logout()
    refused = client.post(
        reverse("login"), {"username": admin.user.username, "password": "correct horse battery"}
    )
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    log = list(AuditEntry.objects.order_by("at", "id").values_list("action", "subject", "changes"))
    assert log == [
        ("role_changed", colleague.user.username, {"role": ["viewer", "admin"]}),
        ("role_changed", admin.user.username, {"role": ["admin", "reviewer"]}),
        ("deactivated", admin.user.username, {}),
    ]


def test_the_members_page_lists_members_invitations_and_changes(
    admin_client, organisation, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, role=Role.VIEWER, user__username="vera")
    _invite(admin_client, django_capture_on_commit_callbacks)
    page = admin_client.get(reverse("members")).content.decode()
    assert "vera" in page
    assert "jane@example.test as reviewer" in page
    assert "invited jane@example.test" in page
