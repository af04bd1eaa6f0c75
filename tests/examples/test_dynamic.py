"""The dynamic example: components built per request, and per-component permissions."""

from datetime import date

import pytest

from examples.shop import demo

pytestmark = pytest.mark.django_db

CATEGORIES = "/dashboards/dynamic/categoriesdashboard/"
MIXED = "/dashboards/dynamic/mixedaudiencedashboard/"


def test_one_card_per_category(client):
    demo.load(end=date(2026, 6, 30))
    content = client.get(CATEGORIES).content.decode()
    for name in ("Books", "Games", "Music", "Tools"):
        assert f"{name}: 3 products" in content


def test_staff_card_never_reaches_a_later_anonymous_request(client, staff_user):
    client.force_login(staff_user)
    assert b"Staff see this extra card." in client.get(CATEGORIES).content
    client.logout()
    assert b"Staff see this extra card." not in client.get(CATEGORIES).content


def test_per_component_permission_hides_the_component(client, member):
    client.force_login(member)
    content = client.get(MIXED).content.decode()
    assert "Everyone sees this." in content
    assert "Only staff see this." not in content
    assert client.get(MIXED + "@component/staff_only/").status_code == 403


def test_per_component_permission_shows_it_to_staff(client, staff_user):
    client.force_login(staff_user)
    assert b"Only staff see this." in client.get(MIXED).content
