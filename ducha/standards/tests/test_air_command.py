"""`ducha air aqi` and `ducha air evaluate` end to end on small CSVs."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

DAILY = """date,station,so2,no2,co,o3_8h,pm10,pm25
2025-06-01,A,5,20,2.2,80,60,30
2026-02-28,A,5,20,1,80,60,60
2026-03-01,A,5,20,1,80,60,60
2026-03-01,B,5,20,0.5,80,60,
2026-03-01,C,5,20,0.5,80,300,
2026-03-02,D,5,80,0.5,80,120,60
2026-03-02,E,5,20,0.5,80,700,60
2026-03-02,F,5,20,0.5,850,20,10
"""


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_aqi_command(tmp_path):
    src = tmp_path / "daily.csv"
    src.write_text(DAILY, encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("air", "aqi", str(src), "-o", str(out))
    rows = _rows(out)
    a = rows[0]
    assert a["iaqi_co"] == "55" and a["aqi"] == "55" and a["level"] == "2" and a["category"] == "良"
    assert a["primary"] == "CO;PM10"  # 55 for both: ties are listed together
    # PM2.5 60 is IAQI 82 on 2026-02-28 (HJ 633-2012) and 100 from 2026-03-01 (HJ 633-2026)
    assert rows[1]["iaqi_pm25"] == "82" and rows[2]["iaqi_pm25"] == "100"
    # missing PM2.5, rest <= 100 -> NA; rest > 100 -> published
    assert rows[3]["iaqi_pm25"] == "" and rows[3]["aqi"] == "NA" and rows[3]["category"] == "NA"
    assert rows[4]["aqi"] == "175" and rows[4]["category"] == "中度污染" and rows[4]["primary"] == "PM10"
    assert rows[5]["aqi"] == "100" and rows[5]["primary"] == "NO2;PM10;PM2.5"
    # above the table: out of range, not capped
    assert rows[6]["iaqi_pm10"] == ">500" and rows[6]["aqi"] == ">500" and rows[6]["level"] == "6"
    # O3 8h > 800 under HJ 633-2026: IAQI 300
    assert rows[7]["iaqi_o3_8h"] == "300" and rows[7]["category"] == "重度污染"
    assert rows[0].keys() >= {"date", "station", "pm25"}


def test_aqi_command_explicit_standard(tmp_path):
    src = tmp_path / "daily.csv"
    src.write_text(DAILY.split("\n")[0] + "\n2025-06-01,A,5,20,1,80,60,60\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("air", "aqi", str(src), "-o", str(out), "--standard", "2026")
    assert _rows(out)[0]["aqi"] == "100"


@pytest.mark.parametrize(
    "line,message",
    [
        ("2025-06-01,A,5,20,abc,80,60,30", r"第 3 行，列 co：\S*“abc”"),
        ("2025-06-01,A,5,-2,1,80,60,30", r"第 3 行，列 no2：\S*“-2”"),
        ("2025/06/01,A,5,20,1,80,60,30", "第 3 行，列 date"),
        ("2025-06-01,A,5,20,1,850,60,30", "第 3 行，列 o3_1h"),  # HJ 633-2012 needs the O3 1h value
    ],
)
def test_aqi_command_bad_input_writes_nothing(tmp_path, line, message):
    src = tmp_path / "daily.csv"
    src.write_text(DAILY.split("\n")[0] + "\n2025-06-01,A,5,20,1,80,60,30\n" + line + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError, match=message):
        call_command("air", "aqi", str(src), "-o", str(out))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def _hourly(path, days=31, start="2025-01-01", stations=(("S1", "C1"), ("S2", "C1"), ("S3", "C2")), hours_per_day=24):
    t0 = datetime.fromisoformat(start)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("time,station,city,so2,no2,co,o3,pm10,pm25\n")
        for k, (st, city) in enumerate(stations):
            for d in range(days):
                for h in range(1, hours_per_day + 1):
                    t = t0 + timedelta(days=d, hours=h)
                    pm25 = 30 + 10 * k + (d % 3)
                    o3 = 40 + 5 * (h % 12)
                    fh.write(f"{t:%Y-%m-%d %H:%M},{st},{city},{5 + k},{20 + k},0.{5 + k},{o3},{2 * pm25},{pm25}\n")
    return path


def test_evaluate_command_by_station_and_city(tmp_path):
    src = _hourly(tmp_path / "hourly.csv")
    out = tmp_path / "eval.csv"
    call_command("air", "evaluate", str(src), "--period", "2025-01", "-o", str(out))
    rows = {r["entity"]: r for r in _rows(out)}
    assert set(rows) == {"S1", "S2", "S3"}
    s1 = rows["S1"]
    assert s1["days"] == "31" and s1["valid"] == "true" and s1["limits"] == "GB3095-2012"
    # PM2.5 daily 30,31,32 repeating over 31 days -> mean (11*30 + 10*31 + 10*32)/31 = 30.97 -> 31
    assert s1["pm25_mean"] == "31" and s1["co_p95"] == "0.5"
    assert s1["good_ratio"] == "100.0" and s1["attained"] == "true"
    s3 = rows["S3"]  # PM2.5 50..52: mean 51 > 35
    assert s3["attain_pm25"] == "false" and s3["attained"] == "false"
    call_command("air", "evaluate", str(src), "--period", "2025-01", "--by", "city", "-o", str(out))
    cities = {r["entity"]: r for r in _rows(out)}
    assert set(cities) == {"C1", "C2"}
    assert cities["C1"]["so2_mean"] == "6"  # stations 5 and 6 -> 5.5 -> 6 (half-even)
    assert cities["C1"]["no2_mean"] == "20"  # 20 and 21 -> 20.5 -> 20 (half-even)


def test_evaluate_command_flags_a_short_month(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=26)
    buf = io.StringIO()
    call_command("air", "evaluate", str(src), "--period", "2025-01", stdout=buf)
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["days"] == "26" and row["valid_pm25"] == "false" and row["attained"] == ""


def test_evaluate_command_bad_input(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=2)
    lines = src.read_text().splitlines()
    lines[5] = lines[5].replace(",0.5,", ",0,5,")
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "eval.csv"
    with pytest.raises(CommandError, match="第 6 行"):
        call_command("air", "evaluate", str(src), "--period", "2025-01", "-o", str(out))
    assert not out.exists()
    with pytest.raises(CommandError, match="无法识别的评价期“25”"):
        call_command("air", "evaluate", str(_hourly(tmp_path / "ok.csv", days=1)), "--period", "25")


def test_aqi_command_ragged_line(tmp_path):
    src = tmp_path / "daily.csv"
    src.write_text(DAILY.split("\n")[0] + "\n2025-06-01,A,5,20,1,80,60,30\n2025-06-02,A,5,20,1,80,60,30,7\n")
    with pytest.raises(CommandError, match="第 3 行：有 9 个字段"):
        call_command("air", "aqi", str(src), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_evaluate_lists_every_bad_hourly_cell(tmp_path):
    src = _hourly(tmp_path / "hourly.csv", days=2)
    lines = src.read_text().splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0] + ",3O"
    lines[9] = lines[9].replace(":00,", ":30,", 1)
    src.write_text("\n".join(lines) + "\n")
    with pytest.raises(CommandError) as err:
        call_command("air", "evaluate", str(src), "--period", "2025-01", "-o", str(tmp_path / "eval.csv"))
    got = str(err.value).splitlines()
    assert got[-1] == "未写入任何数据"
    assert got[:-1] == ["第 6 行，列 pm25：无法识别的数值“3O”（最多 3 位小数）",
                   f"第 10 行，列 time：无法识别的时间“{lines[9].split(',')[0]}”，应为 YYYY-MM-DD HH:00"]
    assert not (tmp_path / "eval.csv").exists()
