"""Chinese names for what audit entries record beside model fields (counts, login details, step facts), so
the audit log page shows no code names. A model field's own verbose name wins where it has a Chinese one."""

from django.utils.translation import gettext_lazy as _

PAYLOAD_LABELS = {
    "as_of": _("截至日期"), "attachments": _("附件"), "calendar": _("日历"), "case": _("信访件"),
    "changed": _("变更"), "checked_on": _("核查日期"), "colours": _("预警颜色"),
    "consequences": _("预警后果"), "contact_given": _("留有联系方式"), "created_at": _("创建时间"),
    "counts": _("数量"), "created": _("新建"), "days": _("天数"), "ends_on": _("结束日期"), "evidence": _("佐证材料"), "expiry": _("过期时间"),
    "file": _("文件"), "filed_on": _("备案日期"), "filed_with": _("备案机关"), "files": _("文件"),
    "first": _("起始日期"), "found": _("发现"), "ip": _("IP 地址"), "items": _("条目"), "last": _("末尾日期"),
    "new": _("新增"), "note": _("意见"), "obligations": _("应报事项"), "on_behalf_of": _("代报单位"),
    "opinion": _("意见"), "people": _("人员"), "photos": _("照片"), "place": _("地点"), "plan": _("整改方案"),
    "reason": _("理由"), "recipients": _("接收人"), "reference": _("文号"), "reply": _("回复"),
    "sections": _("断面"), "signer": _("签字人"), "source": _("依据"), "stages": _("阶段"),
    "starts_on": _("开始日期"), "task": _("整改任务"), "text": _("内容"), "token": _("API 令牌"), "units": _("责任单位"),
    "updated": _("更新"), "via": _("登录途径"), "voided_with_plan": _("随方案作废"),
}


def label_for(key, field):
    """The name a reader knows: the field's verbose name when it is Chinese, else the payload label, else the key."""
    name = str(getattr(field, "verbose_name", "") or "") if field is not None else ""
    if name and not name.isascii():
        return name
    return str(PAYLOAD_LABELS.get(key, name or key))
