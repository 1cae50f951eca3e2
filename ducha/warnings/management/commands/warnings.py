"""`ducha warnings propose [--month YYYY-MM] [--user NAME]`: this month's (or the given month's) warning
proposals for every open task in reach; running it twice for a month adds nothing.
`ducha warnings export OUT.xlsx [--month YYYY-MM] [--user NAME]`: the month's warning list."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.core import scoping
from ducha.ledger.management.commands.tasks import acting_user
from ducha.warnings import actions
from ducha.warnings.exporting import export_month
from ducha.warnings.models import TaskWarning


class Command(BaseCommand):
    help = "预警 / warnings: `ducha warnings propose --month 2026-06`, `ducha warnings export OUT.xlsx`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        prop = sub.add_parser("propose", help="propose a warning colour for every open task for a month")
        prop.add_argument("--month", help="YYYY-MM (default this month)")
        prop.add_argument("--user", help="act as this user (default: the system)")
        exp = sub.add_parser("export", help="write the month's warning list as xlsx")
        exp.add_argument("path")
        exp.add_argument("--month", help="YYYY-MM (default this month)")
        exp.add_argument("--user", help="act as this user (default: the system)")

    def handle(self, *args, subcommand, **options):
        actor = acting_user(options.get("user"))
        try:
            month = actions.parse_month(options["month"]) if options.get("month") else actions.this_month()
            if subcommand == "propose":
                counts = actions.propose_month(acting_user=actor, month=month)
                self.stdout.write(f"{month:%Y-%m} 预警提议：新增 {counts['created']}，更新 {counts['updated']}，"
                                  f"未变 {counts['unchanged']}，已确认未改动 {counts['decided']}")
                return
            rows = TaskWarning.objects.restrict(actor, scoping.VIEW).filter(month=month)
            n = export_month(rows, month, options["path"])
            self.stdout.write(f"已导出 {n} 条预警")
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("；".join(messages)) from None
