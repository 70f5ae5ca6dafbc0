"""Error pages keep the navigation and say what to do; the favicon is served."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from obligations.models.choices import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer_client(client):
    client.force_login(MembershipFactory(role=Role.VIEWER).user)
    return client


def test_an_unknown_address_is_a_designed_404_with_navigation(viewer_client):
    response = viewer_client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "This page does not exist" in page
    assert 'aria-label="Main"' in page and reverse("contract_list") in page
    assert "URLconf" not in page  # not Django's technical page


def test_a_forbidden_action_is_a_designed_403_with_the_reason(viewer_client):
    response = viewer_client.get(reverse("members"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Only admins can see this page." in page and 'aria-label="Main"' in page


def test_a_server_error_is_a_designed_500(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and 'aria-label="Main"' in page


def test_the_favicon_is_served(client):
    page_icon = client.get("/favicon.ico")
    assert page_icon.status_code == 301 and page_icon["Location"].endswith("favicon.svg")


def _boom(request):
    raise RuntimeError("boom")


from django.urls import path  # noqa: E402

urlpatterns = [path("boom/", _boom)]
