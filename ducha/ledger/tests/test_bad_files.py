"""The bad-file corpus through every way in: `ducha tasks import`, the import
page's upload preview and `POST /api/tasks/import/`.

Each file is refused with the cell or the reason named; nothing is written
(tasks, plans, audit entries counted before and after); the process that
handled it, standing in for the web worker, still answers a request; and its
own peak memory hardly grows (the parsing child carries the load).
"""

import io
import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Plan, Task

from . import badfiles

# name: (builder, what the refusal says)
CORPUS = {
    "absurd_dimension": (badfiles.absurd_dimension, "单元格 XFD1048576 超出允许范围（最多 200 列、200000 行）"),
    "huge_cell": (None, "单元格 C5 文本长 209715200 字，超过上限 32767 字"),
    "padded_cell": (badfiles.padded_cell, "单元格 B3 文本长 40000 字，超过上限 32767 字"),
    "padding_to_row_1000000": (badfiles.padding_to_row_1000000, "单元格 A1000000 超出允许范围"),
    "zip_bomb": (None, "xl/media/image1.png 解压后 300 MB，压缩比"),
    "formula_without_result": (lambda: badfiles.formulas(cached=False), "单元格 A3 是公式（=1+2），文件中没有保存它的计算结果"),
    "docx_renamed": (badfiles.docx, "不是有效的 Excel（.xlsx）文件：它是 Word 文档（.docx）"),
    "csv_renamed": (badfiles.csv_text, "它是文本（CSV）文件"),
    "html_renamed": (badfiles.html_page, "它是网页（HTML）文件"),
    "random_binary": (badfiles.random_binary, "不是有效的 Excel（.xlsx）文件"),
    "program_renamed": (badfiles.program, "它是可执行程序"),
    "truncated_zip": (badfiles.truncated, "文件不完整或已损坏"),
    "empty_file": (badfiles.empty, "空"),
}


@pytest.fixture(scope="module")
def big_files():
    """The two files that take a second to build, built once."""
    return {"huge_cell": badfiles.huge_cell(), "zip_bomb": badfiles.zip_bomb()}


@pytest.fixture
def corpus(big_files):
    def content(name):
        builder = CORPUS[name][0]
        return big_files[name] if builder is None else builder()

    return content


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _written():
    return Task.objects.count(), Plan.objects.count(), AuditEntry.objects.count()


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _still_serving(client):
    assert client.get(reverse("ledger:task_list")).status_code == 200


@pytest.mark.parametrize("name", CORPUS)
def test_the_command_refuses_and_writes_nothing(world, corpus, tmp_path, name, client):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(corpus(name))
    before, peak = _written(), _peak_mb()
    with pytest.raises(CommandError) as refused:
        call_command("tasks", "import", str(path), "--plan", "NEW-2026", "--division", "331100",
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert CORPUS[name][1] in str(refused.value)
    assert _written() == before
    assert _peak_mb() - peak < 60
    client.force_login(world.users["coord"])
    _still_serving(client)


@pytest.mark.parametrize("name", CORPUS)
def test_the_import_page_refuses_and_writes_nothing(world, corpus, client, name, media):
    client.force_login(world.users["coord"])
    upload = SimpleUploadedFile("台账.xlsx", corpus(name))
    before, peak = _written(), _peak_mb()
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload, "plan_code": "LS-2021"})
    assert response.status_code == 200
    html = response.content.decode()
    assert CORPUS[name][1] in html and 'id="confirm-import"' not in html
    assert _written() == before
    assert _peak_mb() - peak < 60
    assert "ledger_import" not in client.session
    assert not list((media / "imports").glob("*")) if (media / "imports").exists() else True
    _still_serving(client)


@pytest.mark.parametrize("name", CORPUS)
def test_the_api_refuses_and_writes_nothing(world, corpus, api, client, name):
    file = io.BytesIO(corpus(name))
    file.name = "台账.xlsx"
    before, peak = _written(), _peak_mb()
    response = api("coord").post("/api/tasks/import/", {"file": file, "plan_code": "LS-2021"}, format="multipart")
    assert response.status_code == 400
    assert CORPUS[name][1] in str(response.json())
    assert _written() == before
    assert _peak_mb() - peak < 60
    client.force_login(world.users["coord"])
    _still_serving(client)


def test_formulas_read_as_their_saved_results_never_as_formulas(world, tmp_path):
    """=1+1 reads 2, =HYPERLINK(…, "扬尘整治") reads 扬尘整治: what Excel shows, and no formula text is stored."""
    path = tmp_path / "台账.xlsx"
    path.write_bytes(badfiles.formulas(cached=True))
    call_command("tasks", "import", str(path), "--plan", "LS-2021", stdout=io.StringIO(), stderr=io.StringIO())
    task = Task.objects.get(plan__code="LS-2021", number="2")
    assert task.problem.description == "扬尘整治" and task.measures == "扬尘整治行动"
    assert not Task.objects.filter(measures__contains="HYPERLINK").exists()


def test_formatted_empty_rows_down_to_row_1000000_are_not_refused(world, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(badfiles.empty_rows_to_row_1000000())
    out = io.StringIO()
    call_command("tasks", "import", str(path), "--plan", "LS-2021", "--dry-run", stdout=out, stderr=io.StringIO())
    assert "预检通过（未写入）：新增 1" in out.getvalue()
