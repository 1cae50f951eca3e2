"""Objections: filed on the public page, entered by the office, answered (upheld → back to rectification,
dismissed → reason published), with their refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.ledger.models import TaskState
from ducha.notifications.models import Notification
from ducha.public import receipts
from ducha.signoff.actions import objections
from ducha.signoff.actions.guards import check_notice_over
from ducha.signoff.models import Answer, ApplicationState, Channel, ObjectionContact

from .notice_fixtures import notice  # noqa: F401

def _png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return out.getvalue()


PNG = _png()


def test_a_public_objection_gets_a_checkable_receipt_and_keeps_the_contact_apart(
        notice, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        objection = objections.file_objection(notice=notice, text="工地仍有扬尘，晚上偷偷施工。", name="张三",
                                              contact="13800000000",
                                              files=[SimpleUploadedFile("photo.png", PNG, "image/png")])
    assert receipts.is_valid(objection.receipt_number) and objection.receipt_number.startswith("YY-")
    assert objection.channel == Channel.PUBLIC and objection.entered_by is None
    assert ObjectionContact.objects.get(objection=objection).contact == "13800000000"
    assert objection.attachments.get().file.sha256
    entry = AuditEntry.objects.get(action="signoff.objection_file")
    assert "13800000000" not in str(entry.after) and "张三" not in str(entry.after)
    recipients = set(Notification.objects.filter(kind="signoff.objection").values_list("recipient__username",
                                                                                        flat=True))
    assert {"ld_officer", "coord"} <= recipients and "qt_officer" not in recipients


@pytest.mark.parametrize("inputs, field", [
    ({"text": "   "}, "text"),
    ({"text": "很长" * 1001}, "text"),
    ({"text": "意见", "contact": "1" * 129}, "contact"),
    ({"text": "意见", "files": [SimpleUploadedFile(f"p{i}.png", PNG) for i in range(4)]}, "files"),
    ({"text": "意见", "files": [SimpleUploadedFile("a.exe", b"MZ\x90\x00" + b"\x00" * 60)]}, "files"),
    ({"text": "意见", "files": [SimpleUploadedFile("a.docx", b"PK\x03\x04" + b"\x00" * 60)]}, "files"),
])
def test_bad_public_input_is_refused_by_field_and_nothing_is_written(notice, inputs, field):
    with pytest.raises(ValidationError) as error:
        objections.file_objection(notice=notice, **inputs)
    assert field in error.value.message_dict
    assert not notice.objections.exists()


@pytest.mark.parametrize("inputs, field, label", [
    ({"text": "😀😀😀"}, "text", "异议内容"),
    ({"text": "。。。？！"}, "text", "异议内容"),
    ({"text": "\u200b\u200b\u3164"}, "text", "异议内容"),
    ({"text": "意见", "name": "👍"}, "name", "姓名"),
    ({"text": "意见", "contact": "——"}, "contact", "联系方式"),
])
def test_an_objection_of_only_emoji_punctuation_or_blanks_is_refused_naming_the_field(notice, inputs, field,
                                                                                      label):
    with pytest.raises(ValidationError) as error:
        objections.file_objection(notice=notice, **inputs)
    assert f"{label}须包含文字或数字" in " ".join(error.value.message_dict[field])
    assert not notice.objections.exists()


def test_the_office_cannot_enter_an_objection_of_only_emoji_either(notice, world):
    with pytest.raises(ValidationError, match="异议内容须包含文字或数字"):
        objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.LETTER,
                                   text="😀😀")
    assert not notice.objections.exists()


def test_an_unreadable_attachment_is_refused_with_what_the_public_form_takes(notice):
    """A citizen's file of a kind nobody takes (here an HEIC photo) is refused with this form's own list
    (images or PDF), not the evidence list offering Word, Excel or zip files the form refuses in turn."""
    heic = SimpleUploadedFile("photo.heic", b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, "image/heic")
    with pytest.raises(ValidationError) as error:
        objections.file_objection(notice=notice, text="意见", files=[heic])
    message = " ".join(error.value.message_dict["files"])
    assert "图片或 PDF" in message and "Word" not in message and "zip" not in message
    assert not notice.objections.exists()


def test_no_public_objection_before_or_after_the_notice_period(notice):
    with pytest.raises(ValidationError, match="公示期"):
        objections.file_objection(notice=notice, text="意见", today=notice.ends_on + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        objections.file_objection(notice=notice, text="意见", today=notice.starts_on - dt.timedelta(days=1))


def test_control_characters_are_dropped_and_markup_kept_as_typed(notice):
    objection = objections.file_objection(notice=notice, text="<script>alert(1)</script>\x00\x1b[31m 问题")
    assert objection.text == "<script>alert(1)</script>[31m 问题"


def test_the_office_enters_a_letter_and_others_may_not(notice, world):
    objection = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.LETTER,
                                           text="来信反映：整改不彻底。", name="李四", contact="丽水市某街道")
    assert objection.entered_by == world.users["coord"] and objection.channel == Channel.LETTER
    for user in ("ld_officer", "wz_coord", "supervisor"):
        with pytest.raises(PermissionDenied):
            objections.enter_objection(acting_user=world.users[user], notice=notice, channel=Channel.PHONE,
                                       text="电话反映")
    with pytest.raises(ValidationError) as error:
        objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.PUBLIC,
                                   text="意见")
    assert "channel" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.EMAIL,
                                   text="意见", received_at=timezone.now() + dt.timedelta(hours=2))
    assert "received_at" in error.value.message_dict


def test_a_dismissed_objection_keeps_the_task_in_notice_and_lets_sign_off_wait_only_for_the_period(notice, world):
    objection = objections.file_objection(notice=notice, text="扬尘依旧")
    after_period = notice.ends_on + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="未答复"):
        check_notice_over(notice.application, today=after_period)
    with pytest.raises(ValidationError) as error:
        objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                    reason="  ")
    assert "reason" in error.value.message_dict
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                reason="经现场复核，扬尘系邻近工地所致，与本任务无关。")
    objection.refresh_from_db()
    assert objection.answer == Answer.DISMISSED and objection.answered_by == world.users["coord"]
    check_notice_over(notice.application, today=after_period)  # nothing left in the way
    notice.task.refresh_from_db()
    assert notice.task.state == TaskState.IN_NOTICE
    with pytest.raises(ValidationError, match="已于"):
        objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.UPHELD,
                                    reason="改判")


def test_an_upheld_objection_returns_the_task_to_rectification(notice, world, django_capture_on_commit_callbacks):
    objection = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.PHONE,
                                           text="电话反映：管网仍在渗漏。")
    with django_capture_on_commit_callbacks(execute=True):
        objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.UPHELD,
                                    reason="现场核实管网仍有渗漏。")
    notice.refresh_from_db()
    notice.task.refresh_from_db()
    notice.application.refresh_from_db()
    assert notice.task.state == TaskState.IN_PROGRESS
    assert notice.application.state == ApplicationState.FAILED
    assert notice.closed_at is not None and "退回整改" in notice.outcome
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"signoff.objection_answer", "task.uphold_objection", "signoff.uphold_objection"} <= actions
    assert Notification.objects.filter(kind="signoff.objection_answer", recipient=world.users["ld_officer"]).exists()
    with pytest.raises(ValidationError):
        objections.file_objection(notice=notice, text="再提一次")


@pytest.mark.parametrize("user", ["ld_officer", "eco_officer", "wz_coord", "supervisor", "ld_leader"])
def test_only_the_office_over_the_task_answers(notice, world, user):
    objection = objections.file_objection(notice=notice, text="意见")
    with pytest.raises(PermissionDenied):
        objections.answer_objection(acting_user=world.users[user], objection=objection, answer=Answer.DISMISSED,
                                    reason="不成立")
    objection.refresh_from_db()
    assert objection.answer is None


def test_unanswered_objections_are_on_the_offices_to_do_list(notice, world):
    from django.utils import timezone

    from ducha.notifications.todo import items_for

    objection = objections.file_objection(notice=notice, text="意见")
    today = timezone.localdate()
    mine = [i for i in items_for(world.users["coord"], today) if i.section == "objections_owed"]
    assert [i.key for i in mine] == [f"objection:{objection.pk}"] and mine[0].due == notice.ends_on
    for user in ("ld_officer", "wz_coord"):
        assert not [i for i in items_for(world.users[user], today) if i.section == "objections_owed"]
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                reason="不成立")
    assert not [i for i in items_for(world.users["coord"], today) if i.section == "objections_owed"]
