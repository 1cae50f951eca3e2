import io
from decimal import Decimal

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from ducha.audit.models import AuditEntry
from ducha.cases.actions.disclosure import disclose_batch, set_disclosure_setup
from ducha.cases.disclosure import batch_summary, public_table
from ducha.cases.disclosure.columns import chinese_number
from ducha.cases.disclosure.summary import rate, wan_yuan
from ducha.cases.models import CaseState, Verdict
from ducha.text.masking import leaks

from .outward_world import PERSONAL, cases_world  # noqa: F401


@pytest.fixture
def batch3(cases_world):
    w = cases_world
    w.case(1, fine_yuan=Decimal("10000"))
    w.case(3, fine_yuan=Decimal("251542.71"), ordered_to_rectify=1, penalty_cases=1, interviews=2,
           summary=PERSONAL + "某砂场非法开采", administrative_detentions=1, criminal_detentions=2)
    w.case(3, state=CaseState.STAGED, verdict=Verdict.PARTLY, accountable_persons=2, penalty_cases=1)
    w.case(3, verdict=Verdict.FALSE, state=CaseState.DONE, handling="经核查不属实，做好解释工作。")
    w.case(3, reviewed=False, state=CaseState.HANDLING, summary="尚未审核的件：某养殖场污水直排")
    return w.batch(3)


def test_title_follows_level_and_batch_number(batch3):
    table = public_table(batch3)
    assert table.title == "浙江省生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第三批）"
    batch3.inspection.level = "central"
    assert public_table(batch3).title == "中央生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第三批）"
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23, 105)] == ["一", "十", "十一", "二十", "二十三", "一百零五"]


def test_only_reviewed_cases_masked_in_standard_columns(batch3):
    table = public_table(batch3)
    assert [c.header for c in table.columns] == ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型",
                                                "调查核实情况", "是否属实", "处理和整改情况", "责任人被处理情况"]
    assert len(table.rows) == 3 and table.total == 4
    text = "".join("".join(r) for r in table.rows)
    assert "尚未审核" not in text
    assert "张三" not in text and "13857812345" not in text and leaks(text) == []
    assert "举报人张某反映" in text and "部分属实" in text


def test_late_review_appears_under_original_batch(batch3, cases_world):
    from ducha.cases.models import Case, Review

    late = Case.objects.get(summary__startswith="尚未审核")
    Case.objects.filter(pk=late.pk).update(review=Review.APPROVED)
    table = public_table(batch3)
    assert len(table.rows) == 4 and "尚未审核的件" in table.rows[-1][2]


def test_summary_sentences_exact_with_named_denominators(batch3):
    s = batch_summary(batch3)
    assert s.batch_sentence() == (
        "第三批共4件，已审核公开3件，其中已办结2件、阶段性办结1件、正在办理0件；责令整改1家，立案处罚2家，"
        "罚款25.154271万元，立案侦查0件，拘留3人，约谈2人，问责2人。")
    rates = s.rates_sentence()
    assert "不属实率33.3%（不属实件数÷本批已公开件数3件）" in rates
    assert "办结率100.0%（已办结与阶段性办结件数÷本批已公开件数3件）" in rates
    assert "÷属实、基本属实、部分属实件数2件）" in rates
    assert s.cumulative_sentence().startswith("截至目前，第1—3批累计交办5件，已公开4件，已办结3件")
    assert "罚款26.154271万元" in s.cumulative_sentence()


def test_money_and_rates_are_exact():
    assert wan_yuan(Decimal("251542.71")) == "25.154271"
    assert wan_yuan(Decimal("50000")) == "5"
    assert wan_yuan(0) == "0"
    assert rate(1, 3) == "33.3%" and rate(2, 3) == "66.7%" and rate(0, 0) == "—（分母为0）"


def test_configured_variant_columns(batch3, cases_world):
    set_disclosure_setup(cases_world.case_inspection, acting_user=cases_world.users["admin"],
                         title="浙江省第{batch}批信访件公开表",
                         columns="serial\nsummary:举报内容\narea:举报区县\ntypes:问题类型\nstate\naccountability:问责情况")
    table = public_table(batch3)
    assert table.title == "浙江省第三批信访件公开表"
    assert [c.header for c in table.columns] == ["序号", "举报内容", "举报区县", "问题类型", "是否办结", "问责情况"]
    assert table.rows[1][4] == "阶段性办结"
    assert AuditEntry.objects.filter(action="cases.disclosure_setup").exists()
    with pytest.raises(ValidationError) as error:
        set_disclosure_setup(cases_world.case_inspection, acting_user=None, columns="serial\nbogus")
    assert "第2行" in str(error.value) and "bogus" in str(error.value)


def test_xlsx_is_a_real_styled_table(batch3, cases_world):
    data, summary = disclose_batch(batch3, "xlsx", acting_user=cases_world.users["coord"])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A1"].value.endswith("（第三批）")
    assert sheet["A3"].value == "序号" and sheet["I3"].value == "责任人被处理情况"
    assert sheet.freeze_panes == "A4"
    assert sheet.max_row == 6
    assert sheet["C4"].alignment.wrap_text and sheet["C4"].border.left.style == "thin"
    assert sheet.page_setup.orientation == "landscape"
    assert summary.text in sheet["A2"].value
    all_text = "".join(str(c.value or "") for row in sheet.iter_rows() for c in row)
    assert leaks(all_text) == [] and "张三" not in all_text
    assert AuditEntry.objects.filter(action="cases.disclose", actor=cases_world.users["coord"]).exists()


def test_docx_is_a_landscape_table(batch3, cases_world):
    data, _summary = disclose_batch(batch3, "docx", acting_user=None)
    document = docx.Document(io.BytesIO(data))
    assert document.sections[0].page_width > document.sections[0].page_height
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "受理编号", "交办问题基本情况"]
    assert len(table.rows) == 4
    text = "\n".join(c.text for row in table.rows for c in row.cells)
    assert leaks(text) == [] and "张三" not in text
    assert document.paragraphs[0].text.endswith("（第三批）")


def test_officer_and_other_city_cannot_disclose(batch3, cases_world):
    for name in ("ld_officer", "wz_coord", "supervisor"):
        with pytest.raises(PermissionDenied):
            disclose_batch(batch3, "xlsx", acting_user=cases_world.users[name])


def test_disclose_command_writes_file_and_prints_summary(batch3, tmp_path, capsys):
    out = tmp_path / "b3.docx"
    call_command("cases", "disclose", str(out), "--inspection", "zj2", "--batch", "3")
    printed = capsys.readouterr().out
    assert "第三批共4件" in printed and "截至目前" in printed
    assert docx.Document(str(out)).tables[0].rows[0].cells[0].text == "序号"
