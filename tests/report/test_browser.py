"""The seed report as a person sees it: headless Chromium (Debian's /usr/bin/chromium) via Playwright.

Screenshots are kept as test artefacts in pytest's temporary directory
(`<basetemp>/report-screenshots0/`, e.g. /tmp/pytest-of-$USER/pytest-current/report-screenshots0/),
and are also copied to $MSCKG_TEST_ARTIFACTS when that is set (e.g. tests/artifacts/, git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from msckg.report import ReportSummary

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).is_file(), f"{CHROMIUM} missing: apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("report-screenshots")


def _keep(shot: Path) -> None:
    if target := os.environ.get("MSCKG_TEST_ARTIFACTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / shot.name)


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    external: list[str] = []
    page.on("request", lambda request: external.append(request.url) if not request.url.startswith("file:") else None)
    page.goto(url, wait_until="load")
    assert external == [], f"the page asked the network for {external}"
    return page


def _images(page: Page) -> list[dict[str, object]]:
    return page.eval_on_selector_all(
        "img", "els => els.map(e => ({src: e.getAttribute('src'), complete: e.complete, width: e.naturalWidth}))")


def test_index_lists_the_studies(browser: Browser, seed_report: tuple[Path, ReportSummary], shots: Path) -> None:
    out, _ = seed_report
    page = _open(browser, (out / "index.html").as_uri())
    rows = page.locator("table#studies tbody tr")
    assert rows.count() == 4
    body = page.inner_text("body")
    for text in ("systemic sclerosis", "systemic lupus erythematosus", "rheumatoid arthritis", "COVID-19",
                 "NCT00962923", "umbilical cord mesenchymal stem cells"):
        assert text in body
    page.screenshot(path=str(shots / "report-index.png"), full_page=True)
    _keep(shots / "report-index.png")
    page.close()


def test_study_pages_show_trajectory_plots(browser: Browser, seed_report: tuple[Path, ReportSummary],
                                           shots: Path) -> None:
    out, _ = seed_report
    page = _open(browser, (out / "studies" / "ssc-umsct-5y.html").as_uri())
    assert "5-year follow-up" in page.inner_text("h1")
    images = _images(page)
    assert [i["src"] for i in images] == ["../plots/ssc-umsct-5y/mrss.svg"]
    assert all(i["complete"] and int(i["width"]) > 0 for i in images), images  # type: ignore[call-overload]
    assert "18.68" in page.inner_text("section#ep-mrss")
    # The mean at baseline links to the abstract's entry in the page's source list.
    page.get_by_role("link", name="18.68").click()
    assert page.url.endswith("#src-abstract")
    page.locator("section#ep-mrss").screenshot(path=str(shots / "report-study-mrss.png"))
    page.screenshot(path=str(shots / "report-study.png"), full_page=True)
    for name in ("report-study.png", "report-study-mrss.png"):
        _keep(shots / name)
    page.close()

    page = _open(browser, (out / "studies" / "sle-ucmsc-multicentre.html").as_uri())
    images = _images(page)
    assert {str(i["src"]).rsplit("/", 1)[-1] for i in images} == {"sledai.svg", "proteinuria.svg", "relapse.svg"}
    assert all(i["complete"] and int(i["width"]) > 0 for i in images), images  # type: ignore[call-overload]
    assert "not as a standard deviation" in page.inner_text("section#ep-sledai")
    page.close()
    for shot in ("report-index.png", "report-study.png"):
        assert (shots / shot).stat().st_size > 10_000
