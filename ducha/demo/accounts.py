"""One demo account per role. The password is printed on purpose: demo only."""

from django.utils.translation import gettext_lazy as _

PASSWORD = "lishui2026demo"

# (username, full name, role, unit key, scope division code or None, what the role sees)
ACCOUNTS = [
    ("admin", _("演示管理员"), "admin", "office", None, _("全部数据")),
    ("coordinator", _("市整改办协调员"), "coordinator", "office", "331100", _("丽水市及各县（市、区）")),
    ("songyang", _("松阳县责任单位联络员"), "officer", "songyang_gov", None, _("松阳县人民政府承担的任务")),
    ("ecology", _("市生态环境局联络员"), "officer", "eco", None, _("丽水市生态环境局承担的任务")),
    ("supervisor", _("市督导组成员"), "supervisor", "office", "331100", _("丽水市（只读，可督导标记）")),
    ("leader", _("市领导"), "leader", "city_gov", "331100", _("丽水市（只读）")),
]
