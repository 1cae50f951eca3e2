"""`ducha imports cleanup [--older-than HOURS]`: delete import uploads that were
previewed but never confirmed or cancelled (default: older than 24 hours).
The job runner can call ducha.ledger.importing.uploads.cleanup_abandoned_uploads
directly."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from ducha.ledger.importing.uploads import cleanup_abandoned_uploads


class Command(BaseCommand):
    help = "待确认的导入文件 / pending import uploads: `ducha imports cleanup [--older-than HOURS]`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        clean = sub.add_parser("cleanup", help="delete abandoned import uploads")
        clean.add_argument("--older-than", type=float, default=24.0, metavar="HOURS",
                           help="age in hours beyond which an upload counts as abandoned (default 24)")

    def handle(self, *args, subcommand, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than 不能为负数")
        removed = cleanup_abandoned_uploads(dt.timedelta(hours=older_than))
        self.stdout.write(f"已删除 {removed} 个超过 {older_than:g} 小时未确认的导入文件")
