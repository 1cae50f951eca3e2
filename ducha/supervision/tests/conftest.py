import datetime as dt

import pytest

from ducha.ledger.tests.conftest import api  # noqa: F401 - `api("coord")`, a REST client as a world user




@pytest.fixture
def tasks(world, make_task):
    """A 莲都区 task (lead unit 莲都区人民政府) and a 青田县 one (青田县人民政府)."""
    return {
        "ld": make_task(units=("ld_gov",), division="ld", number="L1", target="莲都区餐饮油烟整治"),
        "qt": make_task(units=("qt_gov",), division="qt", number="Q1", target="青田县矿山生态修复"),
    }


@pytest.fixture
def letter(world, tasks):
    """`letter("ld", state="issued")`: a 专函督办 of the 丽水 office to the county government of the task."""
    from ducha.supervision import actions

    def make(key, state="draft", kind="letter", reply_by=dt.date(2030, 1, 31)):
        record = actions.create_supervision(
            acting_user=world.users["coord"], kind=kind, unit=world.units[f"{key}_gov"], tasks=[tasks[key]],
            required="请于期限内完成整改并书面报告。", reason="连续两次黄色预警", reply_by=reply_by)
        if state in ("issued", "replied", "listed"):
            record = actions.issue(acting_user=world.users["coord"], record=record)
        if state == "replied":
            actions.reply(acting_user=world.users[f"{key}_officer"], record=record, text="已整改到位。")
            record.refresh_from_db()
        return record

    return make


@pytest.fixture
def flag(world, tasks):
    from ducha.supervision import actions

    def make(key, note="报送进度与现场不符"):
        return actions.flag_task(acting_user=world.users["supervisor"], task=tasks[key], note=note)

    return make


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return lambda name="现场照片.png": SimpleUploadedFile(name, PNG, content_type="image/png")
