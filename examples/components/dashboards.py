"""Text and Stat components, value vs defer, value callables, get_<key>_value, polling, CTA."""

# imports-start
from django.urls import reverse_lazy
from django.utils import timezone

from dashboards.component import CTA, Stat, Text
from dashboards.component.text import StatData
from dashboards.dashboard import Dashboard
from dashboards.registry import registry

# imports-end


# value-callable-start
def greet(request, **kwargs) -> str:
    """A value callable: it receives ``request``, ``object`` and ``filters`` as keyword arguments."""
    name = request.user.get_username() if request.user.is_authenticated else "visitor"
    return f"Hello, {name}!"


def search_echo(filters, **kwargs) -> str:
    """``filters`` holds the query string: open the page with ``?q=hello`` to see it here."""
    return f"You searched for {filters['q']!r}." if filters.get("q") else "No search yet."


# value-callable-end


# components-dashboard-start
class ComponentsDashboard(Dashboard):
    # A literal value, rendered with the page; text is escaped.
    literal = Text(value="<b>Escaped:</b> text is never trusted as HTML.")
    # mark_safe=True renders HTML you trust.
    trusted = Text(value="<b>Bold</b>, because mark_safe=True.", mark_safe=True)
    # A callable value, called with request, object and filters.
    greeting = Text(value=greet)
    search = Text(value=search_echo)
    # defer: the page shows a placeholder; htmx fetches the value when it scrolls into view.
    deferred = Text(defer=lambda **kwargs: "Loaded after the page, by htmx.")
    # A Stat with a change shown as an up or down arrow.
    revenue = Stat(value=StatData(text="€12,400", change_by=8.5, sub_text="since last week"))
    refunds = Stat(value=StatData(text="€310", change_by=-2.1, sub_text="since last week"))
    # poll_rate: re-fetch every 5 seconds.
    clock = Text(value=lambda **kwargs: f"{timezone.now():%H:%M:%S} UTC", poll_rate=5)
    # cta: the whole component links somewhere.
    home = Text(value="Back to all examples", cta=CTA(href=reverse_lazy("index")))
    # A get_<key>_value method on the dashboard supplies the value.
    visits = Stat()

    def get_visits_value(self, request, **kwargs) -> StatData:
        request.session["visits"] = request.session.get("visits", 0) + 1
        return StatData(text=str(request.session["visits"]), sub_text="visits this session")

    class Meta:
        name = "Components"


# components-dashboard-end


registry.register(ComponentsDashboard)
