"""Importing REAL published complaint tables (published.py: eight tables, seven column sets, both scripts,
as found on government pages and their mirrors) — what the reader must get right on documents it did not
write itself."""

import datetime as dt

import pytest

from ducha.cases.importing import import_batch
from ducha.cases.models import Case, CaseSetup, CaseState
from ducha.cases.reading.numbers import parse_number
from ducha.jurisdictions.models import Division
from ducha.jurisdictions.services import load_divisions
from ducha.ledger.models import Inspection

from .published import NUMBERS, TABLES, UNPARSED_NUMBERS
from .tables import csv_bytes, docx_bytes, xlsx

pytestmark = pytest.mark.django_db

PROVINCES = {"46": "海南省", "37": "山东省", "43": "湖南省", "32": "江苏省", "45": "广西壮族自治区", "42": "湖北省"}
# How each table is delivered to the importer: xlsx (title rows above the header), csv or a Word table.
FORMATS = {"dongfang2017": xlsx, "shandong2017": csv_bytes, "linxiang2020": xlsx, "huarong2017": docx_bytes,
           "qingdao2021": docx_bytes, "xincao2023": csv_bytes, "laibin2018": xlsx, "suizhou2024": docx_bytes}


@pytest.fixture
def inspection_of(world):
    """`inspection_of(key)`: an inspection over the table's province, its GB/T 2260 divisions loaded."""
    made = {}

    def make(key):
        table = TABLES[key]
        code = table["province"]
        if code not in made:
            load_divisions(only_prefix=code)
            province = Division.objects.get(code=code + "0000")
            level = Inspection.Level.CENTRAL if table["level"] == "central" else Inspection.Level.PROVINCIAL
            made[code] = Inspection.objects.create(name=f"{PROVINCES[code]}督察", level=level, round_number=2,
                                                   division=province, on_site_start=dt.date(2017, 4, 1))
            CaseSetup.objects.create(inspection=made[code], code=f"P{code}")
        return made[code]

    return make


@pytest.fixture
def published_import(world, inspection_of):
    def run(key, batch=1, dry_run=False):
        return import_batch(acting_user=world.users["admin"], inspection=inspection_of(key), batch_number=batch,
                            file=FORMATS[key](TABLES[key]), transferred_on=dt.date.fromisoformat(TABLES[key]["date"]),
                            dry_run=dry_run)

    return run


@pytest.mark.parametrize("key", sorted(TABLES))
def test_dry_run_lists_no_errors_and_reimport_changes_nothing(published_import, key):
    table = TABLES[key]
    dry = published_import(key, dry_run=True)
    assert dry.ok, [(e.row, e.column, e.reason) for e in dry.errors]
    assert dry.created == len(table["rows"]) and Case.objects.count() == 0
    first = published_import(key)
    assert first.ok and first.created == len(table["rows"])
    snapshot = list(Case.objects.order_by("pk").values())
    again = published_import(key)
    assert again.ok and (again.created, again.unchanged) == (0, len(table["rows"]))
    assert list(Case.objects.order_by("pk").values()) == snapshot


def _case(**lookup):
    return Case.objects.get(**lookup)


def _types(case):
    return sorted(t.name for t in case.types.all())


def test_dongfang_standard_set_with_accountability(published_import):
    published_import("dongfang2017")
    case = _case(number="D07062")
    assert case.number_raw == "D07062" and case.number_province == "" and not case.is_key  # local form, kept
    assert case.division.name == "东方市" and case.verdict == "true" and case.verdict_text == "属实"
    assert _types(case) == ["大气"] and case.type_text == "扬尘"
    assert case.accountability == "无" and case.summary.startswith("东方八所镇二环南路")


def test_shandong_category_column_and_verdict_yes(published_import):
    published_import("shandong2017")
    case = _case(number="2145")
    assert case.division.name == "青岛市" and case.verdict == "true" and case.verdict_text == "是"
    assert _types(case) == ["噪声", "大气"] and case.type_text == "大气、噪声"
    assert case.extra["处理类别"] == "停产整治" and case.handling.startswith("对该企业实施停产整治")


def test_linxiang_transferred_summary_header_and_remark(published_import):
    report = published_import("linxiang2020")
    assert report.columns[:3] == ["序号", "受理编号", "转办问题基本情况"]
    case = _case(number="D1YU202000234")
    assert case.number_channel == "" and case.number_date is None  # not a known form: nothing guessed
    assert case.summary.startswith("反映临湘市石田村袁岭组正昌矿业")
    assert case.division.name == "临湘市" and case.verdict == "true"
    assert _types(case) == ["噪声", "大气"] and case.accountability == "暂无"
    assert case.extra["备注"] == "办结"


def test_huarong_area_before_summary(published_import):
    published_import("huarong2017")
    case = _case(number="2017043052")
    assert case.serial == 48 and case.division.name == "华容县" and case.verdict == "true"
    assert _types(case) == ["水"] and case.type_text == "畜禽养殖污染"
    assert case.summary.startswith("华容县章华镇治湖村") and case.extra["备注"] == "已办结"


def test_qingdao_channel_column_and_local_numbers(published_import):
    published_import("qingdao2021")
    first, second = _case(number="访受〔2021〕0517031号"), _case(number="访受〔2021〕0517032号")
    assert first.channel == "来电" and first.number_date is None and first.serial == 31
    assert first.division.name == "平度市" and first.verdict == "true" and _types(first) == ["大气"]
    assert second.division.name == "李沧区" and second.verdict == "false" and second.verdict_text == "否"
    assert _types(second) == ["土壤", "生态"] and second.type_text == "生态破坏、土壤污染"
    assert second.handling == "无"


def test_xincao_flattened_pdf_headers_and_unmatched_farm(published_import):
    report = published_import("xincao2023")
    assert report.pending == 1  # 新曹农场 is no division: 待分办, never refused
    case = _case(number="3")
    assert case.division is None and case.area_text.replace("\n", "") == "新曹农场"
    assert case.verdict == "false" and case.state == CaseState.DONE
    assert _types(case) == ["大气"]  # "大气\n\n污染" is one word broken over lines, not 大气 + 污染
    assert case.summary.startswith("向阳河东岸正在新建")


def test_laibin_traditional_mirror_with_pinyin_damage(published_import):
    published_import("laibin2018")
    case = _case(number_raw__contains="D450000201806110023")
    assert case.number == "D450000201806110023"  # the "? ? ?" a conversion left in front is not the number
    assert (case.number_channel, case.number_province, case.number_date) == ("D", "450000", dt.date(2018, 6, 11))
    assert case.division.name == "兴宾区" and case.verdict == "mostly"
    assert case.summary.startswith("迎宾路磨东小区内的瑞丰大理石加工厂")  # Simplified, junk and pinyin gone
    assert "(qū)" not in case.investigation and "经查,群众举报" in case.investigation
    assert case.original["交办问题基本情况"].endswith("將廢水排至路面和下水道中。")  # as delivered
    assert _types(case) == ["水"] and case.type_text == "废水"


def test_suizhou_traditional_mirror_new_columns(published_import):
    report = published_import("suizhou2024")
    assert {"問題類型", "辦結目標", "是否辦結", "責任人被處理情況"} <= set(report.columns)  # headers as delivered
    case = _case(number="D3HB202406080057")
    assert (case.number_round, case.number_province, case.number_date) == (3, "HB", dt.date(2024, 6, 8))
    assert case.division.name == "随州市" and _types(case) == ["土壤", "水"]
    assert case.summary.startswith("随州市随县新街镇随州市绿垦农业有限公司")
    assert case.original["交办问题基本情况"].startswith("隨州市隨縣新街鎮")
    assert case.verdict == "" and case.state == CaseState.HANDLING  # the copy ends before these cells


@pytest.mark.parametrize("raw", sorted(NUMBERS))
def test_published_numbers_parsed(raw):
    channel, round_, province, date, serial, key = NUMBERS[raw]
    found = parse_number(raw)
    assert (found.channel, found.round, found.province) == (channel, round_, province)
    assert (found.date, found.serial, found.is_key) == (dt.date.fromisoformat(date), serial, key)
    assert found.raw == raw and found.number == raw.rstrip("*")


@pytest.mark.parametrize("raw", UNPARSED_NUMBERS)
def test_other_published_numbers_kept_verbatim(raw):
    found = parse_number(raw)
    assert found.number == raw and found.channel == "" and found.date is None


# People the published rows name (officials, a villager): kept as published in the case, masked on every
# public output — the disclosure table, the public batch page and its download, Open311.
NAMED = {"linxiang2020": ("李永忠", "曹源", "刘俊辉", "乔朝和"), "huarong2017": ("蔡远鸣", "李成香", "王文清", "包金跃"),
         "suizhou2024": ("孙成喜",)}


def test_published_names_masked_on_every_public_output(published_import):
    import io

    import openpyxl
    from django.test import Client

    from ducha.cases.disclosure import public_table
    from ducha.cases.models import Batch, Review
    from ducha.cases.open311.records import request
    from ducha.text.masking import leaks

    for batch, key in enumerate(sorted(NAMED), start=1):
        assert published_import(key, batch=batch).ok
    Case.objects.update(review=Review.APPROVED)
    assert "孙成喜" in Case.objects.get(number="D3HB202406080057").investigation  # kept as published
    outputs = []
    for found in Batch.objects.select_related("inspection__case_setup"):
        table = public_table(found)
        outputs.append("".join("".join(row) for row in table.rows))
        code = found.inspection.case_setup.code
        page = Client().get(f"/public/cases/{code}/{found.number}/")
        assert page.status_code == 200
        outputs.append(page.content.decode())
        sheet = openpyxl.load_workbook(io.BytesIO(Client().get(f"/public/cases/{code}/{found.number}.xlsx")
                                                  .content)).active
        outputs.append("".join(str(c.value or "") for row in sheet.iter_rows() for c in row))
    outputs += [str(request(case)) for case in Case.objects.all()]
    text = "\n".join(outputs)
    for name in (n for names in NAMED.values() for n in names):
        assert name not in text, name
    assert "村民孙某签订" in text and "镇长蔡某为第一责任人" in text and "调查组李某、曹某、刘某、乔某4人" in text
    assert leaks(text) == []


# Regressions, each quoting the real cell that showed the reader wrong.

def test_header_transferred_summary_is_the_summary_column():
    from ducha.cases.importing.headers import field_of

    assert field_of("转办问题基本情况") == "summary"  # 临湘 2020: the whole table was refused without it
    assert field_of("行政 區(qū)域") == "area" and field_of("責任人被 處理情況") == "accountability"


def test_pollution_type_broken_over_lines_is_one_word():
    from ducha.cases.reading.values import split_types

    assert split_types("大气\n\n污染") == ["大气污染"]  # 新曹农场 2023; was 大气 + 污染 (→ 其他)
    assert split_types("生态破坏、土壤污染") == ["生态破坏", "土壤污染"] and split_types("水、土壤") == ["水", "土壤"]


def test_conversion_damage_removed_from_cells():
    from ducha.cases.importing.rows import repaired

    assert repaired("? ? ? ? ? ? D450000201806110023") == "D450000201806110023"  # 来宾 2018 mirror
    assert repaired("來賓市 興賓區(qū)") == "來賓市 興賓區"
    assert repaired("切割污水循環(huán)使用。 ?") == "切割污水循環使用。"
    assert repaired("难道没人管吗?") == "难道没人管吗?"  # a question mark glued to the text stays
