"""The export example in a browser: the table's download links give the rows the table shows."""

import csv
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.helpers import component, load_deferred, needs_app

pytestmark = needs_app("examples.export")

URL = "/dashboards/export/exportdashboard/"


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def download_csv(page: Page, link, tmp_path: Path, key: str) -> list[list[str]]:
    """Click ``link``; check the file is named after the dashboard, ``key`` and the day; its rows."""
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert re.fullmatch(
        rf"exportdashboard-{key}-\d{{4}}-\d{{2}}-\d{{2}}\.csv", download.suggested_filename
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    return read_csv(path)


def test_the_csv_link_downloads_every_row_the_search_and_filters_keep(page: Page, tmp_path):
    page.goto(URL + "?status=refunded")
    load_deferred(page)
    orders = component(page, "orders")
    orders.get_by_role("searchbox").fill("grace")
    info = orders.locator(".dashboard-table__info")
    expect(info).to_have_text(re.compile(r"\(filtered from"))
    shown = int(re.search(r"of ([\d,]+)", info.inner_text()).group(1).replace(",", ""))

    rows = download_csv(page, orders.get_by_role("link", name="CSV"), tmp_path, "orders")
    assert rows[0] == ["Order", "Placed", "Customer", "Product", "Total", "Status"]
    assert len(rows) - 1 == shown > 10  # every row, not the page of 10
    assert {row[5] for row in rows[1:]} == {"Refunded"}
    assert all("grace" in " ".join(row).lower() for row in rows[1:])


def test_the_excel_link_downloads_a_workbook(page: Page):
    page.goto(URL)
    load_deferred(page)
    with page.expect_download() as download_info:
        component(page, "orders").get_by_role("link", name="Excel").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    assert Path(download_info.value.path()).read_bytes()[:2] == b"PK"


def test_the_charts_link_downloads_its_bars(page: Page, tmp_path):
    page.goto(URL + "?status=paid")
    load_deferred(page)
    link = component(page, "revenue").get_by_role("link", name="Data (CSV)")
    rows = download_csv(page, link, tmp_path, "revenue")
    assert rows[0] == ["trace", "x", "y"]
    assert [row[1] for row in rows[1:]] == ["paid"]
