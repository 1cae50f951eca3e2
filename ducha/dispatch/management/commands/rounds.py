"""`ducha rounds open-scheduled [--date YYYY-MM-DD]`, `ducha rounds remind ROUND_ID [--user NAME]`,
`ducha rounds export ROUND_ID OUT.xlsx [--user NAME]`: thin calls of the dispatch actions.

With --user the command acts as that user (their permissions apply, the audit log names them); without
it, as the system (see ducha.ledger.management.commands.tasks).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.dispatch import actions
from ducha.dispatch.exporting import export_round
from ducha.dispatch.models import Round
from ducha.dispatch.workflow import may_export
from ducha.ledger.management.commands.tasks import acting_user


class Command(BaseCommand):
    help = "调度 / dispatch rounds: open today's scheduled rounds, remind the units still owing, export a round."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        scheduled = sub.add_parser("open-scheduled", help="open the rounds repeating schedules owe today (idempotent)")
        scheduled.add_argument("--date", help="as if today were YYYY-MM-DD")
        remind = sub.add_parser("remind", help="remind every unit still owing a report in a round")
        remind.add_argument("round", type=int)
        remind.add_argument("--user", help="act as this user (default: the system)")
        export = sub.add_parser("export", help="write the round's 调度表 as xlsx")
        export.add_argument("round", type=int)
        export.add_argument("path")
        export.add_argument("--user", help="act as this user (default: the system)")

    def handle(self, *args, subcommand, **options):
        try:
            if subcommand == "open-scheduled":
                return self._open_scheduled(options.get("date"))
            actor = acting_user(options.get("user"))
            round_ = Round.objects.restrict(actor).filter(pk=options["round"]).first()
            if round_ is None:
                raise CommandError(f"找不到调度 {options['round']}，或无权查看")
            if subcommand == "remind":
                reminder = actions.remind_missing(acting_user=None if actor.pk is None else actor, round_=round_)
                self.stdout.write(f"已提醒 {reminder.units} 个单位的 {reminder.people} 人（{reminder.obligations} 项未报）")
                return None
            if not may_export(actor, round_):
                raise CommandError("无权导出该调度表")
            with open(options["path"], "wb") as out:
                rows = export_round(round_, out)
            self.stdout.write(f"已导出 {rows} 行到 {options['path']}")
            return None
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("；".join(getattr(error, "messages", None) or [str(error)])) from error

    def _open_scheduled(self, date):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"--date 应为 YYYY-MM-DD：{date}") from None
        opened = actions.open_scheduled_rounds(today=today)
        self.stdout.write(f"发起调度 {len(opened)} 轮" + "".join(f"\n  {r.pk} {r.title}" for r in opened))
