"""`ducha demo_data`: load the 丽水市 demo (idempotent); `--accounts` prints the
demo accounts and loads nothing."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.demo import accounts
from ducha.jurisdictions.models import Role

LABELS = {
    "divisions": gettext_lazy("行政区划"), "units": gettext_lazy("单位"), "accounts": gettext_lazy("演示账号"),
    "inspections": gettext_lazy("督察"), "problems": gettext_lazy("问题"), "plans": gettext_lazy("整改方案"),
    "tasks": gettext_lazy("整改任务"), "flags": gettext_lazy("督导标记"),
    "targets": gettext_lazy("指标目标"), "reports": gettext_lazy("进展报告"), "rounds": gettext_lazy("调度"),
    "warnings": gettext_lazy("预警"), "supervision": gettext_lazy("督办"), "chronicle": gettext_lazy("大事记"),
    "digests": gettext_lazy("每日待办摘要"), "cases": gettext_lazy("信访件"), "case_tasks": gettext_lazy("信访件转整改任务"),
    "plan documents": gettext_lazy("待审核整改方案"), "acceptance": gettext_lazy("验收销号演示任务"),
    "objections": gettext_lazy("公示异议"), "signed_off": gettext_lazy("销号"), "revisits": gettext_lazy("回头看"),
    "suspects": gettext_lazy("疑似纸面销号"), "case points": gettext_lazy("信访件坐标"),
    "repeat proposals": gettext_lazy("重复件建议"),
}


def _width(text):
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text, width):
    return text + " " * (width - _width(text))


def accounts_table() -> str:
    header = [_("角色"), _("用户名"), _("密码"), _("查看范围")]
    rows = [[str(Role(role).label), username, accounts.PASSWORD, str(reach)]
            for username, _name, role, _unit, _scope, reach in accounts.ACCOUNTS]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(_pad(h, w) for h, w in zip(header, widths)) + " |", line]
    out += ["| " + " | ".join(_pad(c, w) for c, w in zip(r, widths)) + " |" for r in rows]
    out.append(line)
    return "\n".join(out)


class Command(BaseCommand):
    help = "演示数据 / demo data: load the 丽水市 demo (safe to run again); --accounts prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--accounts", action="store_true", help="print the demo accounts, load nothing")

    def handle(self, *args, accounts=False, **options):
        if accounts:
            self.stdout.write(_("演示账号（每个角色一个）："))
            self.stdout.write(accounts_table())
            return
        from ducha.demo.loader import load_demo

        created = load_demo()
        if not any(created.values()):
            self.stdout.write(_("演示数据已是最新，未做任何更改。"))
            return
        parts = [f"{LABELS.get(k, k)} {n}" for k, n in created.items() if n]
        self.stdout.write(self.style.SUCCESS(_("演示数据已载入：") + "，".join(parts)))
