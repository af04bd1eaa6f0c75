"""The ``Form`` component: a filter form (GET) or an action form (POST) that refreshes its dependents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.forms import Media
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse

from dashboards.component.base import Component
from dashboards.exceptions import DashboardError
from dashboards.inputs import Inputs
from dashboards.resolver import Placement

if TYPE_CHECKING:
    from dashboards.forms import DashboardForm

__all__ = [
    "Form",
    "FormData",
]


@dataclass
class FormData:
    """The value of a ``Form`` component: where it submits, the form, the method, the dependents."""

    action: str
    form: Any
    method: str
    dependents: list[str] | None = None
    #: True when this render follows a successful POST.
    saved: bool = False

    def __getitem__(self, key: str) -> Any:
        """Read a field by key (``value["form"]``), as django-dashboards' dict value allowed."""
        if key not in self.__dataclass_fields__:
            raise KeyError(key)
        return getattr(self, key)


@dataclass(repr=False, eq=False)
class Form(Component):
    """A form; ``dependents`` are re-rendered with its data whenever it changes or is submitted."""

    template_name: str | None = "dashboards/components/form/form.html"
    form: type[DashboardForm] | None = None
    method: Literal["get", "post"] = "get"
    trigger: Literal["change", "submit"] | str = "change"
    submit_url: str | None = None
    #: The message shown after a successful POST.
    success_message: str = field(default="Saved.")

    css_string_key = "form"
    prepares_on_thread = True

    def get_submit_url(self) -> str:
        """The URL the form submits to: ``submit_url``, else its ``@form`` route."""
        if self.dashboard is None:
            raise DashboardError(f"Form {self.key!r} is not bound to a dashboard.")
        if self.submit_url:
            return self.submit_url
        return reverse("dashboards:form_component", args=self.get_reverse_args())

    def get_form(self, request: HttpRequest | None = None) -> DashboardForm:
        """The form: bound to POST data for a POST, to GET data naming its fields, else unbound."""
        if self.form is None:
            raise NotImplementedError(f"Form component {self.key!r} has no form class.")
        auto_id = f"id_{self.key}_%s"  # unique ids when several forms share field names
        if request is not None and request.method == "POST":
            return self.form(data=request.POST, files=request.FILES, auto_id=auto_id)
        if request is not None and set(request.GET).intersection(self.form.base_fields):
            return self.form(data=request.GET, auto_id=auto_id)
        return self.form(auto_id=auto_id)

    def make_value(self, form: DashboardForm, saved: bool = False) -> FormData:
        """The component's value for a form instance."""
        return FormData(
            action=self.get_submit_url(),
            form=form,
            method=self.method,
            dependents=self.dependents,
            saved=saved,
        )

    def prepare_value(self, value: Any) -> Any:
        """Keep ``FormData`` as it is: it holds a live form, not plain data."""
        return value

    def get_placement(self, call_deferred: bool = False) -> Placement:
        """Building a form is sync code (it may query its choices): the request's thread."""
        return Placement.THREAD

    def compute_value(self, inputs: Inputs, call_deferred: bool) -> FormData:
        """The form for this request: the submitted one after a POST, else a new one."""
        submitted = inputs.submitted.get(self.key)  # type: ignore[arg-type]
        if submitted is not None:
            return submitted  # type: ignore[no-any-return]
        return self.make_value(self.get_form(inputs.request))

    def to_json(self, value: FormData) -> dict[str, Any]:
        """A JSON-ready description of the form: fields, errors, action, method, dependents."""
        form = value.form
        return {
            "action": value.action,
            "method": value.method,
            "dependents": value.dependents or [],
            "form": form.asdict() if hasattr(form, "asdict") else [],
            "errors": form.errors.get_json_data() if form.is_bound else {},
        }

    def get_value_context(self, request: HttpRequest | None, value: Any) -> dict[str, Any]:
        """Add the CSRF token, so a POST form works without htmx too."""
        context = super().get_value_context(request, value)
        if request is not None:
            context["csrf_token"] = get_token(request)
        return context

    def get_media(self) -> Media:
        """The component's media plus the form's widgets' media."""
        media = super().get_media()
        return media + self.form().media if self.form is not None else media
