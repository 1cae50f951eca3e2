"""An objection reaches the unit it accuses only as the public reads it: the office over the task reads it
as written, with its attachments; the responsible unit (and other readers) read the text and the answer
masked, without attachments — on the pages, through the API and in the case file (信访条例: an accuser's
letter is not passed to those accused)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from ducha.signoff.actions import objections
from ducha.signoff.models import Answer, Channel

from .notice_fixtures import notice  # noqa: F401
from .test_objections import PNG

LETTER = "来信人张三，电话13812345678，身份证号330102199001011234，反映工地夜间仍在施工。"


@pytest.fixture
def objection(notice, world):
    made = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.LETTER,
                                      text=LETTER, name="张三", contact="13812345678",
                                      files=[SimpleUploadedFile("来信扫描.png", PNG, "image/png")])
    objections.answer_objection(acting_user=world.users["coord"], objection=made, answer=Answer.DISMISSED,
                                reason="经核实，来信人（13812345678）反映的施工已于当日停止。")
    made.refresh_from_db()
    return made


def _page(client, world, who, url):
    client.force_login(world.users[who])
    return client.get(url)


def test_the_office_reads_the_letter_as_written_with_its_attachment(client, world, objection):
    html = _page(client, world, "coord", f"/signoff/objections/{objection.pk}/").content.decode()
    assert "13812345678" in html and "330102199001011234" in html and "来信扫描.png" in html
    file_id = objection.attachments.get().file_id
    assert client.get(f"/signoff/objections/{objection.pk}/files/{file_id}/").status_code == 200


def test_the_accused_unit_reads_it_masked_and_cannot_fetch_the_attachment(client, world, objection):
    for url in (f"/signoff/objections/{objection.pk}/", "/signoff/objections/"):
        response = _page(client, world, "ld_officer", url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "13812345678" not in html and "330102199001011234" not in html and "张三" not in html, url
    assert "来信扫描.png" not in _page(client, world, "ld_officer", f"/signoff/objections/{objection.pk}/").content.decode()
    file_id = objection.attachments.get().file_id
    assert client.get(f"/signoff/objections/{objection.pk}/files/{file_id}/").status_code == 404


def test_the_api_gives_the_unit_the_masked_text_and_no_attachments(world, objection):
    def row(who):
        api = APIClient()
        api.force_authenticate(world.users[who])
        return api.get(f"/api/objections/{objection.pk}/").json()

    office, unit = row("coord"), row("ld_officer")
    assert office["text"] == LETTER and len(office["attachments"]) == 1
    assert "13812345678" not in unit["text"] and "330102199001011234" not in unit["text"]
    assert "13812345678" not in unit["answer_reason"]
    assert unit["attachments"] == [] and unit["contact"] is None


def test_the_case_file_holds_the_objections_attachments_for_the_office_only(client, world, objection, notice):
    def names(who):
        response = _page(client, world, who, f"/signoff/task/{notice.task_id}/case-file.zip")
        assert response.status_code == 200
        return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()

    assert any(name.startswith("异议附件/") for name in names("coord"))
    assert not any(name.startswith("异议附件/") for name in names("ld_officer"))


def test_the_objectors_own_name_is_masked_wherever_the_text_repeats_it(client, world, notice):
    """我是李明… names its writer without a role word; the name they left (apart from the text) finds it,
    for the accused unit, through the API, on the public notice and in the receipt lookup."""
    made = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.PHONE,
                                      text="我是李明，住在工地北侧，李明家每晚都被渣土车吵醒。", name="李明",
                                      contact="liming_ls")
    objections.answer_objection(acting_user=world.users["coord"], objection=made, answer=Answer.DISMISSED,
                                reason="已与李明（liming_ls）核实，渣土车属另案。")
    shown = [_page(client, world, "ld_officer", f"/signoff/objections/{made.pk}/").content.decode(),
             _page(client, world, "ld_officer", "/signoff/objections/").content.decode()]
    api = APIClient()
    api.force_authenticate(world.users["ld_officer"])
    unit = api.get(f"/api/objections/{made.pk}/").json()
    shown.append(unit["text"] + unit["answer_reason"])
    client.logout()
    shown.append(client.get(f"/public/notices/{notice.pk}/").content.decode())
    shown.append(client.get("/public/receipt/", {"number": made.receipt_number}).content.decode())
    for text in shown:
        assert "李明" not in text and "liming_ls" not in text
    assert unit["text"] == "我是李某，住在工地北侧，李某家每晚都被渣土车吵醒。"
    assert "李某家每晚" in shown[-2] and "李某家每晚" in shown[-1]
