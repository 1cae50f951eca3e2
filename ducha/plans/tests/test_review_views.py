"""The review pages as a coordinator (and others) use them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.ledger.models import Task
from ducha.plans import services
from ducha.plans.models import Decision, PlanDocument

from .review_samples import PARSE, PM25, TEXT, document, reader  # noqa: F401 (fixtures)


def _login(client, world, username="coord"):
    client.force_login(world.users[username])
    return client


def test_upload_of_a_bad_file_shows_a_form_error(client, world, reader):
    _login(client, world)
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("台账.xlsx", b"PK\x03\x04"), "division": world.div["ls"].pk})
    assert response.status_code == 200
    assert "不支持的文件类型" in response.content.decode()
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("空.docx", b""), "division": world.div["ls"].pk})
    assert "提交的是空文件" in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_upload_of_an_unreadable_docx_names_the_file(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _login(client, world)
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("损坏.docx", b"this is not a zip archive"), "division": world.div["ls"].pk})
    assert response.status_code == 200
    assert "无法读取文件“损坏.docx”" in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_upload_leads_to_the_review_page(client, world, reader):
    _login(client, world)
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("方案.txt", TEXT.encode()), "division": world.div["ls"].pk})
    document = PlanDocument.objects.get()
    assert response.status_code == 302 and response.url == reverse("plans:review", args=[document.pk])
    assert document.uploaded_by == world.users["coord"]


def test_review_page_highlights_every_item_at_its_source(client, world, document):
    html = _login(client, world).get(reverse("plans:review", args=[document.pk])).content.decode()
    target = document.items.filter(kind="target").first()
    marks = re.findall(r'<mark class="hl hl-(\w+)" data-items="([\d ]+)" data-item="(\d+)">([^<]*)</mark>', html)
    assert marks
    covering = "".join(text for kind, ids, inner, text in marks if str(target.pk) in ids.split())
    assert covering == PM25
    for item in document.items.all():
        assert f'id="item-{item.pk}"' in html
        assert any(str(item.pk) in ids.split() for _, ids, _, _ in marks), item
    # The whole cleaned text is on the page, once.
    plain = re.sub(r"<[^>]+>", "", html.split('id="plan-text">')[1].split("</div>")[0])
    assert plain == TEXT
    assert "市发改委" in html and "plans/review.js" in html


def test_a_coordinator_of_another_city_gets_404(client, world, document):
    _login(client, world, "wz_coord")
    assert client.get(reverse("plans:review", args=[document.pk])).status_code == 404
    item = document.items.first()
    assert client.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                       {"decision": "accepted", "version": item.version}).status_code == 404
    assert client.post(reverse("plans:confirm", args=[document.pk])).status_code == 404
    assert document.title not in client.get(reverse("plans:document_list")).content.decode()


def test_a_leader_may_look_but_not_decide(client, world, document):
    world.users["ld_leader"].scope = world.div["ls"]
    world.users["ld_leader"].save()
    _login(client, world, "ld_leader")
    html = client.get(reverse("plans:review", args=[document.pk])).content.decode()
    assert "plan-text" in html and "item-controls" not in html
    item = document.items.first()
    assert client.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                       {"decision": "accepted", "version": item.version}).status_code == 403


def test_edit_form_validates_and_accepts_with_the_edited_values(client, world, document):
    _login(client, world)
    item = document.items.filter(kind="task").first()
    url = reverse("plans:item_edit", args=[document.pk, item.pk])
    assert "丽水市发展和改革委员会" in client.get(url).content.decode()
    response = client.post(url, {"category": "by_deadline", "deadline": "", "target": "x",
                                 "lead_unit": world.units["eco"].pk})
    assert response.status_code == 200 and "限期整改任务必须有整改时限" in response.content.decode()
    response = client.post(url, {"category": "by_deadline", "deadline": "2022-10-31", "target": "治理油气回收",
                                 "lead_unit": world.units["ndrc"].pk, "co_units": [world.units["eco"].pk],
                                 "version": item.version})
    assert response.status_code == 302 and response.url.endswith(f"#item-{item.pk}")
    item.refresh_from_db()
    assert item.decision == Decision.EDITED
    assert item.decided["units"] == [world.units["ndrc"].pk, world.units["eco"].pk]
    assert item.decided["deadline"] == "2022-10-31"


def test_edit_form_names_a_unit_id_no_database_stores(client, world, document):
    _login(client, world)
    item = document.items.filter(kind="task").first()
    response = client.post(reverse("plans:item_edit", args=[document.pk, item.pk]),
                           {"category": "long_term", "target": "x", "lead_unit": world.units["eco"].pk,
                            "co_units": ["99999999999999999999"]})
    assert response.status_code == 200 and "co_units" in response.context["form"].errors
    item.refresh_from_db()
    assert item.decision == Decision.PENDING


def test_accepting_a_task_with_unmatched_units_sends_to_the_edit_form(client, world, document):
    _login(client, world)
    item = document.items.filter(kind="task").first()
    item.payload["units"] = [None]
    item.save()
    response = client.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                           {"decision": "accepted", "version": item.version})
    assert response.url == reverse("plans:item_edit", args=[document.pk, item.pk])
    item.refresh_from_db()
    assert item.decision == Decision.PENDING


def test_bulk_accept_then_confirm_page_shows_what_will_be_created(client, world, document):
    _login(client, world)
    client.post(reverse("plans:accept_targets", args=[document.pk]))
    assert document.items.filter(kind="target", decision=Decision.ACCEPTED).count() == 2
    task = document.items.filter(kind="task").first()
    client.post(reverse("plans:item_decide", args=[document.pk, task.pk]),
                {"decision": "accepted", "version": task.version})
    html = client.get(reverse("plans:confirm", args=[document.pk])).content.decode()
    assert "将新建整改任务 1 项" in html and "将新建指标目标 2 个" in html
    assert "丽水市生态环境局（牵头）" in html and PARSE["title"] in html
    response = client.post(reverse("plans:confirm", args=[document.pk]), {"plan": ""})
    assert response.status_code == 302
    (created,) = Task.objects.exclude(plan=world.plan)
    assert response.url == reverse("ledger:plan_detail", args=[created.plan_id])
    assert created.lead_unit == world.units["eco"]
    html = client.get(reverse("plans:review", args=[document.pk])).content.decode()
    assert "已写入" in html


def test_an_officer_gets_no_upload_form_and_cannot_post_one(client, world, reader):
    _login(client, world, "ld_officer")
    html = client.get(reverse("plans:document_list")).content.decode()
    assert 'id="upload-form"' not in html
    response = client.post(reverse("plans:document_list"), {
        "file": SimpleUploadedFile("方案.txt", TEXT.encode()), "division": world.div["ls"].pk})
    assert response.status_code == 403 and not PlanDocument.objects.exists()


def test_confirm_into_a_chosen_existing_plan(client, world, document):
    _login(client, world)
    task = document.items.filter(kind="task").first()
    client.post(reverse("plans:item_decide", args=[document.pk, task.pk]),
                {"decision": "accepted", "version": task.version})
    html = client.get(reverse("plans:confirm", args=[document.pk])).content.decode()
    assert world.plan.title in html  # offered as a plan to write into
    response = client.post(reverse("plans:confirm", args=[document.pk]), {"plan": world.plan.pk})
    assert response.url == reverse("ledger:plan_detail", args=[world.plan.pk])
    (created,) = Task.objects.all()
    assert created.plan == world.plan and created.number == "四（一）1"
    document.refresh_from_db()
    assert document.plan == world.plan


def _edit_form(client, url):
    """The edit form as a reviewer's browser holds it: its fields and the version it was read at."""
    page = client.get(url).content.decode()
    return int(re.search(r'name="version" value="(\d+)"', page).group(1))


def test_an_edit_saved_from_a_stale_form_is_refused_and_keeps_the_other_reviewers_values(world, document):
    from django.test import Client

    first, second = _login(Client(), world), _login(Client(), world, "admin")
    item = document.items.filter(kind="task").first()
    url = reverse("plans:item_edit", args=[document.pk, item.pk])
    read_by_first, read_by_second = _edit_form(first, url), _edit_form(second, url)
    values = {"category": "by_deadline", "deadline": "2022-10-31", "lead_unit": world.units["ndrc"].pk}
    assert second.post(url, {**values, "target": "第二位审核人的目标", "version": read_by_second}).status_code == 302

    response = first.post(url, {**values, "target": "第一位审核人的目标", "version": read_by_first})
    assert response.status_code == 200
    assert "该提取项已被他人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.decided["target"] == "第二位审核人的目标"
    # The refused form keeps what the first reviewer typed and now carries the current version: saving
    # again applies it, knowingly.
    assert "第一位审核人的目标" in response.content.decode()
    current = int(re.search(r'name="version" value="(\d+)"', response.content.decode()).group(1))
    assert first.post(url, {**values, "target": "第一位审核人的目标", "version": current}).status_code == 302
    item.refresh_from_db()
    assert item.decided["target"] == "第一位审核人的目标"


def test_accepting_from_a_stale_review_page_does_not_undo_another_reviewers_edit(world, document):
    from django.test import Client

    first, second = _login(Client(), world), _login(Client(), world, "admin")
    item = document.items.filter(kind="task").first()
    review = first.get(reverse("plans:review", args=[document.pk])).content.decode()
    read = re.search(rf'/items/{item.pk}/decide/".*?name="version" value="(\d+)"', review, re.S)
    read = int(read.group(1))
    url = reverse("plans:item_edit", args=[document.pk, item.pk])
    assert second.post(url, {"category": "by_deadline", "deadline": "2022-10-31", "target": "改过的目标",
                             "lead_unit": world.units["ndrc"].pk, "version": _edit_form(second, url)}).status_code == 302

    response = first.post(reverse("plans:item_decide", args=[document.pk, item.pk]),
                          {"decision": "accepted", "version": read}, follow=True)
    assert "该提取项已被他人修改" in response.content.decode()
    item.refresh_from_db()
    assert item.decision == Decision.EDITED and item.decided["target"] == "改过的目标"


def test_a_proposed_date_outside_the_official_range_is_refused_naming_the_field(client, world, document):
    """A plan task's 整改时限 edited to 0001-01-01 was accepted into the review."""
    _login(client, world)
    item = document.items.filter(kind="task").first()
    url = reverse("plans:item_edit", args=[document.pk, item.pk])
    response = client.post(url, {"category": "by_deadline", "deadline": "0001-01-01", "target": "治理油气回收",
                                 "lead_unit": world.units["ndrc"].pk, "version": item.version})
    assert response.status_code == 200 and "整改时限应在 2000-01-01 至 2100-12-31 之间。" in response.content.decode()
    item.refresh_from_db()
    assert item.decision != Decision.EDITED


def test_a_decision_posted_without_the_version_is_refused(client, world, document):
    _login(client, world)
    item = document.items.filter(kind="task").first()
    page = client.post(reverse("plans:item_decide", args=[document.pk, item.pk]), {"decision": "rejected"},
                       follow=True).content.decode()
    assert "版本信息无效" in page
    item.refresh_from_db()
    assert item.decision == Decision.PENDING
