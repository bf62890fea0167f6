"""Static HTML study reports: an index, a page per study with trajectory plots, cross-study
endpoint families and a product–disease–endpoint network; every number links to its source."""

from msckg.report.gather import gather
from msckg.report.writer import ReportError, ReportSummary, report, write_report

__all__ = ["ReportError", "ReportSummary", "gather", "report", "write_report"]
