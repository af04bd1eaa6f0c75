"""Tests of the ``{% dashboard_menus %}`` tag and the menu templates."""

import re
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import resolve

from dashboards.menus.menu import DashboardMenu, Menu, MenuItem
from dashboards.menus.registry import menu_registry
from tests.testapp.dashboards import UserDashboard

rf = RequestFactory()

CHILD_ONE = "/dashboards/testapp/childonedashboard/"
CHILD_TWO = "/dashboards/testapp/childtwodashboard/"

TAG = "{% load dashboards %}{% dashboard_menus %}"


def make_request(path=CHILD_ONE, user=None):
    request = rf.get(path)
    request.user = user or AnonymousUser()
    request.resolver_match = resolve(path)
    return request


def menu(name, *items):
    """A Menu class named ``name`` whose items are ``items``."""
    return type(
        name.replace(" ", ""),
        (Menu,),
        {"name": name, "get_items": classmethod(lambda cls, obj=None: list(items))},
    )


class TestAppMenu(DashboardMenu):
    name = "Test app"
    app_label = "testapp"


@pytest.fixture
def menus(monkeypatch):
    """Replace the registered menus for one test: ``menus(MenuA, MenuB)``."""
    monkeypatch.setattr(menu_registry, "discovered", True)

    def use(*classes):
        monkeypatch.setattr(menu_registry, "items", list(classes))

    return use


def run_tag(**context):
    context = Context(context)
    output = Template(TAG).render(context)
    return output, context


def test_tag_outputs_nothing_and_sets_sections_and_active_section(menus):
    menus(menu("Main", MenuItem("One", url=CHILD_ONE), MenuItem("Two", url=CHILD_TWO)))
    output, context = run_tag(request=make_request())
    assert output == ""
    assert list(context["sections"]) == ["Main"]
    assert [(i.title, i.selected) for i in context["sections"]["Main"]] == [
        ("One", True),
        ("Two", False),
    ]
    assert context["active_section"] == "Main"


def test_sections_hold_only_visible_items_and_empty_menus_are_left_out(menus):
    menus(
        menu("Hidden", MenuItem("Staff", url="/s/", check_func=lambda r: r.user.is_staff)),
        menu("Shown", MenuItem("Everyone", url="/e/")),
    )
    _, context = run_tag(request=make_request())
    assert list(context["sections"]) == ["Shown"]
    assert context["active_section"] is None


def test_active_section_is_the_first_with_a_selected_or_open_item(menus):
    nested = MenuItem("Group", children=[MenuItem("One", url=CHILD_ONE)])
    menus(
        menu("Elsewhere", MenuItem("Two", url=CHILD_TWO)),
        menu("Open", nested),
        menu("Selected", MenuItem("One", url=CHILD_ONE)),
    )
    _, context = run_tag(request=make_request())
    assert context["active_section"] == "Open"


def test_a_later_open_section_does_not_take_over_the_active_one(menus):
    # django-dashboards' precedence bug let a later section with an open item win.
    nested = MenuItem("Group", children=[MenuItem("One", url=CHILD_ONE)])
    menus(menu("Selected", MenuItem("One", url=CHILD_ONE)), menu("Open", nested))
    _, context = run_tag(request=make_request())
    assert context["active_section"] == "Selected"


def test_menus_with_the_same_name_share_a_section(menus):
    menus(menu("Main", MenuItem("A", url="/a/")), menu("Main", MenuItem("B", url="/b/")))
    _, context = run_tag(request=make_request())
    assert [i.title for i in context["sections"]["Main"]] == ["A", "B"]


def test_without_a_request_there_are_no_sections(menus):
    menus(menu("Main", MenuItem("One", url=CHILD_ONE)))
    output, context = run_tag()
    assert output == ""
    assert context["sections"] == {}
    assert context["active_section"] is None


def test_the_request_of_a_request_context_is_used(menus):
    menus(menu("Main", MenuItem("One", url=CHILD_ONE)))
    context = RequestContext(make_request())
    Template(TAG).render(context)
    assert context["active_section"] == "Main"


def test_the_object_of_the_dashboard_in_the_context_reaches_dashboard_menus(menus):
    menus(TestAppMenu)
    user = User(pk=5, username="ada")
    _, context = run_tag(request=make_request(), dashboard=UserDashboard(object=user))
    urls = [item.url for item in context["sections"]["Test app"]]
    assert "/dashboards/testapp/userdashboard/ada/" in urls
    _, context = run_tag(request=make_request())
    assert "/dashboards/testapp/userdashboard/ada/" not in [
        item.url for item in context["sections"]["Test app"]
    ]


def test_permission_hidden_dashboards_are_left_out_of_the_sections(menus):
    menus(TestAppMenu)
    _, context = run_tag(request=make_request())
    titles = [item.title for item in context["sections"]["Test app"]]
    assert "StaffOnlyDashboard" not in titles
    staff = User(username="staff", is_staff=True)
    _, context = run_tag(request=make_request(user=staff))
    assert "StaffOnlyDashboard" in [item.title for item in context["sections"]["Test app"]]


def test_the_tag_discovers_menus_on_first_use(monkeypatch):
    monkeypatch.setattr(menu_registry, "items", [])
    with mock.patch.object(menu_registry, "autodiscover") as autodiscover:
        run_tag(request=make_request())
    autodiscover.assert_called_once_with()


def test_the_tag_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError, match="no arguments"):
        Template("{% load dashboards %}{% dashboard_menus now %}")


# -- dashboards/menus/menu.html -------------------------------------------------------------


def render_menu(sections, active_section=None):
    """The menu's HTML, with the whitespace between tags removed."""
    html = render_to_string(
        "dashboards/menus/menu.html", {"sections": sections, "active_section": active_section}
    )
    return re.sub(r">\s+<", "><", html).strip()


def test_menu_template_is_a_labelled_nav_with_a_details_per_section():
    request = make_request()
    html = render_menu(
        {
            "Main": [MenuItem("One", url=CHILD_ONE).render(request)],
            "Other": [MenuItem("Two", url=CHILD_TWO).render(request)],
        },
        active_section="Main",
    )
    assert '<nav class="dashboard-menu" aria-label="Dashboards">' in html
    assert "<details open><summary>Main</summary>" in html
    assert "<details><summary>Other</summary>" in html
    assert f'<a href="{CHILD_ONE}" aria-current="page">One</a>' in html
    assert f'<a href="{CHILD_TWO}">Two</a>' in html
    assert "x-data" not in html
    assert "<script" not in html


def test_menu_template_nests_children_in_details_open_on_the_current_branch():
    request = make_request()
    items = [
        MenuItem(
            "Group",
            url="/group/",
            children=[MenuItem("One", url=CHILD_ONE), MenuItem("Label")],
        ).render(request),
        MenuItem("Closed", children=[MenuItem("Two", url=CHILD_TWO)]).render(request),
    ]
    html = render_menu({"Main": items})
    assert '<li class="dashboard-menu__item is-open"><details open><summary>Group</summary>' in html
    # The parent's own link comes first in the list of its children.
    assert (
        '<ul class="dashboard-menu__items"><li class="dashboard-menu__item"><a href="/group/">Group</a>'
        in html
    )
    assert f'<a href="{CHILD_ONE}" aria-current="page">One</a>' in html
    assert '<span class="dashboard-menu__label">Label</span>' in html
    assert '<li class="dashboard-menu__item"><details><summary>Closed</summary>' in html


def test_menu_template_escapes_titles_and_urls():
    item = MenuItem('<b>"x"</b>', url='/a/?b="c"&d').render(make_request())
    html = render_menu({"<i>": [item]})
    assert "<summary>&lt;i&gt;</summary>" in html
    assert 'href="/a/?b=&quot;c&quot;&amp;d">&lt;b&gt;&quot;x&quot;&lt;/b&gt;</a>' in html
