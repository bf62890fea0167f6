"""The seed report on disk: pages, plots, links from every number to its source, determinism, safety."""

from __future__ import annotations

import filecmp
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from msckg.report import ReportError, ReportSummary, report
from msckg.report.gather import ReportDataError

STUDIES = ("covid19-ucmsc-1y", "ra-admsc-phase1-2a", "sle-ucmsc-multicentre", "ssc-umsct-5y")


class _Page(HTMLParser):
    """Ids, numbered links (a.num), images and text of one page."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.nums: list[tuple[str, str]] = []  # (href, text)
        self.imgs: list[str] = []
        self.text: list[str] = []
        self._num: str | None = None
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and "num" in (a.get("class") or "").split():
            self._num = a.get("href") or ""
            self.nums.append((self._num, ""))
        if tag == "img":
            self.imgs.append(a.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._num = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._num is not None:
            href, text = self.nums[-1]
            self.nums[-1] = (href, text + data)


def test_pages_and_plots_exist(seed_report: tuple[Path, ReportSummary]) -> None:
    out, summary = seed_report
    assert (summary.studies, summary.families) == (4, 1)
    assert sorted(p.stem for p in (out / "studies").glob("*.html")) == list(STUDIES)
    plots = sorted(str(p.relative_to(out / "plots")) for p in (out / "plots").rglob("*.svg"))
    assert plots == ["network.svg", "sle-ucmsc-multicentre/proteinuria.svg", "sle-ucmsc-multicentre/relapse.svg",
                     "sle-ucmsc-multicentre/sledai.svg", "ssc-umsct-5y/mrss.svg"]
    assert (out / "endpoints" / "adverse-events.html").is_file()
    assert (out / "assets" / "report.css").is_file()


def test_pages_load_nothing_from_the_network(seed_report: tuple[Path, ReportSummary]) -> None:
    out, _ = seed_report
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attr in ("src=\"http", "href=\"//", "@import", "<script"):
            assert attr not in html, f"{page}: {attr}"
        assert 'rel="stylesheet" href="http' not in html


def test_every_number_links_to_a_source_entry(seed_report: tuple[Path, ReportSummary]) -> None:
    out, _ = seed_report
    pages = {p: _Page(p) for p in out.rglob("*.html")}
    checked = 0
    for path, page in pages.items():
        for href, text in page.nums:
            target, fragment = urldefrag(href)
            target_path = (path.parent / target).resolve() if target else path.resolve()
            assert fragment.startswith("src-"), f"{path.name}: number {text!r} links to {href!r}"
            assert fragment in pages[target_path].ids, f"{path.name}: number {text!r} links to missing {href!r}"
            checked += 1
    assert checked > 100


def test_ssc_page_shows_every_mrss_number_linked(seed_report: tuple[Path, ReportSummary]) -> None:
    out, _ = seed_report
    page = _Page(out / "studies" / "ssc-umsct-5y.html")
    linked = {text for _, text in page.nums}
    assert {"18.68", "7.26", "13.95", "8.49", "13.29", "7.67", "12.39", "41", "38"} <= linked
    assert "../plots/ssc-umsct-5y/mrss.svg" in page.imgs
    text = " ".join(page.text)
    assert "stated in words only" in text  # the 6-month mRSS finding has no number to plot


def test_numbers_keep_their_reported_digits(seed_report: tuple[Path, ReportSummary]) -> None:
    """The query store makes decimals canonical (0.030 -> 0.03); the page prints what was reported."""
    out, _ = seed_report
    covid = {text for _, text in _Page(out / "studies" / "covid19-ucmsc-1y.html").nums}
    assert "0.030" in covid and "0.03" not in covid
    assert "-10.8 (95% CI -20.7 to -1.5)" in covid
    sle = {text for _, text in _Page(out / "studies" / "sle-ucmsc-multicentre.html").nums}
    assert "14/40 (35.0%)" in sle
    ssc = (out / "studies" / "ssc-umsct-5y.html").read_text(encoding="utf-8")
    assert 'baseline <span class="muted">(P0D)</span>' in ssc  # the store would say PT0S


def test_index_links_each_study_and_its_sources(seed_report: tuple[Path, ReportSummary]) -> None:
    out, _ = seed_report
    html = (out / "index.html").read_text(encoding="utf-8")
    for study in STUDIES:
        assert f'href="studies/{study}.html"' in html
    assert 'href="https://www.clinicaltrials.gov/study/NCT00962923"' in html
    assert 'href="https://doi.org/10.1007/s10067-024-06865-z"' in html  # the journal page's own URL


def test_report_is_byte_identical_across_runs(built: Path, seed_report: tuple[Path, ReportSummary],
                                              tmp_path: Path) -> None:
    out, _ = seed_report
    again = tmp_path / "again"
    report(again, graph=built / "kg.nq")
    left = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    right = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert left == right
    _, mismatch, errors = filecmp.cmpfiles(out, again, [str(p) for p in left], shallow=False)
    assert (mismatch, errors) == ([], [])


def test_never_replaces_a_directory_that_is_not_a_report(built: Path, tmp_path: Path) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.md").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportError, match="not an msckg report"):
        report(precious, graph=built / "kg.nq")
    assert (precious / "chapter1.md").read_text(encoding="utf-8") == "keep me"


def test_bad_number_fails_naming_the_node_and_keeps_the_previous_report(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    report(out, graph=built / "kg.nq")
    before = (out / "index.html").read_bytes()
    broken = tmp_path / "broken.nq"
    text = (built / "kg.nq").read_text(encoding="utf-8")
    assert '"18.68"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    broken.write_text(text.replace('"18.68"^^<http://www.w3.org/2001/XMLSchema#decimal>',
                                   '"18,68"^^<http://www.w3.org/2001/XMLSchema#decimal>'), encoding="utf-8")
    with pytest.raises(ReportDataError, match=r"result/mrss\.umsct\.p0d/mean: '18,68' is not a number"):
        report(out, graph=broken)
    assert (out / "index.html").read_bytes() == before
    assert not (tmp_path / "report.partial").exists()


def test_registry_record_numbers_link_to_the_registry_source(shared_dir: Path, tmp_path: Path) -> None:
    """A curated study merged with its registry record shows both enrollments, each with its own source."""
    import gzip
    import json

    from msckg.builder.build import build

    records = tmp_path / "records.jsonl"
    with gzip.open(shared_dir / "ctgov" / "ctgov-msc-studyfields-dev.jsonl.gz", "rt", encoding="utf-8") as handle:
        records.write_text("".join(line for line in handle if json.loads(line)["NCTId"] == ["NCT00962923"]),
                           encoding="utf-8")
    summary = build(None, tmp_path / "build", ctgov=[records])
    assert summary.ok
    out = tmp_path / "report"
    report(out, graph=tmp_path / "build" / "kg.nq")
    page = _Page(out / "studies" / "ssc-umsct-5y.html")
    assert "src-ctgov-nct00962923" in page.ids
    enrollment = [(href, text) for href, text in page.nums if text in ("41", "20")]
    assert ("#src-abstract", "41") in enrollment
    assert ("#src-ctgov-nct00962923", "20") in enrollment
    html = (out / "studies" / "ssc-umsct-5y.html").read_text(encoding="utf-8")
    assert 'href="https://www.clinicaltrials.gov/study/NCT00962923"' in html
    shutil.rmtree(tmp_path / "build")
