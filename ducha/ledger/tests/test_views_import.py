"""The import page: upload → preview (dry run) → confirm, with a stand-in importer."""

import sys
import types
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


@dataclass
class Problem:
    row: int
    column: str
    reason: str


@dataclass
class Report:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


@pytest.fixture
def importer(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    calls = []

    def import_ledger(*, acting_user, plan_code, file, dry_run, create_units):
        content = file.read()
        calls.append({"user": acting_user.username, "plan_code": plan_code, "content": content,
                      "dry_run": dry_run, "create_units": create_units})
        if b"bad" in content:
            return Report(errors=[Problem(7, "整改时限", "无法识别的日期“明年”")])
        return Report(created=2, updated=1, rows=[{"序号": "1", "牵头单位": "丽水市生态环境局", "操作": "新增"}])

    module = types.ModuleType("ducha.ledger.importing")
    module.import_ledger = import_ledger
    monkeypatch.setitem(sys.modules, "ducha.ledger.importing", module)
    return calls


def upload(content=b"xlsx-bytes", name="台账.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_only_task_creators_see_the_import_page(client, world):
    for username, status in [("coord", 200), ("admin", 200), ("ld_officer", 403), ("supervisor", 403)]:
        client.force_login(world.users[username])
        assert client.get(reverse("ledger:task_import")).status_code == status, username


def test_preview_then_confirm(client, world, importer, tmp_path):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(), "plan_code": "LS-2021", "create_units": "on"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="confirm-import"' in html and "丽水市生态环境局" in html
    assert importer[-1] == {"user": "coord", "plan_code": "LS-2021", "content": b"xlsx-bytes", "dry_run": True,
                            "create_units": True}
    token = client.session["ledger_import"]["token"]
    assert (tmp_path / "imports" / f"{token}.xlsx").exists()
    response = client.post(reverse("ledger:task_import"), {"action": "confirm", "token": token})
    assert response.status_code == 302 and "plan_code=LS-2021" in response["Location"]
    assert importer[-1]["dry_run"] is False and importer[-1]["content"] == b"xlsx-bytes"
    assert not (tmp_path / "imports" / f"{token}.xlsx").exists()
    assert "ledger_import" not in client.session


def test_preview_lists_every_error_with_row_and_column(client, world, importer):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(b"bad"), "plan_code": "LS-2021"})
    html = response.content.decode()
    assert 'id="import-errors"' in html and "无法识别的日期“明年”" in html and "整改时限" in html
    assert 'id="confirm-import"' not in html


def test_confirm_needs_the_token_of_this_session(client, world, importer):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"), {"action": "confirm", "token": "0" * 32}, follow=True)
    assert "导入预览已失效" in response.content.decode()
    assert not importer


def test_only_xlsx_is_accepted(client, world, importer):
    client.force_login(world.users["coord"])
    response = client.post(reverse("ledger:task_import"),
                           {"action": "preview", "file": upload(name="台账.csv"), "plan_code": "LS-2021"})
    assert "file" in response.context["form"].errors and not importer
