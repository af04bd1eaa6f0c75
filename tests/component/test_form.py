"""Tests of dashboards.component.form: binding, submit URL, JSON, rendering."""

import pytest
from django.test import RequestFactory

from dashboards.component import Form
from dashboards.exceptions import DashboardError
from tests.testapp.dashboards import FormsTestDashboard, NameForm

rf = RequestFactory()


def form_component(key="filter"):
    return FormsTestDashboard().get_component(key)


def test_form_is_unbound_without_data():
    assert not form_component().get_form(rf.get("/")).is_bound


def test_form_binds_to_get_data_that_names_its_fields():
    assert form_component().get_form(rf.get("/", {"name": "x"})).is_bound


def test_form_ignores_get_data_for_other_fields():
    assert not form_component().get_form(rf.get("/", {"status": "paid"})).is_bound


def test_form_binds_to_post_data():
    assert form_component().get_form(rf.post("/", {"name": "x"})).data["name"] == "x"


def test_form_ids_are_prefixed_with_the_component_key():
    assert form_component("action").get_form()["name"].id_for_label == "id_action_name"


def test_form_without_a_form_class_is_an_error():
    component = form_component()
    component.form = None
    with pytest.raises(NotImplementedError):
        component.get_form()


def test_submit_url_is_the_form_route():
    assert (
        form_component().get_submit_url() == "/dashboards/testapp/formstestdashboard/filter/@form/"
    )


def test_submit_url_can_be_overridden():
    component = form_component()
    component.submit_url = "/elsewhere/"
    assert component.get_submit_url() == "/elsewhere/"


def test_unbound_form_component_has_no_submit_url():
    with pytest.raises(DashboardError):
        Form(form=NameForm).get_submit_url()


def test_value_holds_action_form_method_and_dependents():
    value = form_component().get_value(request=rf.get("/"))
    assert value.action.endswith("/filter/@form/")
    assert isinstance(value.form, NameForm)
    assert (value.method, value.dependents, value.saved) == ("get", ["echo"], False)


def test_value_can_be_read_by_key():
    value = form_component().get_value(request=rf.get("/"))
    assert value["form"] is value.form
    assert (value["method"], value["dependents"], value["action"]) == (
        "get",
        ["echo"],
        value.action,
    )
    with pytest.raises(KeyError):
        value["unknown"]


async def test_aget_value_builds_the_form_off_the_event_loop():
    value = await form_component().aget_value(request=rf.get("/"))
    assert isinstance(value.form, NameForm)


def test_json_describes_fields_and_errors():
    component = form_component()
    data = component.to_json(component.get_value(request=rf.get("/", {"name": "bad"})))
    assert data["errors"] == {"name": [{"message": "Not that name.", "code": ""}]}
    assert [field["name"] for field in data["form"]] == ["name", "secret"]


def test_rendered_form_has_its_hidden_fields():
    html = form_component().render({"request": rf.get("/")})
    assert 'type="hidden" name="secret" value="hidden-value"' in html


def test_rendered_form_has_errors_and_htmx_target():
    component = form_component()
    html = component.render({"request": rf.get("/", {"name": "bad"})})
    assert "Not that name." in html
    assert f'hx-target="#component-{component.template_id}-inner"' in html
    assert 'hx-trigger="change, submit"' in html


def test_post_form_renders_a_csrf_token_and_a_submit_button():
    html = form_component("action").render({"request": rf.get("/")})
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'hx-post="/dashboards/testapp/formstestdashboard/action/@form/"' in html
    assert '<button type="submit" class="btn">Submit</button>' in html


def test_string_css_classes_name_the_form_class():
    from tests.component.test_base import bound

    assert bound(Form(form=NameForm, css_classes="filters")).css_classes["form"] == "filters"


def test_form_media_joins_the_component_media():

    class WithMedia(NameForm):
        class Media:
            js = ["widget.js"]

    assert "widget.js" in str(Form(form=WithMedia).get_media())
