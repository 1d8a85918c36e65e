"""Printing reports (spec §15): ``ir.actions.report`` rendered as the user, PDF or HTML."""
from __future__ import annotations

from ..domain.errors import ServiceUnavailable, ValidationError
from ..domain.external_ids import parse_record_list
from .external_ids import record_ids
from ..domain.resolution import ResolvedSelection
from .ports import BinaryContent
from .session import Session

FORMATS = ("pdf", "html")
# Rendering is the costliest thing a request can ask for: one report prints this many records at most.
MAX_REPORT_RECORDS = 100


def render_report(session: Session, reference: str, ids_text: str, format: str | None) -> BinaryContent:
    """The report ``reference`` of the records ``ids_text`` (``1,2,3``).

    404 for an unknown report or a record the user cannot read, 403 for a report or
    model the user may not use, 503 when this server cannot render reports (or PDF).
    """
    chosen = format or "pdf"
    if chosen not in FORMATS:
        raise ValidationError("format must be 'pdf' or 'html'", {"format": chosen[:20]})
    refs = parse_record_list(ids_text, MAX_REPORT_RECORDS)
    if session.reports is None:
        raise ServiceUnavailable("Reports are not available on this server", {"service": "reports"})
    report = session.reports.report(reference)
    model = session.model(report.model, "read")
    ids = list(dict.fromkeys(record_ids(session, model.name, refs)))
    session.store.read(model.name, ids, ResolvedSelection.of(model, ()))  # NotFound unless all visible
    return session.reports.render(report, ids, chosen)
