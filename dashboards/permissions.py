"""Permission classes deciding who may see a dashboard (its page, components and forms)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard

__all__ = ["AllowAny", "BasePermission", "IsAdminUser", "IsAuthenticated", "answers_async"]


class BasePermission:
    """Base class: override ``has_permission`` (and optionally ``has_object_permission``)."""

    login_url: str = ""
    permission_denied_message: str = ""
    raise_exception: bool = False
    redirect_field_name: str = "next"

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """Whether the request may see the dashboard; the base class denies everything."""
        return False

    async def ahas_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """``has_permission`` from async code: in a thread, unless a class answers it natively.

        Override it with an answer that needs no sync code (``request.user`` is already loaded
        by ``await request.auser()``) to let requests be checked on the event loop.
        """
        return await sync_to_async(self.has_permission)(request=request, dashboard=dashboard)

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

    async def ahas_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """Always true, with no thread trip."""
        return True


class IsAuthenticated(BasePermission):
    """Only logged-in users may see the dashboard."""

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for an authenticated user."""
        user = getattr(request, "user", None)
        return bool(user and user.is_authenticated)

    async def ahas_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for an authenticated user, loaded with ``await request.auser()``."""
        user = await _auser(request)
        return bool(user and user.is_authenticated)


class IsAdminUser(BasePermission):
    """Only staff users may see the dashboard."""

    def has_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for a staff user."""
        user = getattr(request, "user", None)
        return bool(user and user.is_staff)

    async def ahas_permission(self, request: HttpRequest, dashboard: type[Dashboard]) -> bool:
        """True for a staff user, loaded with ``await request.auser()``."""
        user = await _auser(request)
        return bool(user and user.is_staff)


async def _auser(request: HttpRequest) -> Any:
    """The request's user from async code: ``await request.auser()`` where auth middleware ran."""
    auser = getattr(request, "auser", None)
    if auser is None:
        return getattr(request, "user", None)
    return await auser()


def answers_async(permission_class: type) -> bool:
    """Whether a permission class answers ``ahas_permission`` itself, with no thread trip.

    True when the class that defines ``ahas_permission`` is the one that defines
    ``has_permission`` or a subclass of it: a subclass that changes only ``has_permission``
    inherits an async answer that would no longer match it.
    """
    mro = permission_class.__mro__
    sync_owner = next((k for k in mro if "has_permission" in k.__dict__), object)
    async_owner = next((k for k in mro if "ahas_permission" in k.__dict__), object)
    return async_owner is not BasePermission and mro.index(async_owner) <= mro.index(sync_owner)
