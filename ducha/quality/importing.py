"""Importing monitoring data for a division: all rows or none.

Air: the hourly CSV of `ducha air evaluate` (time,station,city,so2,…) or the
daily CSV of `ducha air aqi` (date,station,so2,…,o3_8h,…). Daily values and
the division's daily value (mean of its stations, HJ 663) come from
ducha.standards; so does each day's AQI (HJ 633, edition by date).
Water: the section CSV of `ducha water classify`, one month at a time; its
optional `drinking_source` column (1/0, 是/否) marks drinking-water sources.

The file is read and checked whole first; the database changes (rows of the
same days, or of the same month, are replaced) in one transaction with one
audit entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import polars as pl
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ducha.audit import services as audit
from ducha.core import scoping, uploads
from ducha.core.actions import month_input
from ducha.standards.air_aqi_csv import AqiInputError, aqi_csv
from ducha.standards.air_bulk import HourlyDataError, city_daily, read_daily
from ducha.standards.air_daily import places_of, report
from ducha.standards.aqi import daily_aqi
from ducha.standards.input_errors import ErrorList, InputErrors
from ducha.standards.rounding import round_half_even
from ducha.standards.water_csv import WaterInputError, classify_sections, read_sections

from .models import AirDailyValue, WaterSectionResult

SERIES = ("so2", "no2", "co", "o3_8h", "pm10", "pm25")
AQI_NAMES = {"so2": "SO2", "no2": "NO2", "co": "CO", "o3_8h": "O3_8h", "pm10": "PM10", "pm25": "PM2.5", "o3_1h": "O3_1h"}


class ImportFailed(ValueError):
    """Bad input: the message names the row and column (or day)."""


@dataclass
class ImportResult:
    rows: int
    first: dt.date
    last: dt.date


def _header(path) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return [h.strip() for h in fh.readline().rstrip("\r\n").split(",")]
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(f"无法读取文件 {path}：{exc}") from None


def _hourly_days(path) -> dict[dt.date, dict]:
    times = (
        pl.scan_csv(path, schema_overrides={"time": pl.String}, infer_schema=False)
        .select(pl.col("time").str.strip_chars().str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M", strict=False))
        .select(pl.col("time").min().alias("lo"), pl.col("time").max().alias("hi"))
        .collect()
    )
    lo, hi = times["lo"][0], times["hi"][0]
    if lo is None:
        raise ImportFailed("文件没有可识别时间的小时数据行")
    hour = dt.timedelta(hours=1)  # `time` marks the end of the hour
    daily = read_daily(path, (lo - hour).date(), (hi - hour).date())
    if len(set(daily.cities)) > 1:
        raise ImportFailed(f"列 city：含 {len(set(daily.cities))} 个城市，请每次只导入一个区划的数据")
    daily = city_daily(daily)
    out = {}
    for i, day in enumerate(daily.days):
        values = {p: arr[0, i] for p, arr in daily.values.items()}
        out[day] = {p: (Fraction(int(v), 10 ** places_of(p)) if v >= 0 else None) for p, v in values.items()}
    return out


def _daily_days(path) -> dict[dt.date, dict]:
    df = aqi_csv(path)  # validates every cell, naming row and column
    by_day: dict[dt.date, dict[str, list[Fraction]]] = {}
    for row in df.iter_rows(named=True):
        day = dt.date.fromisoformat(row["date"].strip())
        acc = by_day.setdefault(day, {})
        for p in SERIES + (("o3_1h",) if "o3_1h" in df.columns else ()):
            text = (row.get(p) or "").strip()
            if text:
                acc.setdefault(p, []).append(Fraction(text))
    return {
        day: {p: report(p, sum(vs, Fraction(0)) / len(vs)) for p, vs in acc.items()}
        for day, acc in by_day.items()
    }


def read_air(path) -> dict[dt.date, dict]:
    """{day: {series: reported Fraction or None, "aqi": int|None, "level": int|None}}."""
    header = _header(path)
    try:
        days = _hourly_days(path) if "time" in header else _daily_days(path)
    except (AqiInputError, HourlyDataError) as exc:
        raise ImportFailed(str(exc)) from None
    except pl.exceptions.PolarsError as exc:
        raise ImportFailed(f"无法读取文件 {path}：{exc}") from None
    if not days:
        raise ImportFailed("文件没有数据行")
    for day, values in days.items():
        try:
            r = daily_aqi({AQI_NAMES[p]: v for p, v in values.items() if v is not None}, day=day)
        except ValueError as exc:
            raise ImportFailed(f"{day}：无法计算 AQI（{exc}）") from None
        values["aqi"], values["level"] = r.aqi, r.level
    return days


def _require(acting_user, division):
    if not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied("无权为该区划导入监测数据。")


def _check_size(path) -> None:
    """The upload cap (ducha.core.uploads), before a byte is read."""
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise ImportFailed(f"文件不存在或无法读取：{path}（{exc.strerror or exc}）") from None
    try:
        uploads.check_size(size)
    except ValidationError as exc:
        raise ImportFailed(f"{Path(path).name}：{exc.messages[0]}") from None


def _air_row(division, day, values) -> AirDailyValue:
    # Reported daily values: integers µg/m³ (exact), CO with one decimal.
    ints = {p: (None if values.get(p) is None else int(values[p])) for p in SERIES if p != "co"}
    co = values.get("co")
    return AirDailyValue(division=division, day=day, co=None if co is None else round_half_even(co, 1),
                         aqi=values["aqi"], level=values["level"], **ints)


def import_air(*, acting_user, division, path, request_id="") -> ImportResult:
    _require(acting_user, division)
    _check_size(path)
    days = read_air(Path(path))
    rows = [_air_row(division, day, v) for day, v in sorted(days.items())]
    first, last = rows[0].day, rows[-1].day
    with transaction.atomic():
        AirDailyValue.objects.filter(division=division, day__in=list(days)).delete()
        AirDailyValue.objects.bulk_create(rows)
        audit.record(actor=acting_user, action="import", object_type="quality.airdailyvalue",
                     object_id=division.code, object_repr=f"{division.name} 空气质量日数据",
                     after={"file": Path(path).name, "days": len(rows), "first": first.isoformat(),
                            "last": last.isoformat()}, request_id=request_id)
    return ImportResult(len(rows), first, last)


def parse_month(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", (text or "").strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise ImportFailed(f"--month“{text}”：应为 YYYY-MM，例如 2025-06")
    try:
        return month_input(text)
    except ValidationError as error:  # outside the official years
        raise ImportFailed(f"--month“{text}”：{error.messages[0]}") from None


def import_water(*, acting_user, division, month, path, request_id="") -> ImportResult:
    _require(acting_user, division)
    _check_size(path)
    first = parse_month(month) if isinstance(month, str) else month.replace(day=1)
    try:
        sections = read_sections(Path(path))
        results = classify_sections(sections)
    except (WaterInputError, csv.Error) as exc:
        raise ImportFailed(str(exc)) from None
    seen: dict[str, int] = {}
    errors = ErrorList()
    for s in sections:
        if s.name in seen:
            errors.add(s.row, "section", f"断面“{s.name}”与第 {seen[s.name]} 行重复")
        seen.setdefault(s.name, s.row)
    if errors:
        raise ImportFailed(InputErrors(errors.errors, errors.total).text())
    rows = [
        WaterSectionResult(
            division=division, month=first, section=s.name, waterbody=s.waterbody, water_class=r.water_class,
            values={k: str(v) for k, v in s.values.items() if v is not None}, limiting=";".join(r.limiting),
            drinking_source=s.drinking_source,
        )
        for s, r in zip(sections, results)
    ]
    with transaction.atomic():
        WaterSectionResult.objects.filter(division=division, month=first).delete()
        WaterSectionResult.objects.bulk_create(rows)
        audit.record(actor=acting_user, action="import", object_type="quality.watersectionresult",
                     object_id=division.code, object_repr=f"{division.name} 断面水质 {first:%Y-%m}",
                     after={"file": Path(path).name, "sections": len(rows), "month": f"{first:%Y-%m}"},
                     request_id=request_id)
    return ImportResult(len(rows), first, first)
