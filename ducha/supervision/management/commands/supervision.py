"""`ducha supervision escalate [--date YYYY-MM-DD]`: escalate supervision records whose reply is overdue
(each once). The job runner calls ducha.supervision.actions.escalate_overdue directly every morning."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from ducha.supervision.actions import escalate_overdue


class Command(BaseCommand):
    help = "督办 / supervision: `ducha supervision escalate [--date YYYY-MM-DD]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        escalate = sub.add_parser("escalate", help="escalate overdue replies to the issuing office")
        escalate.add_argument("--date", default="", help="the day to judge by (default: today)")

    def handle(self, *args, subcommand, date, **options):
        as_of = None
        if date:
            try:
                as_of = parse_date(date)
            except ValueError:
                as_of = None
            if as_of is None:
                raise CommandError("--date 应为 YYYY-MM-DD 格式的日期")
        count = escalate_overdue(as_of)
        self.stdout.write(f"已升级 {count} 项回复逾期的督办")
