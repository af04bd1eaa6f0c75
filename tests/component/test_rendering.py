"""Tests of dashboards.component.rendering: templates found once, and the usual cases written
out in Python rendering exactly what their templates render."""

from pathlib import Path
from unittest import mock

import pytest
from django.template import Context
from django.template.loader import get_template
from django.test import override_settings
from django.utils.autoreload import file_changed
from django.utils.safestring import mark_safe

from dashboards.component import Text
from dashboards.component.rendering import SHORT_WAYS, render_template
from tests.component.test_base import bound

WRAPPER = "dashboards/components/component.html"
CARD = "dashboards/layout/components/card.html"
TEXT = "dashboards/components/text/text.html"


def by_template(name, context):
    """What the template engine renders for ``context``."""
    compiled = get_template(name).template
    return compiled.render(Context(context, autoescape=True))


def text_component(**kwargs):
    return bound(Text(value="", **kwargs))


WRAPPER_CONTEXTS = [
    {"htmx": False, "plain": True, "template_id": "x-1", "rendered_value": mark_safe("<b>v</b>")},
    {"htmx": False, "plain": True, "template_id": "x-1", "rendered_value": "<b>raw</b> & more"},
    {"htmx": False, "plain": True, "template_id": 'x"1', "rendered_value": ""},
]
CARD_CONTEXTS = [
    {
        "plain": True,
        "css": "span-6",
        "component_css": {"card": "card", "body": "card-body"},
        "components": mark_safe("<p>a</p>"),
    },
    {
        "plain": True,
        "css": 'a"b',
        "component_css": {"card": "<c>", "body": ""},
        "components": "<p>escaped</p>",
    },
]


def text_contexts():
    return [
        {"component": text_component(), "rendered_value": "one\ntwo & <three>"},
        {"component": text_component(css_classes="lead <x>"), "rendered_value": "plain"},
        {"component": text_component(mark_safe=True), "rendered_value": "<em>kept</em>\n"},
        {"component": text_component(), "rendered_value": mark_safe("<i>safe</i>\nline")},
    ]


@pytest.mark.parametrize("context", WRAPPER_CONTEXTS)
def test_the_plain_wrapper_is_what_its_template_renders(context):
    assert SHORT_WAYS[WRAPPER](context) == by_template(WRAPPER, context)


@pytest.mark.parametrize("context", CARD_CONTEXTS)
def test_the_plain_card_is_what_its_template_renders(context):
    assert SHORT_WAYS[CARD](context) == by_template(CARD, context)


@pytest.mark.parametrize("index", range(4))
def test_a_text_value_is_what_its_template_renders(index):
    context = text_contexts()[index]
    assert SHORT_WAYS[TEXT](context) == by_template(TEXT, context)


@pytest.mark.parametrize(
    ("name", "context"),
    [
        (WRAPPER, {"htmx": True, "plain": True, "template_id": "x", "rendered_value": ""}),
        (WRAPPER, {"htmx": False, "plain": False, "template_id": "x", "rendered_value": ""}),
        (WRAPPER, {"htmx": False, "plain": True, "template_id": "x", "rendered_value": 5}),
        (CARD, {"plain": False, "css": "", "component_css": {}, "components": ""}),
        (CARD, {"plain": True, "css": None, "component_css": {}, "components": ""}),
        (CARD, {"plain": True, "css": "", "component_css": "card", "components": ""}),
        (TEXT, {"component": None, "rendered_value": 42}),
    ],
)
def test_other_cases_are_left_to_the_template(name, context):
    assert SHORT_WAYS[name](context) is None


def test_a_text_with_css_classes_by_part_is_left_to_the_template():
    context = {"component": text_component(css_classes={"text": "x"}), "rendered_value": "v"}
    assert SHORT_WAYS[TEXT](context) is None


def test_a_project_that_overrides_a_template_gets_its_own(tmp_path):
    (tmp_path / "dashboards" / "components").mkdir(parents=True)
    (tmp_path / WRAPPER).write_text("overridden {{ rendered_value }}")
    engine = {"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [tmp_path]}
    with override_settings(TEMPLATES=[{**engine, "APP_DIRS": True}]):
        html = render_template(WRAPPER, WRAPPER_CONTEXTS[0])
    assert html == "overridden <b>v</b>"


def test_an_engine_that_does_not_autoescape_renders_its_templates():
    engine = {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}
    with override_settings(TEMPLATES=[{**engine, "OPTIONS": {"autoescape": False}}]):
        html = render_template(WRAPPER, WRAPPER_CONTEXTS[1])
    assert "<b>raw</b> & more" in html


# -- finding templates -------------------------------------------------------------------------


def locmem_templates(templates):
    """TEMPLATES with one engine whose templates come from ``templates``, read every time."""
    loaders = [("django.template.loaders.locmem.Loader", templates)]
    backend = "django.template.backends.django.DjangoTemplates"
    return [{"BACKEND": backend, "OPTIONS": {"loaders": loaders}}]


def test_a_template_is_found_once_when_its_engine_caches_templates():
    render_template(TEXT, text_contexts()[0])
    with mock.patch("dashboards.component.rendering.get_template") as found:
        html = render_template(TEXT, text_contexts()[1])
    assert "plain" in html
    found.assert_not_called()


def test_an_engine_without_the_cached_loader_reads_the_template_each_time():
    templates = {"x.html": "first {{ v }}"}
    with override_settings(TEMPLATES=locmem_templates(templates)):
        assert render_template("x.html", {"v": 1}) == "first 1"
        templates["x.html"] = "second {{ v }}"
        assert render_template("x.html", {"v": 2}) == "second 2"


def test_a_changed_file_makes_templates_found_again():
    render_template(TEXT, text_contexts()[0])
    file_changed.send(sender=None, file_path=Path("any.html"))
    with mock.patch("dashboards.component.rendering.get_template", wraps=get_template) as found:
        render_template(TEXT, text_contexts()[0])
    found.assert_called_once()
