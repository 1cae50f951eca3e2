"""The CSV readers are bounded: a megabyte-long cell or more rows than a run
handles is refused by row, before the file fills memory."""

import pytest

from ducha.standards import air_aqi_csv, csv_files, water_csv

WATER_HEADER = "section,type,do,codmn"


def test_a_water_cell_longer_than_the_bound_is_refused_by_row(tmp_path):
    path = tmp_path / "sections.csv"
    path.write_text(f"{WATER_HEADER}\n瓯江,river,8.2,1.8\n{'断' * 20_000},river,8.2,1.8\n", encoding="utf-8")
    with pytest.raises(water_csv.WaterInputError, match="第 3 行：单元格超过 10000 个字符"):
        water_csv.read_sections(path)


def test_a_water_table_with_too_many_rows_is_refused(tmp_path):
    path = tmp_path / "sections.csv"
    path.write_text(WATER_HEADER + "\n" + "瓯江,river,8.2,1.8\n" * 5, encoding="utf-8")
    with pytest.raises(water_csv.WaterInputError, match="第 5 行：文件超过 3 行数据，请分批处理"):
        csv_files.read_table(path, water_csv.WaterInputError, max_rows=3)
    assert len(csv_files.read_table(path, water_csv.WaterInputError, max_rows=5)[1]) == 5


def test_the_field_limit_is_restored_for_other_readers(tmp_path):
    import csv

    before = csv.field_size_limit()
    path = tmp_path / "sections.csv"
    path.write_text(WATER_HEADER + "\n瓯江,river,8.2,1.8\n", encoding="utf-8")
    water_csv.read_sections(path)
    assert csv.field_size_limit() == before


def test_an_air_table_over_the_row_bound_is_refused(tmp_path):
    path = tmp_path / "daily.csv"
    rows = [",".join(air_aqi_csv.INPUT_COLUMNS)] + [f"2025-01-0{d},S1,10,20,0.5,80,60,30" for d in range(1, 5)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(air_aqi_csv.AqiInputError, match="第 5 行：文件超过 3 行数据"):
        air_aqi_csv.aqi_csv(path, max_rows=3)
    assert air_aqi_csv.aqi_csv(path, max_rows=4).height == 4
