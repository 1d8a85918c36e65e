"""Reports through ``ir.actions.report``, rendered as the request's user (PDF needs wkhtmltopdf)."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager

from odoo import exceptions as odoo_exceptions
from odoo.addons.base.models.ir_qweb import QWebException

from ...application.ports import BinaryContent, ReportInfo, ReportRenderer
from ...domain.errors import AccessError, NotFound, ServiceUnavailable, ValidationError
from .errors import odoo_errors

# What ir.actions.report.get_wkhtmltopdf_state() answers when PDF cannot be made, and why.
WKHTMLTOPDF_PROBLEMS = {
    "install": "wkhtmltopdf is not installed on this server",
    "upgrade": "wkhtmltopdf is too old on this server (0.12.0 or later is needed)",
    "broken": "wkhtmltopdf does not work on this server",
    "workers": "wkhtmltopdf needs Odoo to run with at least two workers",
}


class OdooReportRenderer(ReportRenderer):
    """``ir.actions.report`` as ``env``'s user; the report itself is looked up as Odoo does (sudo)."""

    def __init__(self, env):
        self.env = env

    def _find(self, reference: str):
        try:
            # Odoo's own lookup: by report_name, then by XML id (it reads actions with sudo).
            return self.env["ir.actions.report"]._get_report(reference)
        except ValueError as exc:
            raise NotFound(f"Report {reference!r} not found", {"report": reference}) from exc

    def report(self, reference: str) -> ReportInfo:
        report = self._find(reference)
        if report.groups_id and not report.groups_id & self.env.user.groups_id:
            raise AccessError(f"You are not allowed to print the report {reference}", {"report": reference})
        return ReportInfo(report.report_name, report.model, report.name)

    def render(self, report: ReportInfo, ids: Sequence[int], format: str) -> BinaryContent:
        reports = self.env["ir.actions.report"]
        if format == "pdf":
            problem = WKHTMLTOPDF_PROBLEMS.get(reports.get_wkhtmltopdf_state())
            if problem:
                raise ServiceUnavailable(f"PDF reports are unavailable: {problem}", {"service": "wkhtmltopdf"})
        with _template_errors(), odoo_errors(self.env):
            if format == "pdf":
                # Rendered for real even when Odoo runs its tests (it would fall back to HTML).
                content, _kind = reports.with_context(force_report_rendering=True)._render_qweb_pdf(
                    report.name, list(ids))
                mimetype = "application/pdf"
            else:
                content, _kind = reports._render_qweb_html(report.name, list(ids))
                mimetype = "text/html"
        return BinaryContent(bytes(content), f"{self._filename(report, ids)}.{format}", mimetype)

    def _filename(self, report: ReportInfo, ids: Sequence[int]) -> str:
        """``<report title> - <record name>`` for one record, the title for several.

        (Not the report's ``print_report_name``: that is Python to evaluate, which this addon never does.)
        """
        title = report.title or report.name
        if len(ids) == 1:
            return f"{title} - {self.env[report.model].browse(ids[0]).display_name}"
        return title


@contextmanager
def _template_errors():
    """A template that fails on the user's rights (or a user error) is that error, not a 500."""
    try:
        yield
    except QWebException as exc:
        cause = exc.__cause__
        if isinstance(cause, (odoo_exceptions.AccessError, odoo_exceptions.AccessDenied)):
            detail = cause.args[0] if cause.args else ""
            raise AccessError(f"The report reads records you may not read: {detail}") from exc
        if isinstance(cause, odoo_exceptions.UserError):
            raise ValidationError(str(cause.args[0]) if cause.args else "The report cannot be printed") from exc
        raise
