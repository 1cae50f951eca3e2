"""Plans whose task list is a table (annexed in the .docx, or a separate .xlsx):
the rows are the tasks, read by the ledger importer's column reading."""

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ducha.plans import services

from .plan_files import docx_bytes
from .usual_plan import TEXT

HEADER = ("序号", "存在问题", "整改目标", "整改措施", "整改实施主体", "完成时限")
ROWS = [
    ("1", "加油站油气回收治理不到位", "全面完成加油站油气回收治理", "推进挥发性有机物污染治理",
     "丽水市生态环境局（牵头）、市发改委", "2022年6月底前"),
    ("2", "城镇污水管网建设滞后", "新建改造污水管网80公里", "加快城镇污水管网建设", "各县（市、区）党委和政府",
     "2022年12月底前"),
    ("3", "饮用水水源地保护区内存在排污口", "排污口全部清理", "排查整治饮用水水源地保护区内的排污口",
     "莲都区政府", "2022年12月底前"),
]


def plan_docx():
    """The plan's opening, then 附件：整改任务清单 as a table with a caption merged across it and the
    deadline merged down rows 2 and 3, as such annexes are laid out."""
    document = docx.Document()
    for line in TEXT.split("\n")[:4]:
        document.add_paragraph(line)
    table = document.add_table(rows=2 + len(ROWS), cols=len(HEADER))
    caption = table.cell(0, 0).merge(table.cell(0, len(HEADER) - 1))
    caption.text = "附件：整改任务清单"
    for cell, label in zip(table.rows[1].cells, HEADER):
        cell.text = label
    for r, row in enumerate(ROWS, start=2):
        for c, value in enumerate(row):
            if not (c == 5 and r == 4):
                table.cell(r, c).text = value
    table.cell(3, 5).merge(table.cell(4, 5))
    return docx_bytes(document)


def _tasks(document):
    return [t.payload for t in document.items.filter(kind="task").order_by("position")]


def test_an_annexed_docx_table_gives_one_task_per_row_with_the_importer_reading(world, media):
    document = services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                        filename="整改方案.docx", data=plan_docx())
    tasks = _tasks(document)
    assert [t["number"] for t in tasks] == ["1", "2", "3"]
    first, second, third = tasks
    assert first["problem"] == "加油站油气回收治理不到位"  # 存在问题: a header variant
    assert first["units"] == [world.units["eco"].pk, world.units["ndrc"].pk]  # 整改实施主体, lead first
    assert (first["deadline"], first["deadline_text"]) == ("2022-06-30", "2022年6月底前")  # 完成时限
    assert [s["units"] for s in second["subtasks"]] == [[world.units["ld_gov"].pk], [world.units["qt_gov"].pk]]
    assert third["deadline"] == "2022-12-31"  # the merged cell reads in every row it covers
    assert first["row"]["整改实施主体"] == "丽水市生态环境局（牵头）、市发改委"


def test_a_separate_xlsx_task_list_gives_the_tasks_and_the_page_shows_each_row(client, world, media, ledger_xlsx):
    sheet = ledger_xlsx([["丽水市整改任务清单"], ["序号", "问题", "整改目标", "整改措施", "牵头单位", "配合单位", "整改时限"],
                         ["7", "油气回收", "全面完成加油站油气回收治理", "治理", "市发改委", "丽水市生态环境局",
                          "2022年6月底前"]])
    document = services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                        filename="整改方案.txt", data=TEXT.encode(), task_list=sheet)
    (task,) = _tasks(document)
    assert (task["number"], task["sheet_row"]) == ("7", 3)
    assert task["units"] == [world.units["ndrc"].pk, world.units["eco"].pk]  # 牵头单位 leads
    client.force_login(world.users["coord"])
    page = client.get(reverse("plans:review", args=[document.pk])).content.decode()
    assert "清单原行" in page and "牵头单位：市发改委" in page


def test_a_task_list_without_a_ledger_header_is_refused_by_name(world, media, ledger_xlsx):
    with pytest.raises(ValidationError) as caught:
        services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                 filename="整改方案.txt", data=TEXT.encode(), task_list=ledger_xlsx([["甲", "乙"]]))
    assert "task_list" in caught.value.message_dict
