"""Sphinx extension that fails the build when the docs and the example code drift apart.

It fails on an inline Python code block, on a ``literalinclude`` with ``:lines:``, and on an
example file that no page includes (except allow-listed ones).
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.logging import get_node_location

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__version__ = "1.0"

logger = logging.getLogger(__name__)

PYTHON_LANGUAGES = frozenset(
    {"python", "py", "python3", "py3", "pycon", "pycon3", "ipython", "ipython3", "default"}
)
DEFAULT_ALLOW = ("*settings.py", "manage.py", "*/migrations/*", "*__init__.py")
DEFAULT_SUFFIXES = (".py", ".html", ".txt", ".css", ".js")

# Per docname: absolute paths of the files it literalincludes, and (location, message) problems.
# A location is "path:line" (without a colon, Sphinx would take it for a docname) or "" for none.
Included = dict[str, set[str]]
Problems = dict[str, list[tuple[str, str]]]


def _included(env: BuildEnvironment) -> Included:
    """Return the env's docname -> literalincluded files map, creating it if needed."""
    if not hasattr(env, "docs_match_code_included"):
        env.docs_match_code_included = {}  # type: ignore[attr-defined]
    return env.docs_match_code_included  # type: ignore[attr-defined,no-any-return]


def _problems(env: BuildEnvironment) -> Problems:
    """Return the env's docname -> problems map, creating it if needed."""
    if not hasattr(env, "docs_match_code_problems"):
        env.docs_match_code_problems = {}  # type: ignore[attr-defined]
    return env.docs_match_code_problems  # type: ignore[attr-defined,no-any-return]


def _note_problem(env: BuildEnvironment, location: str | None, message: str) -> None:
    """Record a problem found while reading the current document."""
    _problems(env).setdefault(env.docname, []).append((location or env.docname, message))


class CheckedLiteralInclude(LiteralInclude):
    """``literalinclude`` that records the included file and rejects ``:lines:``."""

    def run(self) -> list[nodes.Node]:
        """Record the included file (and a problem for ``:lines:``), then include it.

        Blank lines a marker leaves at the end of the selection are dropped from the shown code.
        """
        _rel, path = self.env.relfn2path(self.arguments[0])
        _included(self.env).setdefault(self.env.docname, set()).add(str(Path(path).resolve()))
        if "lines" in self.options:
            _note_problem(
                self.env,
                self.get_location(),
                f"literalinclude of {self.arguments[0]} uses :lines:; "
                "select code with :pyobject: or :start-after:/:end-before: markers",
            )
        result = super().run()
        for node in result:
            for block in node.findall(nodes.literal_block):
                text = block.astext()
                if text != text.rstrip("\n") + "\n" and text.strip():
                    block.children[:] = [nodes.Text(text.rstrip("\n") + "\n")]
                    block.rawsource = block.astext()
        return result


def _is_python(language: str | None) -> bool:
    """Tell whether a highlight language means Python code."""
    return (language or "default").lower() in PYTHON_LANGUAGES


def check_inline_code(app: Sphinx, doctree: nodes.document) -> None:
    """Record a problem for each Python code block not included from a file."""
    language = app.config.highlight_language
    condition = (addnodes.highlightlang, nodes.literal_block, nodes.doctest_block)
    for node in doctree.findall(lambda n: isinstance(n, condition)):
        if isinstance(node, addnodes.highlightlang):
            language = node["lang"]  # a ``.. highlight::`` directive changes later ``::`` blocks
            continue
        if isinstance(node, nodes.literal_block) and node.get("source"):
            continue  # literalinclude (its node's "source" attribute is the included file)
        if isinstance(node, nodes.doctest_block) or _is_python(node.get("language", language)):
            _note_problem(
                app.env,
                get_node_location(node),
                "inline Python code block; literalinclude it from a file under the examples dir",
            )


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what a document included and its problems before it is re-read."""
    _included(env).pop(docname, None)
    _problems(env).pop(docname, None)


def merge_info(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """Merge what parallel readers recorded into the main environment."""
    for docname in docnames:
        if docname in _included(other):
            _included(env)[docname] = _included(other)[docname]
        if docname in _problems(other):
            _problems(env)[docname] = _problems(other)[docname]


def _unincluded_examples(app: Sphinx, included: set[str]) -> list[tuple[str, str]]:
    """Return a problem for each example file that no page includes and is not allow-listed."""
    config = app.config
    root = (Path(app.confdir) / config.docs_match_code_examples_dir).resolve()
    if not root.is_dir():
        return [("", f"examples dir {root} (docs_match_code_examples_dir) does not exist")]
    problems = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (
            not path.is_file()
            or "__pycache__" in path.parts
            or path.suffix not in config.docs_match_code_suffixes
            or any(fnmatch(relative, pattern) for pattern in config.docs_match_code_allow)
            or str(path) in included
        ):
            continue
        problems.append(
            (f"{path}:1", f"example file {relative} is not literalincluded by any page")
        )
    return problems


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about every problem found, then fail the build if there was any."""
    included = set().union(*_included(env).values())
    problems = [p for docname in sorted(_problems(env)) for p in _problems(env)[docname]]
    problems += _unincluded_examples(app, included)
    for location, message in problems:
        logger.warning(message, location=location or None, type="docs_match_code")
    if problems:
        details = "\n".join(f"{loc}: {msg}" if loc else msg for loc, msg in problems)
        raise ExtensionError(f"docs and code are out of step ({len(problems)}):\n{details}")


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the checks, the config values and the checked ``literalinclude``."""
    app.add_config_value("docs_match_code_examples_dir", "examples", "env", types=(str,))
    app.add_config_value("docs_match_code_suffixes", DEFAULT_SUFFIXES, "env", types=(tuple, list))
    app.add_config_value("docs_match_code_allow", DEFAULT_ALLOW, "env", types=(tuple, list))
    app.add_directive("literalinclude", CheckedLiteralInclude, override=True)
    app.connect("doctree-read", check_inline_code)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("env-check-consistency", check_consistency)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
