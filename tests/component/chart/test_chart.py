"""Tests of dashboards.component.chart.chart: the Chart component and its figure markup."""

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import plotly.graph_objects as go
import pytest
from django.test import RequestFactory

from dashboards.component.chart import Chart, ChartSerializer
from dashboards.component.chart.chart import (
    PlotlyComponent,
    escape_json,
    figure_json,
    figure_title,
)
from dashboards.component.chart.serializers import PlotlyChartSerializer
from tests.component.test_base import bound

ROOT = Path(__file__).resolve().parents[3]
XSS = "</script><script>alert(1)</script>"
rf = RequestFactory()


def figure(title="Sales"):
    return {"data": [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}], "layout": {"title": title}}


def render(component, request=None):
    return bound(component).render({"request": request})


def figure_in(html):
    """The figure JSON the page holds for its chart."""
    start = html.index('type="application/json"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_dict_value_is_put_in_the_page_as_json():
    component = bound(Chart(value=figure()))
    html = component.render({})
    assert figure_in(html) == figure()
    assert f'<div id="{component.template_id}" class="dashboard-chart__figure"' in html
    assert f'data-figure="{component.template_id}-figure"' in html
    assert f'<script type="application/json" id="{component.template_id}-figure">' in html


def test_json_string_value_is_kept_as_is():
    text = json.dumps(figure())
    assert bound(Chart(value=text)).get_value() == text
    assert figure_in(render(Chart(value=text))) == figure()


def test_bytes_value_is_read_as_json():
    assert figure_in(render(Chart(value=json.dumps(figure()).encode()))) == figure()


def test_plotly_figure_value_becomes_its_json():
    fig = go.Figure(go.Bar(x=["a"], y=[3]), layout={"title": {"text": "From a Figure"}})
    html = render(Chart(value=fig))
    assert figure_in(html)["data"][0]["type"] == "bar"
    assert 'aria-label="From a Figure"' in html


def test_callable_value_returning_a_figure():
    assert figure_in(render(Chart(value=lambda **kwargs: figure("Called")))) == figure("Called")


def test_value_that_is_not_json_shows_the_error_state():
    html = render(Chart(value="not json"))
    assert "could not be loaded" in html
    assert "data-dashboards-chart" not in html


def test_no_value_shows_a_no_data_figure():
    html = render(Chart())
    annotation = figure_in(html)["layout"]["annotations"][0]
    assert annotation["text"] == "C - No data"
    assert 'aria-label="C"' in html


def test_chart_markup_has_a_text_alternative_from_the_title():
    html = render(Chart(value=figure({"text": "Monthly <b>sales</b>"})))
    assert 'role="img"' in html
    assert 'aria-roledescription="chart"' in html
    assert 'aria-label="Monthly sales"' in html


def test_chart_without_title_is_labelled_by_its_key():
    html = bound(Chart(value={"data": []}), key="orders_per_day").render({})
    assert 'aria-label="Orders per day"' in html


def test_a_plotly_component_without_config_has_no_config_attributes():
    @dataclasses.dataclass(repr=False)
    class Figure(PlotlyComponent):
        pass

    html = render(Figure(value=figure()))
    assert 'data-topojson-url="/static/dashboards/vendor/topojson/">' in html
    assert "data-display-mode-bar" not in html


def test_maps_load_their_outlines_from_our_static_files():
    assert 'data-topojson-url="/static/dashboards/vendor/topojson/"' in render(
        Chart(value=figure())
    )


def test_default_config_shows_the_mode_bar_on_hover():
    html = render(Chart(value=figure()))
    assert 'data-display-mode-bar="hover"' in html
    assert 'data-static-plot="false"' in html
    assert 'data-responsive="true"' in html


def test_config_fields_become_data_attributes():
    html = render(Chart(value=figure(), displayModeBar=False, staticPlot=True, responsive=False))
    assert 'data-display-mode-bar="false"' in html
    assert 'data-static-plot="true"' in html
    assert 'data-responsive="false"' in html


def test_serializer_meta_config_overrides_only_the_options_it_sets():
    class Quiet(PlotlyChartSerializer):
        class Meta:
            staticPlot = True  # noqa: N815

        def get_data(self, **kwargs):
            return {"data": []}

        def to_fig(self, data):
            return go.Figure(data)

    html = render(Chart(value=Quiet, displayModeBar=False, responsive=False))
    assert 'data-static-plot="true"' in html
    assert 'data-display-mode-bar="false"' in html
    assert 'data-responsive="false"' in html


def test_string_css_classes_are_added_and_never_none():
    assert 'class="dashboard-chart wide"' in render(Chart(value=figure(), css_classes="wide"))
    html = render(Chart(value=figure()))
    assert 'class="dashboard-chart"' in html
    assert "None" not in html


def test_dict_css_classes_are_not_printed():
    html = render(Chart(value=figure(), css_classes={"chart": "x"}))
    assert 'class="dashboard-chart"' in html
    assert "{" not in html.split("<script")[0]


def test_dict_value_with_script_end_tag_is_escaped():
    html = render(Chart(value=figure(XSS) | {"data": [{"type": "bar", "x": [XSS], "y": [1]}]}))
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)" in html
    assert figure_in(html)["data"][0]["x"] == [XSS]


def test_json_string_value_with_script_end_tag_is_escaped():
    text = json.dumps({"data": [], "layout": {"title": XSS}})
    html = render(Chart(value=text))
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1
    assert 'aria-label="alert(1)"' in html  # the title's tags are stripped from the label


def test_serializer_data_with_script_end_tag_is_escaped():
    class Labels(PlotlyChartSerializer):
        class Meta:
            title = XSS

        def get_data(self, **kwargs):
            return {"x": [XSS], "y": [1]}

        def to_fig(self, data):
            return go.Figure(go.Bar(**data))

    html = render(Chart(value=Labels))
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1
    assert figure_in(html)["data"][0]["x"] == [XSS]


def test_escape_json_escapes_what_json_script_escapes():
    assert escape_json('{"a": "<&>"}') == '{"a": "\\u003C\\u0026\\u003E"}'


def test_figure_json_encodes_decimals_and_dates():
    import datetime
    import decimal

    text = figure_json({"x": [datetime.date(2026, 1, 2)], "y": [decimal.Decimal("1.5")]})
    assert json.loads(text) == {"x": ["2026-01-02"], "y": [1.5]}


def test_figure_title_reads_strings_and_dicts():
    assert figure_title({"layout": {"title": "A"}}) == "A"
    assert figure_title({"layout": {"title": {"text": "B"}}}) == "B"
    assert figure_title({"layout": {}}) == ""
    assert figure_title([1, 2]) == ""


def test_plain_figures_are_built_for_the_light_theme_even_with_the_dark_cookie():
    request = rf.get("/")
    request.COOKIES["appearanceMode"] = "dark"
    assert 'data-theme="light"' in render(Chart(value=figure()), request)


def test_serializer_figures_follow_the_dark_cookie():
    class Dark(PlotlyChartSerializer):
        def get_data(self, **kwargs):
            return {"data": []}

        def to_fig(self, data):
            return go.Figure(data)

    request = rf.get("/")
    request.COOKIES["appearanceMode"] = "dark"
    html = render(Chart(value=Dark), request)
    assert 'data-theme="dark"' in html
    assert figure_in(html)["layout"]["paper_bgcolor"] == "rgba(0,0,0,0.05)"
    assert 'data-theme="light"' in render(Chart(value=Dark), rf.get("/"))


def test_serializer_is_rendered_with_its_own_template():
    class Named(PlotlyChartSerializer):
        class Meta:
            title = "Named"

        def get_data(self, **kwargs):
            return {"data": []}

        def to_fig(self, data):
            return go.Figure(data)

    component = bound(Chart(value=Named))
    assert component.get_template_name() == "dashboards/components/chart/plotly.html"
    assert 'aria-label="Named"' in component.render({})


def test_media_loads_plotly_and_the_chart_script_deferred():
    js = str(Chart(value=figure()).media)
    assert '<script src="/static/dashboards/vendor/plotly.min.js" defer></script>' in js
    assert '<script src="/static/dashboards/js/charts.js" defer></script>' in js


def test_serializer_media_is_merged_without_duplicates():
    js = str(bound(Chart(value=ChartSerializer)).get_media())
    assert js.count("plotly.min.js") == 1
    assert js.count("charts.js") == 1


def test_charts_script_draws_on_load_after_swaps_and_on_appearance_changes():
    script = (ROOT / "dashboards/static/dashboards/js/charts.js").read_text()
    for needle in (
        "Plotly.newPlot",
        '"htmx:load"',
        '"htmx:afterSettle"',
        '"dashboards:appearance"',
        "DOMContentLoaded",
    ):
        assert needle in script


def run_python(code, **env):
    """Run ``code`` in a fresh interpreter with the repository on the path."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("settings_module", ["", "tests.settings"])
def test_importing_the_components_imports_neither_pandas_nor_plotly(settings_module):
    result = run_python(
        """
        import os, sys
        if os.environ["SETTINGS"]:
            os.environ["DJANGO_SETTINGS_MODULE"] = os.environ["SETTINGS"]
        import dashboards.component, dashboards.component.chart, dashboards.component.map
        import dashboards.component.gauge, dashboards.component.stat.serializers
        import dashboards.staticfiles
        assert "pandas" not in sys.modules and "plotly" not in sys.modules, "imported"
        print("ok")
        """,
        SETTINGS=settings_module,
    )
    assert result.stdout.strip() == "ok", result.stderr


BLOCKED = """
    import sys
    sys.modules["plotly"] = None  # as if neither plotly nor pandas were installed
    sys.modules["pandas"] = None
    import types
    import django
    from django.conf import settings

    urls = types.ModuleType("blocked_urls")
    sys.modules["blocked_urls"] = urls
    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "django_htmx", "dashboards"],
        ROOT_URLCONF="blocked_urls",
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
        DATABASES={},
        STATIC_URL="static/",
    )
    django.setup()
    from django.urls import include, path

    urls.urlpatterns = [path("dashboards/", include("dashboards.urls"))]

    from dashboards.component import Stat, Text
    from dashboards.component.chart import Chart, ChartSerializer
    from dashboards.dashboard import Dashboard
    from dashboards.extras import MissingExtraError

    class Plain(Dashboard):
        text = Text(value="Hello, no charts here")
        stat = Stat(value="42")

        class Meta:
            app_label = "blocked"

    html = Plain().render()
    assert "Hello, no charts here" in html and "42" in html
    print("rendered")
    try:
        Chart(value={"data": []})
    except MissingExtraError as error:
        assert isinstance(error, ImportError)
        print("chart:", error)

    class Orders(ChartSerializer):
        def get_data(self, **kwargs):
            return self.convert_to_df([])

    try:
        Orders.serialize()
    except MissingExtraError as error:
        print("serializer:", error)
"""


def test_without_the_charts_extra_text_renders_and_charts_name_the_extra():
    result = run_python(BLOCKED)
    lines = result.stdout.splitlines()
    assert lines[0] == "rendered", result.stderr
    hint = 'pip install "django-async-dashboards[charts]"'
    assert lines[1].startswith("chart: Chart needs plotly")
    assert hint in lines[1]
    assert lines[2].startswith("serializer: ChartSerializer needs pandas")
    assert hint in lines[2]
