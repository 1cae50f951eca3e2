"""From a real Word file to the ledger: the 丽水 plan (its published text, with
the task list annexed as a table the way such plans carry it) is uploaded,
read by the plan reader, reviewed and confirmed; the tasks land in the ledger
with their deadlines and lead units, the targets in ducha.quality."""

import datetime as dt
from decimal import Decimal

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.ledger.models import Task
from ducha.plans.models import Decision, PlanDocument
from ducha.plans.tests.plan_files import LISHUI as FIXTURE
from ducha.plans.tests.plan_files import docx_bytes
from ducha.quality.models import IndicatorTarget

ROWS = [
    ("1", "全面完成加油站油气回收治理", "推进挥发性有机物污染治理，全面完成加油站、储油库、油罐车油气回收治理任务",
     "丽水市生态环境局（牵头）、市发改委、莲都区人民政府", "2022年6月底前"),
    ("2", "腊口污水处理厂建成运行", "加快城市排水管网改造、修复和完善，推进雨污分流改造，建成运行腊口污水处理厂",
     "莲都区人民政府、丽水市生态环境局", "2022年12月底前"),
]


def plan_docx() -> bytes:
    """The published plan up to its work targets, then the task list as a table."""
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    body = lines[: next(i for i, line in enumerate(lines) if line.startswith("四、"))]
    document = docx.Document()
    for line in body:
        document.add_paragraph(line)
    document.add_paragraph("附件：丽水市贯彻落实第二轮中央生态环境保护督察报告整改任务清单")
    table = document.add_table(rows=1, cols=5)
    for cell, label in zip(table.rows[0].cells, ("序号", "整改目标", "整改措施", "责任单位", "整改时限")):
        cell.text = label
    for row in ROWS:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    return docx_bytes(document)


def test_a_word_plan_becomes_tasks_and_targets_after_review(client, world, media):
    client.force_login(world.users["coord"])
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("丽水市整改方案.docx", plan_docx()), "division": world.div["ls"].pk})
    assert response.status_code == 302, response.content.decode()[-2000:]
    document = PlanDocument.objects.get()
    assert document.format == "docx" and list(media.rglob("*.docx"))
    assert Task.objects.count() == 0  # nothing in the ledger before review

    review = client.get(reverse("plans:review", args=[document.pk])).content.decode()
    tasks = list(document.items.filter(kind="task").order_by("position"))
    rows = [t for t in tasks if t.payload["number"] in ("1", "2")]
    assert [t.payload["deadline"] for t in rows] == ["2022-06-30", "2022-12-31"]
    for item in document.items.all():
        assert document.text[item.start:item.end] == item.source_text
        assert f'id="item-{item.pk}"' in review

    for item in rows:
        client.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                    {"decision": "accepted", "version": item.version})
    for item in tasks:
        if item not in rows:
            client.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                        {"decision": "rejected", "version": item.version})
    client.post(reverse("plans:accept_targets", args=[document.pk]))
    pm25 = document.items.get(kind="target", payload__indicator="pm25_mean")
    assert pm25.decision == Decision.ACCEPTED

    response = client.post(reverse("plans:confirm", args=[document.pk]), {"plan": ""})
    assert response.status_code == 302
    created = {t.number: t for t in Task.objects.select_related("plan")}
    assert set(created) == {"1", "2"}
    first, second = created["1"], created["2"]
    assert first.plan.title == "丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案"
    assert (first.deadline, first.lead_unit) == (dt.date(2022, 6, 30), world.units["eco"])
    assert first.ordered_units() == [world.units["eco"], world.units["ndrc"], world.units["ld_gov"]]
    assert (second.deadline, second.lead_unit) == (dt.date(2022, 12, 31), world.units["ld_gov"])
    assert first.target == "全面完成加油站油气回收治理"
    target = IndicatorTarget.objects.get(indicator="pm25_mean", plan=first.plan)
    assert (target.comparator, target.value, target.year, target.division) == (
        "<", Decimal("24"), 2021, world.div["ls"])
    assert "PM2.5平均浓度低于24微克/立方米" in target.source_text

    # Confirming again writes nothing twice.
    client.post(reverse("plans:confirm", args=[document.pk]), {"plan": ""})
    assert Task.objects.count() == 2
    assert IndicatorTarget.objects.filter(plan=first.plan).count() == document.items.filter(
        kind="target", decision=Decision.ACCEPTED).count()
