"""`ducha progress snapshot [--date YYYY-MM-DD] [--plan CODE] [--csv OUT.csv] [--user NAME]`: how many tasks
are in each scheduled-progress state (序时进度) as of a date, computed for that date (nothing is stored),
and optionally one CSV row per task: number,plan,state,expected,actual.

`ducha progress refresh [--date YYYY-MM-DD]` stores the figures on every task (what the daily job does).
"""

import csv
import datetime as dt
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from ducha.core import scoping
from ducha.ledger.actions import judge_tasks, refresh_schedule
from ducha.ledger.models import Plan, ScheduleState, Task

from .tasks import acting_user


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = "序时进度 / scheduled progress: `ducha progress snapshot --date 2026-06-30 --csv out.csv`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        snap = sub.add_parser("snapshot", help="count tasks per scheduled-progress state as of a date")
        snap.add_argument("--date", help="YYYY-MM-DD (default today)")
        snap.add_argument("--plan", help="only this plan's tasks")
        snap.add_argument("--csv", help="also write one row per task to this CSV file")
        snap.add_argument("--user", help="act as this user (default: the system)")
        ref = sub.add_parser("refresh", help="store scheduled progress on every task")
        ref.add_argument("--date", help="YYYY-MM-DD (default today)")

    def handle(self, *args, subcommand, **options):
        as_of = _date(options["date"]) if options.get("date") else None
        if subcommand == "refresh":
            counts = refresh_schedule(as_of=as_of)
            self.stdout.write(f"已更新 {sum(counts.values())} 项任务的序时进度")
            return
        self._snapshot(acting_user(options.get("user")), as_of, options.get("plan"), options.get("csv"))

    def _snapshot(self, actor, as_of, plan, csv_path):
        from django.utils import timezone

        as_of = as_of or timezone.localdate()
        tasks = Task.objects.restrict(actor, scoping.VIEW)
        if plan:
            if not Plan.objects.restrict(actor, scoping.VIEW).filter(code=plan).exists():
                raise CommandError(f"方案“{plan}”不存在或无权查看")
            tasks = tasks.filter(plan__code=plan)
        counts, rows = Counter(), []
        for row, judgement in judge_tasks(tasks, as_of):
            counts[judgement.state] += 1
            if csv_path:
                rows.append([row["number"], row["plan"], judgement.state,
                             "" if judgement.expected is None else judgement.expected, row["progress"]])
        if csv_path:
            with open(csv_path, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(["number", "plan", "state", "expected", "actual"])
                writer.writerows(rows)
        self.stdout.write(f"{as_of.isoformat()} 序时进度")
        for state in ScheduleState:
            self.stdout.write(f"{state.label}\t{counts.get(state.value, 0)}")
        self.stdout.write(f"合计\t{sum(counts.values())}")
