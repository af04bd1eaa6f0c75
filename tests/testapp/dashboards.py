"""Dashboards used by the library's tests; autodiscovered like a user's app."""

import asyncio

from django import forms

from dashboards.component import Form, Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.forms import DashboardForm
from dashboards.permissions import BasePermission, IsAdminUser, IsAuthenticated
from dashboards.registry import registry


class ParentDashboard(Dashboard):
    first = Text(value="first")
    second = Text(defer=lambda **kwargs: "second, deferred")
    third = Text(value="third")

    class Meta:
        abstract = True


class ChildOneDashboard(ParentDashboard):
    third = Text(value="third, overridden")
    fourth = Stat(value=StatData(text="4"))


class ChildTwoDashboard(ParentDashboard):
    pass


class StaffExtrasDashboard(Dashboard):
    """A dynamic dashboard: staff get an extra component built in ``__init__``."""

    everyone = Text(value="for everyone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = kwargs.get("request")
        if request is not None and request.user.is_staff:
            self.components["secret"] = Text(value="staff secret")


class ValueMethodDashboard(Dashboard):
    greeting = Text()
    later = Text()

    def get_greeting_value(self, request, **kwargs):
        return f"method value for {request.path if request else 'no request'}"

    def get_later_defer(self, **kwargs):
        return "method defer"


class FailingDashboard(Dashboard):
    ok = Text(value="still here")
    broken = Text(value=lambda **kwargs: 1 / 0)
    slow = Text(value=lambda **kwargs: asyncio.sleep(10), timeout=0.05)
    broken_deferred = Text(defer=lambda **kwargs: 1 / 0)
    not_json = Text(value=object())


class MembersOnlyDashboard(Dashboard):
    secret = Text(value="members only")
    deferred_secret = Text(defer=lambda **kwargs: "deferred members only")

    class Meta:
        permission_classes = [IsAuthenticated]


class StaffOnlyDashboard(Dashboard):
    secret = Text(value="staff only")

    class Meta:
        permission_classes = [IsAdminUser]


class NameForm(DashboardForm):
    name = forms.CharField(max_length=20)
    secret = forms.CharField(widget=forms.HiddenInput, required=False, initial="hidden-value")

    def clean_name(self):
        if self.cleaned_data["name"] == "bad":
            raise forms.ValidationError("Not that name.")
        return self.cleaned_data["name"]

    def save(self):
        SAVED.append(self.cleaned_data["name"])


SAVED: list[str] = []


class QuietDenial(BasePermission):
    """Denies everyone, and its handler returns False instead of a response."""

    def handle_no_permission(self, request, dashboard):
        return False


class QuietlyDeniedDashboard(Dashboard):
    hidden = Text(value="never shown")

    class Meta:
        permission_classes = [QuietDenial]


class OwnUserOnly(IsAuthenticated):
    """Logged-in users, each on their own user's dashboard only."""

    def has_object_permission(self, request, dashboard, obj):
        return obj == request.user


class NotYourUserDashboard(ModelDashboard):
    """Per-object permission: only the user themself may see their dashboard."""

    username = Text(value=lambda object, **kwargs: object.get_username())

    class Meta:
        from django.contrib.auth.models import User

        model = User
        lookup_field = "username"
        permission_classes = [OwnUserOnly]


class UserDashboard(ModelDashboard):
    username = Text(value=lambda object, **kwargs: object.get_username())
    rename = Form(form=NameForm, method="post", trigger="submit", dependents=["username"])
    deferred_username = Text(defer=lambda object, **kwargs: f"deferred {object.get_username()}")

    class Meta:
        from django.contrib.auth.models import User

        model = User
        lookup_field = "username"
        lookup_kwarg = "username"


for dashboard in (
    ChildOneDashboard,
    ChildTwoDashboard,
    StaffExtrasDashboard,
    ValueMethodDashboard,
    FailingDashboard,
    MembersOnlyDashboard,
    StaffOnlyDashboard,
    QuietlyDeniedDashboard,
    NotYourUserDashboard,
    UserDashboard,
):
    registry.register(dashboard)


class FormsTestDashboard(Dashboard):
    filter = Form(form=NameForm, dependents=["echo"])
    action = Form(form=NameForm, method="post", trigger="submit", dependents=["echo"])
    echo = Text(value=lambda filters, **kwargs: f"echo:{filters.get('name', '')}")
    staff_only = Text(value="for staff", permission_classes=[IsAdminUser])
    deferred_staff_only = Text(
        defer=lambda **kwargs: "deferred staff", permission_classes=[IsAdminUser]
    )


registry.register(FormsTestDashboard)


CALLS: list[str] = []


def counted_value(**kwargs):
    CALLS.append("counted")
    return "counted"


class CountedDashboard(Dashboard):
    counted = Text(value=counted_value)


registry.register(CountedDashboard)


async def awaited_value(**kwargs):
    await asyncio.sleep(0)
    return "awaited"


class AsyncValuesDashboard(Dashboard):
    one = Text(value=awaited_value)
    two = Text(value=awaited_value)
    three = Text(value=awaited_value)
    literal = Text(value="literal")


registry.register(AsyncValuesDashboard)


# Streamed pages (Meta.stream): values that resolve late, fail, or never finish.

STREAM_PROBE: dict[str, int] = {"started": 0, "finished": 0, "cancelled": 0}


async def slow_value(**kwargs):
    await asyncio.sleep(0.3)
    return "slow value"


async def quick_value(**kwargs):
    await asyncio.sleep(0.02)
    return "quick value"


async def failing_value(**kwargs):
    await asyncio.sleep(0.01)
    raise RuntimeError("the backend is down")


async def hanging_value(**kwargs):
    STREAM_PROBE["started"] += 1
    try:
        await asyncio.sleep(30)
    except asyncio.CancelledError:
        STREAM_PROBE["cancelled"] += 1
        raise
    STREAM_PROBE["finished"] += 1
    return "never shown"


class StreamedDashboard(Dashboard):
    ready = Text(value="ready at once")
    slow = Text(value=slow_value)
    quick = Text(value=quick_value)
    failing = Text(value=failing_value)

    class Meta:
        stream = True


class StreamedSyncDashboard(Dashboard):
    ready = Text(value="ready at once")
    computed = Text(value=lambda **kwargs: "computed on the request's thread")

    class Meta:
        stream = True


class StreamedLiteralsDashboard(Dashboard):
    ready = Text(value="ready at once")

    class Meta:
        stream = True


class StreamedHangingDashboard(Dashboard):
    ready = Text(value="ready at once")
    hanging = Text(value=hanging_value, timeout=60)

    class Meta:
        stream = True


class UnstreamedSlowDashboard(Dashboard):
    quick = Text(value=quick_value)


registry.register(StreamedDashboard)
registry.register(StreamedSyncDashboard)
registry.register(StreamedLiteralsDashboard)
registry.register(StreamedHangingDashboard)
registry.register(UnstreamedSlowDashboard)
