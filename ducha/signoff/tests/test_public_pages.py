"""The public notice pages as an anonymous visitor sees them: what is listed, what is published of a notice
(and what is not), the objection form, the receipt lookup, the rate limit."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from ducha.ledger.actions import void_task
from ducha.signoff.actions import objections
from ducha.signoff.models import Answer, Channel, Objection, ReviewRound

from .notice_fixtures import notice, put_in_notice  # noqa: F401

LIST = "/public/notices/"


def detail(notice):
    return f"/public/notices/{notice.pk}/"


def test_the_public_site_needs_no_sign_in_and_keeps_a_strict_csp(client, notice):
    for url in ("/public/", LIST, detail(notice), "/public/receipt/"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src-attr")[0]
        assert b"id=\"main-nav\"" not in response.content  # not the staff navigation
    assert "销号公示" in client.get("/public/").content.decode()


def test_the_list_shows_current_notices_by_division_and_past_ones_apart(client, world, make_task, notice):
    today = timezone.localdate()
    past = put_in_notice(world, make_task(units=("qt_gov",), division="qt", number="N-2"),
                         starts_on=today - dt.timedelta(days=30))
    future = put_in_notice(world, make_task(units=("qt_gov",), division="qt", number="N-3"),
                           starts_on=today + dt.timedelta(days=3))
    page = client.get(LIST).content.decode()
    assert detail(notice) in page and detail(past) not in page and detail(future) not in page
    page = client.get(LIST + "?past=1").content.decode()
    assert detail(past) in page and detail(notice) not in page
    page = client.get(LIST + "?past=1&division=331121").content.decode()
    assert detail(past) in page
    assert detail(notice) not in client.get(LIST + "?division=331121").content.decode()
    assert detail(notice) in client.get(LIST + "?division=331100").content.decode()
    assert client.get(LIST + "?division=999999").status_code == 404
    assert client.get(detail(future)).status_code == 404  # not yet published


def test_pagination(client, world, make_task):
    for n in range(23):
        put_in_notice(world, make_task(units=("qt_gov",), division="qt", number=f"P-{n}"))
    first, second = client.get(LIST).content.decode(), client.get(LIST + "?page=2").content.decode()
    assert first.count("notice-row") == 20 and second.count("notice-row") == 3
    assert "2 / 2" in second


def test_a_voided_task_disappears_from_the_public_site(client, world, notice):
    void_task(acting_user=world.users["admin"], task=notice.task, reason="重复录入")
    assert client.get(detail(notice)).status_code == 404
    assert detail(notice) not in client.get(LIST).content.decode()


def test_the_notice_publishes_the_work_and_nothing_internal(client, world, notice):
    ReviewRound.objects.create(application=notice.application, number=1, report="第一轮", submitted_at=timezone.now(),
                               submitted_by=world.users["ld_officer"], outcome="returned", reasons="内部退回意见：照片不清")
    objection = objections.enter_objection(acting_user=world.users["coord"], notice=notice, channel=Channel.EMAIL,
                                           text="邮件反映问题", name="赵六", contact="zhao@example.com")
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                reason="经核查，反映的问题已整改到位。")
    page = client.get(detail(notice)).content.decode()
    for published in ("督察反馈指出的生态环境问题", "扬尘污染得到有效控制", "开展扬尘污染专项整治", "已完成扬尘治理",
                      "经资料审核和现场核查，同意销号", notice.ends_on.isoformat(), "如何提出异议",
                      objection.receipt_number, "经核查，反映的问题已整改到位", "异议不成立"):
        assert published in page, published
    for internal in ("内部退回意见", "内部完成情况报告", "赵六", "zhao@example.com", "王审核", "coord"):
        assert internal not in page, internal


def test_an_objectors_name_phone_and_id_number_in_the_text_are_masked_on_every_public_page(client, world, notice):
    # Objections entered from a letter or a call carry whatever the writer put in them; the public notice and
    # the receipt lookup publish the text, so it goes out masked as the case disclosures are.
    objection = objections.enter_objection(
        acting_user=world.users["coord"], notice=notice, channel=Channel.LETTER,
        text="来信人张三反映：夜间仍有渣土车通行，联系电话13857812345，身份证330102198507121234。")
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                reason="已电话（13857812345）回复来信人张三，渣土车属另案。")
    page = client.get(detail(notice)).content.decode()
    lookup = client.get("/public/receipt/", {"number": objection.receipt_number}).content.decode()
    for shown in (page, lookup):
        assert "夜间仍有渣土车通行" in shown and "渣土车属另案" in shown
        for personal in ("张三", "13857812345", "330102198507121234"):
            assert personal not in shown, personal
    office = client
    office.force_login(world.users["coord"])
    internal = office.get(reverse("signoff:objection_detail", args=[objection.pk])).content.decode()
    assert "13857812345" in internal  # the office reads the letter as written


def test_the_published_report_is_masked_too(client, world, make_task):
    # The notice shows the office's summary, by default the unit's own completion report, written for the
    # reviewers: a complainant it names (回访举报人…) or a phone it gives is masked on the public page.
    task = make_task(units=("ld_gov",), division="ld")
    notice = put_in_notice(world, task, summary="已回访举报人张三（13857812345），对整改结果表示满意。")
    page = client.get(detail(notice)).content.decode()
    assert "对整改结果表示满意" in page
    for personal in ("张三", "13857812345"):
        assert personal not in page, personal


def test_hostile_objection_text_is_shown_as_text(client, world, notice):
    objections.file_objection(notice=notice, text='<script>alert("x")</script><img src=x onerror=alert(1)>')
    page = client.get(detail(notice)).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_an_anonymous_visitor_objects_and_looks_the_answer_up(client, world, notice):
    response = client.post(detail(notice), {"text": "夜间仍有渣土车无遮盖通行。", "name": "", "contact": "139"})
    assert response.status_code == 302  # post/redirect/get: reloading the receipt does not post again
    # Its own fragment: the browser would otherwise carry the form's #objection-form onto the receipt.
    assert response["Location"].endswith("#receipt")
    objection = Objection.objects.get(notice=notice)
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200 and objection.receipt_number in receipt.content.decode()
    assert client.get(response["Location"].replace(objection.receipt_number[-4:], "0000")).status_code == 404
    assert client.get(f"/public/notices/{notice.pk}/received/?number=").status_code == 404
    lookup = client.get("/public/receipt/", {"number": objection.receipt_number.lower()}).content.decode()
    assert "待答复" in lookup and "夜间仍有渣土车" in lookup and "139" not in lookup
    objections.answer_objection(acting_user=world.users["coord"], objection=objection, answer=Answer.DISMISSED,
                                reason="渣土车属另案，已移交城管。")
    lookup = client.get("/public/receipt/", {"number": objection.receipt_number}).content.decode()
    assert "异议不成立" in lookup and "已移交城管" in lookup


def test_bad_objections_and_numbers_are_answered_by_field(client, notice):
    response = client.post(detail(notice), {"text": ""})
    assert response.status_code == 400 and "field-error" in response.content.decode()
    assert "格式不正确" in client.get("/public/receipt/", {"number": "YY-2026-0483-0122"}).content.decode()
    assert "没有查到" in client.get("/public/receipt/", {"number": "YY-2026-0483-0121"}).content.decode()
    assert "没有查到" in client.get("/public/receipt/", {"number": "ZZ-2026-0483-0121"}).content.decode()


def test_an_objection_of_only_emoji_is_refused_next_to_its_field_and_the_text_kept(client, notice):
    response = client.post(detail(notice), {"text": "😀😀😀", "contact": "13800000000"})
    page = response.content.decode()
    assert response.status_code == 400 and not Objection.objects.filter(notice=notice).exists()
    field = page[page.index('id="id_text"'):]
    assert field.index("异议内容须包含文字或数字，不能只有表情符号、标点或空白。") < field.index('id="id_name"')
    assert "😀😀😀</textarea>" in page


def test_after_the_period_the_form_is_gone(client, world, make_task):
    old = put_in_notice(world, make_task(units=("qt_gov",), division="qt"),
                        starts_on=timezone.localdate() - dt.timedelta(days=20))
    assert "objection-form" not in client.get(detail(old)).content.decode()
    assert client.post(detail(old), {"text": "迟到的异议"}).status_code == 302
    assert not Objection.objects.filter(notice=old).exists()


@override_settings(DUCHA_PUBLIC_POST_LIMIT=2, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_anonymous_posts_are_rate_limited_per_address(client, notice):
    for n in range(2):
        assert client.post(detail(notice), {"text": f"异议 {n}"}).status_code == 302
    refused = client.post(detail(notice), {"text": "第三次"})
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    assert Objection.objects.filter(notice=notice).count() == 2
    assert client.post(detail(notice), {"text": "换地址"}, REMOTE_ADDR="10.0.0.9").status_code == 302
    assert client.get(detail(notice)).status_code == 200  # reading is never limited


@override_settings(DUCHA_PUBLIC_POST_LIMIT=2, DUCHA_PUBLIC_ATTEMPT_LIMIT=50, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_refused_forms_do_not_use_up_the_addresss_allowance(client, notice):
    """Behind a carrier's NAT many phones share one address: others' typos (a missing text, a text too
    long) must not lock out the next honest visitor. Only objections taken count against the limit."""
    for bad in [{"text": ""}, {"text": "很长" * 1001}, {"text": "   "}, {"text": "意见", "contact": "1" * 129}] * 2:
        assert client.post(detail(notice), bad).status_code == 400
    assert client.post(detail(notice), {"text": "夜间施工噪声扰民。"}).status_code == 302
    assert client.post(detail(notice), {"text": ""}).status_code == 400
    assert client.post(detail(notice), {"text": "渣土车未覆盖。"}).status_code == 302
    refused = client.post(detail(notice), {"text": "第三条异议"})
    assert refused.status_code == 429
    assert "同一网络地址每 60 分钟最多提交 2 次" in strip_tags(refused.content.decode())
    assert Objection.objects.filter(notice=notice).count() == 2


@override_settings(DUCHA_PUBLIC_POST_LIMIT=2, DUCHA_PUBLIC_ATTEMPT_LIMIT=6, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_a_flood_of_bad_posts_is_still_throttled(client, notice):
    for _n in range(6):
        assert client.post(detail(notice), {"text": ""}).status_code == 400
    flooded = client.post(detail(notice), {"text": ""})
    assert flooded.status_code == 429
    assert "最多尝试提交 6 次（含未通过的提交）" in strip_tags(flooded.content.decode())
    refused = client.post(detail(notice), {"text": "一条正常的异议"})
    assert refused.status_code == 429 and "一条正常的异议" in refused.content.decode()
    assert not Objection.objects.filter(notice=notice).exists()
    assert client.post(detail(notice), {"text": "换地址"}, REMOTE_ADDR="10.0.0.9").status_code == 302


@override_settings(DUCHA_PUBLIC_POST_LIMIT=1, DUCHA_PUBLIC_POST_WINDOW=3600)
def test_an_objection_refused_as_too_frequent_shows_back_what_was_written(client, notice):
    """Over the limit the objection is not taken, but the page gives back the text written (escaped), to copy
    and send later, instead of losing it."""
    assert client.post(detail(notice), {"text": "第一条异议"}).status_code == 302
    written = "工地夜间仍在施工，渣土车未覆盖<b>，请核实。"
    refused = client.post(detail(notice), {"text": written, "contact": "13800001111"})
    page = refused.content.decode()
    assert refused.status_code == 429 and "工地夜间仍在施工，渣土车未覆盖&lt;b&gt;，请核实。" in page
    assert "13800001111" not in page and Objection.objects.filter(notice=notice).count() == 1


def test_the_office_finds_a_notices_objections_and_enters_a_letter(client, world, notice):
    objections.file_objection(notice=notice, text="公开页面异议")
    client.force_login(world.users["coord"])
    page = client.get(f"/signoff/objections/?notice={notice.pk}").content.decode()
    assert "公开页面异议" in page and f"/signoff/notices/{notice.pk}/objections/new/" in page
    response = client.post(f"/signoff/notices/{notice.pk}/objections/new/",
                           {"channel": "letter", "text": "来信异议", "name": "周九", "contact": "某街道"})
    assert response.status_code == 302
    letter = Objection.objects.get(text="来信异议")
    detail_page = client.get(response["Location"]).content.decode()
    assert "周九" in detail_page and "某街道" in detail_page  # the office sees the contact
    assert client.post(f"/signoff/objections/{letter.pk}/", {"answer": "dismissed", "reason": ""}).status_code == 400
    assert client.post(f"/signoff/objections/{letter.pk}/",
                       {"answer": "dismissed", "reason": "不成立"}).status_code == 302
    client.force_login(world.users["ld_officer"])
    page = client.get(f"/signoff/objections/{letter.pk}/").content.decode()
    assert "来信异议" in page and "周九" not in page and "answer-form" not in page
    assert f"/signoff/notices/{notice.pk}/objections/new/" not in client.get(
        f"/signoff/objections/?notice={notice.pk}").content.decode()
    assert client.get(f"/signoff/notices/{notice.pk}/objections/new/").status_code == 404
    client.force_login(world.users["qt_officer"])
    assert client.get(f"/signoff/objections/{letter.pk}/").status_code == 404


def test_the_notice_says_plainly_how_to_object(client, notice):
    """The 如何提出异议 paragraph reads as a sentence: not "发送电子邮件至 <date> 前向…", which names a date
    where an address belongs."""
    page = strip_tags(client.get(detail(notice)).content.decode())  # the date is a <time> element
    end = notice.ends_on.isoformat()
    assert f"可在 {end} 前通过本页提交，也可在此之前通过来信、来电或电子邮件向当地整改办提出。" in page
    assert f"电子邮件至 {end}" not in page


def test_a_signed_off_task_reopened_is_no_longer_published_as_signed_off(client, world, make_task):
    from ducha.ledger.actions import transition_task

    from .helpers import signed_off_task

    task = signed_off_task(world, make_task, long_term=False)
    notice = task.signoff_notices.get()
    assert "公示期满，已销号" in client.get(detail(notice)).content.decode()
    transition_task(acting_user=world.users["coord"], task=task, name="reopen", reason="回头看发现问题反弹。")
    page = client.get(detail(notice)).content.decode()
    assert "已销号" not in page and "销号后已重新打开整改" in page
    assert "回头看发现问题反弹" not in page  # the office's reason stays internal
