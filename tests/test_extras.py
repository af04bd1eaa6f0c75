"""Tests of dashboards.extras: optional packages imported when used, with the extra to install."""

import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from dashboards.extras import MissingExtraError, import_extra, install_hint, is_installed, require

HINT = 'pip install "django-async-dashboards[charts]"'


def test_missing_extra_error_is_improperly_configured_and_an_import_error():
    assert issubclass(MissingExtraError, ImproperlyConfigured)
    assert issubclass(MissingExtraError, ImportError)


def test_install_hint_names_the_extra():
    assert install_hint("charts") == HINT


def test_is_installed_finds_modules_without_importing_them():
    assert is_installed("json")
    assert not is_installed("no_such_module_anywhere")


def test_is_installed_is_false_for_a_blocked_module(monkeypatch):
    monkeypatch.setitem(sys.modules, "blocked_module", None)
    assert not is_installed("blocked_module")


def test_is_installed_is_false_when_the_finder_fails(monkeypatch):
    def broken(name):
        raise ValueError(name)

    monkeypatch.setattr("importlib.util.find_spec", broken)
    assert not is_installed("json")


def test_require_passes_for_an_installed_module():
    require("json.decoder", "charts", "Charts")


def test_require_names_the_feature_the_module_and_the_extra():
    with pytest.raises(MissingExtraError) as error:
        require("no_such_module.sub", "charts", "Chart")
    assert (
        str(error.value)
        == f"Chart needs no_such_module, which is not installed. Install it with: {HINT}"
    )
    assert error.value.name == "no_such_module.sub"


def test_import_extra_returns_the_module():
    assert import_extra("json.decoder").__name__ == "json.decoder"


def test_import_extra_of_a_missing_module_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "plotly", None)
    monkeypatch.setitem(sys.modules, "plotly.graph_objects", None)
    with pytest.raises(MissingExtraError, match=r"Charts needs plotly") as error:
        import_extra("plotly.graph_objects")
    assert HINT in str(error.value)
    assert isinstance(error.value.__cause__, ImportError)


def test_import_extra_keeps_the_error_of_a_broken_dependency(monkeypatch):
    def broken(name):
        raise ModuleNotFoundError("No module named 'numpy'", name="numpy")

    monkeypatch.setattr("importlib.import_module", broken)
    with pytest.raises(ModuleNotFoundError) as error:
        import_extra("pandas")
    assert not isinstance(error.value, MissingExtraError)
