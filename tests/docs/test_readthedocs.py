"""Read the Docs builds the site ``tox -e docs`` builds: same install, same command, same conf.py."""

from __future__ import annotations

import configparser
import re
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import django
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
RTD = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
TOX = configparser.ConfigParser(interpolation=None)
TOX.read(ROOT / "tox.ini")
DOCS_ENV = TOX["testenv:docs"]
# What tox -e docs installs beyond Read the Docs' install: the tools of tests/docs.
TEST_TOOLS = {"pytest", "pyyaml"}
# The top-level keys of Read the Docs' config file, version 2.
RTD_KEYS = {
    "version",
    "build",
    "sphinx",
    "mkdocs",
    "python",
    "conda",
    "formats",
    "submodules",
    "search",
}


def lines(value: str) -> list[str]:
    """The non-empty, non-comment lines of a multi-line tox value."""
    return [
        line.strip()
        for line in value.splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def requirement_name(line: str) -> str:
    """The package name a requirement line names, lower case."""
    return re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0].lower()


def tox_sphinx_command() -> str:
    """The sphinx-build line of tox's docs env."""
    (command,) = [line for line in lines(DOCS_ENV["commands"]) if line.startswith("sphinx-build")]
    return command


def conf(monkeypatch: pytest.MonkeyPatch, **environ: str) -> dict[str, Any]:
    """The names conf.py defines, run with ``environ`` (and without READTHEDOCS unless given)."""
    monkeypatch.delenv("READTHEDOCS", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "path", list(sys.path))  # conf.py puts the root on the path
    return runpy.run_path(str(ROOT / "conf.py"))


def test_the_config_is_version_2_with_only_keys_read_the_docs_knows() -> None:
    assert RTD["version"] == 2
    assert set(RTD) <= RTD_KEYS


def test_the_build_names_its_os_and_a_python_the_package_supports() -> None:
    classifiers = re.findall(
        r"Programming Language :: Python :: (3\.\d+)", (ROOT / "pyproject.toml").read_text()
    )
    assert RTD["build"]["os"].startswith("ubuntu-")
    assert RTD["build"]["tools"]["python"] in classifiers


def test_sphinx_is_configured_by_the_root_conf_py_with_warnings_as_errors() -> None:
    assert RTD["sphinx"]["configuration"] == "conf.py"
    assert (ROOT / RTD["sphinx"]["configuration"]).is_file()
    assert RTD["sphinx"]["fail_on_warning"] is True


def test_read_the_docs_runs_the_sphinx_build_command_of_tox() -> None:
    (command,) = RTD["build"]["jobs"]["build"]["html"]
    rtd_output = "$READTHEDOCS_OUTPUT/html"
    assert command.endswith(f" {rtd_output}")
    assert command.replace(rtd_output, "{toxinidir}/_build/html") == tox_sphinx_command()


def test_read_the_docs_installs_the_pinned_requirements_and_the_package_with_extras() -> None:
    assert RTD["python"]["install"] == [
        {"requirements": "docs/requirements.txt"},
        {"method": "pip", "path": ".", "extra_requirements": ["charts", "filters"]},
    ]


def test_tox_installs_the_same_extras_as_read_the_docs() -> None:
    (package,) = [step for step in RTD["python"]["install"] if step.get("method") == "pip"]
    assert lines(DOCS_ENV["extras"]) == package["extra_requirements"]


def test_tox_installs_the_same_requirements_file_and_only_test_tools_besides() -> None:
    deps = lines(DOCS_ENV["deps"])
    assert "-r docs/requirements.txt" in deps
    others = {requirement_name(dep) for dep in deps if dep != "-r docs/requirements.txt"}
    assert others <= TEST_TOOLS, (
        f"{others - TEST_TOOLS}: what builds the docs goes into docs/requirements.txt, so that "
        "Read the Docs installs it too"
    )


def test_every_docs_requirement_is_pinned() -> None:
    text = (ROOT / "docs" / "requirements.txt").read_text()
    requirements = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert requirements
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[\w.]+", line) for line in requirements)


def test_the_version_shows_as_unreleased_while_the_changelog_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = conf(monkeypatch)
    assert f"{names['version']} (unreleased)" in (ROOT / "docs" / "changelog.rst").read_text()
    assert names["release"] == f"{names['version']} (unreleased)"
    assert names["html_title"].endswith(" (unreleased)")


def test_a_version_whose_changelog_heading_is_dated_shows_as_released(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release_of = conf(monkeypatch)["release_of"]
    changelog = "Changelog\n=========\n\n0.2.0 (2027-01-15)\n==================\n"
    assert release_of("0.2.0", changelog) == "0.2.0"
    assert release_of("0.3.0", "0.3.0 (unreleased)\n" + changelog) == "0.3.0 (unreleased)"


def test_on_read_the_docs_intersphinx_links_the_python_and_django_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mapping = conf(monkeypatch, READTHEDOCS="True")["intersphinx_mapping"]
    django_docs = "https://docs.djangoproject.com/en/{}.{}/".format(*django.VERSION[:2])
    assert mapping == {
        "python": (f"https://docs.python.org/{sys.version_info[0]}.{sys.version_info[1]}/", None),
        "django": (django_docs, f"{django_docs}_objects/"),
    }


def test_elsewhere_the_build_stays_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    names = conf(monkeypatch)
    assert names["intersphinx_mapping"] == {}
    # sphinxcontrib-django fills an empty mapping with online inventories; conf.py empties it again.
    config = SimpleNamespace(intersphinx_mapping={"python": ("https://docs.python.org/", None)})
    names["_offline"](None, config)
    assert config.intersphinx_mapping == {}


def test_on_read_the_docs_the_mapping_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    names = conf(monkeypatch, READTHEDOCS="True")
    config = SimpleNamespace(intersphinx_mapping=names["intersphinx_mapping"])
    names["_offline"](None, config)
    assert set(config.intersphinx_mapping) == {"python", "django"}


def test_copy_buttons_are_on_console_blocks_and_copy_the_commands_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = conf(monkeypatch)
    assert "sphinx_copybutton" in names["extensions"]
    assert names["copybutton_selector"] == "div.highlight-console pre"
    assert names["copybutton_prompt_text"] == "$ "
    assert names["copybutton_only_copy_prompt_lines"] is True
