"""Upload → decide → confirm, through the services, with the reader's parse
given as a sample (the end-to-end test uses the real reader)."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Plan, Task
from ducha.plans import services
from ducha.plans.models import Decision, DocumentState, ExtractedItem, PlanDocument
from ducha.quality.models import IndicatorTarget

from .review_samples import PARSE, TEXT, document, reader  # noqa: F401 (fixtures)


def _items(document, kind):
    return list(document.items.filter(kind=kind).order_by("position"))


def _accept_all(user, document):
    for item in document.items.filter(kind__in=("task", "target")):
        services.decide_item(acting_user=user, item=item, decision=Decision.ACCEPTED)


def test_upload_stores_the_file_and_proposes_tasks_with_matched_units(world, document):
    u = world.units
    assert document.sha256 == hashlib.sha256(b"plan bytes").hexdigest()
    assert document.file.read() == b"plan bytes"
    assert document.state == DocumentState.PENDING and document.text == TEXT
    tasks = _items(document, "task")
    assert [t.payload["units"] for t in tasks] == [
        [u["eco"].pk, u["ndrc"].pk, u["ld_gov"].pk], [u["ld_gov"].pk, u["eco"].pk], [u["office"].pk]]
    assert len(_items(document, "target")) == 2
    entry = AuditEntry.objects.get(action="upload")
    assert entry.object_id == str(document.pk) and entry.after["items"] == document.items.count()


def test_uploading_the_same_file_again_returns_the_same_document(world, document):
    again = services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                     filename="副本.docx", data=b"plan bytes")
    assert again.pk == document.pk and PlanDocument.objects.count() == 1


@pytest.mark.parametrize("username", ["ld_officer", "supervisor", "ld_leader", "wz_coord"])
def test_only_a_coordinator_of_the_division_may_upload(world, reader, username):
    with pytest.raises(PermissionDenied):
        services.upload_document(acting_user=world.users[username], division=world.div["ls"],
                                 filename="a.docx", data=b"x")
    assert not PlanDocument.objects.exists()


def test_an_unreadable_file_is_refused_and_nothing_is_stored(world, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def broken(data, filename):
        raise KeyError("word/document.xml")

    monkeypatch.setattr(services, "read_document", broken)
    with pytest.raises(ValidationError) as error:
        services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                 filename="坏文件.docx", data=b"PK\x03\x04 garbage")
    assert "坏文件.docx" in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        services.upload_document(acting_user=world.users["coord"], division=world.div["ls"],
                                 filename="plan.xlsx", data=b"x")
    assert not PlanDocument.objects.exists() and not ExtractedItem.objects.exists()
    assert not list(tmp_path.rglob("*.docx"))


def test_nothing_enters_the_ledger_before_confirmation(world, document):
    _accept_all(world.users["coord"], document)
    assert Task.objects.count() == 0 and IndicatorTarget.objects.count() == 0
    document.refresh_from_db()
    assert document.state == DocumentState.REVIEWING


def test_decisions_are_audited_and_edits_are_validated(world, document):
    coord = world.users["coord"]
    first = _items(document, "task")[0]
    services.decide_item(acting_user=coord, item=first, decision=Decision.EDITED,
                         values={"deadline": "2022-09-30", "units": [world.units["ndrc"].pk]})
    first.refresh_from_db()
    assert first.decision == Decision.EDITED and first.decided["deadline"] == "2022-09-30"
    assert first.decided_by == coord and first.decided_at is not None
    entry = AuditEntry.objects.filter(action="decide").last()
    assert entry.before["decision"] == "pending" and entry.after["decision"] == "edited"
    with pytest.raises(ValidationError) as error:
        services.decide_item(acting_user=coord, item=first, decision=Decision.EDITED,
                             values={"deadline": "2022-13-01", "units": [world.units["wz_eco"].pk]})
    assert set(error.value.message_dict) == {"deadline", "units"}
    target = _items(document, "target")[0]
    with pytest.raises(ValidationError) as error:
        services.decide_item(acting_user=coord, item=target, decision=Decision.EDITED,
                             values={"value": "二十四", "year": ""})
    assert set(error.value.message_dict) == {"value", "year"}
    first.refresh_from_db()
    assert first.decided["deadline"] == "2022-09-30"  # the refused edit changed nothing


def test_a_task_without_a_known_unit_cannot_be_accepted_as_is(world, document):
    item = _items(document, "task")[0]
    item.payload["units"] = []
    item.save()
    with pytest.raises(ValidationError, match="丽水市生态环境局"):
        services.decide_item(acting_user=world.users["coord"], item=item, decision=Decision.ACCEPTED)


@pytest.mark.parametrize("username", ["ld_leader", "supervisor", "wz_coord", "ld_officer"])
def test_others_may_not_decide_or_confirm(world, document, username):
    item = _items(document, "task")[0]
    with pytest.raises(PermissionDenied):
        services.decide_item(acting_user=world.users[username], item=item, decision=Decision.REJECTED)
    with pytest.raises(PermissionDenied):
        services.confirm(acting_user=world.users[username], document=document)
    assert Plan.objects.count() == 1


def test_confirm_creates_the_plan_tasks_and_targets_once(world, document):
    coord, u = world.users["coord"], world.units
    tasks, targets = _items(document, "task"), _items(document, "target")
    services.decide_item(acting_user=coord, item=tasks[0], decision=Decision.EDITED,
                         values={"deadline": "2022-09-30", "number": "9"})
    services.decide_item(acting_user=coord, item=tasks[1], decision=Decision.ACCEPTED)
    services.decide_item(acting_user=coord, item=tasks[2], decision=Decision.REJECTED)
    services.decide_item(acting_user=coord, item=targets[0], decision=Decision.ACCEPTED)
    services.decide_item(acting_user=coord, item=targets[1], decision=Decision.REJECTED)

    result = services.confirm(acting_user=coord, document=document)

    plan = result["plan"]
    assert plan.title == PARSE["title"] and plan.issued_on == dt.date(2021, 9, 30)
    assert plan.division == world.div["ls"]
    created = list(Task.objects.filter(plan=plan).order_by("id"))
    assert [(t.number, t.deadline, t.category, t.lead_unit) for t in created] == [
        ("9", dt.date(2022, 9, 30), "by_deadline", u["eco"]), ("四（一）2", None, "immediate", u["ld_gov"])]
    assert created[0].ordered_units() == [u["eco"], u["ndrc"], u["ld_gov"]]
    (target,) = IndicatorTarget.objects.filter(plan=plan)
    assert (target.indicator, target.comparator, str(target.value), target.year, target.region) == (
        "pm25_mean", "<", "24.0000", 2021, "市区")
    document.refresh_from_db()
    assert document.state == DocumentState.DONE and document.plan == plan
    assert AuditEntry.objects.filter(action="confirm", object_id=str(document.pk)).count() == 1
    assert AuditEntry.objects.filter(action="task.create", object_type="ledger.task").count() == 2

    again = services.confirm(acting_user=coord, document=document)
    assert again["tasks"] == [] and again["targets"] == [] and again["plan"] == plan
    assert Task.objects.filter(plan=plan).count() == 2 and IndicatorTarget.objects.count() == 1
    assert Plan.objects.count() == 2
    with pytest.raises(ValidationError, match="已写入台账"):
        services.decide_item(acting_user=coord, item=tasks[0], decision=Decision.REJECTED)


def test_confirming_with_nothing_accepted_creates_no_plan(world, document):
    with pytest.raises(ValidationError, match="还没有采纳"):
        services.confirm(acting_user=world.users["coord"], document=document)
    assert Plan.objects.count() == 1


def test_confirm_into_an_existing_plan_refuses_a_taken_number_and_writes_nothing(world, document, make_task):
    make_task(number="9")
    coord = world.users["coord"]
    item = _items(document, "task")[0]
    services.decide_item(acting_user=coord, item=item, decision=Decision.EDITED, values={"number": "9"})
    target = _items(document, "target")[0]
    services.decide_item(acting_user=coord, item=target, decision=Decision.ACCEPTED)
    with pytest.raises(ValidationError, match="序号“9”"):
        services.confirm(acting_user=coord, document=document, plan=world.plan)
    assert Task.objects.count() == 1 and IndicatorTarget.objects.count() == 0
    document.refresh_from_db()
    assert document.plan is None and document.state == DocumentState.REVIEWING


def test_accept_remaining_targets_leaves_incomplete_ones_undecided(world, document):
    coord = world.users["coord"]
    first, second = _items(document, "target")
    second.payload["indicator"] = "某新指标"
    second.save()
    assert services.accept_remaining_targets(acting_user=coord, document=document) == (1, 1)
    first.refresh_from_db(), second.refresh_from_db()
    assert first.decision == Decision.ACCEPTED and second.decision == Decision.PENDING


def test_unit_names_match_names_short_names_aliases_and_common_spellings(world):
    from ducha.plans.services import unit_index

    index = unit_index(world.div["ls"])
    u = world.units
    assert index.match("丽水市生态环境局") == u["eco"].pk
    assert index.match("市生态环境局") == u["eco"].pk
    assert index.match("市发改委") == u["ndrc"].pk  # an alias
    assert index.match("莲都区政府") == u["ld_gov"].pk
    assert index.match("生态环境局") is None  # several units could be meant
    assert index.match("温州市生态环境局") is None  # another city's unit
    assert index.match("市林业局") is None
