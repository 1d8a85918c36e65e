"""The specification of ``RecordStore``: behaviours every store must have, Odoo's first.

A mixin for ``unittest.TestCase`` so that plain pytest (in-memory store) and
Odoo's test runner (Odoo store) both run it: what passes on a real Odoo 18 is
the truth the in-memory store copies. It imports nothing from the addon: errors
are recognised by their stable ``type`` name. A subclass gives, in ``setUp``,
``self.store`` (acting as an administrator: a system user who may read, create,
write and delete the models used here) and implements ``selection(model, names)``
returning a flat ``ResolvedSelection`` and ``query_selection(model, query)`` resolving
the API's ``query`` text (nested levels). Every case creates the records it looks at,
through the port, with names starting ``Contract``.

What Odoo does, and so what every store must do:
- NULL in comparisons: numbers compare as 0, char/text/html as ``''`` for ``=``,
  ``!=``, ``in``, ``not in`` and the likes (``_condition_to_sql``); text compared
  by ``<``…``>=`` never matches NULL; other types (dates, many2one) only match NULL
  through ``= False``, ``in [False]`` and the negative operators.
- Order: a model's default order is its ``_order``; a many2one sorts by its
  comodel's ``_order`` (reversed when descending); NULLs last ascending.
- Only the unique constraints Odoo has; a violated SQL one is a ``Conflict``.
- Domains as ``expression.py`` reads them (``DOMAIN_CASES``): a dotted path is an ``any`` on its
  first relation; a many2one's comodel is searched archived records included, an x2many's
  through its field (``res.partner.child_ids`` never shows archived contacts); ``in`` ids and
  ``= False`` on an x2many look at the relation itself, archived records included; a many2one
  to its own model ``child_of`` a record includes that record.
"""
from __future__ import annotations

MODEL = "res.partner"
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"

# (case name, domain term on the three partners of ``null_partners``, names expected).
# The partners: "Set" (latitude 2.5, email, type "contact"), "Zero" (latitude 0.0 and email
# False written, type "invoice"), "Unset" (type False written, nothing else: NULL everywhere).
NULL_CASES = [
    ("number_eq_zero", ["partner_latitude", "=", 0], ["Zero", "Unset"]),
    ("number_eq_false", ["partner_latitude", "=", False], ["Zero", "Unset"]),
    ("number_ne_zero", ["partner_latitude", "!=", 0], ["Set"]),
    ("number_ne_false", ["partner_latitude", "!=", False], ["Set"]),
    ("number_ne_value", ["partner_latitude", "!=", 2.5], ["Zero", "Unset"]),
    ("number_lt_positive", ["partner_latitude", "<", 1], ["Zero", "Unset"]),
    ("number_le_zero", ["partner_latitude", "<=", 0], ["Zero", "Unset"]),
    ("number_gt_negative", ["partner_latitude", ">", -1], ["Set", "Zero", "Unset"]),
    ("number_ge_zero", ["partner_latitude", ">=", 0], ["Set", "Zero", "Unset"]),
    ("number_gt_zero", ["partner_latitude", ">", 0], ["Set"]),
    ("number_le_negative", ["partner_latitude", "<=", -1], []),
    ("number_in_zero", ["partner_latitude", "in", [0]], ["Zero", "Unset"]),
    ("number_in_false", ["partner_latitude", "in", [False]], ["Zero", "Unset"]),
    ("number_in_value", ["partner_latitude", "in", [2.5]], ["Set"]),
    ("number_not_in_value", ["partner_latitude", "not in", [2.5]], ["Zero", "Unset"]),
    ("number_not_in_zero", ["partner_latitude", "not in", [0]], ["Set"]),
    ("text_eq_false", ["email", "=", False], ["Zero", "Unset"]),
    ("text_eq_empty", ["email", "=", ""], ["Zero", "Unset"]),
    ("text_ne_false", ["email", "!=", False], ["Set"]),
    ("text_ne_value", ["email", "!=", "set@contract.example.com"], ["Zero", "Unset"]),
    ("text_in_false", ["email", "in", [False]], ["Zero", "Unset"]),
    ("text_not_in_false", ["email", "not in", [False]], ["Set"]),
    ("text_not_in_value", ["email", "not in", ["set@contract.example.com"]], ["Zero", "Unset"]),
    ("text_lt_is_not_folded", ["email", "<", "zzz"], ["Set"]),
    ("text_not_ilike", ["email", "not ilike", "SET@"], ["Zero", "Unset"]),
    ("text_ilike_empty_matches_all", ["email", "ilike", ""], ["Set", "Zero", "Unset"]),
    ("selection_eq_false", ["type", "=", False], ["Unset"]),
    ("selection_ne_false", ["type", "!=", False], ["Set", "Zero"]),
    ("selection_ne_value", ["type", "!=", "contact"], ["Zero", "Unset"]),
    ("selection_not_in_value", ["type", "not in", ["invoice"]], ["Set", "Unset"]),
    ("selection_in_false", ["type", "in", [False, "invoice"]], ["Zero", "Unset"]),
    ("datetime_ne_false", ["create_date", "!=", False], ["Set", "Zero", "Unset"]),
    ("boolean_eq_false", ["is_company", "=", False], ["Set", "Zero", "Unset"]),
    ("many2one_eq_false", ["parent_id", "=", False], ["Set", "Zero", "Unset"]),
]


def _null_case(term, expected):
    def test(self):
        self.null_partners()
        self.assertEqual(sorted(expected), sorted(self.null_names(term)), term)
    return test


class _NullCases:
    """One test method per ``NULL_CASES`` row (``test_null_<case>``)."""


for _name, _term, _expected in NULL_CASES:
    setattr(_NullCases, f"test_null_{_name}", _null_case(_term, _expected))


class Ref:
    """In a ``DOMAIN_CASES`` domain: the id of the ``domain_world`` record of that short name."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Ref({self.name!r})"


# The partners of ``domain_world``, by short name (their names are "Contract Dom <short name>").
# Companies: Acme (color 5, an image, tags Vendor and Services), Deco (the archived tag Old only),
# Gem (color 7, tag Supplies, a child of Vendor). Contacts: Ann (of Acme, color 2), Bob (of Acme,
# invoice address), Dan and the archived Dora (of Deco), Eve (of Gem, delivery address, no email);
# Jo stands alone, without email. Tag colors: Vendor 1, Old 2, Services 3, Supplies 4.
COMPANIES = ["Acme", "Deco", "Gem"]
PERSONS = ["Ann", "Bob", "Dan", "Eve", "Jo"]
EVERYONE = COMPANIES + PERSONS  # Dora is archived


def but(*names: str) -> list[str]:
    """Every active partner of ``domain_world`` except ``names``."""
    return [name for name in EVERYONE if name not in names]


# (case name, domain on the partners of ``domain_world``, short names expected).
DOMAIN_CASES = [
    ("boolean_eq_true", [["is_company", "=", True]], COMPANIES),
    ("boolean_ne_true", [["is_company", "!=", True]], PERSONS),
    ("char_eq", [["name", "=", "Contract Dom Jo"]], ["Jo"]),
    ("char_ne", [["name", "!=", "Contract Dom Jo"]], but("Jo")),
    ("number_gt", [["color", ">", 2]], ["Acme", "Gem"]),
    ("number_ge", [["color", ">=", 2]], ["Acme", "Ann", "Gem"]),
    ("number_lt", [["color", "<", 5]], but("Acme", "Gem")),
    ("number_le", [["color", "<=", 5]], but("Gem")),
    ("number_gt_false_is_gt_zero", [["color", ">", False]], ["Acme", "Ann", "Gem"]),
    ("eq_or_skip_false_is_true", [["type", "=?", False]], EVERYONE),
    ("eq_or_skip_value_is_eq", [["type", "=?", "invoice"]], ["Bob"]),
    ("like_is_a_substring", [["name", "like", "Dom A"]], ["Acme", "Ann"]),
    ("like_is_case_sensitive", [["name", "like", "dom a"]], []),
    ("ilike_ignores_case", [["name", "ilike", "dom a"]], ["Acme", "Ann"]),
    ("not_like", [["name", "not like", "Dom A"]], but("Acme", "Ann")),
    ("not_ilike", [["name", "not ilike", "dom a"]], but("Acme", "Ann")),
    ("not_ilike_matches_null", [["email", "not ilike", "dom.example"]], ["Eve", "Jo"]),
    ("eq_like_is_the_whole_pattern", [["name", "=like", "Contract Dom A%"]], ["Acme", "Ann"]),
    ("eq_like_without_wildcard_is_the_whole_value", [["name", "=like", "Contract Dom"]], []),
    ("eq_like_underscore_is_one_character", [["name", "=like", "Contract Dom _nn"]], ["Ann"]),
    ("eq_like_is_case_sensitive", [["name", "=like", "contract dom a%"]], []),
    ("eq_ilike_ignores_case", [["name", "=ilike", "contract dom a%"]], ["Acme", "Ann"]),
    ("like_on_a_number_matches_its_text", [["color", "like", "7"]], ["Gem"]),
    ("char_in", [["name", "in", ["Contract Dom Jo", "Contract Dom Eve", "Contract Nowhere"]]], ["Eve", "Jo"]),
    ("char_not_in", [["name", "not in", ["Contract Dom Jo"]]], but("Jo")),
    ("number_in", [["color", "in", [2, 5]]], ["Acme", "Ann"]),
    ("in_nothing_is_false", [["id", "in", []]], []),
    ("not_in_nothing_is_true", [["id", "not in", []]], EVERYONE),
    ("many2one_eq_id", [["parent_id", "=", Ref("Acme")]], ["Ann", "Bob"]),
    ("many2one_in_ids", [["parent_id", "in", [Ref("Acme"), Ref("Deco")]]], ["Ann", "Bob", "Dan"]),
    ("many2one_ne_false", [["parent_id", "!=", False]], ["Ann", "Bob", "Dan", "Eve"]),
    ("many2one_ne_id_matches_null", [["parent_id", "!=", Ref("Acme")]], but("Ann", "Bob")),
    ("many2one_in_id_or_false", [["parent_id", "in", [Ref("Acme"), False]]],
     ["Acme", "Ann", "Bob", "Deco", "Gem", "Jo"]),
    ("many2one_ilike_searches_display_names", [["parent_id", "ilike", "dom acme"]], ["Ann", "Bob"]),
    ("many2one_eq_a_name", [["parent_id", "=", "Contract Dom Acme"]], ["Ann", "Bob"]),
    ("many2one_not_ilike_matches_null", [["parent_id", "not ilike", "dom acme"]], but("Ann", "Bob")),
    ("one2many_eq_false", [["child_ids", "=", False]], PERSONS),
    ("one2many_ne_false", [["child_ids", "!=", False]], COMPANIES),
    ("one2many_in_ids", [["child_ids", "in", [Ref("Ann")]]], ["Acme"]),
    ("one2many_in_an_archived_id", [["child_ids", "in", [Ref("Dora")]]], ["Deco"]),
    ("many2many_in_ids", [["category_id", "in", [Ref("Vendor")]]], ["Acme"]),
    ("many2many_eq_id", [["category_id", "=", Ref("Services")]], ["Acme"]),
    ("many2many_not_in_matches_untagged", [["category_id", "not in", [Ref("Vendor")]]], but("Acme")),
    ("many2many_ilike_searches_tag_names", [["category_id", "ilike", "dom serv"]], ["Acme"]),
    ("many2many_ilike_takes_child_tags", [["category_id", "ilike", "dom vendor"]], ["Acme", "Gem"]),
    ("many2many_eq_false_counts_archived_tags", [["category_id", "=", False]], PERSONS),
    ("many2many_in_an_archived_id", [["category_id", "in", [Ref("Old")]]], ["Deco"]),
    ("dotted_many2one", [["parent_id.name", "=", "Contract Dom Deco"]], ["Dan"]),
    ("dotted_many2one_boolean", [["parent_id.is_company", "=", True]], ["Ann", "Bob", "Dan", "Eve"]),
    ("dotted_negation_needs_a_related_record", [["parent_id.name", "!=", "Contract Dom Deco"]],
     ["Ann", "Bob", "Eve"]),
    ("dotted_one2many", [["child_ids.email", "ilike", "ann@"]], ["Acme"]),
    ("dotted_one2many_leaves_archived_contacts_out", [["child_ids.name", "=", "Contract Dom Dora"]], []),
    ("dotted_many2many", [["category_id.name", "=", "Contract Dom Vendor"]], ["Acme"]),
    ("dotted_two_levels", [["parent_id.category_id.name", "=", "Contract Dom Vendor"]], ["Ann", "Bob"]),
    ("many2one_any", [["parent_id", "any", [["is_company", "=", True], ["name", "ilike", "deco"]]]], ["Dan"]),
    ("many2one_not_any_matches_null", [["parent_id", "not any", [["name", "ilike", "deco"]]]], but("Dan")),
    ("many2many_any", [["category_id", "any", [["color", ">", 2]]]], ["Acme", "Gem"]),
    ("many2many_not_any", [["category_id", "not any", [["color", ">", 2]]]], but("Acme", "Gem")),
    ("child_of_an_id", [["id", "child_of", Ref("Acme")]], ["Acme", "Ann", "Bob"]),
    ("child_of_ids", [["id", "child_of", [Ref("Acme"), Ref("Gem")]]], ["Acme", "Ann", "Bob", "Eve", "Gem"]),
    ("child_of_a_name", [["id", "child_of", "Contract Dom Gem"]], ["Eve", "Gem"]),
    ("parent_of_an_id", [["id", "parent_of", Ref("Ann")]], ["Acme", "Ann"]),
    ("parent_of_ids", [["id", "parent_of", [Ref("Ann"), Ref("Eve")]]], ["Acme", "Ann", "Eve", "Gem"]),
    ("many2one_child_of_includes_the_record", [["parent_id", "child_of", Ref("Acme")]], ["Acme", "Ann", "Bob"]),
    ("many2many_child_of", [["category_id", "child_of", Ref("Vendor")]], ["Acme", "Gem"]),
    ("many2many_parent_of", [["category_id", "parent_of", Ref("Supplies")]], ["Acme", "Gem"]),
    ("binary_set", [["image_1920", "!=", False]], ["Acme"]),
    ("binary_unset", [["image_1920", "=", False]], but("Acme")),
    ("display_name_searches_complete_names", [["display_name", "ilike", "dom acme,"]], ["Ann", "Bob"]),
    ("true_leaf", [[1, "=", 1]], EVERYONE),
    ("false_leaf", [[0, "=", 1]], []),
    ("or", ["|", ["name", "=", "Contract Dom Jo"], ["name", "=", "Contract Dom Eve"]], ["Eve", "Jo"]),
    ("not", ["!", ["is_company", "=", True]], PERSONS),
    ("and", ["&", ["is_company", "=", True], ["color", ">", 5]], ["Gem"]),
    ("or_not", ["|", "!", ["is_company", "=", True], ["name", "=", "Contract Dom Acme"]], PERSONS + ["Acme"]),
    ("or_and", ["|", "&", ["color", ">", 0], ["is_company", "=", True], ["name", "=like", "Contract Dom J%"]],
     ["Acme", "Gem", "Jo"]),
    ("active_false_finds_archived", [["active", "=", False]], ["Dora"]),
    ("active_in_both", [["active", "in", [True, False]]], EVERYONE + ["Dora"]),
    ("active_beside_another_term", [["parent_id", "=", Ref("Deco")], ["active", "=", False]], ["Dora"]),
]


def with_ids(value, ids: dict[str, int]):
    """``value`` with every ``Ref`` replaced by its record's id."""
    if isinstance(value, Ref):
        return ids[value.name]
    if isinstance(value, list):
        return [with_ids(item, ids) for item in value]
    return value


def _domain_case(domain, expected):
    def test(self):
        ids = self.domain_world()
        found = self.listed(MODEL, [["name", "=like", "Contract Dom %"], *with_ids(domain, ids)])
        self.assertEqual(sorted(expected), sorted(name.removeprefix("Contract Dom ") for name in found), domain)
    return test


class _DomainCases:
    """One test method per ``DOMAIN_CASES`` row (``test_domain_<case>``)."""


for _name, _domain, _expected in DOMAIN_CASES:
    setattr(_DomainCases, f"test_domain_{_name}", _domain_case(_domain, _expected))

# (case name, domain): what every store refuses as a ValidationError (Odoo: a ValueError).
INVALID_DOMAINS = [
    ("unknown_field", [["no_such_field", "=", 1]]),
    ("unknown_field_down_a_path", [["parent_id.no_such_field", "=", 1]]),
    ("unknown_operator", [["name", "between", 1]]),
    ("operator_short_of_operands", ["|", ["name", "=", "Contract Nobody"]]),
    ("lone_not", ["!"]),
    ("number_compared_with_text", [["color", ">", "abc"]]),
]


class RecordStoreContract(_NullCases, _DomainCases):
    """The contract; mix it into a ``TestCase`` that sets ``self.store``."""

    store = None

    def selection(self, model: str, names: tuple[str, ...]):
        """A flat ``ResolvedSelection`` of ``names`` on ``model`` (``id`` first)."""
        raise NotImplementedError

    def query_selection(self, model: str, query: str):
        """The ``ResolvedSelection`` of the API's ``query`` text on ``model``, nested levels included."""
        raise NotImplementedError

    # --- helpers -------------------------------------------------------------------------

    def assert_api_error(self, error_type: str, function, *args):
        """Call ``function(*args)``; it must raise an API error whose ``type`` is ``error_type``."""
        try:
            function(*args)
        except Exception as exc:  # the contract knows no classes, only the stable type names
            self.assertEqual(error_type, getattr(exc, "type", type(exc).__name__), repr(exc))
            return exc
        self.fail(f"{error_type} not raised")

    def create_partners(self, *names: str) -> list[int]:
        return self.store.create(MODEL, [{"name": name} for name in names])

    def names_of(self, ids, model: str = MODEL) -> list[str]:
        rows = self.store.read(model, list(ids), self.selection(model, ("name",)))
        return [row["name"] for row in rows]

    def read_one(self, model: str, record_id: int, *names: str) -> dict:
        [row] = self.store.read(model, [record_id], self.selection(model, names))
        return row

    def listed(self, model: str, domain: list, order: str | None = None, store=None) -> list[str]:
        """Names of the matching records, in the store's order (``order`` None: the default)."""
        rows = (store or self.store).search_read(model, domain, self.selection(model, ("name",)), order, 0, None)
        return [row["name"] for row in rows]

    def missing_id(self, model: str = MODEL) -> int:
        """An id no record of ``model`` has (beyond the highest one)."""
        domain = [["active", "in", [True, False]]] if model in (MODEL, "res.partner.category") else []
        return max(self.store.search_ids(model, domain) or [0]) + 1000

    def null_partners(self) -> None:
        self.store.create(MODEL, [
            {"name": "Contract Null Set", "partner_latitude": 2.5, "email": "set@contract.example.com"},
            {"name": "Contract Null Zero", "partner_latitude": 0.0, "email": False, "type": "invoice"},
            {"name": "Contract Null Unset", "type": False},
        ])

    def null_names(self, term: list) -> list[str]:
        names = self.listed(MODEL, [["name", "=like", "Contract Null %"], term])
        return [name.removeprefix("Contract Null ") for name in names]

    def tag_names(self, partner_id: int, store=None) -> list[str]:
        [row] = (store or self.store).read(MODEL, [partner_id], self.selection(MODEL, ("category_id",)))
        return sorted(self.names_of(row["category_id"], "res.partner.category")) if row["category_id"] else []

    def child_names(self, partner_id: int) -> list[str]:
        row = self.read_one(MODEL, partner_id, "child_ids")
        return sorted(self.names_of(row["child_ids"])) if row["child_ids"] else []

    def domain_world(self) -> dict[str, int]:
        """The tags and partners ``DOMAIN_CASES`` search (described above it); ids by short name."""
        tags = ["Vendor", "Services", "Old"]
        ids = dict(zip(tags, self.store.create("res.partner.category", [
            {"name": "Contract Dom Vendor", "color": 1}, {"name": "Contract Dom Services", "color": 3},
            {"name": "Contract Dom Old", "color": 2, "active": False}]), strict=True))
        [ids["Supplies"]] = self.store.create("res.partner.category", [
            {"name": "Contract Dom Supplies", "color": 4, "parent_id": ids["Vendor"]}])
        ids.update(zip(COMPANIES, self.store.create(MODEL, [
            {"name": "Contract Dom Acme", "is_company": True, "color": 5, "email": "acme@dom.example.com",
             "image_1920": PNG, "category_id": [(6, 0, [ids["Vendor"], ids["Services"]])]},
            {"name": "Contract Dom Deco", "is_company": True, "email": "deco@dom.example.com",
             "category_id": [(6, 0, [ids["Old"]])]},
            {"name": "Contract Dom Gem", "is_company": True, "color": 7, "email": "gem@dom.example.com",
             "category_id": [(6, 0, [ids["Supplies"]])]}]), strict=True))
        people = ["Ann", "Bob", "Dan", "Dora", "Eve", "Jo"]
        ids.update(zip(people, self.store.create(MODEL, [
            {"name": "Contract Dom Ann", "parent_id": ids["Acme"], "color": 2, "email": "ann@dom.example.com"},
            {"name": "Contract Dom Bob", "parent_id": ids["Acme"], "type": "invoice", "email": "bob@dom.example.com"},
            {"name": "Contract Dom Dan", "parent_id": ids["Deco"], "email": "dan@dom.example.com"},
            {"name": "Contract Dom Dora", "parent_id": ids["Deco"], "active": False, "email": "dora@dom.example.com"},
            {"name": "Contract Dom Eve", "parent_id": ids["Gem"], "type": "delivery"},
            {"name": "Contract Dom Jo"}]), strict=True))
        return ids

    # --- reading -------------------------------------------------------------------------

    def test_read_keeps_the_order_of_the_ids(self):
        ids = self.create_partners("Contract A", "Contract B", "Contract C")
        rows = self.store.read(MODEL, list(reversed(ids)), self.selection(MODEL, ("name",)))
        self.assertEqual(list(reversed(ids)), [row["id"] for row in rows])
        self.assertEqual(["Contract C", "Contract B", "Contract A"], [row["name"] for row in rows])

    def test_read_answers_exactly_the_selected_fields_id_first(self):
        [new_id] = self.create_partners("Contract Fields")
        [row] = self.store.read(MODEL, [new_id], self.selection(MODEL, ("email", "name")))
        self.assertEqual(["id", "email", "name"], list(row))
        self.assertEqual({"id": new_id, "email": False, "name": "Contract Fields"}, row)

    def test_read_of_missing_ids_is_not_found_naming_each(self):
        [existing] = self.create_partners("Contract Exists")
        missing = self.missing_id()
        error = self.assert_api_error("NotFound", self.store.read, MODEL, [existing, missing + 1, missing],
                                      self.selection(MODEL, ("name",)))
        self.assertIn(str(missing), str(error))
        self.assertEqual({"model": MODEL, "ids": [missing + 1, missing]}, error.details)

    def test_set_values_read_as_odoo_reads_them(self):
        tags = self.store.create("res.partner.category", [{"name": "Contract Shape B"}, {"name": "Contract Shape A"}])
        [company] = self.store.create(MODEL, [{"name": "Contract Shape Co", "is_company": True, "color": 3,
                                               "website": "https://shape.example.com", "partner_latitude": 1.5,
                                               "category_id": [(6, 0, tags)]}])
        [person] = self.store.create(MODEL, [{"name": "Contract Shape Person", "parent_id": company}])
        fields = ("name", "parent_id", "child_ids", "category_id", "color", "is_company", "website",
                  "partner_latitude", "display_name")
        self.assertEqual([
            {"id": person, "name": "Contract Shape Person", "parent_id": company, "child_ids": [], "category_id": [],
             "color": 0, "is_company": False, "website": False, "partner_latitude": 0.0,
             "display_name": "Contract Shape Co, Contract Shape Person"},
            {"id": company, "name": "Contract Shape Co", "parent_id": False, "child_ids": [person],
             "category_id": list(reversed(tags)), "color": 3, "is_company": True,
             "website": "https://shape.example.com", "partner_latitude": 1.5, "display_name": "Contract Shape Co"},
        ], self.store.read(MODEL, [person, company], self.selection(MODEL, fields)))

    def test_unset_values_read_as_odoo_reads_them(self):
        [new_id] = self.create_partners("Contract Empty")
        row = self.read_one(MODEL, new_id, "email", "partner_latitude", "parent_id", "category_id",
                            "is_company", "image_1920")
        self.assertEqual({"id": new_id, "email": False, "partner_latitude": 0.0, "parent_id": False,
                          "category_id": [], "is_company": False, "image_1920": False}, row)

    def test_datetimes_read_as_naive_utc_datetime_objects(self):
        [new_id] = self.create_partners("Contract Dated")
        created = self.read_one(MODEL, new_id, "create_date")["create_date"]
        self.assertIsNone(created.tzinfo)
        self.assertGreater(created.year, 2000)

    def test_search_ids_are_sorted_and_match_the_count(self):
        self.create_partners("Contract Count 1", "Contract Count 2")
        for domain in ([], [["name", "ilike", "contract count"]], [["name", "=", "no such partner"]]):
            ids = self.store.search_ids(MODEL, domain)
            self.assertEqual(sorted(ids), ids)
            self.assertEqual(len(ids), self.store.search_count(MODEL, domain))

    def test_search_read_orders_and_pages(self):
        self.create_partners("Contract Page B", "Contract Page C", "Contract Page A")
        domain = [["name", "like", "Contract Page"]]
        rows = self.store.search_read(MODEL, domain, self.selection(MODEL, ("name",)), "name desc", 1, 1)
        self.assertEqual(["Contract Page B"], [row["name"] for row in rows])

    def test_nested_reads_follow_many2one_and_x2many(self):
        [company] = self.store.create(MODEL, [{"name": "Contract Nest Co", "is_company": True,
                                               "email": "co@nest.example.com"}])
        [tag] = self.store.create("res.partner.category", [{"name": "Contract Nest Tag", "color": 3}])
        zoe, adam, gone = self.store.create(MODEL, [
            {"name": "Contract Nest Zoe", "parent_id": company},
            {"name": "Contract Nest Adam", "parent_id": company, "category_id": [(6, 0, [tag])]},
            {"name": "Contract Nest Gone", "parent_id": company, "active": False}])
        selection = self.query_selection(MODEL, "{name, parent_id{name, email}, child_ids{name, category_id{name}},"
                                                " category_id{name, color}}")
        self.assertEqual([
            {"id": adam, "name": "Contract Nest Adam",
             "parent_id": {"id": company, "name": "Contract Nest Co", "email": "co@nest.example.com"},
             "child_ids": [], "category_id": [{"id": tag, "name": "Contract Nest Tag", "color": 3}]},
            {"id": company, "name": "Contract Nest Co", "parent_id": False,
             "child_ids": [{"id": adam, "name": "Contract Nest Adam",
                            "category_id": [{"id": tag, "name": "Contract Nest Tag"}]},
                           {"id": zoe, "name": "Contract Nest Zoe", "category_id": []}],
             "category_id": []},
        ], self.store.read(MODEL, [adam, company], selection))
        # res.partner.child_ids is declared active contacts only: archived ones stay out, active_test or not
        [row] = self.store.with_context({"active_test": False}).read(MODEL, [company], self.query_selection(
            MODEL, "{child_ids{name}}"))
        self.assertNotIn(gone, [child["id"] for child in row["child_ids"]])
        self.assertEqual([adam, zoe], [child["id"] for child in row["child_ids"]])

    def test_a_dotted_path_searches_the_relation(self):
        [parent] = self.create_partners("Contract Dotted Parent")
        self.store.create(MODEL, [{"name": "Contract Dotted Child", "parent_id": parent},
                                  {"name": "Contract Dotted Orphan"}])
        self.assertEqual(["Contract Dotted Child"],
                         self.listed(MODEL, [["parent_id.name", "=", "Contract Dotted Parent"]]))

    # --- date and datetime values in filters (issue 20, item 5) ---------------------------
    # The core hands every store naive-UTC "YYYY-MM-DD HH:MM:SS" datetimes and ISO dates.

    def created_at(self, name: str):
        """A new partner's id and its ``create_date`` (naive UTC, as read)."""
        [new_id] = self.create_partners(name)
        return new_id, self.read_one(MODEL, new_id, "create_date")["create_date"]

    def test_a_naive_utc_datetime_value_compares_as_utc(self):
        new_id, created = self.created_at("Contract Instant")
        second = created.replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S")
        found = {op: self.store.search_ids(MODEL, [["id", "=", new_id], ["create_date", op, second]])
                 for op in (">=", "<")}
        self.assertEqual({">=": [new_id], "<": []}, found)

    def test_a_date_on_a_datetime_field_is_the_day_s_start_or_end_as_odoo_reads_it(self):
        # Odoo's expression.py: "> day" and "<= day" mean 23:59:59 of that day, the others 00:00:00.
        new_id, created = self.created_at("Contract Day")
        day = created.date().isoformat()
        found = {op: bool(self.store.search_ids(MODEL, [["id", "=", new_id], ["create_date", op, day]]))
                 for op in (">=", ">", "<=", "<")}
        self.assertEqual({">=": True, ">": False, "<=": True, "<": False}, found)

    def test_a_many2one_to_a_tree_searches_subtrees_and_full_names(self):
        [top, elsewhere] = self.store.create("product.category", [{"name": "Contract Top"}, {"name": "Contract Else"}])
        [sub] = self.store.create("product.category", [{"name": "Contract Sub", "parent_id": top}])
        self.store.create("product.template", [{"name": "Contract Tree Top", "categ_id": top},
                                               {"name": "Contract Tree Sub", "categ_id": sub},
                                               {"name": "Contract Tree Else", "categ_id": elsewhere}])
        domain = [["name", "like", "Contract Tree"]]
        self.assertEqual(["Contract Tree Sub", "Contract Tree Top"],
                         sorted(self.listed("product.template", [*domain, ["categ_id", "child_of", top]])))
        self.assertEqual(["Contract Tree Sub"], self.listed("product.template", [
            *domain, ["categ_id", "ilike", "contract top / contract sub"]]))

    def test_an_invalid_domain_is_a_validation_error(self):
        for case, domain in INVALID_DOMAINS:
            with self.subTest(case=case):
                self.assert_api_error("ValidationError", self.store.search_ids, MODEL, domain)

    # --- defaults ------------------------------------------------------------------------

    def test_defaults_are_odoo_s(self):
        [new_id] = self.create_partners("Contract Defaults")
        row = self.read_one(MODEL, new_id, "color", "active", "is_company", "type")
        self.assertEqual({"id": new_id, "color": 0, "active": True, "is_company": False, "type": "contact"}, row)

    def test_color_defaults_to_zero_not_null(self):
        # NULL sorts first descending; a 0 sorts after the positive colours.
        self.store.create(MODEL, [{"name": "Contract Colour Unset"}, {"name": "Contract Colour Three", "color": 3}])
        self.assertEqual(["Contract Colour Three", "Contract Colour Unset"],
                         self.listed(MODEL, [["name", "like", "Contract Colour"]], "color desc"))

    def test_an_unset_number_without_default_is_null_first_descending(self):
        self.store.create(MODEL, [{"name": "Contract Lat Two", "partner_latitude": 2.0},
                                  {"name": "Contract Lat Unset"}])
        self.assertEqual(["Contract Lat Unset", "Contract Lat Two"],
                         self.listed(MODEL, [["name", "like", "Contract Lat"]], "partner_latitude desc"))
        self.assertEqual(["Contract Lat Two", "Contract Lat Unset"],
                         self.listed(MODEL, [["name", "like", "Contract Lat"]], "partner_latitude asc"))

    def test_product_defaults(self):
        [new_id] = self.store.create("product.template", [{"name": "Contract Product"}])
        row = self.read_one("product.template", new_id, "list_price", "type", "sale_ok", "active")
        self.assertEqual({"id": new_id, "list_price": 1.0, "type": "consu", "sale_ok": True, "active": True}, row)

    # --- default order and many2one order ------------------------------------------------

    def test_partners_sort_by_complete_name_then_newest_first(self):
        older, newer = self.create_partners("Contract Order A", "Contract Order A")
        [other] = self.create_partners("Contract Order B")
        rows = self.store.search_read(MODEL, [["name", "like", "Contract Order"]], self.selection(MODEL, ("name",)),
                                      None, 0, None)
        self.assertEqual([newer, older, other], [row["id"] for row in rows])

    def test_a_contact_sorts_under_its_company_s_name(self):
        [company] = self.store.create(MODEL, [{"name": "Contract Sort Zeta", "is_company": True}])
        self.store.create(MODEL, [{"name": "Contract Sort Alpha", "parent_id": company},
                                  {"name": "Contract Sort Omega"}])
        # complete names: "Contract Sort Zeta, Contract Sort Alpha" sorts after "Contract Sort Omega".
        self.assertEqual(["Contract Sort Omega", "Contract Sort Zeta", "Contract Sort Alpha"],
                         self.listed(MODEL, [["name", "like", "Contract Sort"]]))

    def test_users_sort_by_name_then_login(self):
        self.store.create("res.users", [{"name": "Contract Zed", "login": "contract_a"},
                                        {"name": "Contract Amy", "login": "contract_c"},
                                        {"name": "Contract Amy", "login": "contract_b"}])
        rows = self.store.search_read("res.users", [["login", "like", "contract_"]],
                                      self.selection("res.users", ("login",)), None, 0, None)
        self.assertEqual(["contract_b", "contract_c", "contract_a"], [row["login"] for row in rows])

    def test_tags_sort_by_name(self):
        self.store.create("res.partner.category", [{"name": "Contract Tag B"}, {"name": "Contract Tag A"}])
        self.assertEqual(["Contract Tag A", "Contract Tag B"],
                         self.listed("res.partner.category", [["name", "like", "Contract Tag"]]))

    def test_product_categories_sort_by_complete_name(self):
        [zed] = self.store.create("product.category", [{"name": "Contract Z"}])
        self.store.create("product.category", [{"name": "Contract A", "parent_id": zed}, {"name": "Contract M"}])
        self.assertEqual(["Contract M", "Contract Z", "Contract A"],
                         self.listed("product.category", [["name", "like", "Contract"]]))

    def test_products_sort_favourites_first_then_by_name(self):
        self.store.create("product.template", [{"name": "Contract Fav A"}, {"name": "Contract Fav C"},
                                               {"name": "Contract Fav B", "is_favorite": True}])
        self.assertEqual(["Contract Fav B", "Contract Fav A", "Contract Fav C"],
                         self.listed("product.template", [["name", "like", "Contract Fav"]]))

    def test_a_many2one_sorts_by_the_comodel_order(self):
        # Two parents with the same name: the comodel's "complete_name, id DESC" puts the newer first.
        first, second = self.create_partners("Contract M2O Parent", "Contract M2O Parent")
        self.store.create(MODEL, [{"name": "Contract M2O of first", "parent_id": first},
                                  {"name": "Contract M2O of second", "parent_id": second}])
        domain = [["name", "like", "Contract M2O of"]]
        self.assertEqual(["Contract M2O of second", "Contract M2O of first"], self.listed(MODEL, domain, "parent_id"))
        self.assertEqual(["Contract M2O of first", "Contract M2O of second"],
                         self.listed(MODEL, domain, "parent_id desc"))

    def test_a_many2one_sort_puts_null_last_ascending_and_first_descending(self):
        [parent] = self.create_partners("Contract Nulls Parent")
        self.store.create(MODEL, [{"name": "Contract Nulls Orphan"},
                                  {"name": "Contract Nulls Child", "parent_id": parent}])
        domain = [["name", "like", "Contract Nulls"], ["parent_id", "!=", False]]
        self.assertEqual(["Contract Nulls Child"], self.listed(MODEL, domain, "parent_id"))
        domain = [["name", "in", ["Contract Nulls Orphan", "Contract Nulls Child"]]]
        self.assertEqual(["Contract Nulls Child", "Contract Nulls Orphan"], self.listed(MODEL, domain, "parent_id"))
        self.assertEqual(["Contract Nulls Orphan", "Contract Nulls Child"],
                         self.listed(MODEL, domain, "parent_id desc"))

    def test_explicit_nulls_placement_is_obeyed(self):
        self.store.create(MODEL, [{"name": "Contract Place Unset"},
                                  {"name": "Contract Place Set", "partner_latitude": 1.5}])
        domain = [["name", "like", "Contract Place"]]
        self.assertEqual(["Contract Place Unset", "Contract Place Set"],
                         self.listed(MODEL, domain, "partner_latitude asc nulls first"))
        self.assertEqual(["Contract Place Set", "Contract Place Unset"],
                         self.listed(MODEL, domain, "partner_latitude desc nulls last"))

    def test_a_boolean_sorts_false_before_true(self):
        self.store.create(MODEL, [{"name": "Contract Bool Company", "is_company": True},
                                  {"name": "Contract Bool Person"}])
        self.assertEqual(["Contract Bool Person", "Contract Bool Company"],
                         self.listed(MODEL, [["name", "like", "Contract Bool"]], "is_company"))

    def test_an_order_sorts_by_each_field_in_turn(self):
        self.store.create(MODEL, [{"name": "Contract Turn Person B"},
                                  {"name": "Contract Turn Co B", "is_company": True},
                                  {"name": "Contract Turn Person A"},
                                  {"name": "Contract Turn Co A", "is_company": True}])
        expected = ["Contract Turn Co A", "Contract Turn Co B", "Contract Turn Person A", "Contract Turn Person B"]
        for order in ("is_company desc, name", "  is_company DESC ,name asc  "):
            with self.subTest(order=order):
                self.assertEqual(expected, self.listed(MODEL, [["name", "like", "Contract Turn"]], order))

    def test_a_selection_sorts_by_its_stored_value(self):
        self.store.create(MODEL, [{"name": "Contract Kind Invoice", "type": "invoice"},
                                  {"name": "Contract Kind Other", "type": "other"},
                                  {"name": "Contract Kind Contact", "type": "contact"},
                                  {"name": "Contract Kind Delivery", "type": "delivery"}])
        self.assertEqual(["Contract Kind Other", "Contract Kind Invoice", "Contract Kind Delivery",
                          "Contract Kind Contact"],
                         self.listed(MODEL, [["name", "like", "Contract Kind"]], "type desc"))

    def test_an_invalid_order_is_refused(self):
        # unknown, not stored (display_name), not sortable (an x2many), or outside Odoo's order grammar
        for order in ("no_such_field", "display_name", "child_ids", "name sideways", "name desc nulls",
                      "name desc nulls middle", "name asc extra words", ",", "name,,id"):
            with self.subTest(order=order):
                self.assert_api_error("ValidationError", self.store.search_read, MODEL, [],
                                      self.selection(MODEL, ("name",)), order, 0, None)

    # --- writing -------------------------------------------------------------------------

    def test_create_returns_ids_in_input_order(self):
        ids = self.create_partners("Contract First", "Contract Second", "Contract Third")
        self.assertEqual(3, len(set(ids)))
        self.assertEqual(["Contract First", "Contract Second", "Contract Third"], self.names_of(ids))

    def test_a_failing_batch_creates_nothing(self):
        before = self.store.search_count(MODEL, [])
        batch = [{"name": "Contract Batch 1"}, {"name": "Contract Batch 2"},
                 {"name": "Contract Batch 3", "type": "no-such-type"}]
        self.assert_api_error("ValidationError", self.store.create, MODEL, batch)
        self.assertEqual(before, self.store.search_count(MODEL, []))
        self.assertEqual([], self.store.search_ids(MODEL, [["name", "like", "Contract Batch"]]))

    def test_a_missing_required_field_is_a_validation_error(self):
        self.assert_api_error("ValidationError", self.store.create, "res.partner.category", [{"color": 1}])

    def test_a_many2one_to_a_missing_record_is_a_validation_error(self):
        self.assert_api_error("ValidationError", self.store.create, MODEL,
                              [{"name": "Contract Dangling", "parent_id": self.missing_id()}])

    def test_write_changes_every_record(self):
        ids = self.create_partners("Contract W1", "Contract W2")
        self.store.write(MODEL, ids, {"phone": "+32 2 555 12 12"})
        rows = self.store.read(MODEL, ids, self.selection(MODEL, ("phone",)))
        self.assertEqual(["+32 2 555 12 12"] * 2, [row["phone"] for row in rows])

    def test_writing_false_clears(self):
        [parent] = self.create_partners("Contract Clear Parent")
        [new_id] = self.store.create(MODEL, [{"name": "Contract Clear", "email": "c@contract.example.com",
                                              "color": 4, "parent_id": parent, "image_1920": PNG}])
        self.store.write(MODEL, [new_id], {"email": False, "color": False, "parent_id": False, "image_1920": False})
        self.assertEqual({"id": new_id, "email": False, "color": 0, "parent_id": False, "image_1920": False},
                         self.read_one(MODEL, new_id, "email", "color", "parent_id", "image_1920"))

    def test_write_on_a_missing_id_is_not_found_and_writes_nothing(self):
        [existing] = self.create_partners("Contract Untouched")
        self.assert_api_error("NotFound", self.store.write, MODEL, [existing, self.missing_id()],
                              {"name": "Changed"})
        self.assertEqual(["Contract Untouched"], self.names_of([existing]))

    def test_an_unknown_field_is_a_validation_error(self):
        [partner] = self.create_partners("Contract Known")
        self.assert_api_error("ValidationError", self.store.create, MODEL, [{"name": "Contract New", "no_such": 1}])
        self.assert_api_error("ValidationError", self.store.write, MODEL, [partner], {"no_such": 1})
        self.assertEqual([], self.store.search_ids(MODEL, [["name", "=", "Contract New"]]))

    def test_write_refuses_what_create_refuses(self):
        [partner] = self.create_partners("Contract Checked")
        [tag] = self.store.create("res.partner.category", [{"name": "Contract Required"}])
        self.assert_api_error("ValidationError", self.store.write, MODEL, [partner], {"type": "no-such-type"})
        self.assert_api_error("ValidationError", self.store.write, "res.partner.category", [tag], {"name": False})
        self.assertEqual({"id": tag, "name": "Contract Required"}, self.read_one("res.partner.category", tag, "name"))

    def test_an_archived_record_can_be_written(self):
        archived = self.archived_partner()
        self.store.write(MODEL, [archived], {"active": True, "name": "Contract Restored"})
        self.assertEqual(["Contract Restored"], self.listed(MODEL, [["name", "=", "Contract Restored"]]))

    def test_a_parent_loop_is_refused(self):
        [parent] = self.create_partners("Contract Loop Parent")
        [child] = self.store.create(MODEL, [{"name": "Contract Loop Child", "parent_id": parent}])
        self.assert_api_error("ValidationError", self.store.write, MODEL, [parent], {"parent_id": child})

    def test_unlinked_records_are_gone(self):
        ids = self.create_partners("Contract Doomed")
        self.store.unlink(MODEL, ids)
        self.assertEqual([], self.store.search_ids(MODEL, [["id", "in", ids]]))
        self.assert_api_error("NotFound", self.store.read, MODEL, ids, self.selection(MODEL, ("name",)))

    def test_unlink_of_a_missing_id_is_not_found_and_deletes_nothing(self):
        [existing] = self.create_partners("Contract Survivor")
        missing = self.missing_id()
        error = self.assert_api_error("NotFound", self.store.unlink, MODEL, [existing, missing])
        self.assertEqual({"model": MODEL, "ids": [missing]}, error.details)
        self.assertEqual(["Contract Survivor"], self.names_of([existing]))

    def test_an_x2many_reads_in_the_comodel_order(self):
        tags = self.store.create("res.partner.category", [{"name": "Contract Tag C"}, {"name": "Contract Tag A"},
                                                          {"name": "Contract Tag B"}])
        [partner] = self.store.create(MODEL, [{"name": "Contract Ordered Tags", "category_id": [(6, 0, tags)]}])
        row = self.read_one(MODEL, partner, "category_id")
        self.assertEqual(["Contract Tag A", "Contract Tag B", "Contract Tag C"],
                         self.names_of(row["category_id"], "res.partner.category"))

    def test_a_one2many_reads_in_the_comodel_order(self):
        [parent] = self.store.create(MODEL, [{"name": "Contract Family", "is_company": True}])
        self.store.create(MODEL, [{"name": "Contract Zoe", "parent_id": parent},
                                  {"name": "Contract Adam", "parent_id": parent}])
        row = self.read_one(MODEL, parent, "child_ids")
        self.assertEqual(["Contract Adam", "Contract Zoe"], self.names_of(row["child_ids"]))

    # --- x2many commands -----------------------------------------------------------------

    def tagged_partner(self, *tags: str) -> tuple[int, list[int]]:
        tag_ids = self.store.create("res.partner.category", [{"name": tag} for tag in tags])
        [partner] = self.store.create(MODEL, [{"name": "Contract Tagged", "category_id": [(6, 0, tag_ids)]}])
        return partner, tag_ids

    def test_many2many_create_command(self):
        partner, _ = self.tagged_partner("Contract Old")
        self.store.write(MODEL, [partner], {"category_id": [(0, 0, {"name": "Contract New"})]})
        self.assertEqual(["Contract New", "Contract Old"], self.tag_names(partner))

    def test_many2many_update_command(self):
        partner, [tag] = self.tagged_partner("Contract Before")
        self.store.write(MODEL, [partner], {"category_id": [(1, tag, {"name": "Contract After"})]})
        self.assertEqual(["Contract After"], self.tag_names(partner))

    def test_many2many_delete_command_deletes_the_record(self):
        partner, [keep, doomed] = self.tagged_partner("Contract Keep", "Contract Doomed Tag")
        self.store.write(MODEL, [partner], {"category_id": [(2, doomed, 0)]})
        self.assertEqual(["Contract Keep"], self.tag_names(partner))
        self.assertEqual([], self.store.search_ids("res.partner.category", [["id", "=", doomed]]))

    def test_many2many_unlink_command_keeps_the_record(self):
        partner, [keep, dropped] = self.tagged_partner("Contract Keep", "Contract Dropped")
        self.store.write(MODEL, [partner], {"category_id": [(3, dropped, 0)]})
        self.assertEqual(["Contract Keep"], self.tag_names(partner))
        self.assertEqual([dropped], self.store.search_ids("res.partner.category", [["id", "=", dropped]]))

    def test_many2many_link_command(self):
        partner, _ = self.tagged_partner("Contract One")
        [other] = self.store.create("res.partner.category", [{"name": "Contract Two"}])
        self.store.write(MODEL, [partner], {"category_id": [(4, other, 0), (4, other, 0)]})
        self.assertEqual(["Contract One", "Contract Two"], self.tag_names(partner))

    def test_many2many_clear_command(self):
        partner, tags = self.tagged_partner("Contract One", "Contract Two")
        self.store.write(MODEL, [partner], {"category_id": [(5, 0, 0)]})
        self.assertEqual([], self.tag_names(partner))
        self.assertEqual(2, self.store.search_count("res.partner.category", [["id", "in", tags]]))

    def test_many2many_set_command(self):
        partner, [first, _second] = self.tagged_partner("Contract One", "Contract Two")
        [third] = self.store.create("res.partner.category", [{"name": "Contract Three"}])
        self.store.write(MODEL, [partner], {"category_id": [(6, 0, [first, third])]})
        self.assertEqual(["Contract One", "Contract Three"], self.tag_names(partner))

    def test_commands_apply_in_their_order(self):
        partner, _ = self.tagged_partner("Contract One", "Contract Two")
        [third] = self.store.create("res.partner.category", [{"name": "Contract Three"}])
        self.store.write(MODEL, [partner], {"category_id": [(5, 0, 0), (4, third, 0),
                                                            (0, 0, {"name": "Contract Four"})]})
        self.assertEqual(["Contract Four", "Contract Three"], self.tag_names(partner))
        self.store.write(MODEL, [partner], {"category_id": [(6, 0, [])]})
        self.assertEqual([], self.tag_names(partner))

    def test_linking_a_missing_record_is_not_found_and_changes_nothing(self):
        partner, [tag] = self.tagged_partner("Contract One")
        missing = self.missing_id("res.partner.category")
        for commands in ([(4, missing, 0)], [(6, 0, [tag, missing])]):
            with self.subTest(commands=commands):
                error = self.assert_api_error("NotFound", self.store.write, MODEL, [partner], {"category_id": commands})
                self.assertEqual({"model": "res.partner.category", "ids": [missing]}, error.details)
                self.assertEqual(["Contract One"], self.tag_names(partner))

    def test_updating_or_deleting_a_missing_related_record_is_not_found_and_changes_nothing(self):
        partner, _ = self.tagged_partner("Contract One")
        missing = self.missing_id("res.partner.category")
        for command in ((1, missing, {"name": "Contract Ghost"}), (2, missing, 0)):
            with self.subTest(command=command):
                self.assert_api_error("NotFound", self.store.write, MODEL, [partner],
                                      {"name": "Contract Renamed", "category_id": [command]})
                self.assertEqual({"id": partner, "name": "Contract Tagged"}, self.read_one(MODEL, partner, "name"))

    def parent_with_children(self) -> tuple[int, list[int]]:
        [parent] = self.store.create(MODEL, [{"name": "Contract Holding", "is_company": True}])
        children = self.store.create(MODEL, [{"name": "Contract Kid 1", "parent_id": parent},
                                             {"name": "Contract Kid 2", "parent_id": parent}])
        return parent, children

    def test_one2many_create_command_sets_the_inverse(self):
        parent, _ = self.parent_with_children()
        self.store.write(MODEL, [parent], {"child_ids": [(0, 0, {"name": "Contract Kid 3"})]})
        self.assertEqual(["Contract Kid 1", "Contract Kid 2", "Contract Kid 3"], self.child_names(parent))

    def test_a_nested_create_sets_the_inverse_and_fails_whole(self):
        [parent] = self.store.create(MODEL, [{"name": "Contract Nested Parent", "is_company": True, "child_ids": [
            (0, 0, {"name": "Contract Nested Kid 1"}), (0, 0, {"name": "Contract Nested Kid 2"})]}])
        self.assertEqual(["Contract Nested Kid 1", "Contract Nested Kid 2"], self.child_names(parent))
        failing = {"name": "Contract Failed Parent",
                   "child_ids": [(0, 0, {"name": "Contract Failed Kid", "type": "no-such-type"})]}
        self.assert_api_error("ValidationError", self.store.create, MODEL, [failing])
        self.assertEqual([], self.store.search_ids(MODEL, [["name", "like", "Contract Failed"]]))

    def test_one2many_unlink_command_deletes_a_child_that_cannot_be_orphaned(self):
        # A tag's parent_id is ondelete="cascade": Odoo deletes the child rather than orphan it.
        [parent] = self.store.create("res.partner.category", [{"name": "Contract Parent Tag"}])
        [kept, dropped] = self.store.create("res.partner.category", [
            {"name": "Contract Child Kept", "parent_id": parent},
            {"name": "Contract Child Dropped", "parent_id": parent}])
        self.store.write("res.partner.category", [parent], {"child_ids": [(3, dropped, 0)]})
        self.assertEqual([kept], self.store.with_context({"active_test": False}).search_ids(
            "res.partner.category", [["id", "in", [kept, dropped]]]))

    def test_one2many_update_command(self):
        parent, [first, _] = self.parent_with_children()
        self.store.write(MODEL, [parent], {"child_ids": [(1, first, {"name": "Contract Kid One"})]})
        self.assertEqual(["Contract Kid 2", "Contract Kid One"], self.child_names(parent))

    def test_one2many_delete_command(self):
        parent, [first, second] = self.parent_with_children()
        self.store.write(MODEL, [parent], {"child_ids": [(2, first, 0)]})
        self.assertEqual(["Contract Kid 2"], self.child_names(parent))
        self.assertEqual([], self.store.search_ids(MODEL, [["id", "=", first]]))

    def test_one2many_unlink_command_orphans_a_set_null_child(self):
        parent, [first, _] = self.parent_with_children()
        self.store.write(MODEL, [parent], {"child_ids": [(3, first, 0)]})
        self.assertEqual(["Contract Kid 2"], self.child_names(parent))
        self.assertEqual({"id": first, "parent_id": False}, self.read_one(MODEL, first, "parent_id"))

    def test_one2many_link_command_moves_the_child(self):
        parent, _ = self.parent_with_children()
        [stray] = self.create_partners("Contract Stray")
        self.store.write(MODEL, [parent], {"child_ids": [(4, stray, 0)]})
        self.assertEqual({"id": stray, "parent_id": parent}, self.read_one(MODEL, stray, "parent_id"))

    def test_one2many_clear_command(self):
        parent, children = self.parent_with_children()
        self.store.write(MODEL, [parent], {"child_ids": [(5, 0, 0)]})
        self.assertEqual([], self.child_names(parent))
        self.assertEqual(2, self.store.search_count(MODEL, [["id", "in", children], ["parent_id", "=", False]]))

    def test_one2many_set_command(self):
        parent, [first, second] = self.parent_with_children()
        [stray] = self.create_partners("Contract Stray")
        self.store.write(MODEL, [parent], {"child_ids": [(6, 0, [second, stray])]})
        self.assertEqual(["Contract Kid 2", "Contract Stray"], self.child_names(parent))
        self.assertEqual({"id": first, "parent_id": False}, self.read_one(MODEL, first, "parent_id"))

    # --- archived records ----------------------------------------------------------------

    def archived_partner(self) -> int:
        [active, archived] = self.store.create(MODEL, [{"name": "Contract Live"},
                                                       {"name": "Contract Archived", "active": False}])
        return archived

    def test_a_search_leaves_archived_records_out(self):
        self.archived_partner()
        self.assertEqual(["Contract Live"], self.listed(MODEL, [["name", "like", "Contract Live"]])
                         + self.listed(MODEL, [["name", "=", "Contract Archived"]]))

    def test_active_test_off_finds_archived_records(self):
        self.archived_partner()
        store = self.store.with_context({"active_test": False})
        self.assertEqual(["Contract Archived"], self.listed(MODEL, [["name", "=", "Contract Archived"]], store=store))
        self.assertEqual(1, store.search_count(MODEL, [["name", "=", "Contract Archived"]]))

    def test_a_domain_on_active_finds_archived_records(self):
        self.archived_partner()
        self.assertEqual(["Contract Archived"],
                         self.listed(MODEL, [["name", "like", "Contract "], ["name", "in", ["Contract Archived",
                                     "Contract Live"]], ["active", "=", False]]))
        self.assertEqual(2, self.store.search_count(MODEL, [["name", "in", ["Contract Archived", "Contract Live"]],
                                                            ["active", "in", [True, False]]]))

    def test_an_archived_record_is_read_by_id(self):
        archived = self.archived_partner()
        self.assertEqual({"id": archived, "active": False}, self.read_one(MODEL, archived, "active"))

    def test_an_archived_related_record_is_left_out_of_an_x2many(self):
        partner, [kept, archived] = self.tagged_partner("Contract Shown", "Contract Hidden")
        self.store.write("res.partner.category", [archived], {"active": False})
        self.assertEqual(["Contract Shown"], self.tag_names(partner))
        store = self.store.with_context({"active_test": False})
        self.assertEqual(["Contract Hidden", "Contract Shown"], self.tag_names(partner, store))

    # --- record rules (multi-company) ----------------------------------------------------

    def other_company(self) -> int:
        [company] = self.store.create("res.company", [{"name": "Contract Company"}])
        user = self.store.current_user()
        self.store.write("res.users", [user.id], {"company_ids": [(4, company, 0)]})
        return company

    def test_records_of_a_company_left_out_of_the_context_are_hidden(self):
        company = self.other_company()
        [hidden] = self.store.create(MODEL, [{"name": "Contract Elsewhere", "company_id": company}])
        main = [c for c in self.store.current_user().company_ids if c != company]
        store = self.store.with_context({"allowed_company_ids": main[:1]})
        self.assertEqual([], self.listed(MODEL, [["name", "=", "Contract Elsewhere"]], store=store))
        self.assert_api_error("NotFound", store.read, MODEL, [hidden], self.selection(MODEL, ("name",)))
        self.assert_api_error("NotFound", store.write, MODEL, [hidden], {"name": "Changed"})
        self.assert_api_error("NotFound", store.read_binary, MODEL, hidden, "image_1920")
        self.assert_api_error("NotFound", store.call, MODEL, [hidden], "toggle_active", [], {})
        self.assertEqual(["Contract Elsewhere"], self.names_of([hidden]))

    def test_records_of_every_allowed_company_are_seen(self):
        company = self.other_company()
        self.store.create(MODEL, [{"name": "Contract Elsewhere", "company_id": company}])
        store = self.store.with_context({"allowed_company_ids": list(self.store.current_user().company_ids)})
        self.assertEqual(["Contract Elsewhere"], self.listed(MODEL, [["name", "=", "Contract Elsewhere"]], store=store))

    def test_the_current_user_is_the_user_the_store_acts_as(self):
        user = self.store.current_user()
        row = self.read_one("res.users", user.id, "name", "company_ids")
        self.assertEqual((row["name"], sorted(row["company_ids"])), (user.name, sorted(user.company_ids)))

    def test_with_context_adds_to_the_store_s_context_and_leaves_the_store_alone(self):
        self.archived_partner()
        archived = self.store.with_context({"active_test": False})
        both = archived.with_context({"lang": "en_US"})
        domain = [["name", "=", "Contract Archived"]]
        self.assertEqual((0, 1, 1), (self.store.search_count(MODEL, domain), archived.search_count(MODEL, domain),
                                     both.search_count(MODEL, domain)))

    def test_an_empty_allowed_company_ids_means_every_company_of_the_user(self):
        company = self.other_company()
        self.store.create(MODEL, [{"name": "Contract Elsewhere", "company_id": company}])
        store = self.store.with_context({"allowed_company_ids": []})
        self.assertEqual(["Contract Elsewhere"], self.listed(MODEL, [["name", "=", "Contract Elsewhere"]], store=store))

    def test_allowed_company_ids_outside_the_user_s_companies_are_refused(self):
        [company] = self.store.create("res.company", [{"name": "Contract Foreign Company"}])
        me = self.store.current_user().id
        self.store.write("res.users", [me], {"company_ids": [(3, company, 0)]})  # Odoo gives it to its creator
        self.assertNotIn(company, self.store.current_user().company_ids)
        store = self.store.with_context({"allowed_company_ids": [company]})
        self.assert_api_error("AccessError", store.search_count, MODEL, [])

    def test_a_new_user_s_company_is_the_first_allowed_one(self):
        company = self.other_company()
        main = [c for c in self.store.current_user().company_ids if c != company]
        store = self.store.with_context({"allowed_company_ids": [company, *main[:1]]})
        [user] = store.create("res.users", [{"name": "Contract Clerk", "login": "contract_clerk"}])
        self.assertEqual({"id": user, "company_id": company}, self.read_one("res.users", user, "company_id"))

    def test_creating_in_a_company_outside_the_context_is_refused(self):
        company = self.other_company()
        main = [c for c in self.store.current_user().company_ids if c != company]
        store = self.store.with_context({"allowed_company_ids": main[:1]})
        self.assert_api_error("AccessError", store.create, MODEL, [{"name": "Contract Refused", "company_id": company}])

    # --- ondelete ------------------------------------------------------------------------

    def test_deleting_a_parent_nulls_its_contacts_parent(self):
        parent, [first, _second] = self.parent_with_children()
        self.store.unlink(MODEL, [parent])
        self.assertEqual({"id": first, "parent_id": False}, self.read_one(MODEL, first, "parent_id"))

    def test_deleting_a_product_category_deletes_its_children(self):
        [parent] = self.store.create("product.category", [{"name": "Contract Parent Category"}])
        [child] = self.store.create("product.category", [{"name": "Contract Child Category", "parent_id": parent}])
        self.store.unlink("product.category", [parent])
        self.assertEqual([], self.store.search_ids("product.category", [["id", "in", [parent, child]]]))

    def test_deleting_a_parent_tag_deletes_its_children(self):
        [parent] = self.store.create("res.partner.category", [{"name": "Contract Parent Tag"}])
        [child] = self.store.create("res.partner.category", [{"name": "Contract Child Tag", "parent_id": parent}])
        self.store.unlink("res.partner.category", [parent])
        self.assertEqual([], self.store.with_context({"active_test": False}).search_ids(
            "res.partner.category", [["id", "in", [parent, child]]]))

    def test_deleting_a_category_still_used_by_a_product_is_a_conflict(self):
        [category] = self.store.create("product.category", [{"name": "Contract Used Category"}])
        [product] = self.store.create("product.template", [{"name": "Contract Product", "categ_id": category}])
        error = self.assert_api_error("Conflict", self.store.unlink, "product.category", [category])
        self.assertEqual({"constraint": "product_template_categ_id_fkey"}, error.details)
        self.assertEqual({"id": product, "categ_id": category}, self.read_one("product.template", product, "categ_id"))

    def test_a_cascade_that_meets_a_restriction_deletes_nothing(self):
        [parent] = self.store.create("product.category", [{"name": "Contract Cascading Parent"}])
        [child] = self.store.create("product.category", [{"name": "Contract Used Child", "parent_id": parent}])
        self.store.create("product.template", [{"name": "Contract Product", "categ_id": child}])
        self.assert_api_error("Conflict", self.store.unlink, "product.category", [parent])
        self.assertEqual([parent, child], self.store.search_ids("product.category", [["id", "in", [parent, child]]]))

    def test_deleting_a_tag_unlinks_it_from_partners(self):
        partner, [kept, doomed] = self.tagged_partner("Contract Kept", "Contract Deleted")
        self.store.unlink("res.partner.category", [doomed])
        self.assertEqual(["Contract Kept"], self.tag_names(partner))

    # --- unique constraints --------------------------------------------------------------

    def test_a_duplicate_login_is_a_conflict_and_creates_nothing(self):
        users = [{"name": "Contract One", "login": "contract_same"}, {"name": "Contract Two", "login": "contract_same"}]
        error = self.assert_api_error("Conflict", self.store.create, "res.users", users)
        self.assertEqual({"constraint": "res_users_login_key"}, error.details)
        self.assertEqual(0, self.store.search_count("res.users", [["login", "=", "contract_same"]]))

    def test_a_duplicate_company_name_is_a_conflict(self):
        self.store.create("res.company", [{"name": "Contract Same Company"}])
        error = self.assert_api_error("Conflict", self.store.create, "res.company", [{"name": "Contract Same Company"}])
        self.assertEqual("The operation cannot be completed: The company name must be unique!", str(error.args[0]))

    def test_a_unique_conflict_on_write_changes_nothing(self):
        self.store.create("res.users", [{"name": "Contract Taken", "login": "contract_taken"}])
        [user] = self.store.create("res.users", [{"name": "Contract Free", "login": "contract_free"}])
        self.assert_api_error("Conflict", self.store.write, "res.users", [user], {"login": "contract_taken"})
        self.assertEqual({"id": user, "login": "contract_free"}, self.read_one("res.users", user, "login"))

    def test_product_internal_references_may_repeat(self):
        ids = self.store.create("product.template", [{"name": "Contract Desk A", "default_code": "CONTRACT-1"},
                                                     {"name": "Contract Desk B", "default_code": "CONTRACT-1"}])
        self.assertEqual(2, self.store.search_count("product.template", [["default_code", "=", "CONTRACT-1"]]))
        self.assertEqual(2, len(ids))

    def test_tag_names_may_repeat(self):
        self.store.create("res.partner.category", [{"name": "Contract Twin"}, {"name": "Contract Twin"}])
        self.assertEqual(2, self.store.search_count("res.partner.category", [["name", "=", "Contract Twin"]]))

    # --- methods -------------------------------------------------------------------------

    def test_a_record_method_runs_on_the_records(self):
        [live, archived] = self.store.create(MODEL, [{"name": "Contract Toggled On"},
                                                     {"name": "Contract Toggled Off", "active": False}])
        self.assertIsNone(self.store.call(MODEL, [live, archived], "toggle_active", [], {}))
        self.assertEqual([{"id": live, "active": False}, {"id": archived, "active": True}],
                         self.store.read(MODEL, [live, archived], self.selection(MODEL, ("active",))))

    def test_name_search_answers_id_and_display_name_in_the_model_order(self):
        beta, alpha, _gamma = self.create_partners("Contract NS Beta", "Contract NS Alpha", "Contract NS Gamma")
        self.assertEqual([[alpha, "Contract NS Alpha"], [beta, "Contract NS Beta"]],
                         self.store.call(MODEL, None, "name_search", ["contract ns"], {"limit": 2}))
        self.assertEqual([[beta, "Contract NS Beta"]], self.store.call(MODEL, None, "name_search", [], {
            "name": "Contract NS", "args": [["name", "like", "Beta"]]}))

    def test_copy_answers_the_copies_in_the_records_order(self):
        first, second = self.store.create("product.template", [{"name": "Contract Desk", "list_price": 70.0},
                                                               {"name": "Contract Chair", "list_price": 20.0}])
        copies = self.store.call("product.template", [second, first], "copy", [], {"default": {"list_price": 1.5}})
        self.assertEqual([{"name": "Contract Chair (copy)", "list_price": 1.5},
                          {"name": "Contract Desk (copy)", "list_price": 1.5}],
                         [{k: v for k, v in row.items() if k != "id"} for row in self.store.read(
                             "product.template", copies, self.selection("product.template", ("name", "list_price")))])

    def test_a_method_on_a_missing_record_is_not_found(self):
        missing = self.missing_id()
        error = self.assert_api_error("NotFound", self.store.call, MODEL, [missing], "toggle_active", [], {})
        self.assertEqual({"model": MODEL, "ids": [missing]}, error.details)

    def test_arguments_a_method_does_not_take_are_a_validation_error(self):
        [partner] = self.create_partners("Contract Called")
        for ids, method, args, kwargs in [(None, "name_search", ["a", None, "ilike", 5, "extra"], {}),
                                          (None, "name_search", [], {"no_such_argument": 1}),
                                          ([partner], "toggle_active", [True], {})]:
            with self.subTest(method=method, args=args, kwargs=kwargs):
                self.assert_api_error("ValidationError", self.store.call, MODEL, ids, method, args, kwargs)
        self.assertEqual({"id": partner, "active": True}, self.read_one(MODEL, partner, "active"))

    # --- private names -------------------------------------------------------------------

    def test_private_methods_are_refused(self):
        self.assert_api_error("AccessError", self.store.call, MODEL, None, "_private_thing", [], {})

    def test_an_existing_private_method_is_refused_like_a_missing_one(self):
        error = self.assert_api_error("AccessError", self.store.call, MODEL, None, "_compute_display_name", [], {})
        self.assertIn("_compute_display_name", str(error))

    def test_unknown_methods_are_not_found(self):
        self.assert_api_error("NotFound", self.store.call, MODEL, None, "no_such_method_at_all", [], {})

    # --- binary --------------------------------------------------------------------------

    def test_binary_content_comes_back_with_its_type(self):
        [new_id] = self.store.create(MODEL, [{"name": "Contract Image", "image_1920": PNG}])
        content = self.store.read_binary(MODEL, new_id, "image_1920")
        self.assertEqual(("image/png", "Contract Image.png"), (content.mimetype, content.filename))
        self.assertTrue(content.content.startswith(b"\x89PNG"))

    def test_an_empty_binary_is_none(self):
        [new_id] = self.create_partners("Contract No Image")
        self.assertIsNone(self.store.read_binary(MODEL, new_id, "image_1920"))

    def test_a_binary_of_a_missing_record_is_not_found(self):
        self.assert_api_error("NotFound", self.store.read_binary, MODEL, self.missing_id(), "image_1920")

    def test_binary_download_of_a_non_binary_field_is_refused(self):
        [new_id] = self.create_partners("Contract Not Binary")
        self.assert_api_error("ValidationError", self.store.read_binary, MODEL, new_id, "name")

    def test_an_image_field_refuses_what_is_not_an_image(self):
        # Odoo's fields.Image opens what it stores ("This file could not be decoded as an image file.")
        not_an_image = "JVBERi0xLjcgbm90IGFuIGltYWdl"  # b"%PDF-1.7 not an image"
        self.assert_api_error("ValidationError", self.store.create, MODEL,
                              [{"name": "Contract Not An Image", "image_1920": not_an_image}])
        [new_id] = self.create_partners("Contract Still No Image")
        self.assert_api_error("ValidationError", self.store.write, MODEL, [new_id], {"image_1920": not_an_image})
        self.assertIsNone(self.store.read_binary(MODEL, new_id, "image_1920"))

    def test_invalid_base64_is_a_validation_error(self):
        self.assert_api_error("ValidationError", self.store.create, MODEL,
                              [{"name": "Contract Bad Image", "image_1920": "not base64 at all!"}])

    # --- aggregates (spec §12) -----------------------------------------------------------

    def aggregate_query(self, model: str, groupby, aggregates, order=None):
        """A checked ``AggregateQuery`` for ``model`` (the subclass parses it with the core)."""
        raise NotImplementedError

    def create_grouped_partners(self) -> list[int]:
        """Four partners to group: two companies with colors 2 and 5, two contacts of the first."""
        first, second = self.store.create(MODEL, [
            {"name": "Contract Agg A", "is_company": True, "color": 2},
            {"name": "Contract Agg B", "is_company": True, "color": 5}])
        contacts = self.store.create(MODEL, [
            {"name": "Contract Agg C", "parent_id": first, "color": 1},
            {"name": "Contract Agg D", "parent_id": first, "color": 4}])
        return [first, second, *contacts]

    def group(self, groupby, aggregates, order=None, offset=0, limit=None):
        query = self.aggregate_query(MODEL, groupby, aggregates, order)
        return self.store.read_group(MODEL, [["name", "=like", "Contract Agg %"]], query, offset, limit)

    def test_groups_count_and_sum_like_read_group(self):
        self.create_grouped_partners()
        groups = self.group(["is_company"], ["__count", "color:sum", "color:max", "color:avg"])
        self.assertEqual([{"is_company": False, "__count": 2, "color:sum": 5, "color:max": 4, "color:avg": 2.5},
                          {"is_company": True, "__count": 2, "color:sum": 7, "color:max": 5, "color:avg": 3.5}],
                         groups)

    def test_many2one_groups_are_id_and_display_name_or_false(self):
        first = self.create_grouped_partners()[0]
        groups = self.group(["parent_id"], ["__count"])
        self.assertEqual([{"parent_id": (first, "Contract Agg A"), "__count": 2},
                          {"parent_id": False, "__count": 2}], groups)

    def test_date_groups_are_the_first_day_of_the_period(self):
        self.create_grouped_partners()
        [group] = self.group(["create_date:year"], ["__count"])
        self.assertEqual(4, group["__count"])
        self.assertEqual((1, 1), (group["create_date:year"].month, group["create_date:year"].day))
        self.assertEqual("date", type(group["create_date:year"]).__name__)

    def test_groups_are_ordered_then_paged(self):
        self.create_grouped_partners()
        groups = self.group(["name"], ["color:sum"], ["color:sum desc"], offset=1, limit=2)
        self.assertEqual([{"name": "Contract Agg D", "color:sum": 4}, {"name": "Contract Agg A", "color:sum": 2}],
                         groups)

    def test_totals_without_groupby_are_one_group_even_when_nothing_matches(self):
        query = self.aggregate_query(MODEL, [], ["__count", "color:sum"])
        groups = self.store.read_group(MODEL, [["id", "=", self.missing_id()]], query, 0, None)
        self.assertEqual([{"__count": 0, "color:sum": False}], groups)

    # --- versions (If-Match) -------------------------------------------------------------

    def test_the_locked_version_is_the_write_date_a_read_gives(self):
        [new_id] = self.create_partners("Contract Version")
        [row] = self.store.read(MODEL, [new_id], self.selection(MODEL, ("write_date",)))
        self.assertTrue(row["write_date"])
        self.assertEqual(row["write_date"], self.store.lock_version(MODEL, new_id))

    def test_locking_a_missing_id_is_not_found(self):
        self.assert_api_error("NotFound", self.store.lock_version, MODEL, self.missing_id())

    # --- what Odoo protects (issue 20, item 4) ---------------------------------------------

    def user_id(self, login: str) -> int:
        [found] = self.store.search_ids("res.users", [["login", "=", login], ["active", "in", [True, False]]])
        return found

    def assert_refused(self, error_type: str, words: str, function, *args):
        exc = self.assert_api_error(error_type, function, *args)
        self.assertIn(words, str(getattr(exc, "message", exc)))

    def test_the_master_users_cannot_be_deleted(self):
        for login, words in [("__system__", "You can not remove the admin user"),
                             ("admin", "You cannot delete the admin user"),
                             ("portaltemplate", "Deleting the template users is not allowed")]:
            with self.subTest(login=login):
                user = self.user_id(login)
                self.assert_refused("ValidationError", words, self.store.unlink, "res.users", [user])
                self.assertEqual([user], self.store.search_ids("res.users", [["id", "=", user],
                                                                             ["active", "in", [True, False]]]))

    def test_a_user_cannot_archive_itself(self):
        me = self.store.current_user().id
        self.assert_refused("ValidationError", "You cannot deactivate the user you're currently logged in as",
                            self.store.write, "res.users", [me], {"active": False})
        self.assertIs(True, self.read_one("res.users", me, "active")["active"])

    def test_a_partner_linked_to_a_user_cannot_be_deleted(self):
        partner = self.read_one("res.users", self.user_id("admin"), "partner_id")["partner_id"]
        self.assert_refused("ValidationError", "You cannot delete contacts linked to an active user",
                            self.store.unlink, MODEL, [partner])
        self.assertEqual([partner], self.store.search_ids(MODEL, [["id", "=", partner],
                                                                  ["active", "in", [True, False]]]))

    def test_the_main_company_and_its_partner_cannot_be_deleted(self):
        [main] = self.store.search_ids("res.company", [["id", "=", 1]])
        self.assert_api_error("Conflict", self.store.unlink, "res.company", [main])
        partner = self.read_one("res.company", main, "partner_id")["partner_id"]
        self.assert_api_error("Conflict", self.store.unlink, MODEL, [partner])
        # archived or not (a live database may have archived it earlier): it is still there
        self.assertEqual([partner], self.store.search_ids(MODEL, [["id", "=", partner],
                                                                  ["active", "in", [True, False]]]))

    # --- external ids (issue 24) -----------------------------------------------------------

    def writes_names(self) -> bool:
        """Whether this store gives records new external ids (the gateway's does not: 501)."""
        return callable(getattr(self.store, "add_external_ids", None))

    def test_an_odoo_name_finds_its_record_and_the_record_its_first_name(self):
        found = self.store.find_external_ids(["base.main_partner", "base.main_company", "base.no_such_name"])
        self.assertEqual({"base.main_partner", "base.main_company"}, set(found))
        model, partner = found["base.main_partner"]
        self.assertEqual((MODEL, "res.company"), (model, found["base.main_company"][0]))
        self.assertEqual("base.main_partner", self.store.external_ids(MODEL, [partner])[partner])

    def test_a_record_without_a_name_has_none(self):
        [new] = self.create_partners("Contract Nameless")
        self.assertEqual({}, self.store.external_ids(MODEL, [new]))
        self.assertEqual({}, self.store.external_ids(MODEL, []))

    def test_new_names_are_found_and_a_taken_name_is_a_conflict(self):
        if not self.writes_names():
            self.skipTest("this store gives no record a new external id")
        first, second = self.create_partners("Contract Named A", "Contract Named B")
        self.store.add_external_ids(MODEL, {"contract_sync.a": first, "contract_sync.b": second})
        self.assertEqual({"contract_sync.a": (MODEL, first), "contract_sync.b": (MODEL, second)},
                         self.store.find_external_ids(["contract_sync.a", "contract_sync.b"]))
        self.assertEqual({first: "contract_sync.a", second: "contract_sync.b"},
                         self.store.external_ids(MODEL, [first, second]))
        self.assert_api_error("Conflict", self.store.add_external_ids, MODEL, {"contract_sync.a": second})
        self.assertEqual((MODEL, first), self.store.find_external_ids(["contract_sync.a"])["contract_sync.a"])

    def test_a_record_s_first_name_is_its_oldest(self):
        if not self.writes_names():
            self.skipTest("this store gives no record a new external id")
        [record] = self.create_partners("Contract Twice Named")
        self.store.add_external_ids(MODEL, {"contract_sync.z_first": record})
        self.store.add_external_ids(MODEL, {"contract_sync.a_second": record})
        self.assertEqual("contract_sync.z_first", self.store.external_ids(MODEL, [record])[record])

    def test_a_deleted_record_s_names_are_gone(self):
        if not self.writes_names():
            self.skipTest("this store gives no record a new external id")
        [record] = self.create_partners("Contract Named Then Deleted")
        self.store.add_external_ids(MODEL, {"contract_sync.deleted": record})
        self.store.unlink(MODEL, [record])
        self.assertEqual({}, self.store.find_external_ids(["contract_sync.deleted"]))

    def test_module_names_are_told_apart_from_client_namespaces(self):
        if not self.writes_names():
            self.skipTest("this store gives no record a new external id")
        self.assertEqual({"base"}, self.store.module_names({"base", "contract_sync", "__import__"}))
