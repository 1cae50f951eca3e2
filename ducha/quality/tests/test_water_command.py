import csv
import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

HEADER = ("section,type,ph,do,codmn,cod,bod5,nh3n,tp,tn,cu,zn,fluoride,se,as,hg,cd,cr6,pb,cyanide,phenol,"
          "petroleum,las,sulfide,fecal_coliform")
GOOD = "瓯江大港头,river,7.4,8.2,1.8,9,1.5,0.12,0.02,1.3,,,,,,,,,,,,,,,600"
LAKE = "紧水滩水库,reservoir,7.8,7.6,2.1,10,2.0,0.2,0.03,0.9,,,,,,,,,,,,,,,"
BAD = "小安溪,river,6.8,4.2,7,28,5,2.4,0.45,,,,,,,,,,0.06,,,,,,"


def _write(tmp_path, *rows, name="in.csv"):
    path = tmp_path / name
    path.write_text("\n".join((HEADER,) + rows) + "\n", encoding="utf-8")
    return path


def test_classify_writes_class_limiting_and_exceedance(tmp_path):
    out = tmp_path / "out.csv"
    call_command("water", "classify", str(_write(tmp_path, GOOD, LAKE, BAD)), "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["class"] for r in rows] == ["I", "III", "劣V"]
    assert rows[0]["fecal_coliform_class"] == "II" and rows[0]["tn_class"] == ""
    assert rows[1]["tn_class"] == "III" and rows[1]["limiting"] == "tp"   # lake TP 0.03 is class Ⅲ
    assert rows[2]["limiting"] == "nh3n;tp"
    # NH3-N (2.4-1)/1 = 1.4; TP (0.45-0.2)/0.2 = 1.25, GB/T 8170 half to even: 1.2
    assert rows[2]["exceedance"].split(";")[:2] == ["nh3n:1.4", "tp:1.2"]
    assert "pb:0.2" in rows[2]["exceedance"]
    assert rows[2]["section"] == "小安溪" and rows[2]["cod"] == "28"


@pytest.mark.parametrize("row,message", [
    ("小安溪,river,6.8,abc,,,,,,,,,,,,,,,,,,,,,", "第 3 行，列 do"),
    ("小安溪,stream,6.8,5,,,,,,,,,,,,,,,,,,,,,", "第 3 行，列 type"),
    ("小安溪,river,6.8,-5,,,,,,,,,,,,,,,,,,,,,", "第 3 行，列 do"),
    (",river,6.8,5,,,,,,,,,,,,,,,,,,,,,", "第 3 行，列 section"),
    ("小安溪,lake,,,,,,,,1.0,,,,,,,,,,,,,,,", "均无数据，无法评价水质类别"),
])
def test_classify_refuses_bad_rows_and_writes_nothing(tmp_path, row, message):
    out = tmp_path / "out.csv"
    with pytest.raises(CommandError) as err:
        call_command("water", "classify", str(_write(tmp_path, GOOD, row)), "-o", str(out))
    assert message in str(err.value)
    assert not out.exists()


def test_unknown_column_is_named(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("section,type,nh4\nA,river,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="无法识别的列.*nh4"):
        call_command("water", "classify", str(path))


def test_summary_of_five_sections(tmp_path):
    classified = tmp_path / "classified.csv"
    call_command("water", "classify", str(_write(tmp_path, GOOD, GOOD, LAKE, GOOD, BAD)), "-o", str(classified))
    out = io.StringIO()
    call_command("water", "summary", str(classified), stdout=out)
    text = out.getvalue()
    assert "Ⅰ～Ⅲ类比例: 80.0%" in text and "劣Ⅴ类: 1 个 (20.0%)" in text
    assert "水质状况: 良好" in text


def test_summary_of_fewer_than_five_sections_averages(tmp_path):
    classified = tmp_path / "classified.csv"
    call_command("water", "classify", str(_write(tmp_path, GOOD, BAD)), "-o", str(classified))
    out = io.StringIO()
    call_command("water", "summary", str(classified), stdout=out)
    # Means: DO 6.2 (Ⅱ), NH3-N 1.26 (Ⅳ), TP 0.235 (Ⅳ), Pb 0.06 from one section (Ⅴ): 中度污染,
    # although one of the two sections is class Ⅰ and the other 劣Ⅴ.
    assert "按各指标浓度算术平均值评价: Ⅴ类" in out.getvalue()
    assert "水质状况: 中度污染" in out.getvalue()


def test_summary_needs_a_class_column(tmp_path):
    with pytest.raises(CommandError, match="缺少必需的列.*class"):
        call_command("water", "summary", str(_write(tmp_path, GOOD)))


def test_the_command_exits_non_zero_on_bad_input(tmp_path):
    path = _write(tmp_path, "A,river,x,,,,,,,,,,,,,,,,,,,,,,")
    proc = subprocess.run([sys.executable, "-m", "ducha.cli", "water", "classify", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "第 2 行，列 ph" in proc.stderr and proc.stdout == ""


def test_results_below_the_detection_limit_count_as_half_the_limit(tmp_path):
    # Lake TP "0.02L": half of 0.02 is 0.01, class Ⅰ for a lake (≤ 0.01); "<0.02" likewise.
    # Hg "0.0004L": 0.0002 is above the class Ⅲ limit 0.0001, so a detection limit that
    # coarse does not make the sample clean: the rule is applied as written.
    path = tmp_path / "in.csv"
    path.write_text("section,type,do,tp,hg,cd\n"
                    "甲,reservoir,8,0.02L,,ND(0.0001)\n乙,reservoir,8,<0.02,,\n丙,river,8,0.02,0.0004L,\n",
                    encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("water", "classify", str(path), "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["class"] for r in rows] == ["I", "I", "IV"]
    assert rows[0]["tp"] == "0.02L"  # the cell is written back as given
    assert rows[2]["limiting"] == "hg"


@pytest.mark.parametrize("cell,message", [
    ("ND", "第 2 行，列 tp：“ND”未给出检出限，请写成 0.01L 或 <0.01"),
    ("未检出", "第 2 行，列 tp：“未检出”未给出检出限"),
    ("0.0.1L", "第 2 行，列 tp：无法识别的数值“0.0.1L”"),
])
def test_a_below_limit_result_needs_its_limit(tmp_path, cell, message):
    path = tmp_path / "in.csv"
    path.write_text(f"section,type,tp\n甲,river,{cell}\n", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("water", "classify", str(path), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_lake_points_with_the_five_trophic_items_get_their_trophic_state(tmp_path):
    # 22号 §二(二)2: TLI(Σ) of chla, TP, TN, SD, CODMn for lakes and reservoirs only.
    path = tmp_path / "in.csv"
    path.write_text("section,type,codmn,tp,tn,chla,sd\n"
                    "湖心,lake,8,0.2,3,40,0.4\n"
                    "库尾,reservoir,1,1,1,1,1\n"
                    "缺透明度,reservoir,3,0.02,0.5,4,\n"
                    "大港头,river,8,0.2,3,40,0.4\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    call_command("water", "classify", str(path), "-o", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["tli"], r["trophic_state"]) for r in rows] == [
        ("66.2", "中度富营养"), ("43.7", "中营养"), ("", ""), ("", ""),
    ]
    assert rows[0]["chla"] == "40" and rows[0]["class"] == "V" and rows[0]["tn_class"] == "劣V"  # lake TP 0.2: Ⅴ


def test_a_zero_trophic_item_is_refused_with_its_row_and_column(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("section,type,codmn,tp,tn,chla,sd\n湖心,lake,3,0.02,0.5,0,1.2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行，列 chla：“0”：计算综合营养状态指数的项目须大于零"):
        call_command("water", "classify", str(path), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_a_table_of_ph_only_is_not_classed(tmp_path):
    path = tmp_path / "ph.csv"
    path.write_text("section,type,ph\n甲,river,7\n", encoding="utf-8")
    with pytest.raises(CommandError, match="缺少必需的列：至少需要 do, codmn"):
        call_command("water", "classify", str(path))
    path.write_text("section,type,ph,do,tp\n甲,river,7,8,0.02\n乙,river,7,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="^第 3 行：溶解氧、.*总磷均无数据，无法评价水质类别\n未写入任何数据$"):
        call_command("water", "classify", str(path), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()


def test_every_bad_cell_is_listed_up_to_fifty(tmp_path):
    path = tmp_path / "bad.csv"
    rows = [f"断面{i},river,7,x{i},0.02" for i in range(60)]
    rows[0] = "断面0,river,-7,x0,abc"  # each row's cells are listed in the file's column order
    path.write_text("section,type,ph,do,tp\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("water", "classify", str(path))
    lines = str(err.value).splitlines()
    assert lines[:3] == ["第 2 行，列 ph：数值不能为负数“-7”", "第 2 行，列 do：无法识别的数值“x0”",
                         "第 2 行，列 tp：无法识别的数值“abc”"]
    assert lines[49] == "第 49 行，列 do：无法识别的数值“x47”"
    assert lines[50:] == ["…共 62 处错误", "未写入任何数据"]


LAKE_POINTS = ("section,type,water_body,ph,do,codmn,nh3n,tp\n"
               "湖心,lake,千岛湖,7,8,2,0.1,0.02\n湖东,lake,千岛湖,7,8,2,0.1,0.06\n大港头,river,,7,8,2,0.1,0.1\n")


def _classify_then_summarise(tmp_path, capsys, table: str) -> str:
    src, classified = tmp_path / "in.csv", tmp_path / "classified.csv"
    src.write_text(table, encoding="utf-8")
    call_command("water", "classify", str(src), "-o", str(classified))
    capsys.readouterr()
    call_command("water", "summary", str(classified))
    return capsys.readouterr().out


def test_summary_averages_the_points_of_one_lake(tmp_path, capsys):
    out = _classify_then_summarise(tmp_path, capsys, LAKE_POINTS)
    rows = list(csv.DictReader((tmp_path / "classified.csv").open(encoding="utf-8")))
    assert [r["class"] for r in rows] == ["II", "IV", "II"]  # lake TP 0.06 > 0.05 (Ⅲ)
    # mean lake TP 0.04 is class Ⅲ: one lake, not two points (22号 §二(二)1(2))
    assert "千岛湖: 2 个点位，按各指标均值评价为 Ⅲ类" in out
    assert "断面总数: 2" in out and "Ⅳ类: 0" in out
    # without water_body a lake's points cannot be told apart: each row is a section
    plain = LAKE_POINTS.replace(",water_body", "").replace(",千岛湖", "").replace("river,,", "river,")
    out = _classify_then_summarise(tmp_path, capsys, plain)
    assert "断面总数: 3" in out and "Ⅳ类: 1" in out and "个点位" not in out


def test_points_of_one_lake_must_share_their_type(tmp_path):
    src, classified = tmp_path / "in.csv", tmp_path / "classified.csv"
    src.write_text(LAKE_POINTS.replace("湖东,lake", "湖东,reservoir"), encoding="utf-8")
    call_command("water", "classify", str(src), "-o", str(classified))
    with pytest.raises(CommandError, match="第 3 行，列 type：水体“千岛湖”的点位类型不一致"):
        call_command("water", "summary", str(classified))


def test_a_lake_without_values_cannot_be_averaged(tmp_path):
    path = tmp_path / "classes.csv"
    path.write_text("section,type,water_body,class\n湖心,lake,千岛湖,II\n湖东,lake,千岛湖,IV\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 2 行，列 water_body：湖库“千岛湖”的点位没有监测值"):
        call_command("water", "summary", str(path))
