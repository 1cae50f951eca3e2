"""`ducha quality import-air CSV --division CODE [--user NAME]` and
`ducha quality import-water CSV --division CODE --month 2025-06 [--user NAME]`.
All rows or none; without --user the command acts as the system (see
`ducha tasks`)."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from ducha.jurisdictions.models import Division
from ducha.ledger.management.commands.tasks import acting_user
from ducha.quality.importing import ImportFailed, import_air, import_water


class Command(BaseCommand):
    help = "环境质量 / quality data: import air daily values and water section results for a division."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        air = sub.add_parser("import-air", help="hourly (time,station,city,…) or daily (date,station,…) air CSV")
        water = sub.add_parser("import-water", help="section CSV as `ducha water classify` reads it")
        water.add_argument("--month", required=True, help="YYYY-MM")
        for p in (air, water):
            p.add_argument("path")
            p.add_argument("--division", required=True, help="GB/T 2260 code, e.g. 331100")
            p.add_argument("--user", help="act as this user (default: the system)")

    def handle(self, *args, subcommand, **options):
        user = acting_user(options.get("user"))
        division = Division.objects.filter(code=options["division"]).first()
        if division is None:
            raise CommandError(f"区划代码“{options['division']}”不存在")
        try:
            if subcommand == "import-air":
                result = import_air(acting_user=user, division=division, path=options["path"])
                self.stdout.write(f"{division.name}: {result.rows} 天 / days, {result.first} – {result.last}")
            else:
                result = import_water(acting_user=user, division=division, month=options["month"],
                                      path=options["path"])
                self.stdout.write(f"{division.name} {result.first:%Y-%m}: {result.rows} 个断面 / sections")
        except ImportFailed as exc:
            raise CommandError(f"{exc}\n未写入任何数据") from None
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
