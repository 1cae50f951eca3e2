"""Acceptance (验收销号) in the demo: tasks at every step, driven through ducha.signoff's actions by the
roles whose steps they are. 市生态环境局 (account "ecology") and 松阳县人民政府 ("songyang") apply; the city
office ("coordinator") reviews, checks, signs, publishes and signs off."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ducha.ledger import actions as ledger
from ducha.ledger.models import PollutionDomain, Problem, Task
from ducha.signoff import actions
from ducha.signoff.models import AcceptanceLevel, AcceptancePolicy, Standard

CHECKS = {
    Standard.MEASURES: _("整改方案确定的各项措施已全部完成，有施工记录和验收资料。"),
    Standard.PUNISHED: _("涉及的违法行为已立案查处，处罚决定书已执行到位。"),
    Standard.EFFECT: _("委托第三方监测，连续三个月监测结果达到排放标准。"),
    Standard.EXTENDED: _("对同一园区同类企业开展排查，发现的问题已一并整改。"),
    Standard.ROOT_CAUSE: _("已建立日常巡查和在线监测制度，纳入网格化监管。"),
}
FINDINGS = {s: _("现场核实：%(label)s，与申报材料一致。") % {"label": s.label} for s in Standard}

# number, pollution domain, lead unit key, applicant account, target, the step it stops at
TASKS = [
    ("验1", "大气", "eco", "ecology", _("城区餐饮油烟在线监控全覆盖。"), "draft"),
    ("验2", "水", "songyang_gov", "songyang", _("松阳县工业园区雨污分流改造完成。"), "returned_twice"),
    ("验3", "大气", "eco", "ecology", _("重点排污单位自动监测数据联网率100%。"), "reviewed"),
    ("验4", "水", "songyang_gov", "songyang", _("松阳县城区黑臭水体消除。"), "in_notice"),
    ("验5", "固废", "eco", "ecology", _("全市医疗废物集中处置能力满足需求。"), "in_notice"),
    ("验6", "大气", "eco", "ecology", _("建筑工地扬尘在线监测全覆盖。"), "signed_off"),
    ("验7", "水", "songyang_gov", "songyang", _("松阳县农村生活污水处理设施标准化运维。"), "signed_off"),
    ("验8", "土壤", "eco", "ecology", _("涉重金属企业排污许可全覆盖。"), "filed"),
]
ORDER = ("draft", "returned_twice", "reviewed", "in_notice", "signed_off", "filed")


def _drive(task, stop, applicant, office, today):
    reached = lambda step: ORDER.index(stop) >= ORDER.index(step)  # noqa: E731
    actions.save_application(acting_user=applicant, task=task, report=_("已按整改方案完成全部整改措施，申请验收销号。"),
                             self_checks=CHECKS)
    if stop == "draft":
        return
    actions.submit(acting_user=applicant, task=task)
    if stop == "returned_twice":  # returned, resubmitted, returned again: the unit is to resubmit
        actions.return_application(acting_user=office, task=task, reason=_("缺少第三方监测报告。"))
        actions.submit(acting_user=applicant, task=task)
        actions.return_application(acting_user=office, task=task, reason=_("现场照片未标注拍摄时间和位置。"))
        return
    actions.pass_review(acting_user=office, task=task, note=_("资料齐全。"))
    if stop == "reviewed":
        return  # awaiting the on-site check
    actions.record_onsite(acting_user=office, task=task, checked_on=today - dt.timedelta(days=20),
                          people=_("市整改办 王强、市生态环境局 李敏"), place=task.lead_unit.division.name,
                          findings=FINDINGS, conclusion=_("整改到位。"))
    actions.sign(acting_user=office, task=task, opinion=_("经资料审核和现场核查，整改达到销号标准，同意销号。"),
                 signer_title=_("市整改办副主任"))
    # Those signed off went on notice three weeks ago; the current ones today.
    actions.publish(acting_user=office, task=task,
                    starts_on=today - dt.timedelta(days=21) if reached("signed_off") else today)
    if not reached("signed_off"):
        return
    actions.sign_off(acting_user=office, task=task)
    if stop == "filed":
        actions.file_with_level_above(acting_user=office, task=task, filed_with=_("浙江省生态环境保护督察整改办"),
                                      reference=_("丽整改备〔2026〕8号"))


# The city's own list of problems found by itself (市县自查, the "N" of "1+1+N"): the acceptance demo's tasks
# live here, so the plan of the inspection keeps its eleven tasks.
PLAN = dict(code="LS-2026-ZC", title=_("丽水市生态环境问题自查自纠整改清单"), issuer=_("丽水市生态环境保护督察整改工作领导小组办公室"),
            issued_on=dt.date(2026, 3, 1), division="331100")


def load_signoff(loader) -> int:
    plan = loader._plan(PLAN)
    office = loader.users["coordinator"]
    if not AcceptancePolicy.objects.filter(plan=plan).exists():
        AcceptancePolicy.objects.create(plan=plan, notice_length=5)
        for position, (name, unit) in enumerate([(_("市级验收"), "office"), (_("省级备案"), None)]):
            AcceptanceLevel.objects.create(plan=plan, position=position, name=name, is_filing=unit is None,
                                           reviewer_unit=loader.units.get(unit) if unit else None)
    created = 0
    domains = PollutionDomain.by_name()
    for number, domain, unit, account, target, stop in TASKS:
        if Task.objects.filter(plan=plan, number=number).exists():
            continue
        with transaction.atomic():
            problem = Problem.objects.filter(inspection=loader.inspection, code=f"ZC-{number}").first() or \
                ledger.create_problem(acting_user=office, inspection=loader.inspection, code=f"ZC-{number}",
                                      kind="specific", division=loader.units[unit].division,
                                      description=_("自查发现：%(target)s尚未完成。") % {"target": target.rstrip("。")})
            task = ledger.create_task(acting_user=office, plan=plan, units=[loader.units[unit]], number=number,
                                      problem=problem, domains=[domains[domain]],
                                      division=loader.units[unit].division, target=target,
                                      measures=_("按整改方案逐项落实。"), deadline=loader.today - dt.timedelta(days=60),
                                      acceptance_unit=loader.units["office"], state="completed",
                                      completed_on=loader.today - dt.timedelta(days=45))
            _drive(task, stop, loader.users[account], office, loader.today)
        created += 1
    return created
