"""Tests for the docs_match_code Sphinx extension, on tiny throwaway Sphinx projects."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import docutils_namespace

EXT_DIR = Path(__file__).resolve().parents[2] / "docs" / "_ext"

CONF = f"""
import sys
sys.path.insert(0, {str(EXT_DIR)!r})
extensions = ["docs_match_code"]
"""

VIEWS = '''def index(request):
    """Say hello."""
    return "hello"


# start-greeting
GREETING = "hi"
# end-greeting
'''


def build(
    tmp_path: Path,
    index: str,
    examples: dict[str, str] | None = None,
    pages: dict[str, str] | None = None,
    *,
    freshenv: bool = True,
    parallel: int = 0,
) -> str:
    """Build a project whose index page is ``index``; return the warnings (raises on failure)."""
    (tmp_path / "conf.py").write_text(CONF)
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name, text in {"index": index, **(pages or {})}.items():
        page = docs / f"{name}.rst"
        if not page.exists() or page.read_text() != text:
            page.write_text(text)
            os.utime(page, (time.time() + 10, time.time() + 10))  # newer than any earlier read
    if examples is None:
        examples = {"app/views.py": VIEWS}
    for name, text in examples.items():
        path = tmp_path / "examples" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    warning = io.StringIO()
    with docutils_namespace():  # keep directives registered by one app out of the next
        app = Sphinx(
            srcdir=docs,
            confdir=tmp_path,
            outdir=tmp_path / "_build" / "html",
            doctreedir=tmp_path / "_build" / "doctrees",
            buildername="html",
            status=None,
            warning=warning,
            freshenv=freshenv,
            parallel=parallel,
        )
        app.build()
    return warning.getvalue()


INCLUDES_VIEWS = """
Title
=====

.. literalinclude:: ../examples/app/views.py
   :pyobject: index
"""


def test_page_literalincluding_every_example_file_passes(tmp_path: Path) -> None:
    warnings = build(tmp_path, INCLUDES_VIEWS)

    assert warnings == ""
    assert (tmp_path / "_build" / "html" / "index.html").exists()


def test_literalinclude_with_markers_passes(tmp_path: Path) -> None:
    index = """
Title
=====

.. literalinclude:: ../examples/app/views.py
   :start-after: start-greeting
   :end-before: end-greeting
"""
    build(tmp_path, index)


def test_blank_lines_before_an_end_marker_are_not_shown(tmp_path: Path) -> None:
    views = 'def index(request):\n    return "hello"\n\n\n# start\nGREETING = "hi"\n\n\n# end\n'
    index = """
Title
=====

.. literalinclude:: ../examples/app/views.py
   :start-after: # start
   :end-before: # end
"""
    build(tmp_path, index, examples={"app/views.py": views})
    html = (tmp_path / "_build" / "html" / "index.html").read_text()
    shown = html.split("<pre>")[1].split("</pre>")[0]
    assert shown.endswith(
        ('<span class="s2">&quot;hi&quot;</span>\n', '<span class="s2">"hi"</span>\n')
    )


def test_inline_python_code_block_fails(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. code-block:: python\n\n   x = 1\n"

    with pytest.raises(ExtensionError, match="inline Python code block"):
        build(tmp_path, index)


def test_code_block_without_language_fails(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. code-block::\n\n   x = 1\n"

    with pytest.raises(ExtensionError, match="inline Python code block"):
        build(tmp_path, index)


def test_double_colon_literal_block_holding_python_fails(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\nLike this::\n\n   def f():\n       return 1\n"

    with pytest.raises(ExtensionError, match="inline Python code block"):
        build(tmp_path, index)


def test_doctest_block_fails(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n>>> 1 + 1\n2\n"

    with pytest.raises(ExtensionError, match="inline Python code block"):
        build(tmp_path, index)


def test_console_code_block_passes(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. code-block:: console\n\n   $ python -m pip install x\n"

    build(tmp_path, index)


def test_double_colon_block_after_highlight_console_passes(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. highlight:: console\n\nRun::\n\n   $ tox -e docs\n"

    build(tmp_path, index)


def test_problem_warning_names_page_and_line(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. code-block:: py\n\n   x = 1\n"

    with pytest.raises(ExtensionError) as excinfo:
        build(tmp_path, index)

    assert "index.rst:8: inline Python code block" in str(excinfo.value)


def test_example_file_no_page_includes_fails_and_is_named(tmp_path: Path) -> None:
    examples = {"app/views.py": VIEWS, "app/templates/app/page.html": "<p>hi</p>\n"}

    with pytest.raises(ExtensionError, match=r"app/templates/app/page\.html"):
        build(tmp_path, INCLUDES_VIEWS, examples)


def test_allow_listed_files_need_not_be_included(tmp_path: Path) -> None:
    examples = {
        "app/views.py": VIEWS,
        "settings.py": "DEBUG = True\n",
        "manage.py": "",
        "__init__.py": "",
        "app/__init__.py": "",
        "app/migrations/0001_initial.py": "",
        "app/__pycache__/views.cpython-311.pyc": "",
        "README.md": "not a checked suffix\n",
    }

    build(tmp_path, INCLUDES_VIEWS, examples)


def test_literalinclude_with_lines_fails(tmp_path: Path) -> None:
    index = "Title\n=====\n\n.. literalinclude:: ../examples/app/views.py\n   :lines: 1-3\n"

    with pytest.raises(ExtensionError, match=":lines:"):
        build(tmp_path, index)


def test_missing_examples_dir_fails(tmp_path: Path) -> None:
    with pytest.raises(ExtensionError, match="does not exist"):
        build(tmp_path, "Title\n=====\n", examples={})


def test_rebuild_forgets_what_a_changed_page_included(tmp_path: Path) -> None:
    build(tmp_path, INCLUDES_VIEWS)

    with pytest.raises(ExtensionError, match=r"app/views\.py is not literalincluded"):
        build(tmp_path, "Title\n=====\n", freshenv=False)


PAGES = {f"page{n}": f"Page {n}\n======\n\nText.\n" for n in range(8)}
TOCTREE = "\n.. toctree::\n\n" + "".join(f"   page{n}\n" for n in range(8))


def test_parallel_build_sees_includes_from_worker_pages(tmp_path: Path) -> None:
    pages = {**PAGES, "page7": "Page 7\n======\n" + INCLUDES_VIEWS.split("=====", 1)[1]}

    build(tmp_path, "Title\n=====\n" + TOCTREE, pages=pages, parallel=2)


def test_parallel_build_reports_problems_from_worker_pages(tmp_path: Path) -> None:
    pages = {**PAGES, "page7": "Page 7\n======\n\n.. code-block:: python\n\n   x = 1\n"}

    with pytest.raises(ExtensionError, match=r"page7\.rst:4: inline Python code block"):
        build(tmp_path, INCLUDES_VIEWS + TOCTREE, pages=pages, parallel=2)
