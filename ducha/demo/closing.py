"""The demo's closed loop after sign-off: a planted pair of paper sign-offs and a rebound on a revisit.

Two tasks of different units are signed off through the acceptance actions (ducha.signoff) with the same
completion report (place names and figures changed) and the same site photo: the suspects page finds them
(材料文字高度相似, 同一佐证文件). A third signed-off task is revisited and the problem has come back: the
revisit concludes 反弹, the task is reopened and referred for accountability. Run once: a second load finds
a revisit and adds nothing.
"""

import datetime as dt
from collections import Counter

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from ducha.ledger.actions.transitions import transition_task
from ducha.ledger.models import Task, TaskState
from ducha.revisits import actions as revisits
from ducha.revisits.models import Conclusion, Revisit
from ducha.signoff import actions as signoff
from ducha.signoff.models import Standard
from ducha.suspects import actions as suspects

from .photos import site_photo

# Lead unit key -> the demo officer who applies for it.
OFFICERS = {"songyang_gov": "songyang", "eco": "ecology"}
CHECKS = {s.value: f"{s.label}：已逐项自查，相关资料齐全。" for s in Standard}
FINDINGS = {s.value: f"现场核实：{s.label}，符合要求。" for s in Standard}
REPORT = ("{place}关于{site}扬尘污染问题整改完成情况的报告。我单位对{site}堆场实施全封闭改造，新建防尘棚{n}平方米，"
          "安装喷淋降尘设施{m}套，进出车辆全部冲洗，在线监测数据接入市级平台，扬尘污染问题已整改到位，"
          "建立了日常巡查和长效监管机制，特申请验收销号。")
HONEST = "{place}已按方案完成全部整改措施，监测数据稳定达标，群众反映问题已全部办结，建立了长效管理制度。"


def _candidates(loader):
    """Tasks of the city plan led by a unit with a demo officer, completed or in progress, not signed off."""
    units = {loader.units[key].pk: key for key in OFFICERS}
    tasks = Task.objects.filter(plan=loader.plans["city"], lead_unit_id__in=units,
                                state__in=[TaskState.COMPLETED, TaskState.IN_PROGRESS]).order_by("sort_key", "id")
    # Tasks still in progress first, so the demo keeps tasks in every state (完成整改待验收 included).
    tasks = sorted(tasks, key=lambda task: task.state != TaskState.IN_PROGRESS)
    return [(task, OFFICERS[units[task.lead_unit_id]]) for task in tasks]


def _sign_off(loader, task, officer, report, photo, started):
    """Claim (when in progress), apply, review, check on site, sign, publish (40 days ago) and sign off."""
    users = loader.users
    coordinator = users["coordinator"]
    if task.state == TaskState.IN_PROGRESS:
        task = transition_task(acting_user=users[officer], task=task, name="claim")
    upload = SimpleUploadedFile("现场照片.jpg", photo, content_type="image/jpeg")
    signoff.save_application(acting_user=users[officer], task=task, report=report, self_checks=CHECKS,
                             uploads=[("effect", upload)])
    signoff.submit(acting_user=users[officer], task=task)
    signoff.pass_review(acting_user=coordinator, task=task, note="资料齐全。")
    signoff.record_onsite(acting_user=coordinator, task=task, checked_on=started, people="市整改办 王强、李娜",
                          place=str(task.division), findings=FINDINGS)
    signoff.sign(acting_user=coordinator, task=task, opinion="经资料审核和现场核查，同意验收销号。")
    signoff.publish(acting_user=coordinator, task=task, starts_on=started)
    signoff.sign_off(acting_user=coordinator, task=task)
    return Task.objects.get(pk=task.pk)


def _photo(loader, title, seed):
    upload = site_photo(title=title, caption=seed, seed=seed,
                        taken_at=dt.datetime.combine(loader.today - dt.timedelta(days=45), dt.time(10)))
    return upload.read()


@transaction.atomic
def load_closing(loader) -> Counter:
    created = Counter()
    if Revisit.objects.exists():
        return created
    picked = _candidates(loader)
    if len(picked) < 2:
        return created
    started = loader.today - dt.timedelta(days=40)
    photo = _photo(loader, "堆场防尘棚", "closing-pair")
    (first, first_officer), (second, second_officer) = picked[:2]
    _sign_off(loader, first, first_officer, REPORT.format(place="松阳县", site="西屏街道砂石", n=3200, m=24),
              photo, started)
    _sign_off(loader, second, second_officer, REPORT.format(place="丽水市", site="碧湖镇石料", n=2800, m=18),
              photo, started)
    created["signed_off"] += 2
    if len(picked) > 2:
        third, third_officer = picked[2]
        rebound = _sign_off(loader, third, third_officer, HONEST.format(place=third.lead_unit.name),
                            _photo(loader, "整改后现场", "closing-rebound"), started)
        created["signed_off"] += 1
    else:  # a task the ledger already records as signed off
        rebound = (Task.objects.filter(plan=loader.plans["city"], state=TaskState.SIGNED_OFF, parent=None)
                   .exclude(pk__in=[first.pk, second.pk]).order_by("sort_key", "id").first())
        if rebound is None:
            return created
    coordinator = loader.users["coordinator"]
    revisit = revisits.plan_revisit(acting_user=coordinator, task=rebound, due_on=loader.today,
                                    reason="群众来电反映问题复发，开展专项回头看。")
    revisits.record_revisit(acting_user=coordinator, revisit=revisit, visited_on=loader.today,
                            people="市整改办 王强、市督导组 陈敏", conclusion=Conclusion.REBOUND,
                            findings="现场发现问题复发：整改设施停用，原问题再次出现，群众反映属实。",
                            photos=[SimpleUploadedFile("回头看.jpg", _photo(loader, "回头看现场", "closing-revisit"), content_type="image/jpeg")])
    created["revisits"] += 1
    created["suspects"] += len(suspects.detect(acting_user=coordinator, plan=loader.plans["city"]))
    return created
