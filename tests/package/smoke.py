"""The built wheel and sdist, installed as a new user would: run by ``tox -e package`` only.

The env builds them into ``DASHBOARDS_DIST_DIR``; this module installs the wheel into two clean
venvs, one without extras and one with ``[charts]``, copies a tiny Django project (``project/``,
plus a copy of the quickstart example, which needs the charts extra) into a temporary directory,
and runs ``project/probe.py`` with each venv's Python. The file is not named ``test_*.py``, so the
unit test run leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).resolve().parent / "project"
INSTALL_HINT = 'pip install "django-async-dashboards[charts]"'


def dist_file(pattern: str) -> Path:
    """The one file of the build that matches ``pattern``."""
    dist = os.environ.get("DASHBOARDS_DIST_DIR")
    if not dist:
        pytest.fail("DASHBOARDS_DIST_DIR is not set: run these tests with `tox -e package`")
    found = sorted(Path(dist).resolve().glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {dist}, found {found}"
    return found[0]


def uv(*args: str | Path) -> None:
    """Run uv (installed in the package env) and fail with its output if it fails."""
    command = [sys.executable, "-m", "uv", *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr


def probe(tmp: Path, extras: str) -> dict[str, Any]:
    """Install the wheel with ``extras`` into a new venv and return the smoke project's report."""
    venv = tmp / "venv"
    uv("venv", "--quiet", "--python", sys.executable, "--python-preference", "only-system", venv)
    python = venv / "bin" / "python"
    wheel = dist_file("*.whl")
    uv(
        "pip",
        "install",
        "--quiet",
        "--python",
        python,
        f"django-async-dashboards{extras} @ {wheel.as_uri()}",
    )
    project = tmp / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("__pycache__"))
    # The quickstart app as ``examples.quickstart``, the name its AppConfig and imports use.
    shutil.copytree(
        ROOT / "examples" / "quickstart",
        project / "examples" / "quickstart",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (project / "examples" / "__init__.py").touch()
    # Nothing of the checkout on the path: ``dashboards`` must come from the venv.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}
    }
    result = subprocess.run(  # noqa: S603
        [python, "probe.py"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    report["venv"] = str(venv)
    return report


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The report of the venv with the wheel and no extras."""
    return probe(tmp_path_factory.mktemp("plain"), "")


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The report of the venv with the wheel and the charts extra."""
    return probe(tmp_path_factory.mktemp("charts"), "[charts]")


@pytest.fixture(params=["plain", "charts"])
def report(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Each venv's report in turn."""
    return request.getfixturevalue(request.param)


def within(path: str | None, directory: str | Path) -> bool:
    """Whether ``path`` lies inside ``directory``."""
    return path is not None and Path(path).resolve().is_relative_to(Path(directory).resolve())


def test_the_sdist_holds_only_what_builds_the_wheel() -> None:
    with tarfile.open(dist_file("*.tar.gz")) as sdist:
        names = [name.split("/", 1)[1] for name in sdist.getnames() if "/" in name]
    top = {name.split("/")[0] for name in names}
    assert top == {
        "LICENSE",
        "MANIFEST.in",
        "PKG-INFO",
        "README.md",
        "pyproject.toml",
        "setup.cfg",
        "dashboards",
        "django_async_dashboards.egg-info",
    }
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_holds_every_template_and_static_file_and_py_typed() -> None:
    package = ROOT / "dashboards"
    expected = {
        path.relative_to(ROOT).as_posix()
        for folder in ("templates", "static")
        for path in (package / folder).rglob("*")
        if path.is_file()
    } | {"dashboards/py.typed"}
    with zipfile.ZipFile(dist_file("*.whl")) as wheel:
        assert expected <= set(wheel.namelist())


def test_dashboards_is_imported_from_the_venv_not_the_checkout(report: dict[str, Any]) -> None:
    assert within(report["dashboards"], report["venv"])
    assert not within(report["dashboards"], ROOT)


def test_the_installed_package_is_typed(report: dict[str, Any]) -> None:
    assert report["py_typed"] is True


def test_templates_and_static_files_come_from_the_installed_package(report: dict[str, Any]) -> None:
    assert within(report["template"], report["venv"])
    assert within(report["static"], report["venv"])


def test_a_new_project_passes_the_system_checks(report: dict[str, Any]) -> None:
    assert report["checks"] == []


def test_a_dashboard_renders_without_extras(report: dict[str, Any]) -> None:
    page = report["plain"]
    assert page["status"] == 200
    assert "Hello from the installed wheel" in page["content"]
    assert "users" in page["content"]


def test_a_deferred_component_loads_from_its_url(report: dict[str, Any]) -> None:
    assert report["deferred"]["status"] == 200
    assert "Loaded after the page" in report["deferred"]["content"]


def test_with_the_charts_extra_the_quickstart_dashboards_render(charts: dict[str, Any]) -> None:
    pages = charts["quickstart"]
    assert "firstdashboard" in pages
    assert {name: page["status"] for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "Welcome to Django Dashboards!" in pages["firstdashboard"]["content"]


def test_with_the_charts_extra_a_chart_renders_and_plotly_js_is_served(
    charts: dict[str, Any],
) -> None:
    assert charts["charts"]["status"] == 200
    assert "Sales" in charts["charts"]["content"]
    assert "dashboards/vendor/plotly.min.js" in charts["charts"]["content"]
    assert within(charts["plotly_js"], charts["venv"])
    assert charts["chart_error"] == ""


def test_without_the_charts_extra_a_chart_names_the_extra_to_install(
    plain: dict[str, Any],
) -> None:
    assert plain["plotly_js"] is None
    assert plain["chart_error"].startswith("MissingExtraError")
    assert INSTALL_HINT in plain["chart_error"]
