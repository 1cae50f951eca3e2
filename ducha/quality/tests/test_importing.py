import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ducha.audit.models import AuditEntry
from ducha.quality.models import AirDailyValue, WaterSectionResult

DAILY = "date,station,so2,no2,co,o3_8h,pm10,pm25\n"
WATER_HEADER = "section,type,ph,do,codmn,nh3n,tp\n"


def _file(tmp_path, text, name="in.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_daily_air_import_averages_stations_and_computes_aqi(world, tmp_path):
    path = _file(tmp_path, DAILY
                 + "2026-06-01,监测站A,5,20,0.6,100,40,20\n"
                 + "2026-06-01,监测站B,6,21,0.7,101,41,23\n"   # PM2.5 mean 21.5 -> 22 (half to even)
                 + "2026-06-02,监测站A,5,20,0.6,120,60,80\n")
    call_command("quality", "import-air", path, "--division", "331100", "--user", "coord")
    day1, day2 = AirDailyValue.objects.filter(division=world.div["ls"]).order_by("day")
    assert (day1.pm25, day1.so2, day1.o3_8h, day1.co) == (22, 6, 100, Decimal("0.6"))  # 5.5 -> 6, 100.5 -> 100, 0.65 -> 0.6
    # HJ 633-2026: PM2.5 breakpoints 60 -> 100, 115 -> 150: 100 + 50/55 × 20 = 118.2, up to 119.
    assert day2.aqi == 119 and day2.level == 3
    entry = AuditEntry.objects.get(action="import")
    assert entry.actor_name == "coord" and entry.after["days"] == 2


def test_reimport_replaces_the_same_days(world, tmp_path):
    first = _file(tmp_path, DAILY + "2026-06-01,A,5,20,0.6,100,40,20\n", "a.csv")
    call_command("quality", "import-air", first, "--division", "331100")
    again = _file(tmp_path, DAILY + "2026-06-01,A,5,20,0.6,100,40,30\n", "b.csv")
    call_command("quality", "import-air", again, "--division", "331100")
    assert list(AirDailyValue.objects.values_list("pm25", flat=True)) == [30]


def test_hourly_air_import_uses_the_daily_rules(world, tmp_path):
    lines = ["time,station,city,so2,no2,co,o3,pm10,pm25"]
    for h in range(1, 25):
        t = dt.datetime(2026, 6, 1) + dt.timedelta(hours=h)
        pm25 = "" if h <= 3 else str(10 + h)  # 21 valid hours: 14..34, mean 24
        lines.append(f"{t:%Y-%m-%d %H:%M},S1,丽水,5,20,0.5,80,40,{pm25}")
    call_command("quality", "import-air", _file(tmp_path, "\n".join(lines) + "\n"), "--division", "331100")
    value = AirDailyValue.objects.get()
    assert value.day == dt.date(2026, 6, 1) and value.pm25 == 24 and value.o3_8h == 80


@pytest.mark.parametrize("row,message", [
    ("2026-06-01,A,5,20,0.6,100,40,abc", "第 3 行，列 pm25"),
    ("2026-13-01,A,5,20,0.6,100,40,20", "第 3 行，列 date"),
    ("2026-06-02,A,5,-20,0.6,100,40,20", "第 3 行，列 no2"),
])
def test_bad_air_rows_are_named_and_nothing_is_written(world, tmp_path, row, message):
    path = _file(tmp_path, DAILY + "2026-06-01,A,5,20,0.6,100,40,20\n" + row + "\n")
    with pytest.raises(CommandError, match=message):
        call_command("quality", "import-air", path, "--division", "331100")
    assert not AirDailyValue.objects.exists() and not AuditEntry.objects.exists()


def test_import_is_scoped(world, tmp_path):
    path = _file(tmp_path, DAILY + "2026-06-01,A,5,20,0.6,100,40,20\n")
    with pytest.raises(CommandError):
        call_command("quality", "import-air", path, "--division", "331100", "--user", "wz_coord")
    with pytest.raises(CommandError, match="不存在"):
        call_command("quality", "import-air", path, "--division", "999999")
    assert not AirDailyValue.objects.exists()


def test_water_import_classifies_each_section(world, tmp_path):
    path = _file(tmp_path, WATER_HEADER + "大港头,river,7.5,8,3,0.4,0.05\n紧水滩,reservoir,7.5,8,3,0.4,0.05\n")
    call_command("quality", "import-water", path, "--division", "331100", "--month", "2026-06")
    rows = {r.section: r for r in WaterSectionResult.objects.all()}
    assert rows["大港头"].water_class == "II" and rows["紧水滩"].water_class == "III"  # lake TP limit
    assert rows["紧水滩"].month == dt.date(2026, 6, 1) and rows["紧水滩"].values["tp"] == "0.05"


@pytest.mark.parametrize("body,month,message", [
    ("A,river,7.5,8,3,x,0.05\n", "2026-06", "第 3 行，列 nh3n"),
    ("A,sea,7.5,8,3,0.4,0.05\n", "2026-06", "第 3 行，列 type"),
    ("B,river,7.5,8,3,0.4,0.05\n", "2026-06", "第 3 行，列 section"),
    ("A,river,7.5,8,3,0.4,0.05\n", "2026-13", "--month"),
    ("A,river,7.5,8,3,0.4,0.05\n", "0001-06", "--month“0001-06”：月份应在 2000 年至 2100 年之间。"),
])
def test_bad_water_rows_are_named_and_nothing_is_written(world, tmp_path, body, month, message):
    path = _file(tmp_path, WATER_HEADER + "B,river,7.5,8,3,0.4,0.05\n" + body)
    with pytest.raises(CommandError, match=message):
        call_command("quality", "import-water", path, "--division", "331100", "--month", month)
    assert not WaterSectionResult.objects.exists()


def test_water_import_marks_drinking_water_sources(world, tmp_path):
    path = _file(tmp_path, "section,type,drinking_source,nh3n,tp\n"
                           "水源A,reservoir,是,0.4,0.02\n水源B,river,1,0.4,0.05\n大溪,river,否,0.4,0.05\n"
                           "小溪,river,,0.4,0.05\n黄溪,river,0,0.4,0.05\n")
    call_command("quality", "import-water", path, "--division", "331100", "--month", "2026-06")
    flags = dict(WaterSectionResult.objects.values_list("section", "drinking_source"))
    assert flags == {"水源A": True, "水源B": True, "大溪": False, "小溪": False, "黄溪": False}


def test_a_bad_drinking_source_flag_is_named(world, tmp_path):
    path = _file(tmp_path, "section,type,drinking_source,nh3n\nA,river,1,0.4\nB,river,maybe,0.4\n")
    with pytest.raises(CommandError, match=r"第 3 行，列 drinking_source：\S*“maybe”"):
        call_command("quality", "import-water", path, "--division", "331100", "--month", "2026-06")
    assert not WaterSectionResult.objects.exists()


def test_water_import_keeps_half_the_detection_limit_for_the_annual_means(world, tmp_path):
    path = _file(tmp_path, "section,type,nh3n,tp,pb\n大港头,river,0.025L,<0.01,未检出(0.001)\n")
    call_command("quality", "import-water", path, "--division", "331100", "--month", "2026-06")
    row = WaterSectionResult.objects.get()
    assert row.values == {"nh3n": "0.0125", "tp": "0.005", "pb": "0.0005"} and row.water_class == "I"


def test_every_bad_hourly_cell_is_listed_and_nothing_is_written(world, tmp_path):
    lines = ["time,station,city,so2,no2,co,o3,pm10,pm25"]
    for h in range(1, 25):
        t = dt.datetime(2026, 6, 1) + dt.timedelta(hours=h)
        lines.append(f"{t:%Y-%m-%d %H:%M},S1,丽水,5,20,0.5,80,40,30")
    lines[3] = lines[3].replace(",80,", ",8O,")
    lines[7] = lines[7].replace(",0.5,", ",-0.5,")
    with pytest.raises(CommandError) as err:
        call_command("quality", "import-air", _file(tmp_path, "\n".join(lines) + "\n"), "--division", "331100")
    assert str(err.value).splitlines() == [
        "第 4 行，列 o3：无法识别的数值“8O”（最多 3 位小数）",
        "第 8 行，列 co：数值不能为负数“-0.5”",
        "未写入任何数据",
    ]
    assert not AirDailyValue.objects.exists() and not AuditEntry.objects.exists()


def test_repeated_sections_are_all_named(world, tmp_path):
    path = _file(tmp_path, WATER_HEADER + "A,river,7.5,8,3,0.4,0.05\nA,river,7.5,8,3,0.4,0.05\n"
                 "B,river,7.5,8,3,0.4,0.05\nA,river,7.5,8,3,0.4,0.05\n")
    with pytest.raises(CommandError) as err:
        call_command("quality", "import-water", path, "--division", "331100", "--month", "2026-06")
    assert str(err.value).splitlines() == [
        "第 3 行，列 section：断面“A”与第 2 行重复", "第 5 行，列 section：断面“A”与第 2 行重复", "未写入任何数据",
    ]
    assert not WaterSectionResult.objects.exists()
