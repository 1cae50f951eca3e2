import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.cases import crypto
from ducha.cases.models import Batch, Case, CaseState, Routing

from .tables import DOCX_SET, INTERNAL, PROVINCIAL, STANDARD, TRADITIONAL, csv_bytes, docx_bytes, xlsx

pytestmark = pytest.mark.django_db


def test_standard_table_with_title_rows(world, imported):
    report = imported(xlsx(STANDARD))
    assert report.ok and report.created == 3
    cases = {c.number: c for c in Case.objects.all()}
    first = cases["D3ZJ202406110042"]
    assert first.number_raw == "D3ZJ202406110042*" and first.is_key
    assert (first.number_channel, first.number_round, first.number_province) == ("D", 3, "ZJ")
    assert first.division == world.div["ld"] and first.verdict == "true"
    assert sorted(t.name for t in first.types.all()) == ["噪声", "大气"] and first.type_text == "大气、噪声"
    second = cases["X3ZJ202406110007"]
    assert second.verdict == "partly" and second.division == world.div["qt"]
    assert sorted(t.name for t in second.types.all()) == ["水"]  # 畜禽养殖污染 maps onto 水, words kept
    assert "畜禽养殖污染" in second.type_text
    zone = cases["D3ZJ202406110051"]
    assert zone.zone == "经济技术开发区" and zone.division == world.div["ls"] and zone.verdict == "false"
    # Provincial: 7 working days from the day after transfer (Tue 2024-06-11 → Thu 06-20, 端午 06-10 is before).
    assert first.due_on == dt.date(2024, 6, 20)
    assert AuditEntry.objects.filter(action="cases.import").count() == 3


def test_traditional_table_normalised_with_original_kept(world, imported):
    report = imported(xlsx(TRADITIONAL), batch=4)
    assert report.ok, report.errors
    case = Case.objects.get(number="D3ZJ202406120013")
    assert case.summary == "莲都区某餐饮店油烟直排，影响居民生活。"
    assert case.original["交办问题基本情况"] == "蓮都區某餐飲店油煙直排，影響居民生活。"
    assert case.division == world.div["ld"] and case.state == CaseState.DONE
    assert [t.name for t in case.types.all()] == ["大气"] and case.type_text == "油烟"
    staged = Case.objects.get(number="D3ZJ202406120020")
    assert staged.state == CaseState.STAGED and staged.verdict == "mostly"
    assert [t.name for t in staged.types.all()] == ["生态"]


def test_provincial_csv_without_numbers_uses_place_for_routing(world, imported):
    report = imported(csv_bytes(PROVINCIAL), batch=2)
    assert report.ok, report.errors
    first, second = Case.objects.order_by("serial")
    assert first.number == "" and first.serial == 1 and first.verdict == "true"
    assert first.fine_yuan == 0 and "罚款2000元" in first.handling  # no fine column: the text keeps it
    assert second.division == world.div["qt"]  # no 举报区县: the 举报地点 names 青田县
    assert second.extra["举报地点"] == "青田县鹤城街道"
    assert second.verdict == "false" and second.state == CaseState.DONE


def test_internal_list_figures_and_complainant_encrypted(world, imported):
    report = imported(xlsx(INTERNAL, title_rows=False), batch=5)
    assert report.ok, report.errors
    case = Case.objects.get(number="D3ZJ202406130001")
    assert case.fine_yuan == Decimal("23500.00") and case.ordered_to_rectify == 1 and case.penalty_cases == 1
    assert case.is_key and case.state == CaseState.STAGED
    assert case.longitude == Decimal("119.912626")
    token = case.complainant.name_token
    assert "张" not in token and crypto.decrypt(token) == "张某某"
    assert crypto.decrypt(case.complainant.contact_token) == "13800001111"
    assert not Case.objects.get(number="D3ZJ202406130002").__class__.objects.filter(
        number="D3ZJ202406130002", complainant__isnull=False).exists()


def test_docx_table_with_broken_rows_joined(world, imported):
    report = imported(docx_bytes(DOCX_SET), batch=6)
    assert report.ok, report.errors
    assert report.kind == "docx" and report.created == 2
    case = Case.objects.get(number="X3ZJ202406140003")
    assert case.summary == "缙云县某废品收购站露天焚烧垃圾，黑烟扰民。"
    assert case.handling == "责令清理现场，罚款5000元。"
    assert case.extra["处理类别"] == "立案查处" and case.channel == "来信"
    assert case.rectification_goal == "6月底前完成清理"


def test_dry_run_writes_nothing_and_reimport_changes_nothing(world, imported):
    preview = imported(xlsx(STANDARD), dry_run=True)
    assert preview.ok and preview.created == 3 and not Case.objects.exists() and not Batch.objects.exists()
    assert preview.rows[0]["区划"] == "莲都区" and preview.rows[0]["操作"] == "新增"
    imported(xlsx(STANDARD))
    again = imported(xlsx(STANDARD))
    assert again.created == 0 and again.unchanged == 3 and Case.objects.count() == 3


def _bad(rows):
    return {**STANDARD, "rows": rows}


def test_bad_rows_are_reported_by_row_and_column_and_nothing_written(world, imported):
    good = STANDARD["rows"][0]
    rows = [good, [*good[:6], "待核实", *good[7:]], ["3", *good[1:]]]  # bad verdict; duplicate number
    report = imported(xlsx(_bad(rows)))
    found = {(e.row, e.column) for e in report.errors}
    assert (5, "是否属实") in found  # two title rows, the header on row 3
    assert (4, "受理编号") in found and (6, "受理编号") in found
    assert not Case.objects.exists() and not Batch.objects.exists()


def test_fines_that_are_not_numbers_are_refused(world, imported):
    rows = [dict(zip(INTERNAL["header"], INTERNAL["rows"][0]))]
    rows[0]["罚款金额（万元）"] = "约五万"
    report = imported(xlsx({**INTERNAL, "rows": [list(rows[0].values())]}, title_rows=False))
    assert [(e.row, e.column) for e in report.errors] == [(2, "罚款金额(万元)")]


def test_files_that_are_not_tables_are_refused(world, imported):
    with pytest.raises(ValidationError):
        imported(b"%PDF-1.4 not a table")
    with pytest.raises(ValidationError, match="表头"):
        imported(csv_bytes({"header": ["甲", "乙"], "rows": [["1", "2"]]}))


def test_unmatched_area_is_pending_not_rejected(world, imported):
    rows = [[*STANDARD["rows"][0][:3], "某某镇", *STANDARD["rows"][0][4:]]]
    report = imported(xlsx(_bad(rows)))
    assert report.ok and report.pending == 1
    case = Case.objects.get()
    assert case.routing == Routing.PENDING and case.division is None


def test_a_case_of_two_counties_without_a_unit_is_counted_pending(world, imported):
    """Two counties route to their city; with no unit for the city the case waits for routing by hand,
    and the preview and the report say so as the batch page will."""
    rows = [[*STANDARD["rows"][0][:3], "莲都区、青田县", *STANDARD["rows"][0][4:]]]
    preview = imported(xlsx(_bad(rows)), dry_run=True)
    assert preview.pending == 1 and preview.rows[0]["牵头单位"] == "待分办"
    report = imported(xlsx(_bad(rows)))
    case = Case.objects.get()
    assert case.division == world.div["ls"] and case.routing == Routing.PENDING
    assert report.pending == 1


def test_a_transfer_date_after_today_is_refused_and_nothing_written(world, imported):
    """A batch is transferred before it is imported: a later date, typed or read from a mistyped number
    (2062 for 2026), would put every deadline of the batch years off."""
    from django.utils import timezone

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="晚于今天"):
        imported(xlsx(STANDARD), transferred=tomorrow)
    late = f"X3ZJ{tomorrow:%Y%m%d}0007"
    rows = [STANDARD["rows"][0], [STANDARD["rows"][1][0], late, *STANDARD["rows"][1][2:]]]
    with pytest.raises(ValidationError, match="第 5 行受理编号中的日期晚于今天"):
        imported(xlsx(_bad(rows)), transferred=None)
    assert not Case.objects.exists() and not Batch.objects.exists()
    assert imported(xlsx(_bad(rows[:1])), transferred=None).ok  # the numbers' own (past) date


def test_import_needs_a_coordinator_over_the_inspection(world, imported):
    with pytest.raises(PermissionDenied):
        imported(xlsx(STANDARD), user="ld_officer")
    with pytest.raises(PermissionDenied):
        imported(xlsx(STANDARD), user="wz_coord")


def test_reading_is_bounded(world, imported, settings):
    settings.DUCHA_IMPORT_LIMITS = {"cell_chars": 20, "rows": 3}
    with pytest.raises(ValidationError, match="超过 20 个字符"):
        imported(csv_bytes({"header": STANDARD["header"], "rows": STANDARD["rows"][:1]}))
    with pytest.raises(ValidationError, match="行数过多"):
        imported(docx_bytes(DOCX_SET))
    settings.DUCHA_MAX_UPLOAD_MB = 0
    with pytest.raises(ValidationError):
        imported(xlsx(STANDARD))
    assert not Case.objects.exists()


def test_plain_rows_are_stored_as_model_instances_are(world, inspection):
    """The import writes its cases as plain rows (ducha.db.bulk.create_rows): what is stored, defaults and
    timestamps included, is what the model instances with the same values stored."""
    from django.db import transaction
    from django.forms.models import model_to_dict

    from ducha.db.bulk import create_objects, create_rows

    batch = Batch.objects.create(inspection=inspection, number=5, transferred_on=dt.date(2024, 6, 11))
    values = dict(inspection_id=inspection.pk, batch_id=batch.pk, summary="某厂夜间噪声扰民", number="D3ZJ202406110001",
                  transferred_on=dt.date(2024, 6, 11), fine_yuan=Decimal("1.50"), extra={"备注": "无"},
                  division_id=world.div["ld"].pk, scope_path=world.div["ld"].path)
    with transaction.atomic():
        [made] = create_objects([Case(**values)])
        [pk] = create_rows(Case, [values])
        assert create_rows(Case, []) == []
    plain, instance = Case.objects.get(pk=pk), Case.objects.get(pk=made.pk)
    assert pk == made.pk + 1
    assert model_to_dict(plain, exclude=["id"]) == model_to_dict(instance, exclude=["id"])
    assert plain.review == "" and plain.fine_yuan == Decimal("1.50") and plain.routing == Routing.PENDING
    assert plain.created_at and plain.updated_at and plain.created_at >= instance.created_at
