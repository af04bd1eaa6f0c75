"""Tests of dashboards.dashboard: collection, per-request copies, rendering, permissions."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from dashboards.component import Text
from dashboards.component.layout import Card, ComponentLayout
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.exceptions import ComponentNotFoundError
from dashboards.permissions import AllowAny, IsAuthenticated
from tests.testapp.dashboards import (
    ChildOneDashboard,
    ChildTwoDashboard,
    ParentDashboard,
    StaffExtrasDashboard,
    UserDashboard,
    ValueMethodDashboard,
)

rf = RequestFactory()


def anonymous_request(path="/"):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get(path)
    request.user = AnonymousUser()
    return request


def test_components_are_collected_in_declaration_order_with_parents_first():
    assert list(ChildOneDashboard.components) == ["first", "second", "third", "fourth"]


def test_overridden_component_keeps_the_parents_position_and_the_childs_value():
    assert ChildOneDashboard.components["third"].value == "third, overridden"
    assert ParentDashboard.components["third"].value == "third"


def test_each_instance_holds_its_own_copies_of_the_components():
    one, two = ChildOneDashboard(), ChildOneDashboard()
    assert one.components["first"] is not two.components["first"]
    assert one.components["first"] is not ChildOneDashboard.components["first"]


def test_binding_never_changes_the_declared_component():
    declared = ChildOneDashboard.components["first"]
    ChildOneDashboard().get_components()
    assert declared.dashboard is None
    assert declared.key is None


def test_dashboards_sharing_a_parent_get_their_own_component_urls():
    one = ChildOneDashboard().components["first"].get_absolute_url()
    two = ChildTwoDashboard().components["first"].get_absolute_url()
    assert one == "/dashboards/testapp/childonedashboard/@component/first/"
    assert two == "/dashboards/testapp/childtwodashboard/@component/first/"


def test_component_added_in_init_for_staff_exists_for_that_instance_only(staff_user):
    staff_request = rf.get("/")
    staff_request.user = staff_user
    assert "secret" in StaffExtrasDashboard(request=staff_request).components
    later = StaffExtrasDashboard(request=anonymous_request())
    assert "secret" not in later.components
    assert "secret" not in StaffExtrasDashboard.components


def test_component_added_after_init_is_bound_when_components_are_read():
    dashboard = ChildOneDashboard()
    shared = Text(value="added later")
    dashboard.components["extra"] = shared
    bound = dashboard.get_component("extra")
    assert bound is not shared
    assert bound.key == "extra"
    assert shared.key is None


def test_get_key_value_method_becomes_the_value_of_that_instance():
    dashboard = ValueMethodDashboard()
    greeting = dashboard.components["greeting"]
    assert greeting.get_value(request=rf.get("/here/")) == "method value for /here/"
    assert ValueMethodDashboard.components["greeting"].value is None


def test_get_key_defer_method_makes_the_component_deferred():
    later = ValueMethodDashboard().components["later"]
    assert later.is_deferred
    assert later.get_value(call_deferred=True) == "method defer"


def test_subclass_without_layout_gets_its_own_layout_class():
    assert ChildOneDashboard.Layout is not Dashboard.Layout
    assert ChildOneDashboard.Layout is not ChildTwoDashboard.Layout


def test_layout_is_copied_for_each_instance():
    class WithLayout(Dashboard):
        first = Text(value="a")

        class Meta:
            app_label = "testapp"

        class Layout(Dashboard.Layout):
            components = ComponentLayout(Card("first", heading="Heading"))

    dashboard = WithLayout()
    assert dashboard.get_layout() is not WithLayout.Layout.components
    assert dashboard.get_layout() is dashboard.get_layout()


def test_layout_set_in_init_is_used_for_that_instance_only():
    class Switching(Dashboard):
        first = Text(value="a")
        second = Text(value="b")

        class Meta:
            app_label = "testapp"

        def __init__(self, *args, swap=False, **kwargs):
            super().__init__(*args, **kwargs)
            if swap:
                self.layout = ComponentLayout(Card("second"))

    assert '">a</div>' not in Switching(swap=True).render()
    assert '">a</div>' in Switching().render()


def test_meta_name_defaults_to_the_class_name_and_is_not_inherited():
    class Named(Dashboard):
        class Meta:
            app_label = "testapp"
            name = "A name"

    class Unnamed(Named):
        pass

    assert Named._meta.name == "A name"
    assert Unnamed._meta.name == "Unnamed"
    assert Unnamed._meta.app_label == "testapp"


def test_include_in_menu_follows_abstract():
    assert ChildOneDashboard._meta.include_in_menu is True
    assert ParentDashboard._meta.include_in_menu is False


def test_app_label_comes_from_the_containing_app():
    assert ChildOneDashboard._meta.app_label == "testapp"


def test_explicit_meta_app_label_wins_over_the_containing_app():
    class Relabelled(Dashboard):
        class Meta:
            app_label = "elsewhere"

    assert Relabelled._meta.app_label == "elsewhere"


def test_dashboard_outside_an_app_without_app_label_is_a_clear_error():
    namespace = {"__module__": "not_an_app.dashboards"}
    with pytest.raises(ImproperlyConfigured, match=r"Meta\.app_label"):
        type("Homeless", (Dashboard,), namespace)


def test_slug_and_urls_follow_app_label_and_class_name():
    assert ChildOneDashboard.get_slug() == "testapp_childonedashboard"
    assert ChildOneDashboard.get_absolute_url() == "/dashboards/testapp/childonedashboard/"
    assert str(ChildOneDashboard()) == "ChildOneDashboard"


@pytest.mark.django_db
def test_render_resolves_values_and_shows_placeholders_for_deferred_components():
    html = ChildOneDashboard().render(request=anonymous_request())
    assert "third, overridden" in html
    assert 'hx-get="/dashboards/testapp/childonedashboard/@component/second/"' in html
    assert "second, deferred" not in html


def test_render_with_a_template_name_uses_that_template(tmp_path, settings):
    (tmp_path / "custom.html").write_text("custom: {{ dashboard.components.first }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    html = ChildOneDashboard().render(request=anonymous_request(), template_name="custom.html")
    assert html.startswith("custom: ")
    assert "first" in html


async def test_arender_resolves_values_from_async_code():
    html = await ChildOneDashboard().arender(request=None)
    assert "third, overridden" in html


def test_media_combines_the_dashboard_and_its_components():
    media = str(ChildOneDashboard().get_media())
    assert "dashboards/css/dashboards.css" in media
    assert "dashboards/js/dashboard.js" in media


def test_get_context_returns_its_keyword_arguments():
    assert ChildOneDashboard().get_context(a=1) == {"a": 1}


def test_unknown_dependents_are_skipped_with_a_warning(caplog):
    class WithDependents(Dashboard):
        source = Text(value="s", dependents=["target", "missing"])
        target = Text(value="t")

        class Meta:
            app_label = "testapp"

    source = WithDependents().get_component("source")
    assert [c.key for c in source.dependent_components] == ["target"]
    assert "missing" in caplog.text


def test_default_permission_classes_come_from_the_setting():
    assert ChildOneDashboard.get_dashboard_permissions() == [AllowAny()]


@override_settings(DASHBOARDS_DEFAULT_PERMISSION_CLASSES=["dashboards.permissions.IsAuthenticated"])
def test_default_permission_setting_is_read_at_check_time():
    assert ChildOneDashboard.get_dashboard_permissions() == [IsAuthenticated()]


@override_settings(DASHBOARDS_DEFAULT_PERMISSION_CLASSES=["no.such.Permission"])
def test_unimportable_default_permission_fails_closed():
    with pytest.raises(ImproperlyConfigured, match=r"no\.such\.Permission"):
        ChildOneDashboard.get_dashboard_permissions()


def test_has_permissions_without_handle_returns_false():
    from tests.testapp.dashboards import MembersOnlyDashboard

    assert MembersOnlyDashboard.has_permissions(anonymous_request(), handle=False) is False


@pytest.mark.django_db
def test_model_dashboard_finds_its_object_by_lookup_field(member):
    dashboard = UserDashboard(username="member")
    assert dashboard.object == member
    assert dashboard.get_absolute_url() == "/dashboards/testapp/userdashboard/member/"


@pytest.mark.django_db
def test_model_dashboard_get_object_raises_does_not_exist_for_a_missing_object():
    from django.contrib.auth.models import User

    with pytest.raises(User.DoesNotExist):
        UserDashboard(username="nobody")


@pytest.mark.django_db
def test_model_dashboard_get_object_raises_does_not_exist_for_an_invalid_lookup():
    from django.contrib.auth.models import User

    class ByPk(ModelDashboard):
        name = Text(value="x")

        class Meta:
            app_label = "testapp"
            model = User

    with pytest.raises(User.DoesNotExist):
        ByPk(lookup="not-a-number")


def test_model_dashboard_without_lookup_is_an_error():
    with pytest.raises(AttributeError, match="username not in kwargs"):
        UserDashboard()


def test_model_dashboard_without_model_is_a_clear_error():
    class NoModel(ModelDashboard):
        class Meta:
            app_label = "testapp"

    with pytest.raises(ImproperlyConfigured, match=r"Meta\.model"):
        NoModel(lookup="1")


def test_get_component_of_an_unknown_key_raises_component_not_found():
    with pytest.raises(ComponentNotFoundError, match="no component 'nope'"):
        ChildOneDashboard().get_component("nope")


def test_component_not_found_is_a_key_error():
    with pytest.raises(KeyError):
        ChildOneDashboard().get_component("nope")


class GuardedInInit(Dashboard):
    open = Text(value="open")
    later_guarded = Text(value="guarded in __init__")

    class Meta:
        app_label = "testapp"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.components["later_guarded"].permission_classes = [IsAuthenticated]
        self.components["added"] = Text(value="added", permission_classes=[IsAuthenticated])


def test_permissions_given_to_components_in_init_are_enforced():
    dashboard = GuardedInInit(request=anonymous_request())
    forbidden = dashboard.remove_forbidden_components(dashboard.request)
    assert set(forbidden) == {"later_guarded", "added"}
    assert list(dashboard.get_components_dict()) == ["open"]


def test_components_are_bound_when_first_read():
    dashboard = ChildOneDashboard()
    assert dashboard.components.bound() == {}
    first = dashboard.components["first"]
    assert list(dashboard.components.bound()) == ["first"]
    assert first is not ChildOneDashboard.components["first"]
