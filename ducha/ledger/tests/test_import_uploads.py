"""Import uploads: the size cap on every way in, the parsing child as the last
line of defence, and pending uploads kept through storage and cleaned up."""

import datetime as dt
import io
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from ducha.core import sandbox
from ducha.ledger.importing import sheet
from ducha.ledger.importing.uploads import cleanup_abandoned_uploads
from ducha.ledger.models import Task

from . import badfiles


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def one_megabyte_cap(settings):
    settings.DUCHA_MAX_UPLOAD_MB = 1


def over_the_cap() -> bytes:
    """A good ledger padded past 1 MB with an incompressible picture."""
    out = io.BytesIO(badfiles.good())
    import zipfile

    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as z:
        z.writestr("xl/media/image1.png", os.urandom(1024 * 1024 + 1000))
    return out.getvalue()


def test_calamine_crashing_on_the_absurd_file_costs_the_child_not_the_worker():
    """Without the pre-check, python-calamine aborts on XFD1048576; the sandbox turns that into a refusal."""
    with pytest.raises(sandbox.SandboxFailed, match="文件解析超出内存或时间限制，已拒绝"):
        sandbox.run(sheet._read, badfiles.absurd_dimension())
    assert sheet.read_grid(badfiles.good())[1][0] == "1"


def test_the_page_refuses_an_upload_over_the_cap_and_stores_nothing(world, client, one_megabyte_cap, media):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"), {
        "action": "preview", "plan_code": "LS-2021", "file": SimpleUploadedFile("台账.xlsx", over_the_cap())})
    html = response.content.decode()
    assert response.status_code == 200 and "文件超过上限 1 MB，已拒绝。" in html
    assert "该字段是必填项" not in html and "ledger_import" not in client.session
    assert not (media / "imports").exists() or not list((media / "imports").iterdir())


def test_the_api_refuses_an_upload_over_the_cap(world, api, one_megabyte_cap):
    file = io.BytesIO(over_the_cap())
    file.name = "台账.xlsx"
    response = api("coord").post("/api/tasks/import/", {"file": file, "plan_code": "LS-2021"}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"file": ["文件超过上限 1 MB，已拒绝。"]}
    assert not Task.objects.exists()


def test_the_command_checks_the_size_before_reading(world, tmp_path, one_megabyte_cap):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(over_the_cap())
    with pytest.raises(CommandError, match=r"文件大小 1\.0 MB，超过上限 1 MB"):
        call_command("tasks", "import", str(path), "--plan", "LS-2021", stdout=io.StringIO())


def test_a_pending_upload_lives_in_storage_until_confirmed(world, client, media):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"), {
        "action": "preview", "plan_code": "LS-2021", "file": SimpleUploadedFile("台账.xlsx", badfiles.good())})
    assert 'id="confirm-import"' in response.content.decode()
    token = client.session["ledger_import"]["token"]
    assert default_storage.exists(f"imports/{token}.xlsx")
    client.post(reverse("ledger:task_import"), {"action": "confirm", "token": token})
    assert Task.objects.filter(number="1").exists()
    assert not default_storage.exists(f"imports/{token}.xlsx")


def _age(name, hours):
    path = default_storage.path(name)
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_abandoned_uploads_are_cleaned_up(world, client, media):
    from django.core.files.base import ContentFile

    for token, hours in [("a" * 32, 30), ("b" * 32, 2)]:
        default_storage.save(f"imports/{token}.xlsx", ContentFile(b"x"))
        _age(f"imports/{token}.xlsx", hours)
    assert cleanup_abandoned_uploads(dt.timedelta(hours=24)) == 1
    assert default_storage.listdir("imports")[1] == ["b" * 32 + ".xlsx"]
    out = io.StringIO()
    call_command("imports", "cleanup", "--older-than", "1", stdout=out)
    assert "已删除 1 个" in out.getvalue() and default_storage.listdir("imports")[1] == []
    # A preview abandoned meanwhile: its confirmation later says the preview expired.
    client.force_login(world.users["coord"])
    client.post(reverse("ledger:task_import"), {
        "action": "preview", "plan_code": "LS-2021", "file": SimpleUploadedFile("台账.xlsx", badfiles.good())})
    token = client.session["ledger_import"]["token"]
    call_command("imports", "cleanup", "--older-than", "0", stdout=io.StringIO())
    response = client.post(reverse("ledger:task_import"), {"action": "confirm", "token": token}, follow=True)
    assert "导入预览已失效，请重新上传文件。" in response.content.decode() and not Task.objects.exists()


def test_cleanup_without_any_upload_yet(db):
    assert cleanup_abandoned_uploads(dt.timedelta(hours=24)) == 0
