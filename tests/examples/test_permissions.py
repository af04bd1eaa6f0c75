"""The permissions example: who sees which dashboard."""

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

MEMBERS = "/dashboards/permissions/membersdashboard/"
STAFF = "/dashboards/permissions/staffdashboard/"
ANALYSTS = "/dashboards/permissions/analystsdashboard/"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(MEMBERS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_deferred_components_are_protected_too(client, member):
    url = MEMBERS + "@component/report/"
    assert client.get(url).status_code == 302
    client.force_login(member)
    assert b"Deferred components are protected too." in client.get(url).content


def test_members_see_the_members_dashboard(client, member):
    client.force_login(member)
    assert b"Hello member." in client.get(MEMBERS).content


def test_non_staff_get_403_from_the_staff_dashboard(client, member):
    client.force_login(member)
    assert client.get(STAFF).status_code == 403


def test_staff_see_the_staff_dashboard(client, staff_user):
    client.force_login(staff_user)
    assert b"Only staff can read this." in client.get(STAFF).content


def test_custom_permission_refuses_users_outside_the_group(client, member):
    client.force_login(member)
    response = client.get(ANALYSTS)
    assert response.status_code == 403


def test_custom_permission_admits_the_group(client, member):
    member.groups.add(Group.objects.create(name="analysts"))
    client.force_login(member)
    assert b"Figures for the analysts group." in client.get(ANALYSTS).content


def test_login_page_renders_and_logs_in(client, member):
    assert client.get("/accounts/login/").status_code == 200
    response = client.post(
        "/accounts/login/", {"username": "member", "password": "pw", "next": MEMBERS}
    )
    assert response["Location"] == MEMBERS
