"""Docs pictures: a page that names a missing screenshot warns (and -W fails the build)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.docs.test_docs_match_code import INCLUDES_VIEWS, build

DOCS = Path(__file__).resolve().parents[2] / "docs"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4c00000000049454e44ae426082"
)


def test_a_page_naming_a_missing_screenshot_warns(tmp_path: Path) -> None:
    index = INCLUDES_VIEWS + "\n.. image:: _static/screenshots/missing.png\n"
    assert "image file not readable" in build(tmp_path, index)


def test_a_page_naming_an_existing_screenshot_builds_cleanly(tmp_path: Path) -> None:
    shots = tmp_path / "docs" / "_static" / "screenshots"
    shots.mkdir(parents=True)
    (shots / "there.png").write_bytes(PNG)
    index = INCLUDES_VIEWS + "\n.. image:: _static/screenshots/there.png\n"
    assert build(tmp_path, index) == ""


def named_screenshots() -> set[str]:
    return {
        name
        for page in DOCS.glob("*.rst")
        for name in re.findall(r"_static/screenshots/([\w.-]+\.png)", page.read_text())
    }


def saved_screenshots() -> set[str]:
    return {path.name for path in (DOCS / "_static" / "screenshots").glob("*.png")}


def test_every_screenshot_the_docs_name_exists() -> None:
    assert named_screenshots()
    assert named_screenshots() - saved_screenshots() == set()


def test_every_saved_screenshot_is_named_by_a_page() -> None:
    assert saved_screenshots() - named_screenshots() == set()


def test_a_dark_screenshot_is_shown_in_dark_mode_only_and_a_light_one_beside_it() -> None:
    for page in DOCS.glob("*.rst"):
        text = page.read_text()
        for match in re.finditer(r"\.\. image:: _static/screenshots/([\w.-]+)-dark\.png\n", text):
            options = text[match.end() :].split("\n\n", 1)[0]
            assert ":class: only-dark" in options, f"{page.name}: {match.group(1)}-dark.png"
            light = f"_static/screenshots/{match.group(1)}.png"
            before = text[: match.start()].rsplit(".. image:: ", 1)[-1]
            assert before.startswith(light), f"{page.name}: no {light} before the dark one"
            assert ":class: only-light" in before.split("\n\n", 1)[0]
