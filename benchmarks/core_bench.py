"""Benchmarks of the pure core (no Odoo): parsing, resolving ``{*}``, encoding rows.

``python3 benchmarks/core_bench.py`` (or ``make bench``). Targets (issue: pure core):
≥ 50,000 parses/s of a ``{id, name, company_id{name}, -x}``-sized query on one core,
and resolving ``{*}`` on a 300-field model in < 1 ms.
"""
import datetime as dt
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "devtools"))
import rest_api_alias  # noqa: E402,F401

from rest_api.application.shaping import encode_records  # noqa: E402
from rest_api.domain.model_info import FieldInfo, ModelInfo  # noqa: E402
from rest_api.domain.resolution import resolve  # noqa: E402
from rest_api.domain.selection import STAR, parse_selection  # noqa: E402
from rest_api.domain.settings import DEFAULT_SENSITIVE_FIELDS  # noqa: E402

TYPES = ("char", "integer", "float", "boolean", "date", "datetime", "many2one", "many2many", "text",
         "selection")


def wide_model(count: int = 300) -> ModelInfo:
    """A model with ``count`` fields of mixed types, like a heavily customised res.partner."""
    fields = {"id": FieldInfo("id", "integer", readonly=True)}
    for n in range(count - 1):
        kind = TYPES[n % len(TYPES)]
        relation = "res.partner" if kind in ("many2one", "many2many") else None
        fields[f"f{n}"] = FieldInfo(f"f{n}", kind, relation=relation,
                                    selection=(("a", "A"),) if kind == "selection" else ())
    return ModelInfo("x.wide", "Wide", fields)


def best_of(statement, number: int, repeat: int = 5) -> float:
    """Best seconds per call over ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(statement, number=number, repeat=repeat)) / number


def bench_parse() -> None:
    query = "{id, name, company_id{name}, -x}"
    per_call = best_of(lambda: parse_selection(query), 20_000)
    print(f"parse {query!r}: {1 / per_call:,.0f} parses/s (target >= 50,000)")


def bench_resolve_star() -> None:
    model = wide_model()
    per_call = best_of(lambda: resolve(STAR, model, lambda name: model, DEFAULT_SENSITIVE_FIELDS), 2_000)
    print(f"resolve {{*}} on a {len(model.fields)}-field model: {per_call * 1000:.3f} ms (target < 1 ms)")


def bench_encode_rows() -> None:
    model = wide_model(12)
    selection = resolve(STAR, model, lambda name: model, DEFAULT_SENSITIVE_FIELDS)
    now = dt.datetime(2024, 1, 1, 12, 0, 0)
    sample = {"char": "Azure Interior", "integer": 7, "float": 1.5, "boolean": True, "date": now.date(),
              "datetime": now, "many2one": 3, "many2many": [1, 2, 3], "text": False, "selection": "a"}
    row = {name: sample.get(info.type, 1) for name, info in model.fields.items()}
    rows = [dict(row, id=i) for i in range(1, 1001)]
    per_call = best_of(lambda: encode_records(selection, rows), 20)
    print(f"encode 1,000 rows x {len(model.fields)} fields: {per_call * 1000:.2f} ms")


if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}, one core")
    bench_parse()
    bench_resolve_star()
    bench_encode_rows()
