"""Dashboards outside the generated URLs: a custom route, a template view, a custom component view."""

from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from dashboards.views import ComponentView
from examples.custom_views.dashboards import ReportDashboard


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


# sync-component-view-start
class PlainComponentView(ComponentView):
    """A custom component view with a plain ``def get``: the dashboard's permissions still apply."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        value = self.component.get_value(request=request, call_deferred=True)
        return HttpResponse(f"<p class='custom-view'>{value.upper()}</p>")

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return self.get(request, *args, **kwargs)


# sync-component-view-end
