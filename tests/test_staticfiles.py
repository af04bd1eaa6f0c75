"""Tests of dashboards.staticfiles: plotly.js from the plotly package, as a static file."""

from pathlib import Path

import httpx
import plotly
import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from dashboards import staticfiles
from dashboards.staticfiles import PLOTLY_JS, PlotlyFinder

PLOTLY_FILE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
DEFAULT_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]


@pytest.fixture
def no_plotly(monkeypatch):
    """As if plotly were not installed (plotly.js cannot be found)."""
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: None)


def test_static_path_is_under_the_dashboards_vendor_dir():
    assert PLOTLY_JS == "dashboards/vendor/plotly.min.js"


def test_plotly_js_path_is_the_package_data_file():
    assert staticfiles.plotly_js_path() == PLOTLY_FILE


def test_find_returns_the_file_of_the_plotly_package():
    assert PlotlyFinder().find(PLOTLY_JS) == str(PLOTLY_FILE)
    assert PlotlyFinder().find(PLOTLY_JS, find_all=True) == [str(PLOTLY_FILE)]


def test_find_accepts_the_all_argument_of_older_django():
    assert PlotlyFinder().find(PLOTLY_JS, all=True) == [str(PLOTLY_FILE)]


def test_find_records_where_it_searched():
    PlotlyFinder().find(PLOTLY_JS)
    assert str(PLOTLY_FILE.parent) in finders.searched_locations


def test_find_knows_no_other_file():
    assert PlotlyFinder().find("dashboards/vendor/other.js") is None
    assert PlotlyFinder().find("dashboards/vendor/other.js", find_all=True) == []


def test_find_finds_nothing_without_plotly(no_plotly):
    assert staticfiles.plotly_js_path() is None
    assert PlotlyFinder().find(PLOTLY_JS) is None
    assert PlotlyFinder().find(PLOTLY_JS, find_all=True) == []


def test_plotly_js_path_looks_in_every_location_of_the_package(monkeypatch, tmp_path):
    spec = type(
        "Spec", (), {"submodule_search_locations": [str(tmp_path), str(PLOTLY_FILE.parents[1])]}
    )
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *args: spec)
    assert staticfiles.plotly_js_path() == PLOTLY_FILE


def test_plotly_js_path_survives_a_blocked_import(monkeypatch):
    def blocked(name, *args):
        raise ValueError(f"{name}.__spec__ is None")

    monkeypatch.setattr("importlib.util.find_spec", blocked)
    assert staticfiles.plotly_js_path() is None


def test_list_yields_the_file_with_a_prefixed_storage():
    [(path, storage)] = PlotlyFinder().list([])
    assert path == "plotly.min.js"
    assert storage.prefix == "dashboards/vendor"
    assert Path(storage.path(path)) == PLOTLY_FILE


def test_list_respects_ignore_patterns():
    assert list(PlotlyFinder().list(["*.js"])) == []
    assert len(list(PlotlyFinder().list(None))) == 1


def test_list_yields_nothing_without_plotly(no_plotly):
    assert list(PlotlyFinder().list([])) == []


def test_finder_check_passes_with_plotly():
    assert PlotlyFinder().check() == []


def test_finder_check_warns_without_plotly(no_plotly):
    [warning] = PlotlyFinder().check()
    assert warning.id == "dashboards.W001"
    assert 'pip install "django-async-dashboards[charts]"' in warning.hint


def test_the_example_settings_use_the_finder():
    assert finders.find(PLOTLY_JS) == str(PLOTLY_FILE)


def test_the_static_serve_view_serves_plotly_js():
    response = serve(RequestFactory().get("/static/" + PLOTLY_JS), PLOTLY_JS, insecure=True)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PLOTLY_FILE.read_bytes()


def test_the_live_server_serves_plotly_js(live_server):
    response = httpx.get(f"{live_server.url}/static/{PLOTLY_JS}")
    assert response.status_code == 200
    assert response.headers["content-type"] in ("text/javascript", "application/javascript")
    assert response.content == PLOTLY_FILE.read_bytes()


def test_collectstatic_copies_plotly_js(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / PLOTLY_JS).read_bytes() == PLOTLY_FILE.read_bytes()
