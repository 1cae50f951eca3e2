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
    ("小安溪,river,6.8,abc,,,,,,,,,,,,,,,,,,,,,", "row 3, column do"),
    ("小安溪,stream,6.8,5,,,,,,,,,,,,,,,,,,,,,", "row 3, column type"),
    ("小安溪,river,6.8,-5,,,,,,,,,,,,,,,,,,,,,", "row 3, column do"),
    (",river,6.8,5,,,,,,,,,,,,,,,,,,,,,", "row 3, column section"),
    ("小安溪,lake,,,,,,,,1.0,,,,,,,,,,,,,,,", "row 3: no evaluated item"),
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
    with pytest.raises(CommandError, match="row 1: unknown column.*nh4"):
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
    with pytest.raises(CommandError, match="row 1: missing column.*class"):
        call_command("water", "summary", str(_write(tmp_path, GOOD)))


def test_the_command_exits_non_zero_on_bad_input(tmp_path):
    path = _write(tmp_path, "A,river,x,,,,,,,,,,,,,,,,,,,,,,")
    proc = subprocess.run([sys.executable, "-m", "ducha.cli", "water", "classify", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "row 2, column ph" in proc.stderr and proc.stdout == ""


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
    ("ND", "row 2, column tp: 'ND' gives no detection limit; write it as 0.01L or <0.01"),
    ("未检出", "row 2, column tp: '未检出' gives no detection limit"),
    ("0.0.1L", "row 2, column tp: '0.0.1L' is not a number"),
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
    with pytest.raises(CommandError, match="row 2, column chla: '0' must be above zero"):
        call_command("water", "classify", str(path), "-o", str(tmp_path / "out.csv"))
    assert not (tmp_path / "out.csv").exists()
