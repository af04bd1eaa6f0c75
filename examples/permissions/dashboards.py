"""Who may see a dashboard: built-in permission classes and a custom one."""

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.permissions import BasePermission, IsAdminUser, IsAuthenticated
from dashboards.registry import registry


# members-start
class MembersDashboard(Dashboard):
    """Logged-in users only; anonymous visitors are sent to the login page."""

    welcome = Text(value=lambda request, **kwargs: f"Hello {request.user.get_username()}.")
    report = Text(defer=lambda **kwargs: "Deferred components are protected too.")

    class Meta:
        name = "Members only"
        permission_classes = [IsAuthenticated]


# members-end


# staff-start
class StaffDashboard(Dashboard):
    """Staff only: a logged-in user who is not staff gets 403 Forbidden."""

    notice = Text(value="Only staff can read this.")

    class Meta:
        name = "Staff only"
        permission_classes = [IsAdminUser]


# staff-end


# custom-permission-start
class InGroup(BasePermission):
    """Allow members of the group named by ``group_name``."""

    group_name = "analysts"
    permission_denied_message = "Only analysts may see this dashboard."

    def has_permission(self, request, dashboard) -> bool:
        user = request.user
        return user.is_authenticated and user.groups.filter(name=self.group_name).exists()


class AnalystsDashboard(Dashboard):
    figures = Text(value="Figures for the analysts group.")

    class Meta:
        name = "Analysts only"
        permission_classes = [InGroup]


# custom-permission-end


registry.register(MembersDashboard)
registry.register(StaffDashboard)
registry.register(AnalystsDashboard)
