"""Numbers as the pages and printed reports show them (issue 10: one style everywhere): counts with
thousands separators ("14,658"), shares as percentages with two decimals ("0.40", "62.50"): the
precision of the one rounding of shares (`percent`). Nothing to show is "–".
The API and the CSV/XLSX exports keep the raw numbers; templates use the `number` and `percent`
filters (phrom/core/templatetags/thai.py)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

NOTHING = "–"


def percent(part: int, whole: int) -> Decimal | None:
    """part/whole in percent, two decimals, half up; None over nothing: the one rounding of shares."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def count_text(value) -> str:
    """14658 -> '14,658'; 2.5 -> '2.5' (a count is whole, a measure keeps what it has)."""
    number = _decimal(value)
    if number is None:
        return NOTHING if value in (None, "") else str(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def percent_text(value) -> str:
    """A share already in percent: 0.4 -> '0.40', 62.5 -> '62.50', 100 -> '100.00'."""
    number = _decimal(value)
    if number is None:
        return NOTHING if value in (None, "") else str(value)
    return f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
