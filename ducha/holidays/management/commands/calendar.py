"""`ducha calendar show [YEAR]`, `ducha calendar count DATE N [--calendar-days]`,
`ducha calendar set DATE holiday|workday [--name NAME] [--note TEXT] [--user NAME]`,
`ducha calendar unset DATE [--user NAME]`, `ducha calendar load FILE.csv --year YYYY --source TEXT [--user NAME]`.

Without --user the command acts as the system; with it, as that administrator (the audit log names them).
"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.holidays import actions, official_calendar
from ducha.holidays.models import CalendarDay
from ducha.holidays.reading import MAX_BYTES, read_days
from ducha.jurisdictions.commands import named_user


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期应为 YYYY-MM-DD：{text}") from None



class Command(BaseCommand):
    help = "节假日安排 / the official working-day calendar: show, count working days, enter and correct days."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        show = sub.add_parser("show", help="list a year's holidays and adjusted working days")
        show.add_argument("year", type=int, nargs="?", default=dt.date.today().year)
        count = sub.add_parser("count", help="the N-th working day after DATE")
        count.add_argument("date")
        count.add_argument("n", type=int)
        count.add_argument("--calendar-days", action="store_true", help="count calendar days instead")
        set_ = sub.add_parser("set", help="record DATE as a holiday or an adjusted working day")
        set_.add_argument("date")
        set_.add_argument("kind", choices=["holiday", "workday"])
        set_.add_argument("--name", default="")
        set_.add_argument("--note", default="")
        unset = sub.add_parser("unset", help="withdraw an entry for DATE")
        unset.add_argument("date")
        load = sub.add_parser("load", help="enter a whole year's arrangement from a CSV (日期,类型,节日)")
        load.add_argument("path")
        load.add_argument("--year", type=int, required=True)
        load.add_argument("--source", required=True, help="the State Council notice's title and number")
        for p in (set_, unset, load):
            p.add_argument("--user", help="act as this administrator (default: the system)")

    def handle(self, *args, subcommand, **options):
        try:
            getattr(self, "_" + subcommand)(**options)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("；".join(getattr(error, "messages", None) or [str(error)])) from error

    def _show(self, year, **_):
        calendar = official_calendar()
        known = "已收录" if year in calendar.years else "未收录（按双休日计算，待录入国务院办公厅通知）"
        self.stdout.write(f"{year} 年节假日安排：{known}")
        entered = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
        for day in calendar.days_in(year):
            origin = "录入" if day.date in entered else "发布数据"
            self.stdout.write(f"{day.date}  {'上班' if day.working else '放假'}  {day.name}  （{origin}）")

    def _count(self, date, n, calendar_days, **_):
        start, calendar = _date(date), official_calendar()
        end = calendar.add_days(start, n, working=not calendar_days)
        self.stdout.write(end.isoformat())
        missing = calendar.missing_years(start, end)
        if missing and not calendar_days:
            self.stderr.write(f"注意：{'、'.join(map(str, missing))} 年的节假日安排未收录，按双休日计算。")

    def _set(self, date, kind, name, note, user, **_):
        actions.set_day(acting_user=named_user(user), date=_date(date), working=kind == "workday", name=name, note=note)
        self.stdout.write(f"已记录 {date} 为{'调休上班日' if kind == 'workday' else '放假日'}")

    def _unset(self, date, user, **_):
        actions.remove_day(acting_user=named_user(user), date=_date(date))
        self.stdout.write(f"已撤销 {date} 的调整")

    def _load(self, path, year, source, user, **_):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError("文件过大（最多 64 KB）")
        days = read_days(file.read_bytes())
        actions.publish_year(acting_user=named_user(user), year=year, days=days, source=source)
        self.stdout.write(f"已录入 {year} 年节假日安排：{len(days)} 个日期")
