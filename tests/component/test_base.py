"""Tests of dashboards.component.base: values, URLs, CSS classes, CTA, rendering."""

import dataclasses
import enum

import pytest
from django.test import RequestFactory, override_settings

from dashboards.component import CTA, Component, Stat, Text
from dashboards.component.base import call_kwargs, value_render_encoder
from dashboards.dashboard import Dashboard
from dashboards.exceptions import DashboardError
from tests.testapp.dashboards import ChildOneDashboard

rf = RequestFactory()


def bound(component, key="c"):
    """The component as bound to a throwaway dashboard."""
    namespace = {key: component, "Meta": type("Meta", (), {"app_label": "testapp"})}
    return type("BaseDashboard", (Dashboard,), namespace)().get_component(key)


def test_literal_value_is_returned_as_is():
    assert Text(value="hi").get_value() == "hi"


def test_callable_value_receives_request_object_and_filters():
    seen = {}

    def value(**kwargs):
        seen.update(kwargs)
        return "ok"

    request = rf.get("/", {"a": "1"})
    Text(value=value).get_value(request=request)
    assert seen == {"request": request, "object": None, "filters": {"a": "1"}}


def test_callable_may_accept_only_the_arguments_it_needs():
    assert Text(value=lambda filters: filters).get_value(filters={"x": "y"}) == {"x": "y"}
    assert Text(value=lambda: "no arguments").get_value() == "no arguments"


def test_call_kwargs_passes_everything_to_var_keyword_callables():
    assert call_kwargs(lambda **kw: kw, {"a": 1}) == {"a": 1}


def test_post_filters_come_from_the_post_data():
    assert Component.get_filters(rf.post("/", {"b": "2"})) == {"b": "2"}
    assert Component.get_filters(None) == {}


def test_async_callable_value_works_from_sync_code():
    async def value(**kwargs):
        return "async"

    assert Text(value=value).get_value() == "async"


def test_sync_callable_returning_a_coroutine_is_awaited():
    async def inner():
        return "awaited"

    assert Text(value=lambda **kw: inner()).get_value() == "awaited"


async def test_aget_value_awaits_async_and_runs_sync_callables():
    async def value(**kwargs):
        return "async"

    assert await Text(value=value).aget_value() == "async"
    assert await Text(value=lambda **kw: "sync").aget_value() == "sync"
    assert await Text(value="literal").aget_value() == "literal"


def test_deferred_component_returns_value_unless_deferred_call():
    component = Text(defer=lambda **kw: "later")
    assert component.is_deferred
    assert component.get_value() is None
    assert component.get_value(call_deferred=True) == "later"


def test_defer_url_alone_makes_a_component_deferred():
    assert Text(defer_url=lambda reverse_args: "/x/").is_deferred


def test_serializer_class_is_called_through_serialize_without_being_replaced():
    class Serializer:
        @classmethod
        def serialize(cls, **kwargs):
            return "serialized"

    component = Text(value=Serializer)
    assert component.get_value() == "serialized"
    assert component.value is Serializer


def test_dataclass_values_become_dicts_with_enums_and_querysets_converted():
    class Colour(enum.Enum):
        RED = "red"

    @dataclasses.dataclass
    class Value:
        colour: Colour

    assert Text(value=Value(Colour.RED)).get_value() == {"colour": "red"}
    assert value_render_encoder([("a", Colour.RED)]) == {"a": "red"}


def test_unbound_component_has_no_url():
    with pytest.raises(DashboardError, match="not bound"):
        Text(value="x").get_absolute_url()


def test_bound_component_url_and_template_id():
    component = ChildOneDashboard().get_component("first")
    assert component.get_absolute_url() == "/dashboards/testapp/childonedashboard/@component/first/"
    assert component.template_id == "dashboardstestappchildonedashboardcomponentfirst"
    assert component.dashboard_class == "childonedashboard"
    assert component.verbose_name == "first"
    assert component.render_type == "Text"


def test_defer_url_builds_the_component_url():
    component = bound(Text(defer_url=lambda reverse_args: "/custom/" + "/".join(reverse_args)))
    assert component.get_absolute_url() == "/custom/testapp/basedashboard/c"


def test_htmx_triggers():
    component = Text(value="x", poll_rate=5, trigger_on="click")
    assert component.htmx_poll_rate() == "every 5s"
    assert component.htmx_trigger_on() == "click from:body, "
    assert component.get_refresh_trigger() == "click from:body, every 5s"
    assert Text(value="x").get_refresh_trigger() is None


def test_repr_shows_key_and_value():
    assert repr(ChildOneDashboard().get_component("first")) == "first='first'"


def test_grid_css_defaults_to_the_setting_when_bound():
    with override_settings(DASHBOARDS_DEFAULT_GRID_CSS="span-12"):
        assert bound(Text(value="x")).grid_css_classes == "span-12"
    assert bound(Text(value="x", grid_css_classes="span-3")).grid_css_classes == "span-3"


def test_css_defaults_apply_to_subclasses():
    @dataclasses.dataclass(repr=False)
    class MyStat(Stat):
        pass

    assert bound(MyStat(value="1")).css_classes["stat"] == "stat"


def test_css_dict_is_merged_over_the_defaults():
    css = bound(Stat(value="1", css_classes={"stat": "big"})).css_classes
    assert css["stat"] == "big"
    assert css["icon"] == "stat__icon"


@override_settings(DASHBOARDS_COMPONENT_CLASSES={"Stat": {"title": "custom-title"}})
def test_css_defaults_setting_is_read_when_bound():
    css = bound(Stat(value="1")).css_classes
    assert css["title"] == "custom-title"
    assert css["stat"] == "stat"


def test_css_string_is_kept_for_components_without_a_string_key():
    assert bound(Text(value="x", css_classes="lead")).css_classes == "lead"


def test_rendering_a_deferred_component_on_the_page_gives_a_placeholder():
    html = ChildOneDashboard().get_component("second").render({})
    assert 'hx-get="/dashboards/testapp/childonedashboard/@component/second/"' in html
    assert 'hx-trigger="intersect once delay:' in html
    assert "loading.svg" in html


def test_placeholder_trigger_includes_trigger_on_and_poll_rate():
    component = bound(Text(defer=lambda **kw: "x", poll_rate=5, trigger_on="click"))
    assert 'hx-trigger="click from:body, intersect once, every 5s delay:' in component.render({})


def test_polling_component_refreshes_in_place():
    html = bound(Text(value="now", poll_rate=10)).render({})
    assert 'hx-trigger="every 10s"' in html
    assert "now" in html


def test_cta_wraps_the_component_in_a_link():
    html = bound(Text(value="x", cta=CTA(href="/target/"))).render({})
    assert '<a class="dashboard-component-link" href="/target/">' in html


def test_cta_href_may_be_a_callable_of_the_object():
    assert CTA(href=lambda obj: f"/objects/{obj}/").get_href(obj=7) == "/objects/7/"


def test_cta_dashboard_links_to_the_dashboard_page():
    cta = CTA(dashboard="tests.testapp.dashboards.ChildOneDashboard")
    assert str(cta.get_href()) == "/dashboards/testapp/childonedashboard/"


@pytest.mark.django_db
def test_cta_dashboard_with_an_object_links_to_its_detail_page(member):
    cta = CTA(dashboard="tests.testapp.dashboards.UserDashboard")
    assert str(cta.get_href(obj=member)) == "/dashboards/testapp/userdashboard/member/"


def test_str_renders_the_component():
    assert "first" in str(ChildOneDashboard().get_component("first"))


def test_media_of_a_plain_component_is_empty():
    assert str(Text(value="x").get_media()) == ""


def test_serializer_media_is_added_to_the_component_media():
    from django.forms import Media

    class Serializer:
        @classmethod
        def serialize(cls, **kwargs):
            return ""

        def get_media(self):
            return Media(js=["serializer.js"])

    assert "serializer.js" in str(Text(value=Serializer).get_media())


def test_a_serializer_with_a_template_renders_through_it(tmp_path, settings):
    (tmp_path / "serializer.html").write_text("serialized {{ value }} in {{ template_id }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]

    class Serializer:
        template_name = "serializer.html"

        @classmethod
        def serialize(cls, **kwargs):
            return 42

    html = bound(Text(value=Serializer)).render({})
    assert "serialized 42 in dashboardstestappbasedashboardcomponentc" in html


def test_a_template_that_fails_on_the_value_renders_the_error_state(tmp_path, settings, caplog):
    (tmp_path / "broken.html").write_text("{% url 'no-such-route' %}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    html = bound(Text(value="x", template_name="broken.html")).render({})
    assert "This component could not be loaded." in html
    assert "failed to render" in caplog.text


def test_template_id_follows_a_subclass_that_builds_its_own_url():
    class Elsewhere(Text):
        def get_absolute_url(self):
            return "/somewhere/else/"

    assert Elsewhere(value="x").template_id == "somewhereelse"


# -- equality --------------------------------------------------------------------------------


class EqualityDashboard(Dashboard):
    text = Text(value="x", dependents=["form_like"])
    stat = Stat(value="1", css_classes={"stat": "big"})
    method = Text()
    deferred = Text(defer=lambda: "later", grid_css_classes="span-3")
    form_like = Text(value="y", dependents=[])

    class Meta:
        app_label = "testapp"

    def get_method_value(self, **kwargs):
        return "from a method"


def test_request_components_equal_the_declarations():
    dashboard = EqualityDashboard(request=rf.get("/"))
    components = dashboard.get_components()
    assert components == list(EqualityDashboard.components.values())
    assert components == [
        EqualityDashboard.components["text"],
        EqualityDashboard.components["stat"],
        EqualityDashboard.components["method"],
        EqualityDashboard.components["deferred"],
        EqualityDashboard.components["form_like"],
    ]
    # Binding filled these in; equality ignores them.
    assert components[0].key == "text"
    assert components[0].dependent_components == [components[4]]
    assert components[1].css_classes["icon"] == "stat__icon"
    assert components[2].value() == "from a method"
    assert components[3].grid_css_classes == "span-3"
    assert components[4].grid_css_classes == "span-6"


def test_components_with_different_declared_fields_differ():
    assert Text(value="x") == Text(value="x")
    assert Text(value="x") != Text(value="y")
    assert Text(value="x") != Stat(value="x")
    assert Text(value="x", css_classes="a") != Text(value="x", css_classes="b")
    assert Text(value="x", grid_css_classes="span-6") != Text(value="x")
    assert bound(Text(value="x")) == Text(value="x")
    assert bound(Text(value="x")) != Text(value="y")


def test_a_field_changed_after_binding_counts_in_equality():
    component = bound(Text(value="x"))
    component.grid_css_classes = "span-4"
    assert component != Text(value="x")
    assert component == Text(value="x", grid_css_classes="span-4")
    component.value = "y"
    assert component == Text(value="y", grid_css_classes="span-4")


def test_a_rebound_component_still_equals_its_declaration():
    component = bound(Text(value="x", css_classes={"a": "b"}))
    assert component.bind(EqualityDashboard, "other", object()) == Text(
        value="x", css_classes={"a": "b"}
    )


def test_components_stay_unhashable():
    with pytest.raises(TypeError):
        hash(Text(value="x"))
    with pytest.raises(TypeError):
        hash(bound(Text(value="x")))


def test_builtin_components_keep_the_declared_equality():
    import dashboards.component.chart.chart
    import dashboards.component.form
    import dashboards.component.gauge.gauge
    import dashboards.component.map
    import dashboards.component.stat.stat
    import dashboards.component.table.table
    import dashboards.component.text

    modules = [
        dashboards.component.chart.chart,
        dashboards.component.form,
        dashboards.component.gauge.gauge,
        dashboards.component.map,
        dashboards.component.stat.stat,
        dashboards.component.table.table,
        dashboards.component.text,
    ]
    classes = [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Component)
    ]
    assert len(classes) >= 9
    for cls in classes:
        assert cls.__eq__ is Component.__eq__, cls
        assert cls.__hash__ is None, cls
