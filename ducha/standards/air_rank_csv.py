"""`ducha air rank`: city period statistics in, composite indices and ranks out.

Input, either of:
- `city,period,so2,no2,pm10,pm25,co,o3_8h`: the period statistics as
  published (µg/m³, CO mg/m³; SO2 … PM2.5 means, CO 24 h 95th percentile,
  O3 daily max 8 h 90th percentile). `period` as `ducha air evaluate`
  takes it (2025, 2025-03, 2025-Q2, 2025-01-01..2025-10-31); rows of one
  period are ranked together. A row of the same city for the same period a
  year earlier gives the change rate (同比变化率) and the improvement rank;
  its index is recomputed over the later row's limits, so that across
  2026-03-01 the rate compares like with like (our choice: how the 2026
  rules compare the two years is not known).
- the output of `ducha air evaluate --by city` (columns `city`, `limits`,
  `so2_mean`, `no2_mean`, `pm10_mean`, `pm25_mean`, `co_p95`, `o3_8h_p90`,
  `valid`): one group; a row whose data fail the GB 3095 count rule
  (`valid` false) is listed without index or rank (a project decision: the
  ranking rule evaluates valid statistics only, GB 3095-2026 §6.4).

Output: `city,period,so2,no2,pm10,pm25,co,o3_8h` (statistics at reporting
precision), `i_so2 … i_o3_8h` (single indices), `composite_index`, `rank`,
then `primary_pollutant` (最大单项指数), `rules`, `change_rate` (%) and
`change_rank` (empty without the previous year). Rules (`air_rank`):
"auto" picks 2018 or 2026 by the period's last day (by the `limits` column
for evaluate output). Bad input: up to 50 cells by row (header is row 1) and
column, in Chinese; nothing is written then.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .air_period import parse_period
from .air_rank import (
    POLLUTANTS, RULE_LABELS, RULES, WEIGHTS, CompositeIndex, RankedRow, composite_index, limit_set_for,
    previous_year, primary_label, rank_rows, rule_for,
)
from .csv_files import read_table
from .input_errors import ErrorList, InputErrors, quoted
from .ranking import best_and_worst

NATIVE = ("city", "period") + tuple(POLLUTANTS)
EVALUATE = {"so2": "so2_mean", "no2": "no2_mean", "pm10": "pm10_mean", "pm25": "pm25_mean", "co": "co_p95",
            "o3_8h": "o3_8h_p90"}
EVALUATE_LIMITS = {"GB3095-2012": "2012", "GB3095-2026-transition": "2026", "GB3095-2026": "2026-final"}
INDEX_COLUMNS = tuple(f"i_{p}" for p in POLLUTANTS)
OUTPUT_COLUMNS = NATIVE + INDEX_COLUMNS + ("composite_index", "rank", "primary_pollutant", "rules", "change_rate",
                                           "change_rank")
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")


class RankInputError(InputErrors):
    """Bad input: up to 50 cells, each naming row and column (see input_errors)."""


@dataclass
class _Row:
    row: int
    city: str
    period: str
    span: tuple | None        # (first, last) of the period
    stats: dict | None
    limit_set: str | None
    rules: str | None


def _number(row_no, column, text, errors) -> str | None:
    t = (text or "").strip()
    if not t:
        errors.add(row_no, column, "缺少数值")
        return None
    if not _NUMBER.match(t):
        errors.add(row_no, column, f"数值不能为负数{quoted(text)}" if t.startswith("-") else f"无法识别的数值{quoted(text)}")
        return None
    return t


def read_rows(path, rules: str = "auto") -> list[_Row]:
    if rules != "auto" and rules not in RULES:
        raise RankInputError(f"排名规则{quoted(rules)}：应为 auto、{'、'.join(RULES)}")
    header, rows = read_table(Path(path), RankInputError)
    evaluate = "city" in header and all(c in header for c in EVALUATE.values())
    if not evaluate:
        missing = [c for c in NATIVE if c not in header]
        if missing:
            raise RankInputError(f"缺少必需的列：{', '.join(missing)}（或使用 ducha air evaluate --by city 的输出）")
    if not rows:
        raise RankInputError("文件没有数据行")
    errors = ErrorList()
    out = []
    for row_no, row in enumerate(rows, start=2):
        if None in row:
            errors.add(row_no, "", "单元格多于表头的列数")
            continue
        city = (row.get("city") or "").strip() or (row.get("entity") or "").strip()
        if not city:
            errors.add(row_no, "city", "城市名称为空")
        if evaluate:
            out.append(_evaluate_row(row_no, city, row, rules, errors))
        else:
            out.append(_native_row(row_no, city, row, rules, errors))
    errors.raise_if_any(RankInputError, header)
    seen: dict = {}
    for r in out:
        key = (r.city, r.span or r.period)
        if key in seen:
            errors.add(r.row, "city", f"与第 {seen[key]} 行重复：同一城市同一评价期只能有一行")
        seen[key] = r.row
    errors.raise_if_any(RankInputError, header)
    return out


def _native_row(row_no, city, row, rules, errors) -> _Row:
    period = (row.get("period") or "").strip()
    span = None
    try:
        first, last, _kind = parse_period(period)
        span = (first, last)
    except ValueError as exc:
        errors.add(row_no, "period", str(exc))
    stats = {p: _number(row_no, p, row.get(p), errors) for p in POLLUTANTS}
    rule = rules if rules != "auto" else (rule_for(span[1]) if span else None)
    limit_set = limit_set_for(rule, span[1] if span else None) if rule else None
    return _Row(row_no, city, period, span, stats, limit_set, rule)


def _evaluate_row(row_no, city, row, rules, errors) -> _Row:
    label = (row.get("limits") or "").strip()
    if rules == "auto":
        limit_set = EVALUATE_LIMITS.get(label)
        if limit_set is None:
            errors.add(row_no, "limits", f"无法识别的限值标准{quoted(label)}，请用 --rules 指定排名规则")
        rule = None if limit_set is None else ("2018" if limit_set == "2012" else "2026")
    else:
        rule = rules
        limit_set = limit_set_for(rules, None) if rules == "2018" else EVALUATE_LIMITS.get(label, "2026")
        if limit_set == "2012" and rules == "2026":
            limit_set = "2026"
    if (row.get("valid") or "").strip().lower() not in ("true", "1", ""):
        return _Row(row_no, city, "", None, None, limit_set, rule)
    stats = {p: _number(row_no, col, row.get(col), errors) for p, col in EVALUATE.items()}
    return _Row(row_no, city, "", None, stats, limit_set, rule)


def rank_file(path, *, rules: str = "auto", ties: str = "competition", weights: str = "equal") -> list[dict]:
    """Rows of the output table (dicts keyed by OUTPUT_COLUMNS, text values)."""
    if weights not in WEIGHTS:
        raise RankInputError(f"权重{quoted(weights)}：应为 {'、'.join(WEIGHTS)}")
    rows = read_rows(path, rules)
    results: dict[int, CompositeIndex | None] = {}
    for r in rows:
        results[r.row] = composite_index(r.stats, r.limit_set, weights) if r.stats else None
    by_key = {(r.city, r.span): r for r in rows if r.span and r.stats}
    previous = {}
    for r in rows:
        base = by_key.get((r.city, previous_year(*r.span))) if r.span and r.stats else None
        if base is not None:
            # like with like: the earlier statistics over this row's limits (they differ across 2026-03-01)
            previous[(r.city, r.span)] = composite_index(base.stats, r.limit_set, weights).composite
    ranked = rank_rows(
        [RankedRow(r.city, r.span or r.period, results[r.row]) for r in rows],
        ties=ties, previous=previous,
    )
    table = []
    for r, k in zip(rows, ranked):
        res = k.result
        line = {"city": r.city, "period": r.period}
        for p in POLLUTANTS:
            line[p] = str(res.stats[p]) if res else ""
            line[f"i_{p}"] = str(res.indices[p]) if res else ""
        line.update(
            composite_index=str(res.composite) if res else "",
            rank="" if k.rank is None else str(k.rank),
            primary_pollutant=primary_label(res.primary) if res else "",
            rules=RULE_LABELS.get(r.rules, "") if r.rules else "",
            change_rate="" if k.change is None else str(k.change),
            change_rank="" if k.change_rank is None else str(k.change_rank),
        )
        table.append(line)
    return table


def cut_lists(table: list[dict], n: int) -> list[str]:
    """"前n / 后n" lines per period of an output table, every city tied at the
    cut included (a list can run to n + 1 or more, as releases do)."""
    periods: dict[str, list[dict]] = {}
    for line in table:
        if line["composite_index"]:
            periods.setdefault(line["period"], []).append(line)
    out = []
    for period, lines in periods.items():
        best, worst = best_and_worst([x["city"] for x in lines], [Decimal(x["composite_index"]) for x in lines], n)
        head = f"{period}：" if period else ""
        out.append(f"{head}前{n}（{len(best)} 个）：{'、'.join(best)}")
        out.append(f"{head}后{n}（{len(worst)} 个，由差到好）：{'、'.join(worst)}")
    return out


def to_csv(table: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()
