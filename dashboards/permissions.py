"""Permission classes deciding who may see a dashboard (its page, components and forms)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard


class BasePermission:
    """Base class: override ``has_permission`` (and optionally ``has_object_permission``)."""

    login_url: str = ""
    permission_denied_message: str = ""
    raise_exception: bool = False
    redirect_field_name: str = "next"

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """Whether the request may see the dashboard; the base class denies everything."""
        return False

    def has_object_permission(
        self, request: HttpRequest, dashboard: type[Dashboard], obj: Any
    ) -> bool:
        """Whether the request may see the dashboard of this object; allowed unless overridden."""
        return True

    def get_login_url(self) -> str:
        """The login URL anonymous users are sent to."""
        login_url = self.login_url or settings.LOGIN_URL
        if not login_url:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing login_url; set it or settings.LOGIN_URL."
            )
        return str(login_url)

    def get_permission_denied_message(self) -> str:
        """The message of the ``PermissionDenied`` raised for logged-in users."""
        return self.permission_denied_message

    def get_redirect_field_name(self) -> str:
        """The query parameter that carries the page to return to after login."""
        return self.redirect_field_name

    def handle_no_permission(
        self, request: HttpRequest, dashboard: type[Dashboard]
    ) -> HttpResponse:
        """Redirect anonymous users to the login page; raise ``PermissionDenied`` for the others."""
        user = getattr(request, "user", None)
        if self.raise_exception or (user is not None and user.is_authenticated):
            raise PermissionDenied(self.get_permission_denied_message())
        path = request.build_absolute_uri()
        login_url = resolve_url(self.get_login_url())
        login_scheme, login_netloc = urlsplit(login_url)[:2]
        current_scheme, current_netloc = urlsplit(path)[:2]
        if (not login_scheme or login_scheme == current_scheme) and (
            not login_netloc or login_netloc == current_netloc
        ):
            path = request.get_full_path()
        return redirect_to_login(path, login_url, self.get_redirect_field_name())

    def __repr__(self) -> str:
        return type(self).__name__

    def __eq__(self, other: object) -> bool:
        return type(self).__name__ == type(other).__name__

    def __hash__(self) -> int:
        return hash(type(self).__name__)


class AllowAny(BasePermission):
    """Everyone may see the dashboard."""

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """Always true."""
        return True


class IsAuthenticated(BasePermission):
    """Only logged-in users may see the dashboard."""

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for an authenticated user."""
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated)


class IsAdminUser(BasePermission):
    """Only staff users may see the dashboard."""

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for a staff user."""
        user = getattr(request, "user", None)
        return bool(user and user.is_staff)
