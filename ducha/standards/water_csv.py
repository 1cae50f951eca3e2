"""Reading and writing section tables for the `ducha water` commands.

Input columns: section, type (river / lake / reservoir) and one column per
item code of water_limits.ITEMS (mg/L, faecal coliform 个/L; an empty cell is
a missing value; a result below the detection limit is read as half that
limit, see `below_limit`); optional `drinking_source` (1/0, 是/否, true/false; empty
= no) marks a drinking-water source (饮用水水源地); optional `chla` (叶绿素a, mg/m³) and
`sd` (透明度, m) give, with tp, tn and codmn, the trophic state index TLI(Σ) of a
lake or reservoir point (22号 §二(二)2, see water_trophic); optional `water_body` (水体名称)
names the lake or reservoir a point belongs to, so that `ducha water summary` can average a
lake's points. Every error names the row (as a spreadsheet shows it: the header is row 1) and
the column, in Chinese; up to 50 are listed (input_errors); nothing is returned until all rows
are good.

Classifying needs at least one of the class-setting basic items CLASS_SETTING_ITEMS in every
row: 22号 §二(一)1 classes a section by the worst of the items "参评的指标" that were measured,
so a row that gives only pH (Ⅰ or 劣Ⅴ, nothing between) or only trace metals would come out
class Ⅰ with nothing to support it. The 21 evaluated items are 22号 §一(一)1's and it sets no
minimum; the organic and nutrient items below (dissolved oxygen, permanganate index, COD, BOD5,
ammonia nitrogen, total phosphorus) are the ones that set the class of most sections, so a row
with none of them is refused (a project decision, not a clause of 22号), naming its row and the
columns it lacks.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .csv_files import read_table
from .input_errors import ErrorList, InputErrors, quoted
from .rounding import to_decimal
from .water import SectionResult, classify, format_exceedance, lake_result, mean_values
from .water_limits import CLASSES, ITEM_NAMES, ITEMS, RIVER, WATERBODY_TYPES
from .water_rank import CWQI_PLACES, city_index
from .ranking import rank
from .water_trophic import TROPHIC_ITEMS, TrophicState, trophic_state

REQUIRED = ("section", "type")
TROPHIC_ONLY = ("chla", "sd")  # trophic-state items that are not GB 3838 table 1 items
OPTIONAL = ("drinking_source", "water_body") + TROPHIC_ONLY
CLASS_SETTING_ITEMS = ("do", "codmn", "cod", "bod5", "nh3n", "tp")  # see the module docstring
YES, NO = frozenset({"1", "是", "true", "yes", "y"}), frozenset({"0", "否", "false", "no", "n", ""})
OUTPUT_COLUMNS = ("class", "limiting", "exceedance", "tn_class", "fecal_coliform_class", "tli", "trophic_state")


class WaterInputError(InputErrors):
    """Bad input: up to 50 cells, each naming row and column (see input_errors)."""


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
    water_body: str = ""


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


def _cell(row_no: int, column: str, text, errors: ErrorList) -> Decimal | None:
    """The cell's value; None when empty or bad (a bad one goes to `errors`)."""
    text = (text or "").strip()
    if not text:
        return None
    if _BARE_ND.match(text):
        errors.add(row_no, column, f"{quoted(text)}未给出检出限，请写成 0.01L 或 <0.01（按检出限的一半计）")
        return None
    try:
        half = below_limit(text)
        value = half if half is not None else to_decimal(text)
    except ValueError:
        errors.add(row_no, column, f"无法识别的数值{quoted(text)}")
        return None
    if half is not None and column == "ph":
        errors.add(row_no, column, f"{quoted(text)}：pH 没有检出限")
        return None
    if value < 0:
        errors.add(row_no, column, f"数值不能为负数{quoted(text)}")
        return None
    return value


def read_sections(path, *, need_class: bool = False, extra: tuple[str, ...] = ()) -> list[Section]:
    """Every row of a section table; WaterInputError lists the bad cells.

    `need_class`: the table is the output of classify (for summary), so the
    class column is read and the class-setting items are not required.
    `extra`: further required columns, none of which may be empty (`city` for
    `ducha water rank`); their text stays in `Section.raw`."""
    header, rows = read_table(Path(path), WaterInputError)
    missing = [c for c in REQUIRED + extra + (("class",) if need_class else ()) if c not in header]
    if missing:
        raise WaterInputError(f"缺少必需的列：{', '.join(missing)}")
    unknown = [c for c in header if c not in REQUIRED + extra + OPTIONAL + ITEMS + OUTPUT_COLUMNS]
    if unknown:
        raise WaterInputError(f"无法识别的列：{', '.join(unknown)}；监测项目列为 {','.join(ITEMS)}")
    if not need_class and not any(c in header for c in CLASS_SETTING_ITEMS):
        raise WaterInputError(f"缺少必需的列：至少需要 {', '.join(CLASS_SETTING_ITEMS)} 之一（定类项目）")
    errors = ErrorList()
    sections = []
    for row_no, row in enumerate(rows, start=2):
        if None in row:
            errors.add(row_no, "", "单元格多于表头的列数")
            continue
        name = (row.get("section") or "").strip()
        if not name:
            errors.add(row_no, "section", "断面名称为空")
        for column in extra:
            if not (row.get(column) or "").strip():
                errors.add(row_no, column, "不能为空")
        waterbody = (row.get("type") or "").strip().lower()
        if waterbody not in WATERBODY_TYPES:
            errors.add(row_no, "type", f"{quoted(row.get('type'))}不是 {'、'.join(WATERBODY_TYPES)} 之一")
        values = {item: _cell(row_no, item, row.get(item), errors) for item in ITEMS if item in header}
        if not need_class and not any((row.get(item) or "").strip() for item in CLASS_SETTING_ITEMS):
            names = "、".join(ITEM_NAMES[i] for i in CLASS_SETTING_ITEMS)
            errors.add(row_no, "", f"{names}均无数据，无法评价水质类别")
        water_class = None
        if need_class:
            water_class = (row.get("class") or "").strip()
            if water_class not in CLASSES:
                errors.add(row_no, "class", f"{quoted(water_class)}不是 {'、'.join(CLASSES)} 之一")
        flag = (row.get("drinking_source") or "").strip().lower()
        if flag not in YES | NO:
            errors.add(row_no, "drinking_source", f"{quoted(row['drinking_source'])}不是 1/0 或 是/否")
        trophic_values = {item: _cell(row_no, item, row.get(item), errors) for item in TROPHIC_ONLY if item in header}
        body = (row.get("water_body") or "").strip()
        sections.append(Section(row_no, name, waterbody, values, row, water_class, flag in YES, trophic_values,
                                water_body=body))
    errors.raise_if_any(WaterInputError, header)
    if not sections:
        raise WaterInputError("文件没有数据行")
    return sections


def classify_sections(sections: list[Section]) -> list[SectionResult]:
    """Class of every row, and the trophic state of the lake and reservoir
    points that give all five of its items."""
    results = []
    errors = ErrorList()
    for s in sections:
        results.append(classify(s.values, s.waterbody))  # read_sections ensured the class-setting items
        s.trophic = _trophic(s, errors)
    errors.raise_if_any(WaterInputError)
    return results


def _trophic(s: Section, errors: ErrorList) -> TrophicState | None:
    values = {**s.values, **s.trophic_values}
    if s.waterbody == RIVER or any(values.get(i) is None for i in TROPHIC_ITEMS):
        return None
    bad = [item for item in TROPHIC_ITEMS if values[item] <= 0]
    for item in bad:
        errors.add(s.row, item, f"{quoted(s.raw[item])}：计算综合营养状态指数的项目须大于零")
    return None if bad else trophic_state(values)


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


@dataclass
class SummaryUnit:
    """One section of a set, or one lake or reservoir from its points."""

    name: str
    water_class: str
    values: dict
    waterbody: str
    points: int = 1


def summary_units(sections: list[Section]) -> list[SummaryUnit]:
    """The sections of a classified table as `summarize` counts them.

    22号 §二(二)1(2): a lake or reservoir with several points is evaluated on
    the arithmetic means of its points' items (`water.lake_result`), so it is
    one unit of the set. Its points are known only from the `water_body`
    column; without it (or with it empty) every row is its own section, since
    guessing a lake from section names (a shared prefix) would merge
    unrelated waters."""
    units: list[SummaryUnit] = []
    lakes: dict[str, list[Section]] = {}
    for s in sections:
        if s.waterbody != RIVER and s.water_body:
            if s.water_body not in lakes:
                lakes[s.water_body] = []
                units.append(SummaryUnit(s.water_body, "", {}, s.waterbody, 0))
            lakes[s.water_body].append(s)
        else:
            units.append(SummaryUnit(s.name, s.water_class, s.values, s.waterbody))
    errors = ErrorList()
    for unit in units:
        points = lakes.get(unit.name) if unit.points == 0 else None
        if points is None:
            continue
        for p in points:
            if p.waterbody != unit.waterbody:
                errors.add(p.row, "type", f"水体“{unit.name}”的点位类型不一致（{unit.waterbody} 与 {p.waterbody}）")
        if len(points) == 1:
            unit.water_class, unit.values, unit.points = points[0].water_class, points[0].values, 1
            continue
        if errors:
            continue
        try:
            result = lake_result((p.values for p in points), unit.waterbody)
        except ValueError:  # a class-only table: no item values to average
            errors.add(points[0].row, "water_body", f"湖库“{unit.name}”的点位没有监测值，无法按均值评价")
        else:
            unit.water_class, unit.points = result.water_class, len(points)
            unit.values = mean_values(p.values for p in points)
    errors.raise_if_any(WaterInputError)
    return units


RANK_COLUMNS = ("city", "cwqi", "rank", "items", "sections")


def rank_cities(sections: list[Section], *, averaging: str = "concentration", places: int = CWQI_PLACES,
                ties: str = "competition") -> list[dict[str, str]]:
    """`ducha water rank`: CWQI of each city (column `city`) and its rank,
    ascending (water_rank). Rows of one section (several months) are averaged
    first, item by item, so each section counts once with its period means."""
    per_section: dict[tuple[str, str], list[Section]] = {}
    for s in sections:
        per_section.setdefault((s.raw["city"].strip(), s.name), []).append(s)
    cities: dict[str, list[tuple[dict, str]]] = {}
    errors = ErrorList()
    for (city, name), rows in per_section.items():
        types = {r.waterbody for r in rows}
        if len(types) > 1:
            errors.add(rows[-1].row, "type", f"断面“{name}”的水体类型不一致（{'、'.join(sorted(types))}）")
        cities.setdefault(city, []).append((mean_values(r.values for r in rows), rows[0].waterbody))
    errors.raise_if_any(WaterInputError)
    names = list(cities)
    indices = []
    for city in names:
        try:
            indices.append(city_index(cities[city], averaging))
        except ValueError as exc:
            first = next(s.row for s in sections if s.raw["city"].strip() == city)
            errors.add(first, "city", f"{city}：{exc}")
    errors.raise_if_any(WaterInputError)
    values = [ix.reported(places) for ix in indices]
    ranks = rank(values, ties=ties)
    return [
        {"city": c, "cwqi": str(v), "rank": str(r), "items": str(len(ix.items)), "sections": str(ix.sections)}
        for c, v, r, ix in zip(names, values, ranks, indices)
    ]
