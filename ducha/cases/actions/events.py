"""The cases app's audit event codes and their Chinese names."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

for code, label in [
    ("cases.import", _("导入信访件批次")), ("cases.route", _("信访件分办")), ("cases.confirm_route", _("确认分办")),
    ("cases.handle", _("记录信访件办理情况")), ("cases.report", _("报送办理结果")), ("cases.review", _("审核信访件")),
    ("cases.callback", _("信访件回访")), ("cases.stage", _("阶段性办结转整改任务")), ("cases.close", _("信访件办结")),
    ("cases.complainant_view", _("查看信访人信息")), ("cases.export", _("导出信访件台账")),
    ("cases.setup", _("修改信访件设置")), ("cases.overdue", _("信访件办理逾期提醒")), ("cases.reopen", _("信访件重新办理")), ("cases.complainant_set", _("登记信访人信息")),
    # Case settings (案件设置, .case_settings).
    ("cases.rule.add", _("新建分办规则")), ("cases.rule.change", _("修改分办规则")), ("cases.rule.delete", _("删除分办规则")),
    ("cases.type.add", _("新建信访件类型")), ("cases.type.change", _("修改信访件类型")),
    ("cases.type.delete", _("删除信访件类型")), ("cases.setup.add", _("新建信访件设置")),
    ("cases.setup.change", _("修改信访件设置")),
]:
    events.register(code, label)
