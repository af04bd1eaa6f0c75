"""Tests of dashboards.menus.menu: items, selection, permissions, menus of dashboards."""

import threading
from dataclasses import fields

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.test import RequestFactory
from django.urls import resolve

from dashboards.dashboard import Dashboard
from dashboards.menus.menu import (
    DashboardMenu,
    DashboardMenuItem,
    Menu,
    MenuItem,
    is_current_url,
    make_dashboard_item,
)
from dashboards.registry import registry
from tests.testapp.dashboards import (
    ChildOneDashboard,
    MembersOnlyDashboard,
    NotYourUserDashboard,
    StaffOnlyDashboard,
    UserDashboard,
)

rf = RequestFactory()

CHILD_ONE = "/dashboards/testapp/childonedashboard/"
STATUS_418 = "/async/status/418/"


def make_request(path=CHILD_ONE, user=None, **extra):
    """A GET request for ``path`` as the URL resolver would hand it to a view."""
    request = rf.get(path, **extra)
    request.user = user or AnonymousUser()
    request.resolver_match = resolve(request.path_info)
    return request


# -- MenuItem: fields and basics -------------------------------------------------------------


def test_menu_item_fields_in_the_compatible_order():
    names = [f.name for f in fields(MenuItem)]
    assert names == [
        "title",
        "url",
        "children",
        "check_func",
        "visible",
        "open",
        "selected",
        "parent",
    ]
    item = MenuItem("Home")
    assert (item.url, item.children, item.check_func) == ("", None, None)
    assert (item.visible, item.open, item.selected, item.parent) == (True, False, False, None)


def test_str_is_the_title():
    assert str(MenuItem(title="Home")) == "Home"


def test_repr_and_equality_ignore_the_parent():
    parent = MenuItem(title="Parent")
    child = MenuItem(title="Child", parent=parent)
    assert "parent" not in repr(child)
    assert child == MenuItem(title="Child")


def test_check_uses_check_func_and_keeps_visible_without_one():
    request = make_request()
    assert MenuItem("a", check_func=lambda r: r is request).check(request) is True
    hidden = MenuItem("b", check_func=lambda r: False)
    assert hidden.check(request) is False
    assert hidden.visible is False
    assert MenuItem("c").check(request) is True
    assert MenuItem("d", visible=False).check(request) is False


# -- URLs that do not resolve never raise ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.djangoproject.com/",
        "http://other.example/dashboards/testapp/childonedashboard/",
        "//other.example/dashboards/testapp/childonedashboard/",
        "#",
        "#top",
        "?page=2",
        "",
        "mailto:someone@example.com",
        "/no/such/page/",
        "no-such-relative-page/",
    ],
)
def test_external_fragment_and_unroutable_urls_render_unselected(url):
    rendered = MenuItem(title="Elsewhere", url=url).render(make_request())
    assert rendered.visible is True
    assert rendered.selected is False


def test_unroutable_url_without_a_resolver_match_is_not_selected():
    request = rf.get(CHILD_ONE)
    assert request.resolver_match is None
    assert is_current_url("/no/such/page/", request) is False
    assert is_current_url(CHILD_ONE, request) is True


def test_a_host_not_in_allowed_hosts_makes_absolute_urls_external():
    request = make_request(HTTP_HOST="evil.example")
    assert is_current_url("http://evil.example" + CHILD_ONE, request) is False


# -- selected ---------------------------------------------------------------------------------


def test_item_for_the_current_path_is_selected():
    assert MenuItem("Here", url=CHILD_ONE).render(make_request()).selected is True


def test_absolute_url_on_this_host_is_selected():
    item = MenuItem("Here", url="http://testserver" + CHILD_ONE)
    assert item.render(make_request()).selected is True


def test_query_string_and_fragment_do_not_matter():
    item = MenuItem("Here", url=CHILD_ONE + "?q=1#top")
    assert item.render(make_request()).selected is True


def test_same_view_and_arguments_by_another_path_is_selected():
    # <int:code> turns "0418" into 418: a different path to the same page.
    item = MenuItem("Teapot", url="/async/status/0418/")
    assert item.render(make_request(STATUS_418)).selected is True


def test_same_url_name_with_other_arguments_is_not_selected():
    item = MenuItem("OK", url="/async/status/200/")
    assert item.render(make_request(STATUS_418)).selected is False


def test_a_path_that_only_starts_like_the_current_one_is_not_selected():
    item = MenuItem("Dashboards", url="/dashboards/testapp/")
    assert item.render(make_request()).selected is False


def test_urls_under_a_script_prefix_are_resolved_without_it():
    request = make_request(STATUS_418, SCRIPT_NAME="/app")
    assert request.path == "/app" + STATUS_418
    assert is_current_url("/app/async/status/0418/", request) is True
    assert is_current_url("/elsewhere/async/status/0418/", request) is False


def test_a_lazy_url_is_compared_as_a_string():
    from django.urls import reverse_lazy

    url = reverse_lazy("dashboards:testapp_childonedashboard")
    assert MenuItem("Lazy", url=url).render(make_request()).selected is True


# -- children, open ----------------------------------------------------------------------------


def test_children_are_rendered_with_their_parent_and_open_marks_ancestors():
    grandchild = MenuItem("Child one", url=CHILD_ONE)
    child = MenuItem("Group", children=[grandchild, MenuItem("Docs", url="https://example.com")])
    top = MenuItem("Top", children=[child])
    rendered = top.render(make_request())
    assert rendered.open is True
    assert rendered.selected is False
    group = rendered.children[0]
    assert group.open is True
    assert group.parent is rendered
    assert group.children[0].selected is True
    assert group.children[0].parent is group
    assert group.children[1].open is False


def test_no_ancestor_is_open_when_no_descendant_is_the_current_page():
    top = MenuItem("Top", children=[MenuItem("Prefix", url="/dashboards/testapp/")])
    assert top.render(make_request()).open is False


def test_callable_children_are_called_with_each_request():
    calls = []

    def children(request):
        calls.append(request)
        return [MenuItem(f"For {request.path}", url=request.path)]

    item = MenuItem("Dynamic", children=children)
    first, second = make_request(), make_request(STATUS_418)
    assert item.request_copy().render(first).children[0].title == f"For {CHILD_ONE}"
    assert item.request_copy().render(second).children[0].title == f"For {STATUS_418}"
    assert calls == [first, second]
    assert item.children is children


def test_hidden_children_are_dropped():
    item = MenuItem(
        "Top", children=[MenuItem("Shown", url="/a/"), MenuItem("Hidden", check_func=lambda r: 0)]
    )
    assert [c.title for c in item.render(make_request()).children] == ["Shown"]


def test_parent_without_url_whose_children_are_all_hidden_is_hidden():
    hidden = MenuItem("Hidden", url="/a/", check_func=lambda r: False)
    assert MenuItem("Group", children=[hidden]).render(make_request()).visible is False
    assert MenuItem("Empty", children=lambda r: []).render(make_request()).visible is False


def test_parent_with_its_own_url_stays_visible_without_visible_children():
    hidden = MenuItem("Hidden", url="/a/", check_func=lambda r: False)
    rendered = MenuItem("Group", url="/b/", children=[hidden]).render(make_request())
    assert rendered.visible is True
    assert rendered.children == []


def test_an_item_hidden_by_check_func_is_not_selected_or_expanded():
    calls = []
    item = MenuItem(
        "Hidden",
        url=CHILD_ONE,
        check_func=lambda r: False,
        children=lambda r: calls.append(r) or [],
    )
    rendered = item.render(make_request())
    assert (rendered.visible, rendered.selected) == (False, False)
    assert calls == []


# -- render sets the request's state on the item, as in django-dashboards -------------------


def test_render_sets_children_open_selected_parent_and_visible_on_the_item():
    child = MenuItem("Child one", url=CHILD_ONE)
    hidden = MenuItem("Hidden", url="/a/", check_func=lambda r: False)
    top = MenuItem("Top", children=[child, hidden])
    assert top.render(make_request()) is top
    assert top.children == [child]
    assert (top.open, top.selected, top.visible, top.parent) == (True, False, True, None)
    assert (child.selected, child.open, child.visible, child.parent) == (True, False, True, top)
    assert (hidden.visible, hidden.parent) == (False, top)


def test_render_replaces_callable_children_with_the_visible_list():
    child = MenuItem("Child one", url=CHILD_ONE)
    top = MenuItem("Top", children=lambda request: [child, MenuItem("Hidden", visible=False)])
    top.render(make_request())
    assert top.children == [child]
    assert child.parent is top
    assert top.open is True


def test_render_keeps_a_declared_selected_or_open():
    item = MenuItem("Elsewhere", url="/a/", selected=True, open=True)
    item.render(make_request())
    assert (item.selected, item.open) == (True, True)


# -- per-request copies ----------------------------------------------------------------------


def test_a_request_copy_renders_without_changing_the_declared_item():
    child = MenuItem("Child one", url=CHILD_ONE)
    hidden = MenuItem("Hidden", url="/a/", check_func=lambda r: False)
    top = MenuItem("Top", children=[child, hidden])
    rendered = top.request_copy().render(make_request())
    assert rendered is not top
    assert rendered.children[0] is not child
    assert top.children == [child, hidden]
    assert (top.open, top.selected, top.visible) == (False, False, True)
    assert (child.selected, child.parent) == (False, None)
    assert (hidden.visible, hidden.parent) == (True, None)


def test_two_requests_never_share_item_state():
    staff = User(username="staff", is_staff=True)
    staff_only = MenuItem("Staff", url=CHILD_ONE, check_func=lambda r: r.user.is_staff)
    top = MenuItem("Top", children=[staff_only, MenuItem("Teapot", url=STATUS_418)])
    as_staff = top.request_copy().render(make_request(CHILD_ONE, user=staff))
    anonymous = top.request_copy().render(make_request(STATUS_418))
    assert [(c.title, c.selected) for c in as_staff.children] == [
        ("Staff", True),
        ("Teapot", False),
    ]
    assert [(c.title, c.selected) for c in anonymous.children] == [("Teapot", True)]
    # Rendering the second request left the first one's items as they were.
    assert as_staff.children[0].selected is True
    assert as_staff.children[0].parent is as_staff


def test_concurrent_renders_in_threads_keep_their_own_state():
    top = MenuItem(
        "Top",
        children=[MenuItem("One", url=CHILD_ONE), MenuItem("Teapot", url=STATUS_418)],
    )
    results = {}

    def render(path):
        for _ in range(200):
            rendered = top.request_copy().render(make_request(path))
            results.setdefault(path, set()).add(
                tuple(c.title for c in rendered.children if c.selected)
            )

    threads = [threading.Thread(target=render, args=(p,)) for p in (CHILD_ONE, STATUS_418)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {CHILD_ONE: {("One",)}, STATUS_418: {("Teapot",)}}


# -- DashboardMenuItem and make_dashboard_item -------------------------------------------------


def test_dashboard_menu_item_needs_a_dashboard():
    with pytest.raises(TypeError):
        DashboardMenuItem(title="No dashboard")


def test_staff_only_dashboard_item_is_hidden_from_anonymous_users_and_shown_to_staff():
    item = make_dashboard_item(StaffOnlyDashboard)
    assert item.render(make_request()).visible is False
    staff = User(username="staff", is_staff=True)
    assert item.render(make_request(user=staff)).visible is True


@pytest.mark.django_db
def test_members_only_dashboard_item_follows_its_permission(member):
    item = make_dashboard_item(MembersOnlyDashboard)
    assert item.render(make_request()).visible is False
    assert item.render(make_request(user=member)).visible is True


def test_dashboard_item_also_honours_check_func():
    item = DashboardMenuItem(
        title="Child one",
        url=CHILD_ONE,
        dashboard=ChildOneDashboard,
        check_func=lambda r: r.user.is_staff,
    )
    assert item.render(make_request()).visible is False
    staff = User(username="staff", is_staff=True)
    assert item.render(make_request(user=staff)).visible is True


@pytest.mark.django_db
def test_model_dashboard_item_checks_the_objects_permission(member, staff_user):
    item = make_dashboard_item(NotYourUserDashboard, member)
    assert item.url == "/dashboards/testapp/notyouruserdashboard/member/"
    assert item.object is member
    assert item.render(make_request(user=member)).visible is True
    assert item.render(make_request(user=staff_user)).visible is False


def test_make_dashboard_item_defaults():
    item = make_dashboard_item(ChildOneDashboard)
    assert isinstance(item, DashboardMenuItem)
    assert item.title == "ChildOneDashboard"
    assert item.url == CHILD_ONE
    assert item.dashboard is ChildOneDashboard
    assert (item.object, item.children) == (None, None)


def test_make_dashboard_item_title_is_the_whole_verbose_name():
    class Titled(Dashboard):
        class Meta:
            app_label = "testapp"
            name = "Per-user figures"

        @classmethod
        def get_absolute_url(cls):
            return "/titled/"

    # django-dashboards cut the name at its first "-" ("Per").
    assert make_dashboard_item(Titled).title == "Per-user figures"


def test_make_dashboard_item_with_title_and_children():
    children = [MenuItem("Sub", url="/sub/")]
    item = make_dashboard_item(ChildOneDashboard, title="One", children=children)
    assert (item.title, item.children) == ("One", children)


def test_make_dashboard_item_for_a_model_dashboard_links_to_the_object():
    user = User(pk=7, username="ada")
    item = make_dashboard_item(UserDashboard, user)
    assert item.url == "/dashboards/testapp/userdashboard/ada/"
    assert item.object is user


def test_make_dashboard_item_for_a_model_dashboard_needs_an_object():
    with pytest.raises(TypeError, match="needs obj"):
        make_dashboard_item(UserDashboard)


# -- Menu and DashboardMenu --------------------------------------------------------------------


class LinksMenu(Menu):
    name = "Links"

    @classmethod
    def get_items(cls, obj=None):
        return [
            MenuItem("Child one", url=CHILD_ONE),
            MenuItem("Staff", url="/s/", check_func=lambda r: r.user.is_staff),
            MenuItem("Object", url=f"/o/{obj}/") if obj else MenuItem("No object", url="#"),
        ]


def test_menu_id_and_name():
    class Unnamed(Menu):
        pass

    assert LinksMenu.get_id() == "LinksMenu"
    assert LinksMenu.get_name() == "Links"
    assert Unnamed.get_name() == "Unnamed"
    assert Unnamed.get_urls() == []


def test_menu_get_items_is_abstract():
    with pytest.raises(NotImplementedError):
        Menu.get_items()


def test_menu_render_renders_copies_of_shared_items():
    shared = [MenuItem("Top", children=[MenuItem("Child one", url=CHILD_ONE)])]

    class SharedMenu(Menu):
        @classmethod
        def get_items(cls, obj=None):
            return shared

    first = SharedMenu.render(make_request())
    second = SharedMenu.render(make_request(STATUS_418))
    assert (first[0].open, second[0].open) == (True, False)
    assert first[0] is not shared[0]
    assert (shared[0].open, shared[0].children[0].selected) == (False, False)


def test_menu_render_keeps_the_visible_rendered_items():
    items = LinksMenu.render(make_request())
    assert [(i.title, i.selected) for i in items] == [("Child one", True), ("No object", False)]
    assert [i.title for i in LinksMenu.render(make_request(), obj=3)][-1] == "Object"


class TestAppMenu(DashboardMenu):
    name = "Test app"
    app_label = "testapp"


def test_dashboard_menu_lists_the_apps_menu_dashboards_without_model_dashboards():
    dashboards = [item.dashboard for item in TestAppMenu.get_items()]
    assert ChildOneDashboard in dashboards
    assert StaffOnlyDashboard in dashboards
    assert UserDashboard not in dashboards
    assert NotYourUserDashboard not in dashboards
    assert all(d._meta.app_label == "testapp" for d in dashboards)


def test_dashboard_menu_lists_model_dashboards_for_an_object_of_their_model():
    user = User(pk=3, username="grace")
    items = {item.dashboard: item for item in TestAppMenu.get_items(user)}
    assert items[UserDashboard].url == "/dashboards/testapp/userdashboard/grace/"
    assert items[NotYourUserDashboard].object is user
    assert ChildOneDashboard in items


def test_dashboard_menu_skips_model_dashboards_for_an_object_of_another_model():
    dashboards = [item.dashboard for item in TestAppMenu.get_items(Group(pk=1, name="g"))]
    assert UserDashboard not in dashboards
    assert ChildOneDashboard in dashboards


def test_dashboard_menu_skips_dashboards_not_included_in_menus():
    class Unlisted(Dashboard):
        class Meta:
            app_label = "testapp"
            include_in_menu = False

    registry.register(Unlisted)
    try:
        assert Unlisted not in [item.dashboard for item in TestAppMenu.get_items()]
    finally:
        registry.remove(Unlisted)


def test_dashboard_menu_render_hides_what_the_user_may_not_see():
    titles = [item.title for item in TestAppMenu.render(make_request())]
    assert "ChildOneDashboard" in titles
    assert "StaffOnlyDashboard" not in titles
    assert "MembersOnlyDashboard" not in titles
    staff = User(username="staff", is_staff=True)
    staff_titles = [item.title for item in TestAppMenu.render(make_request(user=staff))]
    assert "StaffOnlyDashboard" in staff_titles


def test_dashboard_menu_of_an_app_without_dashboards_is_empty():
    class Nothing(DashboardMenu):
        app_label = "no_such_app"

    assert Nothing.get_items() == []
    assert Nothing.render(make_request()) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "\tjavascript:x"])
def test_a_menu_item_never_links_to_javascript(url):
    rendered = MenuItem(title="Bad", url=url).render(make_request())
    assert rendered.url == "#"
    assert rendered.visible is True
    assert rendered.selected is False
