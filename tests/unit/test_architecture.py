"""Dependencies point inward: the pure layers import nothing of Odoo, the web, or the outer layers."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PURE_LAYERS = ("domain", "application")
FORBIDDEN = ("odoo", "werkzeug", "cattrs", "psycopg2")
OUTER = ("adapters", "controllers")
EDGE_WITHOUT_ODOO = ("controllers/router.py", "controllers/routes.py", "controllers/codec.py",
                     "controllers/http_api.py", "controllers/handlers.py", "controllers/standalone.py",
                     "controllers/messages.py", "controllers/host.py", "controllers/results.py",
                     "controllers/rendering.py", "controllers/authentication.py", "controllers/replay.py")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """``(level, module)`` of every import in a file (level > 0 for relative imports)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.level, node.module or ""))
    return found


def imported_names(path: Path) -> list[tuple[int, str]]:
    """``(level, module.name)`` of every ``from module import name``: ``from . import x`` imports the
    module ``x`` itself, which ``imported_modules`` sees only as its package."""
    return [(node.level, ".".join(filter(None, (node.module, alias.name))))
            for node in ast.walk(ast.parse(path.read_text(), str(path))) if isinstance(node, ast.ImportFrom)
            for alias in node.names]


def absolute(path: Path, level: int, module: str) -> str:
    """An import as a path from the addon root, e.g. ``adapters.odoo.store``."""
    if level == 0:
        return module
    package = path.relative_to(ROOT).parent.parts
    base = package[:len(package) - (level - 1)] if level > 1 else package
    return ".".join([*base, module] if module else base)


def pure_files():
    return sorted(p for layer in PURE_LAYERS for p in (ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_layers_import_no_framework_and_no_outer_layer(path):
    for level, module in imported_modules(path):
        target = absolute(path, level, module)
        top = target.split(".")[0]
        assert top not in FORBIDDEN, f"{path.name} imports {target}"
        assert top not in OUTER, f"{path.name} imports the outer layer {target}"


def test_domain_does_not_import_application():
    for path in sorted((ROOT / "domain").rglob("*.py")):
        for level, module in imported_modules(path):
            assert not absolute(path, level, module).startswith("application"), path.name


def test_the_openapi_document_is_built_at_the_edge():
    """The document is HTTP (paths, verbs, status codes): no OpenAPI module in the pure layers."""
    assert [str(p.relative_to(ROOT)) for p in pure_files() if "openapi" in p.name.lower()] == []


@pytest.mark.parametrize("name", EDGE_WITHOUT_ODOO)
def test_shared_http_edge_does_not_import_odoo(name):
    for level, module in imported_modules(ROOT / name):
        target = absolute(ROOT / name, level, module)
        assert target.split(".")[0] not in ("odoo", "werkzeug"), f"{name} imports {target}"
        assert not target.startswith("adapters.odoo"), f"{name} imports {target}"


def test_the_grep_of_the_brief_finds_nothing():
    pattern = re.compile(r"^\s*(from|import)\s+odoo", re.MULTILINE)
    offenders = [p for p in pure_files() if pattern.search(p.read_text())]
    assert offenders == []


# The only places that read as the superuser, each for configuration (never the user's data):
# the settings and the database secret, as Odoo itself reads ir.config_parameter per request.
# The third reads the installed languages for a request that has no user yet. A key's rules and
# networks (issue 23) are administrators' data: read to enforce them and summarise them, and
# written for the key the identity-checked wizard has just made.
SUPERUSER_READS = {"adapters/odoo/settings.py": 1, "controllers/odoo_host.py": 1,
                   "adapters/odoo/external_ids.py": 2,  # ir.model.data and the module list (issue 24)
                   "controllers/no_browser_session.py": 1, "models/res_users_apikeys.py": 4,
                   # webhooks are administrators' data: the API reaches a key's own, filtered by the key (issue 25)
                   "adapters/odoo/webhooks.py": 1}
SUPERUSER = re.compile(r"\.sudo\(|with_user\(\s*(1|SUPERUSER_ID)\s*\)|\bsu\s*=\s*True|"
                       r"Environment\([^)]*\b(SUPERUSER_ID|1)\s*[,)]|\buser\s*=\s*(SUPERUSER_ID|1)\b")


def production_files():
    production = [p for p in ROOT.rglob("*.py") if "tests" not in p.relative_to(ROOT).parts
                  and ".venv" not in p.parts and "benchmarks" not in p.parts and "examples" not in p.parts
                  and p.relative_to(ROOT).parts[0] != "build"]  # generated clients and their tools (make sdk)
    assert production, "no production files found"
    return production


def test_production_code_acts_as_the_superuser_only_where_listed():
    found = {}
    for path in production_files():
        count = len(SUPERUSER.findall(path.read_text()))
        if count:
            found[str(path.relative_to(ROOT))] = count
    assert found == SUPERUSER_READS


def test_the_superuser_pattern_sees_every_spelling():
    for text in ("env.sudo()", "x.with_user(1)", "x.with_user(SUPERUSER_ID)", "x.with_env(x.env(su=True))",
                 "api.Environment(cr, SUPERUSER_ID, {})", "env(user=SUPERUSER_ID)"):
        assert SUPERUSER.search(text), text
    assert not SUPERUSER.search("x.with_user(user_id)")


def test_production_code_evaluates_no_code():
    for path in production_files():
        assert not re.search(r"\b(eval|exec|safe_eval)\(", path.read_text()), f"{path} evaluates code"


def test_the_checker_sees_a_forbidden_import(tmp_path):
    fake = ROOT / "domain" / "x.py"
    sample = tmp_path / "sample.py"
    sample.write_text("from odoo import models\nfrom ..adapters.odoo import store\n")
    found = imported_modules(sample)
    assert found == [(0, "odoo"), (2, "adapters.odoo")]
    assert imported_names(sample) == [(0, "odoo.models"), (2, "adapters.odoo.store")]
    assert absolute(fake, 2, "adapters.odoo") == "adapters.odoo"


def _product_files():
    return sorted(p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] in
                  ("domain", "application", "adapters", "controllers", "models"))


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def import_graph() -> dict[str, set[str]]:
    """Which product modules each product module imports (late and TYPE_CHECKING imports too)."""
    modules = {_module_of(p): p for p in _product_files()}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for level, module in imported_modules(path) + imported_names(path):
            target = absolute(path, level, module)
            # ``from . import x`` and ``from .pkg import name``: the module itself if it is one
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not modules[target].name == "__init__.py":
                graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_among_product_modules():
    assert cycles(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
