"""The import page drives the real importer: upload → preview (dry run) → confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.ledger.models import Task

HEAD = ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload(content, name="台账.xlsx"):
    return SimpleUploadedFile(name, content,
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_only_task_creators_see_the_import_page(client, world):
    for username, status in [("coord", 200), ("admin", 200), ("ld_officer", 403), ("supervisor", 403)]:
        client.force_login(world.users[username])
        assert client.get(reverse("ledger:task_import")).status_code == status, username


def test_preview_then_confirm(client, world, ledger_xlsx, media):
    client.force_login(world.users["coord"])
    content = ledger_xlsx([["整改任务清单"], HEAD,
                           ["1", "扬尘", "扬尘整改到位", "专项整治", "市生态环境局、各县（市、区）党委和政府", "2021年12月底前"]])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(content), "plan_code": "LS-2021"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirm-import"' in html and 'id="import-rows"' in html
    assert "新增 3" in html and "1-2" in html and "青田县人民政府" in html
    assert not Task.objects.exists()  # the preview writes nothing
    token = client.session["ledger_import"]["token"]
    assert (media / "imports" / f"{token}.xlsx").exists()
    response = client.post(reverse("ledger:task_import"), {"action": "confirm", "token": token})
    assert response.status_code == 302 and "plan_code=LS-2021" in response["Location"]
    assert sorted(Task.objects.values_list("number", flat=True)) == ["1", "1-1", "1-2"]
    assert not (media / "imports" / f"{token}.xlsx").exists()
    assert "ledger_import" not in client.session


def test_preview_lists_every_error_with_row_and_column(client, world, ledger_xlsx):
    client.force_login(world.users["coord"])
    content = ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "明年"],
                           ["2", "污水", "污水整改到位", "整治", "丽水市未知局", "2022年6月"]])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(content), "plan_code": "LS-2021"})
    html = response.content.decode()
    assert 'id="import-errors"' in html and "无法识别的整改时限“明年”" in html and "整改时限" in html
    assert "未知单位“丽水市未知局”" in html
    assert 'id="confirm-import"' not in html and not Task.objects.exists()


def test_create_units_option_reaches_the_importer(client, world, ledger_xlsx):
    client.force_login(world.users["coord"])
    content = ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市城市管理局", "2022年6月"]])
    client.post(reverse("ledger:task_import"),
                {"action": "preview", "file": upload(content), "plan_code": "LS-2021", "create_units": "on"})
    client.post(reverse("ledger:task_import"), {"action": "confirm", "token": client.session["ledger_import"]["token"]})
    assert Task.objects.get(number="1").lead_unit.name == "丽水市城市管理局"


def test_a_file_that_is_not_a_ledger_is_a_form_error(client, world, ledger_xlsx):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(b"PK-not-really"), "plan_code": "LS-2021"})
    assert "不是有效的 Excel" in response.content.decode() and "ledger_import" not in client.session
    response = client.post(reverse("ledger:task_import"), {
        "action": "preview", "file": upload(ledger_xlsx([["名称", "数量"]])), "plan_code": "LS-2021"})
    assert "没有找到表头行" in response.content.decode()


def test_confirm_needs_the_token_of_this_session(client, world):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"), {"action": "confirm", "token": "0" * 32}, follow=True)
    assert "导入预览已失效" in response.content.decode()
    assert not Task.objects.exists()


def test_only_xlsx_is_accepted(client, world, ledger_xlsx):
    client.force_login(world.users["coord"])
    content = ledger_xlsx([HEAD, ["1", "扬尘", "扬尘整改到位", "整治", "丽水市生态环境局", "2022年6月"]])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(content, name="台账.csv"), "plan_code": "LS-2021"})
    assert "file" in response.context["form"].errors and "ledger_import" not in client.session
