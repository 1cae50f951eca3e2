"""`aqi_csv` (the vectorised text parse and output formatting) agrees with the
scalar reference `aqi.daily_aqi` cell by cell on text as people write it."""

import random
from datetime import date

import pytest

from ducha.standards.air_aqi_csv import AqiInputError, aqi_csv
from ducha.standards.aqi import daily_aqi

COLUMNS = {"so2": "SO2", "no2": "NO2", "co": "CO", "o3_8h": "O3_8h", "pm10": "PM10", "pm25": "PM2.5", "o3_1h": "O3_1h"}
TOPS = {"so2": 2700, "no2": 1000, "co": 65, "o3_8h": 900, "pm10": 650, "pm25": 520, "o3_1h": 1250}


def _cell(rng, top, places):
    if rng.random() < 0.05:
        return ""
    v = rng.randint(0, top * 10**places) if rng.random() < 0.5 else rng.randint(0, top * 10**places // 8)
    text = str(v // 10**places) if places == 0 else f"{v // 10**places}.{v % 10**places:0{places}d}"
    if "." in text and rng.random() < 0.4:  # a column mixes 1, 2 and 3 decimals and whole numbers
        text = text.rstrip("0").rstrip(".") or "0"
    if rng.random() < 0.03:
        text = f" {text} "
    if rng.random() < 0.02:
        text = "0" + text.strip()
    return text


def _csv(path, rng, n):
    days = [date(2025, 6, 1), date(2026, 2, 28), date(2026, 3, 1), date(2026, 7, 9)]
    places = {c: rng.choice([0, 1, 2, 3]) for c in COLUMNS}
    rows = []
    for i in range(n):
        cells = {c: _cell(rng, TOPS[c], places[c]) for c in COLUMNS}
        cells["o3_1h"] = cells["o3_1h"].strip() or "150"  # 2012 needs it when O3 8h > 800
        rows.append((rng.choice(days), f"S{i % 40}", cells))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("date,station," + ",".join(COLUMNS) + "\n")
        for day, station, cells in rows:
            fh.write(f"{day},{station}," + ",".join(cells.values()) + "\n")
    return rows


@pytest.mark.parametrize("seed", range(3))
def test_csv_agrees_with_the_scalar_reference(tmp_path, seed):
    rng = random.Random(seed)
    rows = _csv(tmp_path / "in.csv", rng, 1500)
    out = aqi_csv(tmp_path / "in.csv").to_dicts()
    for (day, _station, cells), got in zip(rows, out, strict=True):
        ref = daily_aqi({COLUMNS[c]: v.strip() for c, v in cells.items()}, day=day)
        for c, name in COLUMNS.items():
            if c == "o3_1h":
                continue
            want = ">500" if name in ref.above_scale else (None if ref.iaqi[name] is None else str(ref.iaqi[name]))
            assert got[f"iaqi_{c}"] == want, (day, cells, c)
        if ref.status == "na":
            assert (got["aqi"], got["level"], got["category"], got["primary"]) == ("NA",) * 4
            continue
        assert got["aqi"] == (">500" if ref.status == "above_scale" else str(ref.aqi))
        assert got["level"] == str(ref.level) and got["category"] == ref.category
        assert (got["primary"] or "") == ";".join(ref.primary), (day, cells)


@pytest.mark.parametrize(
    "cell,message",
    [
        ("1.2.3", "第 3 行，列 pm10：无法识别的数值“1.2.3”"),
        (" 7x ", "第 3 行，列 pm10：无法识别的数值“ 7x ”"),
        ("1.1234567", "第 3 行，列 pm10：数值“1.1234567”超过 6 位小数"),
        ("1234567890123456", "第 3 行，列 pm10：数值“1234567890123456”超过 15 个字符"),
        (".5", "第 3 行，列 pm10：无法识别的数值“.5”"),
    ],
)
def test_bad_cells_are_named(tmp_path, cell, message):
    src = tmp_path / "in.csv"
    src.write_text("date,station,so2,no2,co,o3_8h,pm10,pm25\n2026-03-01,A,5,20,1,80,60,30\n"
                   f"2026-03-01,B,5,20,1,80,{cell},30\n", encoding="utf-8")
    with pytest.raises(AqiInputError, match=message.replace(".", r"\.")):
        aqi_csv(src)


def test_spaces_and_leading_zeros_read_as_the_number(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("date,station,so2,no2,co,o3_8h,pm10,pm25\n2026-03-01,A,5,20,1,80, 050 ,30\n"
                   "2026-03-01,B,5,20,1,80,120.0,30\n", encoding="utf-8")
    out = aqi_csv(src)
    assert out["iaqi_pm10"].to_list() == ["50", "100"]  # HJ 633-2026: PM10 120 is IAQI 100


def test_all_bad_cells_are_listed_in_row_order(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("date,station,so2,no2,co,o3_8h,pm10,pm25\n2026-03-01,A,5,20,1,80,60,30\n"
                   '2026-03-01,B,5,-2,1,80,60,"12,5"\n2026/03/01,,5,20,1,80,1.1234567,30\n', encoding="utf-8")
    with pytest.raises(AqiInputError) as err:
        aqi_csv(src)
    assert str(err.value).splitlines() == [
        "第 3 行，列 no2：数值不能为负数“-2”",
        "第 3 行，列 pm25：无法识别的数值“12,5”",
        "第 4 行，列 date：无法识别的日期“2026/03/01”，应为 YYYY-MM-DD",
        "第 4 行，列 station：测点名称为空",
        "第 4 行，列 pm10：数值“1.1234567”超过 6 位小数",
    ]


def test_more_than_fifty_bad_cells_end_with_the_count(tmp_path):
    src = tmp_path / "in.csv"
    rows = "".join(f"2026-03-01,S{i},5,20,1,80,6O,3O\n" for i in range(40))
    src.write_text("date,station,so2,no2,co,o3_8h,pm10,pm25\n" + rows, encoding="utf-8")
    with pytest.raises(AqiInputError) as err:
        aqi_csv(src)
    lines = str(err.value).splitlines()
    assert len(lines) == 51 and lines[-1] == "…共 80 处错误"
    assert lines[:2] == ["第 2 行，列 pm10：无法识别的数值“6O”", "第 2 行，列 pm25：无法识别的数值“3O”"]
    assert lines[49] == "第 26 行，列 pm25：无法识别的数值“3O”"
