"""Evaluating an Odoo domain (prefix notation, already validated by the core) on stored rows."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.errors import ValidationError
from .database import Database, Row
from .hierarchy import hierarchy_ids
from .leaf_ops import LIKE_OPERATORS, ORDER_OPERATORS, scalar_test
from .relations import linked_reader, stored_or_computed, x2many_reader
from .schema import FieldSpec, ModelSchema
from .scope import Scope

Predicate = Callable[[Row], bool]

NEGATIONS = {"!=": "=", "not in": "in", "not like": "like", "not ilike": "ilike", "not any": "any"}


def mentions_active(domain: list) -> bool:
    """Whether a top-level term is on ``active`` (which turns Odoo's ``active_test`` off)."""
    return any(isinstance(t, (list, tuple)) and len(t) == 3 and t[0] == "active" for t in domain)


class DomainEvaluator:
    """Searches of one database as one user: domains compiled to predicates on rows."""

    def __init__(self, database: Database, scope: Scope):
        self.database = database
        self.scope = scope

    def search(self, model: str, domain: list) -> list[Row]:
        """The rows of ``model`` the user sees that match ``domain``, in id order.

        Applies record rules, and ``active_test`` unless the domain names ``active``.
        """
        schema = self.database.model(model)
        matches = self.predicate(schema, domain)
        active_test = not mentions_active(domain)
        rows = [row for row in self.database.table(model).values()
                if self.scope.passes_rules(schema, row)
                and (not active_test or self.scope.is_active(schema, row)) and matches(row)]
        return sorted(rows, key=lambda row: row["id"])

    def search_ids(self, model: str, domain: list) -> set[int]:
        """The ids ``search`` would return."""
        return {row["id"] for row in self.search(model, domain)}

    def predicate(self, schema: ModelSchema, domain: list) -> Predicate:
        """``domain`` as one test on rows of ``schema``; consecutive expressions are AND-ed.

        Prefix notation is evaluated right to left on a stack, per row: a chain of
        a thousand ``!`` or ``|`` costs no recursion, at compile time or at run time.
        """
        if not isinstance(domain, (list, tuple)):
            raise ValidationError("A domain must be a list", {"domain": repr(domain)})
        program = [item if item in LOGICAL else self._leaf(schema, item) for item in reversed(domain)]
        _check_operands(program)
        return lambda row: _run(program, row)

    def _leaf(self, schema: ModelSchema, item) -> Predicate:
        if isinstance(item, (list, tuple)) and len(item) == 3:
            return self._term(schema, list(item))
        raise ValidationError(f"Invalid domain element {item!r}", {"element": repr(item)})

    def _term(self, schema: ModelSchema, term: list) -> Predicate:
        path, op, value = term
        if type(path) is int and path in (0, 1) and op == "=" and value == 1:
            return lambda row: bool(path)
        if not isinstance(path, str) or not isinstance(op, str):
            raise ValidationError(f"Invalid domain term {term!r}", {"term": repr(term)})
        head, _, rest = path.partition(".")
        spec = self._field(schema, head)
        op = op.lower()
        if rest:  # Odoo 17+: a dotted path is an ``any`` on its first relation
            return self._term(schema, [head, "any", [[rest, op, value]]])
        if op in NEGATIONS:
            positive = self._term(schema, [path, NEGATIONS[op], value])
            return lambda row: not positive(row)
        if op == "=?":
            return (lambda row: True) if value is None or value is False else self._term(schema, [path, "=", value])
        if op in ("child_of", "parent_of"):
            if spec.type == "many2one" and spec.info.comodel == schema.name:
                # Odoo: a many2one to its own model is the hierarchy's parent field, and the
                # term is on the records themselves ("parent_id child_of 5" includes 5).
                ids = hierarchy_ids(self.database, schema.name, op, value, self._name_search, parent=head)
                return self._term(schema, ["id", "in", sorted(ids)])
            target = spec.info.comodel if spec.info.is_relational else schema.name
            ids = hierarchy_ids(self.database, target, op, value, self._name_search)
            return self._term(schema, [path, "in", sorted(ids)])
        if spec.info.is_relational:
            return self._relational(spec, op, value)
        if op == "any":
            raise ValidationError(f"'any' needs a relational field; {spec.name} is {spec.type}",
                                  {"field": spec.name})
        getter, test = self._scalar_getter(spec), scalar_test(spec, op, value)
        return lambda row: test(getter(row))

    def _field(self, schema: ModelSchema, name: str) -> FieldSpec:
        spec = schema.field(name)
        if spec is None:
            raise ValidationError(f"Unknown field {name} on model {schema.name} in the filter",
                                  {"model": schema.name, "field": name})
        self.scope.check_fields(schema, [name])
        return spec

    def _scalar_getter(self, spec: FieldSpec) -> Callable[[Row], Any]:
        raw = stored_or_computed(self.database, spec)
        if spec.type == "boolean":
            return raw
        return lambda row: None if (value := raw(row)) is False else value

    def _relational(self, spec: FieldSpec, op: str, value: Any) -> Predicate:
        if op == "any":
            return self._related_match(spec, self._sub_search(spec, value))
        items = list(value) if isinstance(value, (list, tuple)) else [value]
        if op in LIKE_OPERATORS or any(isinstance(i, str) for i in items):
            return self._relational(spec, "any", [["display_name", op, value]])
        if any(isinstance(i, bool) and i for i in items) or not all(
                i is False or i is None or isinstance(i, int) for i in items):
            raise ValidationError(f"Field {spec.name} compares with record ids, names or False",
                                  {"field": spec.name, "value": value})
        if op in ORDER_OPERATORS:
            id_field = self.database.model(spec.info.comodel).fields["id"]
            return self._related_match(spec, None, scalar_test(id_field, op, value))
        wanted = {i for i in items if i is not False and i is not None}
        null_ok = len(wanted) < len(items)
        if spec.info.is_x2many:
            return self._linked_match(spec, wanted, null_ok)
        return self._related_match(spec, wanted, null_ok=null_ok)

    def _linked_match(self, spec: FieldSpec, wanted: set[int], null_ok: bool) -> Predicate:
        """An x2many ``in`` ids or ``= False``, as Odoo's ``expression.py`` makes them: on the relation
        itself (the many2many's table, the one2many's inverse column), record rules aside; only
        ``= False`` on a one2many searches the comodel, with ``active_test`` unless the field
        turns it off (``active_only``)."""
        linked = linked_reader(self.database, spec)
        comodel, table = self.database.model(spec.info.comodel), self.database.table(spec.info.comodel)
        if spec.type == "one2many" and self.scope.active_test and not spec.active_only:
            def present(row: Row) -> bool:
                return any(self.scope.is_active(comodel, table[i]) for i in linked(row))
        else:
            def present(row: Row) -> bool:
                return bool(linked(row))
        return lambda row: (null_ok and not present(row)) or any(i in wanted for i in linked(row))

    def _sub_search(self, spec: FieldSpec, domain: Any) -> set[int]:
        # Odoo searches a many2one's comodel with active_test off, an x2many's through its
        # field: with active_test, or active records only for an ``active_only`` field.
        scope = self.scope.without_active_test() if spec.type == "many2one" else self.scope
        if spec.active_only and isinstance(domain, (list, tuple)):
            domain = [["active", "=", True], *domain]
        evaluator = DomainEvaluator(self.database, scope)
        return evaluator.search_ids(spec.info.comodel, domain)

    def _related_match(self, spec: FieldSpec, wanted: set[int] | None,
                       test: Callable[[Any], bool] | None = None, null_ok: bool = False) -> Predicate:
        """Rows whose related id (many2one) or one of whose related ids (x2many) passes."""
        check = test if test is not None else (lambda rid: wanted is not None and rid in wanted)
        if spec.type == "many2one":
            return lambda row: null_ok if row.get(spec.name) is None else check(row[spec.name])
        related = x2many_reader(self.database, self.scope, spec)
        return lambda row: (null_ok and not related(row)) or any(check(i) for i in related(row))

    def _name_search(self, model: str, name: str) -> set[int]:
        return self.search_ids(model, [["display_name", "ilike", name]])


LOGICAL = ("!", "&", "|")


def _check_operands(program: list) -> None:
    """Every operator of the reversed ``program`` finds its operands."""
    depth = 0
    for item in program:
        if item == "!":
            if depth < 1:
                raise ValidationError("Incomplete domain: an operator lacks operands")
        elif item in ("&", "|"):
            if depth < 2:
                raise ValidationError("Incomplete domain: an operator lacks operands")
            depth -= 1
        else:
            depth += 1


def _run(program: list, row) -> bool:
    """Evaluate a reversed prefix ``program`` on ``row``; what remains on the stack is AND-ed."""
    stack: list[bool] = []
    for item in program:
        if item == "!":
            stack.append(not stack.pop())
        elif item == "&":
            left, right = stack.pop(), stack.pop()
            stack.append(left and right)
        elif item == "|":
            left, right = stack.pop(), stack.pop()
            stack.append(left or right)
        else:
            stack.append(item(row))
    return all(stack)
