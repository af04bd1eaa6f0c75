"""The code the docs show fits the page: no code block scrolls sideways.

Furo's content column is 46em wide with 3em of padding on each side; its code is 81.25% of the
body's size in a monospace font, with 0.875rem of padding. In Chromium, 90 characters of code fit
in that column (measured on the built pages), so no line a page shows may be longer.

Each page below is checked: the lines its ``literalinclude`` directives show (read with Sphinx's
own reader, so ``:pyobject:`` and the markers select the same lines as in the build) and the lines
of its ``code-block`` directives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.config import Config
from sphinx.directives.code import LiteralIncludeReader

DOCS = Path(__file__).resolve().parents[2] / "docs"
MAX_WIDTH = 90
PAGES = [
    "checks",
    "custom_components",
    "custom_views",
    "index",
    "layout",
    "quickstart",
    "reference",
    "settings",
    "tables",
    "theming",
]
DIRECTIVE = re.compile(r"^\.\. (literalinclude|code-block)::(.*)$")
OPTION = re.compile(r"^   :([\w-]+):(.*)$")


def code_blocks(page: Path) -> list[tuple[int, str, str]]:
    """``(line number, directive, shown text)`` of each code directive of an rst page."""
    lines = page.read_text().splitlines()
    blocks = []
    for number, line in enumerate(lines):
        match = DIRECTIVE.match(line)
        if not match:
            continue
        kind, argument = match.group(1), match.group(2).strip()
        options: dict[str, object] = {}
        body: list[str] = []
        for following in lines[number + 1 :]:
            option = OPTION.match(following)
            if option and not body:
                value = option.group(2).strip()
                options[option.group(1)] = value if value else True
            elif following.startswith("   ") or (not following.strip() and kind == "code-block"):
                body.append(following[3:])
            elif not following.strip() and not body:
                continue
            else:
                break
        if kind == "literalinclude":
            reader = LiteralIncludeReader(page.parent / argument, options, Config())
            text, _ = reader.read()
        else:
            text = "\n".join(body)
        blocks.append((number + 1, kind, text))
    return blocks


@pytest.mark.parametrize("name", PAGES)
def test_every_line_of_code_a_page_shows_fits_the_page(name: str) -> None:
    page = DOCS / f"{name}.rst"
    too_wide = [
        f"{page.name}:{number} ({kind}): {len(line)} characters: {line.strip()[:60]}"
        for number, kind, text in code_blocks(page)
        for line in text.splitlines()
        if len(line) > MAX_WIDTH
    ]
    assert not too_wide, "\n".join(too_wide)


def test_a_line_longer_than_the_page_is_found(tmp_path: Path) -> None:
    (tmp_path / "wide.py").write_text("# start\nx = " + "1" * 100 + "\n# end\n")
    page = tmp_path / "page.rst"
    page.write_text(
        ".. literalinclude:: wide.py\n   :start-after: # start\n   :end-before: # end\n\n"
        ".. code-block:: console\n\n   $ echo hi\n"
    )
    blocks = code_blocks(page)
    assert [(kind, text.strip()) for _, kind, text in blocks] == [
        ("literalinclude", "x = " + "1" * 100),
        ("code-block", "$ echo hi"),
    ]
