"""Parses per second of realistic ``query`` selections (spec §5), on one core.

Run from anywhere: ``python3 benchmarks/selection_bench.py [repeat]``. No Odoo needed:
the addon folder is imported as ``rest_api`` through ``devtools/rest_api_alias.py``.
"""
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "devtools"))
import rest_api_alias  # noqa: E402,F401

from rest_api.domain.selection import parse_selection, render_selection  # noqa: E402

TARGET_PER_SECOND = 50_000
QUERIES = {
    "small": "{id, name, company_id{name}, -x}",
    "star": "{*}",
    "exclusions": "{-password, -signature, -image_1920, -message_ids}",
    "partner": "{id, name, email, phone, parent_id{id, name}, country_id{code, name}, "
               "category_id{name, color}, user_ids{login, -signature}}",
    "sale order": "{id, name, state, date_order, amount_total, partner_id{id, name, "
                  "country_id{code}}, order_line{product_id{default_code, name, "
                  "categ_id{name}}, product_uom_qty, price_unit, tax_id{name, amount}}, "
                  "user_id{name}, company_id{name, currency_id{name, symbol}}}",
    "wide (200 names)": "{" + ", ".join(f"field_{n}" for n in range(200)) + "}",
}


def parses_per_second(text: str, repeat: int) -> float:
    """The best of ``repeat`` timed rounds, each sized to take about 0.2 s."""
    timer = timeit.Timer(lambda: parse_selection(text))
    number, _ = timer.autorange()
    return number / min(timer.repeat(repeat=repeat, number=number))


def main() -> None:
    """Print one line per query with its rate, then whether the small query meets the target."""
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    print(f"Python {sys.version.split()[0]}; best of {repeat} rounds of about 0.2 s each")
    rates = {}
    for label, text in QUERIES.items():
        rates[label] = parses_per_second(text, repeat)
        shown = render_selection(parse_selection(text))
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        print(f"{label:>18}: {rates[label]:>10,.0f} parses/s  {len(text):>5} chars  {shown}")
    verdict = "meets" if rates["small"] >= TARGET_PER_SECOND else "is BELOW"
    print(f"The small query {verdict} the target of {TARGET_PER_SECOND:,} parses/s.")

if __name__ == "__main__":
    main()
