"""Tests of dashboards.component.text: the Text component."""

from dashboards.component import Text
from dashboards.component.text import Stat, StatData
from tests.component.test_base import bound


def test_text_is_escaped():
    html = bound(Text(value="<script>alert(1)</script>")).render({})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_text_with_mark_safe_renders_html():
    assert "<b>bold</b>" in bound(Text(value="<b>bold</b>", mark_safe=True)).render({})


def test_text_keeps_line_breaks():
    assert "one<br>two" in bound(Text(value="one\ntwo")).render({})


def test_text_module_reexports_stat():
    assert Stat.__name__ == "Stat"
    assert StatData(text="1").text == "1"
