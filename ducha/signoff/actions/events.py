"""The sign-off app's audit event codes and their Chinese names."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

for code, label in [
    ("signoff.draft", _("填写销号申请")), ("signoff.ask_confirmation", _("请配合单位确认")),
    ("signoff.confirm", _("配合单位确认")), ("signoff.apply", _("提交验收申请")),
    ("signoff.resubmit", _("重新提交验收申请")), ("signoff.return_application", _("退回验收申请")),
    ("signoff.pass_review", _("资料审核通过")), ("signoff.onsite_check", _("现场核查")),
    ("signoff.waive_onsite", _("免于现场核查")), ("signoff.sign", _("审核签字")),
    ("signoff.fail_acceptance", _("验收不通过")), ("signoff.publish", _("发布销号公示")),
    ("signoff.uphold_objection", _("异议成立，退回整改")), ("signoff.sign_off", _("验收销号")),
    ("signoff.file", _("销号备案")), ("signoff.policy", _("修改验收销号设置")),
    ("signoff.levels", _("修改验收层级")), ("signoff.level_done", _("完成层级验收")),
    ("signoff.template", _("更换验收文书模板")), ("signoff.template_restore", _("恢复默认验收文书模板")),
]:
    events.register(code, label)
