"""Issue 11: a review an office can trust. Each case is what a new user met with
a short plan in the usual style (usual_plan.TEXT), read by the real reader."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Plan, Task
from ducha.plans import services
from ducha.plans.models import Decision, PlanDocument
from ducha.quality.models import IndicatorTarget

from .usual_plan import TEXT

GOOD_DAYS = "空气质量优良天数比例"
CLASS_I_III = "地表水省控断面Ⅰ～Ⅲ类水质比例"


@pytest.fixture
def uploaded(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                    filename="整改方案.txt", data=TEXT.encode("utf-8"))


def _tasks(document):
    return {t.payload["number"]: t for t in document.items.filter(kind="task").order_by("position")}


def _targets(document):
    return list(document.items.filter(kind="target").order_by("position"))


def test_goal_and_safeguard_parts_are_never_tasks(uploaded):
    # "一、工作目标" and "三、保障措施（一）加强组织领导。…2021年10月底前完成整改方案报送。责任单位：市生态环境局。"
    assert list(_tasks(uploaded)) == ["二（一）", "二（二）", "二（三）", "二（四）"]


def test_labels_leave_the_text_they_introduce_and_reach_their_fields(world, uploaded):
    tasks = _tasks(uploaded)
    for task in tasks.values():
        for label in ("责任单位", "完成时限", "牵头"):
            assert label not in task.payload["measures"] and label not in task.payload["target"]
    first = tasks["二（一）"].payload
    assert first["problem"] == "推进挥发性有机物污染治理"
    assert first["target"] == "全面完成加油站、储油库、油罐车油气回收治理任务"
    assert (first["deadline"], first["deadline_text"], first["category"]) == ("2022-06-30", "2022年6月底前",
                                                                              "by_deadline")
    # "责任单位：市生态环境局（牵头）、市发改委。" — the lead first, the note gone.
    assert first["units"] == [world.units["eco"].pk, world.units["ndrc"].pk]
    # "完成时限：长期坚持。" is read as the category, and the text kept is "长期坚持", not the label.
    third = tasks["二（三）"].payload
    assert (third["deadline_text"], third["category"], third["deadline"]) == ("长期坚持", "long_term", None)
    assert (tasks["二（二）"].payload["deadline_text"], tasks["二（二）"].payload["category"]) == ("立行立改",
                                                                                              "immediate")


def test_a_collective_gives_the_same_county_tasks_as_the_ledger_importer(world, uploaded, ledger_xlsx):
    # "（四）加快污水处理设施建设。…责任单位：各县（市、区）政府。完成时限：2022年12月底前。"
    review = _tasks(uploaded)["二（四）"].payload
    report = import_ledger(
        acting_user=world.users["coord"], plan_code="LS-2021", dry_run=True, create_units=False,
        file=io.BytesIO(ledger_xlsx([["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限"],
                                     ["4", review["problem"], review["target"], review["measures"],
                                      "各县（市、区）政府", "2022年12月底前"]])))
    assert report.ok
    imported = [row["责任单位"] for row in report.rows[1:]]
    assert [s["unit_names"] for s in review["subtasks"]] == [[name] for name in imported]
    assert [s["units"] for s in review["subtasks"]] == [[world.units["ld_gov"].pk], [world.units["qt_gov"].pk]]
    assert review["units"] == [world.units["ld_gov"].pk, world.units["qt_gov"].pk]  # nothing silently dropped
    assert (review["deadline"], review["category"]) == ("2022-12-31", "by_deadline")


def test_confirming_writes_the_county_sub_tasks_once(world, uploaded):
    coord = world.users["coord"]
    item = _tasks(uploaded)["二（四）"]
    services.decide_item(acting_user=coord, item=item, decision=Decision.ACCEPTED)
    services.confirm(acting_user=coord, document=uploaded)
    parent = Task.objects.get(number="二（四）")
    children = {t.number: t for t in parent.children.all()}
    assert sorted(children) == ["二（四）-1", "二（四）-2"]
    assert children["二（四）-1"].ordered_units() == [world.units["ld_gov"]]
    assert children["二（四）-2"].division == world.div["qt"]
    assert children["二（四）-1"].deadline == dt.date(2022, 12, 31)
    services.confirm(acting_user=coord, document=uploaded)  # twice: nothing twice
    assert Task.objects.filter(plan=parent.plan).count() == 3


def test_a_quantity_of_work_is_the_task_target_not_a_quality_target(uploaded):
    # "新建改造污水管网80公里" — no environmental-quality indicator (暂无数据 on the quality page).
    assert not any("污水管网" in (t.payload["name"] or "") for t in _targets(uploaded))
    task = _tasks(uploaded)["二（四）"].payload
    assert task["target"] == "新建改造污水管网80公里"
    assert task["quantities"] == [{"value": "80", "unit": "公里", "text": "新建改造污水管网80公里"}]


def _review(client, document):
    return client.get(reverse("plans:review", args=[document.pk])).content.decode()


def test_conflicts_name_the_right_targets_and_clear_when_resolved(client, world, uploaded):
    client.force_login(world.users["coord"])
    page = _review(client, uploaded)
    conflicts = page[page.index('id="target-conflicts"'):].split("</div>\n")[0]
    assert GOOD_DAYS in conflicts and CLASS_I_III in conflicts
    assert "PM2.5" not in conflicts
    for target in _targets(uploaded):
        if target.payload["value"] in ("95", "100") and target.payload["year"] == 2022:
            services.decide_item(acting_user=world.users["coord"], item=target, decision=Decision.REJECTED)
    assert 'id="target-conflicts"' not in _review(client, uploaded)


def test_review_and_confirm_pages_say_no_none_and_compare_in_chinese(client, world, uploaded):
    client.force_login(world.users["coord"])
    page = _review(client, uploaded)
    assert "None" not in page
    assert "&lt;=" not in page and "&gt;=" not in page
    assert "2022年 空气质量优良天数比例 不低于95%" in page
    for target in _targets(uploaded):
        services.decide_item(acting_user=world.users["coord"], item=target, decision=Decision.ACCEPTED)
    confirm = client.get(reverse("plans:confirm", args=[uploaded.pk])).content.decode()
    assert "None" not in confirm and "&gt;=" not in confirm
    assert "2022年 市区 PM2.5平均浓度 低于24微克/立方米" in confirm


def test_counts_are_right_after_every_action(client, world, uploaded):
    client.force_login(world.users["coord"])
    total = uploaded.items.filter(kind__in=("task", "target")).count()
    listing = client.get(reverse("plans:document_list")).content.decode()
    assert f"{total} / 共 {total}" in listing
    for item in uploaded.items.filter(kind__in=("task", "target")):
        services.decide_item(acting_user=world.users["coord"], item=item, decision=Decision.REJECTED)
    for number in ("二（一）", "二（四）"):
        services.decide_item(acting_user=world.users["coord"], item=_tasks(uploaded)[number],
                             decision=Decision.ACCEPTED)
    services.confirm(acting_user=world.users["coord"], document=uploaded)
    listing = client.get(reverse("plans:document_list")).content.decode()
    assert f"0 / 共 {total}" in listing
    assert f"待审核 0 / 共 {total} 项" in _review(client, uploaded)


def test_the_plan_keeps_its_document_number_issuer_and_date_editable_before_confirming(client, world, uploaded):
    assert uploaded.doc_number == "丽委发〔2021〕30号"
    client.force_login(world.users["coord"])
    response = client.post(reverse("plans:document_facts", args=[uploaded.pk]), {
        "doc_number": "丽委发〔2021〕31号", "doc_title": uploaded.doc_title, "doc_issuer": "中共丽水市委 丽水市人民政府",
        "doc_date": "2021-09-30"})
    assert response.status_code == 302
    services.decide_item(acting_user=world.users["coord"], item=_tasks(uploaded)["二（一）"],
                         decision=Decision.ACCEPTED)
    result = services.confirm(acting_user=world.users["coord"], document=uploaded)
    plan = Plan.objects.get(pk=result["plan"].pk)
    assert (plan.code, plan.doc_number, plan.issuer, plan.issued_on) == (
        "丽委发〔2021〕31号", "丽委发〔2021〕31号", "中共丽水市委 丽水市人民政府", dt.date(2021, 9, 30))
    with pytest.raises(ValidationError):
        services.edit_document_facts(acting_user=world.users["coord"], document=uploaded,
                                     values={"doc_number": "x"})


def test_a_unit_the_division_does_not_know_is_never_dropped_silently(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = TEXT.replace("责任单位：市生态环境局（牵头）、市发改委。", "责任单位：市生态环境局（牵头）、市林业局。")
    document = services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                        filename="整改方案.txt", data=text.encode("utf-8"))
    with pytest.raises(ValidationError, match="市林业局"):
        services.decide_item(acting_user=world.users["coord"], item=_tasks(document)["二（一）"],
                             decision=Decision.ACCEPTED)


def test_the_propose_command_prints_what_the_review_would_propose(world, tmp_path):
    path = tmp_path / "整改方案.txt"
    path.write_text(TEXT, encoding="utf-8")
    out = io.StringIO()
    call_command("plan", "propose", str(path), "--division", "331100", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["document"] == {"number": "丽委发〔2021〕30号", "issuer": None, "date": None,
                                  "title": "丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案"}
    first, *_, fourth = result["tasks"]
    assert {k: first[k] for k in ("number", "lead_unit", "co_units", "deadline", "category")} == {
        "number": "二（一）", "lead_unit": "丽水市生态环境局", "co_units": ["丽水市发展和改革委员会"],
        "deadline": "2022-06-30", "category": "by_deadline"}
    assert [s["division"] for s in fourth["subtasks"]] == ["莲都区", "青田县"]
    assert {"indicator": "pm25_mean", "comparator": "<", "value": "24", "unit": "微克/立方米", "year": 2022,
            "region": "市区"}.items() <= next(t for t in result["quality_targets"]
                                            if t["indicator"] == "pm25_mean").items()
    assert not any(t["indicator"] == "other" for t in result["quality_targets"])
    assert not IndicatorTarget.objects.exists() and not PlanDocument.objects.exists()  # reading only
