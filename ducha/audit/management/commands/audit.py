from django.core.management.base import BaseCommand, CommandError

from ducha.audit.services import verify


class Command(BaseCommand):
    help = "审计日志 / audit log: `ducha audit verify` checks the hash chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="verify the hash chain; exit 1 naming the first broken entry")

    def handle(self, *args, subcommand, **options):
        if subcommand == "verify":
            result = verify()
            if not result.ok:
                raise CommandError(f"审计日志链断裂 / audit chain broken at entry #{result.broken_id}: {result.reason}")
            self.stdout.write(f"审计日志完整 / audit chain intact: {result.checked} entries")
