"""Tests of dashboards.permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.test import RequestFactory, override_settings

from dashboards.permissions import AllowAny, BasePermission, IsAdminUser, IsAuthenticated
from tests.testapp.dashboards import ChildOneDashboard

rf = RequestFactory()


def request_for(user, path="/somewhere/?a=1"):
    request = rf.get(path)
    request.user = user
    return request


def test_base_permission_denies_and_allows_objects():
    request = request_for(AnonymousUser())
    assert BasePermission().has_permission(request, ChildOneDashboard) is False
    assert BasePermission().has_object_permission(request, ChildOneDashboard, object()) is True


def test_allow_any_allows_anonymous_users():
    assert AllowAny().has_permission(request_for(AnonymousUser()), ChildOneDashboard)


@pytest.mark.django_db
def test_is_authenticated(member):
    assert IsAuthenticated().has_permission(request_for(member), ChildOneDashboard)
    assert not IsAuthenticated().has_permission(request_for(AnonymousUser()), ChildOneDashboard)


@pytest.mark.django_db
def test_is_admin_user_needs_staff(member, staff_user):
    assert IsAdminUser().has_permission(request_for(staff_user), ChildOneDashboard)
    assert not IsAdminUser().has_permission(request_for(member), ChildOneDashboard)


def test_anonymous_users_are_redirected_to_login_with_next():
    response = BasePermission().handle_no_permission(
        request_for(AnonymousUser()), ChildOneDashboard
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/somewhere/%3Fa%3D1"


@override_settings(LOGIN_URL="https://login.example.org/")
def test_login_on_another_host_gets_the_absolute_next_url():
    response = BasePermission().handle_no_permission(
        request_for(AnonymousUser()), ChildOneDashboard
    )
    assert response["Location"].startswith("https://login.example.org/?next=http%3A//testserver/")


@pytest.mark.django_db
def test_logged_in_users_get_permission_denied_with_the_message(member):
    permission = BasePermission()
    permission.permission_denied_message = "Not for you"
    with pytest.raises(PermissionDenied, match="Not for you"):
        permission.handle_no_permission(request_for(member), ChildOneDashboard)


def test_raise_exception_denies_anonymous_users_too():
    permission = BasePermission()
    permission.raise_exception = True
    with pytest.raises(PermissionDenied):
        permission.handle_no_permission(request_for(AnonymousUser()), ChildOneDashboard)


@override_settings(LOGIN_URL="")
def test_missing_login_url_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="login_url"):
        BasePermission().get_login_url()


def test_permissions_compare_and_print_by_class_name():
    assert AllowAny() == AllowAny()
    assert AllowAny() != IsAdminUser()
    assert repr(IsAdminUser()) == "IsAdminUser"
    assert len({AllowAny(), AllowAny()}) == 1
