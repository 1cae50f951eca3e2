"""`ducha tasks import PATH --plan CODE [--dry-run] [--create-units] [--division CODE] [--user NAME]`,
`ducha tasks export PATH [--plan CODE] [--user NAME]`, `ducha tasks reindex [--plan CODE]` (the tasks' search
text rewritten where it differs from what they hold now, e.g. after an upgrade of the tokeniser),
`ducha tasks transitions (--id N | --number NO --plan CODE) --user NAME` (what the user may take now) and
`ducha tasks transition (--id N | --number NO --plan CODE) NAME --user NAME [--set KEY=VALUE …]
[--json FILE|-] [--file [FIELD=]PATH …] [--version N]` (take one, through ducha.ledger.steps: the same
path and rules as `POST /api/tasks/{id}/transitions/{name}/`; fields and files as the API names them,
e.g. `--set report=… --json checks.json` for 提交申请, `--file file_done=photo.jpg`).

With --user the command acts exactly as that user: their permissions apply
and the audit log names them. Without it the command acts as the system: an
administrator that exists only in memory (never saved, so nobody can log in
as it), which scoping treats like any administrator and which the audit log
records as actor "system" with no user id.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.core import scoping
from ducha.jurisdictions.commands import named_user
from ducha.jurisdictions.models import Role, User
from ducha.ledger.actions.reindex import refresh_search_texts
from ducha.ledger.exporting import export_ledger
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Plan, Task


def system_actor() -> User:
    return User(username="system", role=Role.ADMIN, is_superuser=True, is_staff=True, is_active=True)


def acting_user(username):
    return named_user(username) or system_actor()


class Command(BaseCommand):
    help = "整改台账 / ledger: `ducha tasks import LEDGER.xlsx --plan CODE`, `ducha tasks export OUT.xlsx`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="import a ledger spreadsheet into a plan (all rows or none)")
        imp.add_argument("path")
        imp.add_argument("--plan", required=True, help="plan code; created when missing")
        imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        imp.add_argument("--create-units", action="store_true", help="create units the ledger names but ducha lacks")
        imp.add_argument("--division", help="division code of a new plan (default: the user's scope)")
        imp.add_argument("--user", help="act as this user (default: the system)")
        exp = sub.add_parser("export", help="export the ledger the user may see as xlsx")
        exp.add_argument("path")
        exp.add_argument("--plan", help="only this plan's tasks")
        exp.add_argument("--user", help="act as this user (default: the system)")

        reindex = sub.add_parser("reindex", help="rewrite the tasks' search text (after an upgrade of the tokeniser)")
        reindex.add_argument("--plan", help="only this plan's tasks")

        for name, text in (("transitions", "list the transitions the user may take on a task now"),
                           ("transition", "take one transition, with the same rules as the pages and the API")):
            step = sub.add_parser(name, help=text)
            step.add_argument("--id", type=int, help="the task's id")
            step.add_argument("--number", help="the task's number (序号) within --plan")
            step.add_argument("--plan", help="the plan's code, with --number")
            step.add_argument("--user", required=True, help="act as this user")
            if name == "transition":
                step.add_argument("name", help="the transition's name, as `transitions` lists it")
                step.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                                  help="a field of the step (repeatable)")
                step.add_argument("--json", metavar="FILE", help="the step's fields as a JSON object ('-': stdin)")
                step.add_argument("--file", action="append", default=[], metavar="[FIELD=]PATH",
                                  help="a file to attach (field 'file' unless named; repeatable)")
                step.add_argument("--version", type=int, help="the task version read (refused if it changed)")

    def handle(self, *args, subcommand, **options):
        if subcommand in ("transitions", "transition"):
            from ..task_steps import run

            return run(self, subcommand, **options)
        if subcommand == "reindex":
            return self._reindex(options.get("plan"))
        actor = acting_user(options.pop("user", None))
        if subcommand == "import":
            return self._import(actor, **options)
        return self._export(actor, **options)

    def _import(self, actor, *, path, plan, dry_run, create_units, division, **_):
        try:
            with open(path, "rb") as fh:
                report = import_ledger(acting_user=actor, plan_code=plan, file=fh, dry_run=dry_run,
                                       create_units=create_units, division=division)
        except FileNotFoundError:
            raise CommandError(f"文件不存在：{path}") from None
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("；".join(messages)) from None
        if not report.ok:
            for e in report.errors:
                self.stderr.write(f"第 {e.row or '-'} 行\t{e.column or '-'}\t{e.reason}")
            raise CommandError(f"{len(report.errors)} 处错误，未写入任何数据")
        verb = "预检通过（未写入）" if dry_run else "导入完成"
        self.stdout.write(f"{verb}：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}"
                          + (f"；新建单位 {len(report.units_created)}" if report.units_created else "")
                          + ("；新建方案 " + plan if report.plan_created else ""))

    def _export(self, actor, *, path, plan, **_):
        tasks = Task.objects.restrict(actor, scoping.VIEW)
        if plan:
            if not Plan.objects.restrict(actor, scoping.VIEW).filter(code=plan).exists():
                raise CommandError(f"方案“{plan}”不存在或无权查看")
            tasks = tasks.filter(plan__code=plan)
        count = export_ledger(tasks.order_by("plan_id", "id"), path)
        self.stdout.write(f"已导出 {count} 条整改任务：{path}")

    def _reindex(self, plan):
        tasks = Task.objects.all()
        if plan:
            if not Plan.objects.filter(code=plan).exists():
                raise CommandError(f"方案“{plan}”不存在")
            tasks = tasks.filter(plan__code=plan)
        count = refresh_search_texts(tasks)
        self.stdout.write(f"已更新 {count} 条整改任务的检索文本（其余无需更新）")
