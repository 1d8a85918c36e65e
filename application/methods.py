"""Use cases that call model and record methods (spec §8)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..domain.errors import AccessError, NotFound
from ..domain.values import encode_result
from .call_guard import guard_call
from ..domain.external_ids import RecordRef
from .external_ids import record_ids
from .outcome import Outcome
from .write import check_count
from .requests import CallBody
from .session import Session
from ..domain.limits import IDENTIFIER_PATTERN, NAME_LENGTH

_METHOD_NAME = re.compile(rf"\A(?={IDENTIFIER_PATTERN}\Z).{{1,{NAME_LENGTH}}}\Z")


def check_method_name(model: str, method: str) -> None:
    """Refuse names that cannot be a public method before asking the store.

    The store applies Odoo's full rule (``@api.private``, the MRO); this catches
    the obvious cases without touching the ORM.
    """
    if not _METHOD_NAME.match(method):
        raise NotFound(f"Method {method!r} not found on {model}", {"model": model, "method": method})
    if method.startswith("_"):
        raise AccessError(f"Private method {method!r} of {model} cannot be called",
                          {"model": model, "method": method})


def call_model_method(session: Session, model_name: str, method: str, body: CallBody) -> Outcome:
    """``POST /object/{model}/{function}``: ``{"result": …}``."""
    return call_method(session, model_name, None, method, body)


def call_record_method(session: Session, model_name: str, ref: RecordRef, method: str,
                       body: CallBody) -> Outcome:
    """``POST /object/{model}/{id}/{function}``: the method runs on that record."""
    return call_method(session, model_name, [ref], method, body)


def call_method(session: Session, model_name: str, ids: Sequence[RecordRef] | None, method: str,
                body: CallBody) -> Outcome:
    """``method`` of the model (``ids`` None) or of the records ``ids`` (ids or external ids), with
    the call guards."""
    model = session.model(model_name, method=method)
    if ids is not None:
        check_count(session, len(ids), "ids")
    check_method_name(model.name, method)
    ids = None if ids is None else record_ids(session, model.name, ids)
    args, kwargs = guard_call(session, model, method, list(body.args), dict(body.kwargs))
    store = session.store_for(body.context)
    result = store.call(model.name, ids, method, args, kwargs)
    return Outcome("Method executed successfully", {"result": encode_result(result)})
