"""How the quality pages write pollutants and quantities: one spelling each, wherever a figure is shown.

Data, CSV columns and the standards' code keep the plain ASCII names (PM2.5, O3, …: what monitoring exports
and plan texts use, and what ducha.plans' normaliser turns every variant into); the pages write them with
subscripts as GB 3095 does. A quantity is its number, a space and its unit (24 微克/立方米, 8 个, 3 天),
except a percentage (97.0%), as the advice sentences of the page have always written them."""

import re
from decimal import Decimal

POLLUTANT_NAMES = {"PM2.5": "PM₂.₅", "PM10": "PM₁₀", "O3": "O₃", "NO2": "NO₂", "SO2": "SO₂", "CO": "CO"}
_POLLUTANT = re.compile(r"(?<![A-Za-z0-9.])(PM2\.5|PM10|O3|NO2|SO2)(?![0-9])")

# Other spellings of the units the page shows, as plans and imports write them.
UNIT_SPELLINGS = {
    "μg/m³": "微克/立方米", "µg/m³": "微克/立方米", "μg/m3": "微克/立方米", "µg/m3": "微克/立方米",
    "ug/m3": "微克/立方米", "ug/m³": "微克/立方米", "微克每立方米": "微克/立方米",
    "mg/L": "毫克/升", "mg/l": "毫克/升", "毫克每升": "毫克/升",
}
ATTACHED_UNITS = {"%", "‰"}
AIR_UNIT = "微克/立方米"  # PM₂.₅, PM₁₀, SO₂, NO₂, O₃ (CO is in 毫克/立方米)


def pollutants(text: str) -> str:
    """`text` with each pollutant written as on the page: "PM2.5平均浓度" → "PM₂.₅平均浓度"."""
    return _POLLUTANT.sub(lambda m: POLLUTANT_NAMES[m.group(1)], text or "")


def quantity(value, unit: str = "") -> str:
    """ "24 微克/立方米", "97.0%", "0 个"; "" without a value."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        value = format(value.normalize(), "f")  # 24.0 → 24, and 1E+2 → 100
    unit = (unit or "").strip()
    unit = UNIT_SPELLINGS.get(unit, unit)
    if not unit:
        return str(value)
    return f"{value}{unit}" if unit in ATTACHED_UNITS else f"{value} {unit}"
