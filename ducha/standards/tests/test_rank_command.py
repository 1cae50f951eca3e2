"""`ducha air rank` and `ducha water rank` end to end on small CSVs."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ducha.standards.tests.test_air_command import _hourly
from ducha.standards.tests.test_air_rank import HEYUAN_2023_10, HEYUAN_2023_10_RANKS

HEADER = "city,period,so2,no2,pm10,pm25,co,o3_8h\n"


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _published_csv(path, rows, period):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        for name, _pub, *stats in rows:
            fh.write(",".join([name, period, *stats]) + "\n")
    return path


def test_air_rank_reproduces_a_published_table(tmp_path):
    src = _published_csv(tmp_path / "stats.csv", HEYUAN_2023_10[1:], "2023-10")
    out = tmp_path / "ranked.csv"
    call_command("air", "rank", str(src), "-o", str(out))
    rows = _rows(out)
    assert list(rows[0])[:16] == ["city", "period", "so2", "no2", "pm10", "pm25", "co", "o3_8h", "i_so2", "i_no2",
                                  "i_pm10", "i_pm25", "i_co", "i_o3_8h", "composite_index", "rank"]
    published = {r[0]: r[1] for r in HEYUAN_2023_10}
    for r in rows:
        assert Decimal(r["composite_index"]) == Decimal(published[r["city"]])
        assert int(r["rank"]) == HEYUAN_2023_10_RANKS[r["city"]]
        assert r["rules"].startswith("环办监测〔2018〕19号")
    zijin = next(r for r in rows if r["city"] == "紫金县")
    assert (zijin["i_so2"], zijin["i_co"], zijin["i_o3_8h"]) == ("0.10", "0.22", "0.60")
    assert zijin["primary_pollutant"] == "O3" and zijin["change_rate"] == ""


def test_air_rank_groups_by_period_and_gives_the_change_rate(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + "A,2024-03,6,14,40,23,1.0,110\nB,2024-03,6,14,40,23,1.0,110\nC,2024-03,6,19,44,20,1.2,104\n"
                   "A,2023-03,6,14,50,30,1.0,110\nB,2023-03,6,14,40,23,1.0,110\nC,2023-03,7,20,44,20,1.2,104\n",
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("air", "rank", str(src), "-o", str(out))
    rows = {(r["city"], r["period"]): r for r in _rows(out)}
    assert [rows[(c, "2024-03")]["rank"] for c in "ABC"] == ["1", "1", "3"]  # tie shares, next skipped
    assert rows[("A", "2024-03")]["composite_index"] == "2.62"
    assert rows[("A", "2023-03")]["composite_index"] == "2.96"  # 0.10+0.35+0.71+0.86+0.25+0.69
    assert rows[("A", "2024-03")]["change_rate"] == "-11.5"  # (2.62-2.96)/2.96
    assert rows[("B", "2024-03")]["change_rate"] == "0.0"
    assert [rows[(c, "2024-03")]["change_rank"] for c in "ABC"] == ["1", "3", "2"]
    assert rows[("A", "2023-03")]["change_rate"] == ""  # no 2022 row
    call_command("air", "rank", str(src), "-o", str(out), "--ties", "dense")
    assert [r["rank"] for r in _rows(out)][:3] == ["1", "1", "2"]


def test_air_rank_rules_2026(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + "A,2026-04,6,14,60,30,1.0,160\nA,2026-02,6,14,60,30,1.0,160\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("air", "rank", str(src), "-o", str(out))
    april, february = _rows(out)
    assert (april["i_pm10"], april["i_pm25"]) == ("1.00", "1.00") and april["rules"] == "GB 3095-2026"
    assert (february["i_pm10"], february["i_pm25"]) == ("0.86", "0.86")  # GB 3095-2012: 60/70, 30/35
    call_command("air", "rank", str(src), "-o", str(out), "--rules", "2018")
    assert _rows(out)[0]["i_pm25"] == "0.86"


def test_air_rank_takes_the_evaluate_output(tmp_path):
    hourly = _hourly(tmp_path / "hourly.csv")
    evaluated = tmp_path / "eval.csv"
    call_command("air", "evaluate", str(hourly), "--period", "2025-01", "--by", "city", "-o", str(evaluated))
    out = tmp_path / "out.csv"
    call_command("air", "rank", str(evaluated), "-o", str(out))
    rows = {r["city"]: r for r in _rows(out)}
    assert rows["C1"]["rank"] == "1" and rows["C2"]["rank"] == "2"
    ev = {r["entity"]: r for r in _rows(evaluated)}
    for c in ("C1", "C2"):
        assert rows[c]["composite_index"] == ev[c]["composite_index"]  # one rule in both commands
        assert rows[c]["pm25"] == ev[c]["pm25_mean"]


def test_air_rank_evaluate_output_invalid_rows_are_not_ranked(tmp_path):
    hourly = _hourly(tmp_path / "hourly.csv", days=20)  # 20 of 31 days: invalid month
    evaluated = tmp_path / "eval.csv"
    call_command("air", "evaluate", str(hourly), "--period", "2025-01", "--by", "city", "-o", str(evaluated))
    out = tmp_path / "out.csv"
    call_command("air", "rank", str(evaluated), "-o", str(out))
    assert all(r["rank"] == "" and r["composite_index"] == "" for r in _rows(out))


@pytest.mark.parametrize(
    "body,message",
    [
        ("A,2024-03,6,14,40,x,1.0,110\n", r"第 2 行，列 pm25：无法识别的数值“x”"),
        ("A,2024-03,6,-1,40,23,1.0,110\n", r"第 2 行，列 no2：数值不能为负数"),
        ("A,2024-3x,6,14,40,23,1.0,110\n", r"第 2 行，列 period：无法识别的评价期"),
        ("A,2024-03,6,14,40,23,,110\n", r"第 2 行，列 co：缺少数值"),
        (",2024-03,6,14,40,23,1.0,110\n", r"第 2 行，列 city：城市名称为空"),
        ("A,2024-03,6,14,40,23,1.0,110\nA,2024-03,6,14,40,23,1.0,110\n", r"第 3 行，列 city：与第 2 行重复"),
    ],
)
def test_air_rank_bad_input_writes_nothing(tmp_path, body, message):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + body, encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message):
        call_command("air", "rank", str(src), "-o", str(out))
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_air_rank_counts_every_bad_cell(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + "A,2024-03,x,x,x,x,x,x\n" * 10, encoding="utf-8")
    with pytest.raises(CommandError, match=r"…共 60 处错误\n未写入任何数据"):
        call_command("air", "rank", str(src))


def test_air_rank_missing_columns(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text("city,so2\nA,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="缺少必需的列：period"):
        call_command("air", "rank", str(src))


WATER = "city,section,type,ph,do,codmn,nh3n,tp\n"


def test_water_rank(tmp_path):
    src = tmp_path / "sections.csv"
    src.write_text(WATER + "甲,S1,river,7.5,6.0,4,0.5,0.1\n甲,S2,river,6.5,4.0,6,1.0,0.2\n"
                   "乙,L1,lake,8.0,5.0,3,0.5,0.05\n丙,S3,river,8.0,5.0,3,0.5,0.1\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("water", "rank", str(src), "-o", str(out))
    rows = {r["city"]: r for r in _rows(out)}
    # 甲: means pH 7.0 -> 0; DO 5.0 -> 1; CODMn 5/6; NH3-N 0.75/1.0; TP 0.15/0.2 (river) -> 3.3333
    assert rows["甲"]["cwqi"] == "3.3333" and rows["甲"]["items"] == "5" and rows["甲"]["sections"] == "2"
    # 乙: pH (8-7)/2 = 0.5; DO 1; CODMn 0.5; NH3-N 0.5; TP 0.05 against the lake limit 0.05 -> 1
    assert rows["乙"]["cwqi"] == "3.5000"
    # 丙: the same values in a river: TP 0.1/0.2 = 0.5
    assert rows["丙"]["cwqi"] == "3.0000"
    assert [rows[c]["rank"] for c in ("丙", "甲", "乙")] == ["1", "2", "3"]
    call_command("water", "rank", str(src), "-o", str(out), "--averaging", "index")
    # mean of section indices: DO (5/6 + 5/4)/2 = 1.0417, pH (0.25 + 0.5)/2 = 0.375
    assert {r["city"]: r for r in _rows(out)}["甲"]["cwqi"] == "3.7500"


def test_water_rank_months_of_a_section_count_once(tmp_path):
    src = tmp_path / "sections.csv"
    src.write_text(WATER + "甲,S1,river,7,5,6,1.0,0.2\n甲,S1,river,7,5,6,1.0,0.2\n甲,S2,river,7,5,3,0.5,0.1\n",
                   encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("water", "rank", str(src), "-o", str(out))
    row = _rows(out)[0]
    assert row["sections"] == "2" and row["cwqi"] == "3.2500"  # 1 + 0.75 + 0.75 + 0.75


def test_water_rank_bad_input(tmp_path):
    src = tmp_path / "sections.csv"
    src.write_text(WATER + ",S1,river,7,5,6,1.0,0.2\n甲,S2,sea,7,5,6,1.0,0.2\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=r"第 2 行，列 city：不能为空\n第 3 行，列 type"):
        call_command("water", "rank", str(src), "-o", str(out))
    assert not out.exists()
    src.write_text("section,type,do\nS1,river,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="缺少必需的列：city"):
        call_command("water", "rank", str(src))


def test_air_rank_change_rate_across_the_2026_limits_compares_like_with_like(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + "A,2026-04,6,14,60,24,1.0,160\nA,2025-04,6,14,60,30,1.0,160\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("air", "rank", str(src), "-o", str(out))
    later, earlier = _rows(out)
    assert later["composite_index"] == "3.50"  # 0.10 + 0.35 + 1.00 + 0.80 + 0.25 + 1.00 (GB 3095-2026)
    assert earlier["composite_index"] == "3.42"  # 0.10 + 0.35 + 0.86 + 0.86 + 0.25 + 1.00 (GB 3095-2012)
    # the 2025 figures over the 2026 limits: 3.70 -> (3.50 - 3.70) / 3.70 = -5.4 %, an improvement (PM2.5 30 -> 24),
    # where the published indices side by side (3.42 -> 3.50) would read as a worsening
    assert later["change_rate"] == "-5.4"


def test_air_rank_top_lists_include_ties_at_the_cut(tmp_path):
    src = tmp_path / "stats.csv"
    src.write_text(HEADER + "A,2024-03,6,14,40,23,1.0,110\nB,2024-03,6,14,40,23,1.0,110\nC,2024-03,6,19,44,20,1.2,104\n",
                   encoding="utf-8")
    err = io.StringIO()
    call_command("air", "rank", str(src), "--top", "1", stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "2024-03：前1（2 个）：A、B" in lines and "2024-03：后1（1 个，由差到好）：C" in lines
