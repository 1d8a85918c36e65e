"""The field and filter guards of the REST endpoints, applied to ``/object`` calls (spec §11).

``POST /object/{model}/{method}`` reaches the ORM's generic methods with raw arguments.
For those whose parameters are domains, field lists, read specifications, orders or
record values, each argument goes through the same checks as the REST endpoints: the
filter guard (sensitive and group-restricted fields, the whole-filter budgets), the read
guard on field names, and the sensitive-field and field-``groups`` check on values. One
guard, every path. Methods of other addons take what they take: the ORM applies its own
rules there, and the model's ACLs and record rules apply everywhere.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.errors import AccessError, ValidationError
from ..domain.model_info import ModelInfo
from .read import checked_domain
from .session import Session
from .write_values import check_char_length

DOMAIN, FIELDS, SPEC, ORDER, VALUES, VALUES_LIST = "domain", "fields", "spec", "order", "values", "values_list"

# method -> (parameter name, position, kind), from Odoo 18's signatures (odoo/models.py,
# addons/web/models/models.py).
ORM_PARAMETERS: dict[str, tuple[tuple[str, int, str], ...]] = {
    "search": (("domain", 0, DOMAIN), ("order", 3, ORDER)),
    "search_count": (("domain", 0, DOMAIN),),
    "search_read": (("domain", 0, DOMAIN), ("fields", 1, FIELDS), ("order", 4, ORDER)),
    "search_fetch": (("domain", 0, DOMAIN), ("field_names", 1, FIELDS), ("order", 4, ORDER)),
    "name_search": (("args", 1, DOMAIN), ("domain", 1, DOMAIN)),
    "read": (("fields", 0, FIELDS),),
    "read_group": (("domain", 0, DOMAIN), ("fields", 1, FIELDS), ("groupby", 2, FIELDS),
                   ("orderby", 5, ORDER)),
    "web_read_group": (("domain", 0, DOMAIN), ("fields", 1, FIELDS), ("groupby", 2, FIELDS),
                       ("orderby", 5, ORDER)),
    "read_progress_bar": (("domain", 0, DOMAIN), ("group_by", 1, FIELDS)),
    "web_search_read": (("domain", 0, DOMAIN), ("specification", 1, SPEC), ("order", 4, ORDER)),
    "web_read": (("specification", 0, SPEC),),
    "export_data": (("fields_to_export", 0, FIELDS),),
    "create": (("vals_list", 0, VALUES_LIST),),
    "write": (("vals", 0, VALUES),),
    "copy": (("default", 0, VALUES),),
    "web_save": (("vals", 0, VALUES), ("specification", 1, SPEC)),
    "onchange": (("values", 0, VALUES), ("fields_spec", 2, SPEC)),
    "default_get": (("fields_list", 0, FIELDS),),
}


def guard_call(session: Session, model: ModelInfo, method: str, args: list,
               kwargs: Mapping[str, Any]) -> tuple[list, dict[str, Any]]:
    """Refuse what the REST endpoints would refuse in the arguments of ``model.method``; return
    the arguments to pass on, each domain as the filter guard read it (datetimes in UTC).

    ``ValidationError`` for a ``context`` among the keyword arguments (it belongs in the
    body's ``context``, which is allow-listed) and for a bad filter; ``AccessError`` for a
    sensitive or group-restricted field in a filter, a field list, an order or values.
    """
    if "context" in kwargs:
        raise ValidationError("Pass the context as the body's 'context' key, not as a keyword argument",
                              {"kwarg": "context"})
    args, kwargs = list(args), dict(kwargs)
    for name, position, kind in ORM_PARAMETERS.get(method, ()):
        positional = position < len(args)
        value = args[position] if positional else kwargs.get(name)
        if value is None or value is False:
            continue
        if kind != DOMAIN:
            _CHECKS[kind](session, model, value)
        elif isinstance(value, (list, tuple)):  # anything else is not a domain: the argument check says so
            if positional:
                args[position] = checked_domain(session, model, value)
            else:
                kwargs[name] = checked_domain(session, model, value)
    return args, kwargs


def _fields(session: Session, model: ModelInfo, value: Any) -> None:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)):
        return  # not a field list: Odoo refuses it itself
    for name in names:
        if isinstance(name, str):
            _check_path(session, model, _field_path(name))


def _field_path(spec: str) -> list[str]:
    """``partner_id``, ``amount:sum``, ``total:sum(amount)``, ``date:month``, ``a/b/id``, ``a.b``."""
    head, _, tail = spec.partition(":")
    if "(" in tail and tail.endswith(")"):
        head = tail[tail.index("(") + 1:-1]
    return [part for part in head.replace("/", ".").split(".") if part and part not in (".id", "id")]


def _check_path(session: Session, model: ModelInfo, path: list[str]) -> None:
    current = model
    for position, name in enumerate(path):
        field = current.field(name)
        if field is None:
            return  # unknown names are Odoo's to refuse
        _refuse_unreadable(session, current, name)
        if position < len(path) - 1:
            if not field.relation:
                return
            current = session.lookup(field.relation)


def _refuse_unreadable(session: Session, model: ModelInfo, name: str) -> None:
    field = model.field(name)
    if name in session.sensitive or (field is not None and not field.readable):
        raise AccessError(f"Field {name!r} of model {model.name} cannot be used through the API",
                          model.refused_fields([name]))


def _spec(session: Session, model: ModelInfo, value: Any) -> None:
    if not isinstance(value, Mapping):
        return
    for name, nested in value.items():
        _refuse_unreadable(session, model, name)
        field = model.field(name)
        if field is not None and field.relation and isinstance(nested, Mapping) \
                and isinstance(nested.get("fields"), Mapping):
            _spec(session, session.lookup(field.relation), nested["fields"])


def _order(session: Session, model: ModelInfo, value: Any) -> None:
    if not isinstance(value, str):
        return
    for term in value.split(","):
        words = term.split()
        if words:
            _check_path(session, model, _field_path(words[0]))


def _values(session: Session, model: ModelInfo, value: Any) -> None:
    if not isinstance(value, Mapping):
        return
    for name, item in value.items():
        _refuse_unreadable(session, model, name)
        field = model.field(name)
        if field is not None:
            try:
                check_char_length(session, field.type, item)
            except ValidationError as exc:
                raise ValidationError(f"Field {name!r} of model {model.name}: {exc.message}",
                                      {"model": model.name, "fields": {name: exc.message}}) from exc
        if field is not None and field.is_x2many and field.relation and isinstance(item, (list, tuple)):
            related = session.lookup(field.relation)
            for command in item:
                if isinstance(command, (list, tuple)) and len(command) == 3:
                    _values(session, related, command[2])


def _values_list(session: Session, model: ModelInfo, value: Any) -> None:
    for values in value if isinstance(value, (list, tuple)) else [value]:
        _values(session, model, values)


_CHECKS = {FIELDS: _fields, SPEC: _spec, ORDER: _order, VALUES: _values,
           VALUES_LIST: _values_list}
