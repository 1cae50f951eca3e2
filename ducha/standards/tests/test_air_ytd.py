"""Year-to-date periods: `parse_period("2025-YTD")` and `ducha air evaluate --period 2025-YTD [--until]`."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from ducha.standards.air_period import parse_period
from ducha.standards.tests.test_air_command import _hourly


def test_ytd_period_forms():
    assert parse_period("2025-YTD") == (date(2025, 1, 1), date(2025, 12, 31), "ytd")
    assert parse_period("2025-ytd", until=date(2025, 6, 30)) == (date(2025, 1, 1), date(2025, 6, 30), "ytd")
    with pytest.raises(ValueError, match="不在 2025 年内"):
        parse_period("2025-YTD", until=date(2026, 1, 31))
    with pytest.raises(ValueError, match="只用于年初至今的写法"):
        parse_period("2025-03", until=date(2025, 3, 10))
    with pytest.raises(ValueError, match="2025-YTD"):  # the message lists the forms
        parse_period("2025-H1")


def _evaluate(src, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("air", "evaluate", str(src), *args, stdout=out, stderr=err)
    return {r["entity"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}, err.getvalue()


def test_ytd_ends_at_the_last_day_with_data(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=45)  # 2025-01-01 .. 2025-02-14
    rows, err = _evaluate(src, "--period", "2025-YTD")
    assert "2025-01-01..2025-02-14" in err
    s1 = rows["S1"]
    # February 1-14: 14 days covered, 28 - 25 = 3 may be missing, all 14 present
    assert s1["days"] == "45" and s1["valid"] == "true" and s1["attained"] == "true"
    same, _ = _evaluate(src, "--period", "2025-01-01..2025-02-14")
    assert rows == same


def test_ytd_until_a_later_day_counts_the_missing_days(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=45)
    rows, err = _evaluate(src, "--period", "2025-YTD", "--until", "2025-02-28")
    assert "2025-01-01..2025-02-28" in err
    # 14 of February's 28 days present, at most 3 may miss: not valid, attainment not judged
    assert rows["S1"]["days"] == "45" and rows["S1"]["valid_pm25"] == "false" and rows["S1"]["attained"] == ""
    january, _ = _evaluate(src, "--period", "2025-YTD", "--until", "2025-01-31")
    month, _ = _evaluate(src, "--period", "2025-01")
    assert january == month


def test_ytd_without_data_in_that_year(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=3)
    with pytest.raises(CommandError, match="2024-01-01～2024-12-31 期间没有小时数据"):
        _evaluate(src, "--period", "2024-YTD")
    blank = tmp_path / "blank.csv"
    blank.write_text("time,station,city,so2,no2,co,o3,pm10,pm25\n"
                     + "".join(f"2025-01-01 {h:02d}:00,S1,C1,,,,,,\n" for h in range(1, 24)), encoding="utf-8")
    with pytest.raises(CommandError, match="2025 年没有有效日均值"):
        _evaluate(blank, "--period", "2025-YTD")
    with pytest.raises(CommandError, match="只用于年初至今的写法"):
        _evaluate(src, "--period", "2025", "--until", "2025-01-02")
