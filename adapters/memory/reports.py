"""Reports of the demo server: HTML from the in-memory records; no PDF renderer here."""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ...application.ports import BinaryContent, RecordStore, ReportInfo, ReportRenderer
from ...domain.errors import NotFound, ServiceUnavailable
from ...domain.model_info import FieldInfo
from ...domain.resolution import ResolvedField, ResolvedSelection

DEMO_REPORTS = {
    "rest_api_demo.report_partner_card": ReportInfo("rest_api_demo.report_partner_card", "res.partner",
                                                    "Contact cards"),
    # Named like Odoo's own, so the documentation's example runs on both.
    "web.preview_internalreport": ReportInfo("web.preview_internalreport", "res.company",
                                             "Preview Internal Report"),
}


class InMemoryReportRenderer(ReportRenderer):
    """A small HTML report per record; PDF answers 503 (the demo has no wkhtmltopdf)."""

    def __init__(self, store: RecordStore, reports: dict[str, ReportInfo] = DEMO_REPORTS):
        self.store = store
        self.reports = reports

    def report(self, reference: str) -> ReportInfo:
        found = self.reports.get(reference)
        if found is None:
            raise NotFound(f"Report {reference!r} not found", {"report": reference})
        return found

    def render(self, report: ReportInfo, ids: Sequence[int], format: str) -> BinaryContent:
        if format == "pdf":
            raise ServiceUnavailable("PDF reports need wkhtmltopdf, which this server does not have",
                                     {"service": "wkhtmltopdf"})
        names = self._names(report.model, ids)
        rows = "".join(f"<article><h2>{escape(name)}</h2></article>" for name in names)
        page = f"<!DOCTYPE html><html><head><title>{escape(report.title)}</title></head><body>{rows}</body></html>"
        filename = f"{report.title} - {names[0]}" if len(names) == 1 else report.title
        return BinaryContent(page.encode("utf-8"), f"{filename}.html", "text/html")

    def _names(self, model: str, ids: Sequence[int]) -> list[str]:
        selection = ResolvedSelection(model, (ResolvedField(FieldInfo("id", "integer")),
                                              ResolvedField(FieldInfo("display_name", "char"))))
        return [row.get("display_name") or "" for row in self.store.read(model, ids, selection)]
