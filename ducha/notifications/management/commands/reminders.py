"""`ducha reminders send [--dry-run] [--date YYYY-MM-DD]`: the daily digest, now.

The same function runs every morning as a scheduled job; running it again the same day sends nothing
more (one digest per person per day). `--dry-run` prints who would get what and writes nothing."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ducha.notifications.digest import send_digests


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date: 日期格式应为 YYYY-MM-DD，收到 {text!r}") from None


class Command(BaseCommand):
    help = "发送每日待办摘要（邮件与站内通知）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        send = sub.add_parser("send", help="发送今日待办摘要（每人每天一封）")
        send.add_argument("--dry-run", action="store_true", help="只列出将发给谁、发什么，不写入、不发送")
        send.add_argument("--date", type=_date, default=None, help="按该日期汇总（YYYY-MM-DD，默认今天）")

    def handle(self, *args, command, dry_run=False, date=None, **options):
        run = send_digests(date, dry_run=dry_run)
        for digest in run.digests:
            how = digest.email or "站内通知"
            parts = "，".join(f"{g.section.label} {g.total_label}" for g in digest.groups)
            self.stdout.write(f"{digest.user.username}\t{how}\t{digest.total} 项：{parts}")
        verb = "将发送" if dry_run else "已发送"
        self.stdout.write(f"{run.date}：{verb} {len(run.digests)} 份摘要（其中邮件 {run.emailed} 封），"
                          f"今日已发过 {run.already} 人" + (f"，发送失败 {run.failed} 封" if run.failed else "")
                          + ("（演练，未写入）" if dry_run else ""))
