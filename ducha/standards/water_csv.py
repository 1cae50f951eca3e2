"""Reading and writing section tables for the `ducha water` commands.

Input columns: section, type (river / lake / reservoir) and one column per
item code of water_limits.ITEMS (mg/L, faecal coliform 个/L; an empty cell is
a missing value; a result below the detection limit is read as half that
limit, see `below_limit`); optional `drinking_source` (1/0, 是/否, true/false; empty
= no) marks a drinking-water source (饮用水水源地); optional `chla` (叶绿素a, mg/m³) and
`sd` (透明度, m) give, with tp, tn and codmn, the trophic state index TLI(Σ) of a
lake or reservoir point (22号 §二(二)2, see water_trophic). Every error names the row (as a spreadsheet shows it: the
header is row 1) and the column; nothing is returned until all rows are good.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .rounding import to_decimal
from .water import SectionResult, classify, format_exceedance
from .water_limits import CLASSES, ITEMS, RIVER, WATERBODY_TYPES
from .water_trophic import TROPHIC_ITEMS, TrophicState, trophic_state

REQUIRED = ("section", "type")
TROPHIC_ONLY = ("chla", "sd")  # trophic-state items that are not GB 3838 table 1 items
OPTIONAL = ("drinking_source",) + TROPHIC_ONLY
YES, NO = frozenset({"1", "是", "true", "yes", "y"}), frozenset({"0", "否", "false", "no", "n", ""})
OUTPUT_COLUMNS = ("class", "limiting", "exceedance", "tn_class", "fecal_coliform_class", "tli", "trophic_state")


class WaterInputError(ValueError):
    """Bad input; the message names row and column."""


@dataclass
class Section:
    row: int
    name: str
    waterbody: str
    values: dict[str, Decimal | None]
    raw: dict[str, str]
    water_class: str | None = None
    drinking_source: bool = False
    trophic_values: dict[str, Decimal | None] = field(default_factory=dict)  # chla, sd
    trophic: TrophicState | None = None


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = list(reader)
    except UnicodeDecodeError:
        raise WaterInputError(f"{path}: not UTF-8 text") from None
    except FileNotFoundError:
        raise WaterInputError(f"{path}: no such file") from None
    return header, rows


# Below the detection limit: "0.01L" (HJ/T 91-2002: the limit with the flag L),
# "<0.01" / "＜0.01", "ND(0.01)" / "未检出（0.01）".
_BELOW = re.compile(r"^(?:([0-9.]+)\s*[Ll]|[<＜]\s*([0-9.]+)|(?:ND|nd|未检出)\s*[(（]\s*([0-9.]+)\s*[)）])$")
_BARE_ND = re.compile(r"^(?:ND|nd|未检出|[Ll]|<DL|＜DL)$")


def below_limit(text: str) -> Decimal | None:
    """Half the detection limit for a result written below it, else None.

    环办监测函〔2020〕82号《地表水环境质量监测数据统计技术规定（试行）》第七点:
    "当监测数据低于检出限时，以1/2检出限值参与计算和统计" — data below the
    detection limit take part in calculation and statistics at half the
    limit; the same value then classifies the sample (methods must detect far
    below the class limits, HJ 91.2-2022, so that is class Ⅰ in practice).
    A bare "ND" has no limit to halve and is refused by `_cell`.
    """
    m = _BELOW.match(text)
    if not m:
        return None
    return to_decimal(next(g for g in m.groups() if g is not None)) / 2


def _cell(row_no: int, column: str, text) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    if _BARE_ND.match(text):
        raise WaterInputError(
            f"row {row_no}, column {column}: {text!r} gives no detection limit; write it as 0.01L or <0.01 "
            "(half the limit is used)"
        )
    try:
        half = below_limit(text)
        value = half if half is not None else to_decimal(text)
    except ValueError:
        raise WaterInputError(f"row {row_no}, column {column}: {text!r} is not a number") from None
    if half is not None and column == "ph":
        raise WaterInputError(f"row {row_no}, column ph: {text!r}: pH has no detection limit")
    if value < 0:
        raise WaterInputError(f"row {row_no}, column {column}: {text} is negative")
    return value


def read_sections(path, *, need_class: bool = False) -> list[Section]:
    header, rows = _read(Path(path))
    missing = [c for c in REQUIRED + (("class",) if need_class else ()) if c not in header]
    if missing:
        raise WaterInputError(f"row 1: missing column(s) {', '.join(missing)}")
    unknown = [c for c in header if c not in REQUIRED + OPTIONAL + ITEMS + OUTPUT_COLUMNS]
    if unknown:
        raise WaterInputError(f"row 1: unknown column(s) {', '.join(unknown)}; item columns are {','.join(ITEMS)}")
    if not need_class and not any(c in header for c in ITEMS):
        raise WaterInputError("row 1: no item column")
    sections = []
    for row_no, row in enumerate(rows, start=2):
        if None in row:
            raise WaterInputError(f"row {row_no}: more cells than header columns")
        name = (row.get("section") or "").strip()
        if not name:
            raise WaterInputError(f"row {row_no}, column section: empty")
        waterbody = (row.get("type") or "").strip().lower()
        if waterbody not in WATERBODY_TYPES:
            raise WaterInputError(
                f"row {row_no}, column type: {row.get('type')!r} is not one of {', '.join(WATERBODY_TYPES)}"
            )
        values = {item: _cell(row_no, item, row.get(item)) for item in ITEMS if item in header}
        water_class = None
        if need_class:
            water_class = (row.get("class") or "").strip()
            if water_class not in CLASSES:
                raise WaterInputError(f"row {row_no}, column class: {water_class!r} is not one of {', '.join(CLASSES)}")
        flag = (row.get("drinking_source") or "").strip().lower()
        if flag not in YES | NO:
            raise WaterInputError(f"row {row_no}, column drinking_source: {row['drinking_source']!r} is not 1/0 or 是/否")
        trophic_values = {item: _cell(row_no, item, row.get(item)) for item in TROPHIC_ONLY if item in header}
        sections.append(Section(row_no, name, waterbody, values, row, water_class, flag in YES, trophic_values))
    if not sections:
        raise WaterInputError("no data rows")
    return sections


def classify_sections(sections: list[Section]) -> list[SectionResult]:
    """Class of every row, and the trophic state of the lake and reservoir
    points that give all five of its items."""
    results = []
    for s in sections:
        try:
            results.append(classify(s.values, s.waterbody))
        except ValueError as exc:
            raise WaterInputError(f"row {s.row}: {exc}") from None
        s.trophic = _trophic(s)
    return results


def _trophic(s: Section) -> TrophicState | None:
    values = {**s.values, **s.trophic_values}
    if s.waterbody == RIVER or any(values.get(i) is None for i in TROPHIC_ITEMS):
        return None
    for item in TROPHIC_ITEMS:
        if values[item] <= 0:
            raise WaterInputError(
                f"row {s.row}, column {item}: {s.raw[item]!r} must be above zero for the trophic state index"
            )
    return trophic_state(values)


def output_row(section: Section, result: SectionResult) -> dict[str, str]:
    row = dict(section.raw)
    row["class"] = result.water_class
    row["limiting"] = ";".join(result.limiting)
    row["exceedance"] = ";".join(
        f"{item}:{format_exceedance(result.exceedances[item])}" for item in result.limiting + [
            i for i in result.exceedances if i not in result.limiting
        ] if item in result.exceedances
    )
    row["tn_class"] = result.reference_classes.get("tn", "")
    row["fecal_coliform_class"] = result.reference_classes.get("fecal_coliform", "")
    row["tli"] = section.trophic.tli_text if section.trophic else ""
    row["trophic_state"] = section.trophic.grade if section.trophic else ""
    return row


def write_classified(sections: list[Section], results: list[SectionResult], out) -> None:
    """Write to a text stream: the input columns, then the result columns."""
    header = [c for c in sections[0].raw if c not in OUTPUT_COLUMNS] + list(OUTPUT_COLUMNS)
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for section, result in zip(sections, results):
        writer.writerow(output_row(section, result))
