"""Dashboards outside the generated URLs: a custom route, a template view, a custom component view."""

from django.forms import Media
from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from dashboards.views import ComponentView
from examples.custom_views.dashboards import ReportDashboard, TeamDashboard


# template-view-start
class ReportPageView(TemplateView):
    """An ordinary page that shows a dashboard among its own content."""

    template_name = "custom_views/report_page.html"

    def dispatch(self, request, *args, **kwargs):
        allowed = ReportDashboard.has_permissions(request)  # a redirect/403 if refused
        if allowed is not True:
            return allowed
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dashboard"] = ReportDashboard(request=self.request)
        return context


# template-view-end


# several-dashboards-start
class OverviewView(TemplateView):
    """Several dashboards on one page; each checks its own permissions."""

    template_name = "custom_views/overview.html"
    dashboard_classes = [ReportDashboard, TeamDashboard]

    def dispatch(self, request, *args, **kwargs):
        for dashboard_class in self.dashboard_classes:
            allowed = dashboard_class.has_permissions(request)
            if allowed is not True:
                return allowed
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        dashboards = [cls(request=self.request) for cls in self.dashboard_classes]
        # The CSS and JS of every dashboard and component of the page, each file once.
        media = sum((dashboard.get_media() for dashboard in dashboards), Media())
        return super().get_context_data(dashboards=dashboards, media=media, **kwargs)


# several-dashboards-end


# sync-component-view-start
class PlainComponentView(ComponentView):
    """A component view with a plain ``def get``; the permissions still apply."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        value = self.component.get_value(request=request, call_deferred=True)
        return HttpResponse(f"<p class='custom-view'>{value.upper()}</p>")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.get(request, *args, **kwargs)


# sync-component-view-end
