"""The query page in real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.serve.conftest import Endpoint, save_artifact

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    assert executable, "Chromium is needed for the page test (.ci/run installs Debian's chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: Endpoint) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    outside: list[str] = []
    opened.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server.url) else None)
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    # The refused UPDATE's 403 is the one failed load a test asks for.
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" and "403" not in m.text else None)
    yield opened
    context.close()
    assert outside == [], f"the page fetched from elsewhere: {outside}"
    assert errors == []


def test_page_runs_the_trajectory_example(page: Page, server: Endpoint, tmp_path: Path) -> None:
    page.goto(server.url + "/")
    expect(page.locator("#examples option")).to_have_count(1 + len(json.loads(server.request("GET", "/queries")[2])))
    page.select_option("#examples", "endpoint-trajectory")
    assert "# name: endpoint-trajectory" in page.locator("#query").input_value()
    page.fill("#param-study", "NCT00962923")
    page.fill("#param-endpoint", "mRSS")
    page.click("#run")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(8)
    expect(page.locator("#status")).to_contain_text("8 rows")
    headers = page.locator("#results thead th").all_inner_texts()
    assert headers[:4] == ["timepoint", "timepoint_label", "statistic", "value"]
    table = [[cell.strip() for cell in row.locator("td").all_inner_texts()] for row in rows.all()]
    means = [(r[3], r[6]) for r in table if r[2] == "mean"]
    assert means == [("18.68", "41"), ("13.95", "41"), ("13.29", "38"), ("12.39", "38")]

    screenshot = tmp_path / "serve-query-page.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    save_artifact(screenshot)

    with page.expect_download() as download_info:
        page.click("#download-csv")
    saved = tmp_path / "results.csv"
    download_info.value.save_as(saved)
    records = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert [r["value"] for r in records if r["statistic"] == "mean"] == ["18.68", "13.95", "13.29", "12.39"]

    with page.expect_download() as download_info:
        page.click("#download-json")
    saved = tmp_path / "results.json"
    download_info.value.save_as(saved)
    assert len(json.loads(saved.read_text(encoding="utf-8"))["results"]["bindings"]) == 8


def test_page_runs_edited_text_links_iris_and_shows_errors(page: Page, server: Endpoint) -> None:
    page.goto(server.url + "/")
    page.fill("#query", "PREFIX msckg: <https://w3id.org/msckg/ontology/>\n"
                        "SELECT ?study ?id WHERE { ?study a msckg:ClinicalStudy ; msckg:identifier ?id } ORDER BY ?id")
    page.click("#run")
    expect(page.locator("#results tbody tr")).to_have_count(4)
    link = page.locator("#results tbody tr").first.locator("a")
    expect(link).to_have_attribute("href", "https://w3id.org/msckg/study/covid19-ucmsc-1y")
    page.fill("#query", "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")
    page.click("#run")
    expect(page.locator("#status")).to_contain_text("403")
    expect(page.locator("#status")).to_contain_text("read-only")
    expect(page.locator("#results tbody tr")).to_have_count(0)
