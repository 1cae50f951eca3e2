"""`ducha cases import PATH --inspection CODE --batch N [--transferred YYYY-MM-DD] [--division CODE]
[--dry-run] [--user NAME]` and `ducha cases export OUT.xlsx --inspection CODE [--batch N]
[--with-complainant] [--user NAME]`.

CODE is the inspection's case code (CaseSetup.code). Importing with --division names the division of an
inspection that does not exist yet: it is created (provincial level, named after the division) with that
code. With --user the command acts as that user; without it, as the system (ducha tasks' system actor).
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ducha.cases.actions.privacy import reveal_many
from ducha.cases.exporting import export_cases
from ducha.cases.importing import import_batch
from ducha.cases.management import outward
from ducha.cases.models import Case, CaseSetup
from ducha.core import scoping
from ducha.jurisdictions.models import Division
from ducha.ledger.management.commands.tasks import acting_user
from ducha.ledger.models import Inspection


def _date(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”应为 YYYY-MM-DD") from None


def _inspection(actor, code, division_code=None):
    setup = CaseSetup.objects.select_related("inspection__division").filter(code=code).first()
    if setup is not None:
        if not scoping.can(actor, scoping.VIEW, setup.inspection):
            raise CommandError(f"督察“{code}”不存在或无权查看")
        return setup.inspection
    if not division_code:
        raise CommandError(f"督察“{code}”不存在；用 --division 指定区划以新建")
    division = Division.objects.filter(code=division_code).first()
    if division is None:
        raise CommandError(f"区划代码“{division_code}”不存在")
    if not scoping.can_in_division(actor, scoping.ADD, division):
        raise CommandError(f"无权在{division.name}新建督察")
    from ducha.ledger import actions as ledger

    inspection = ledger.create_inspection(acting_user=actor, name=f"{division.name}生态环境保护督察（{code}）",
                                          level=Inspection.Level.PROVINCIAL, round_number=1, division=division)
    CaseSetup.objects.create(inspection=inspection, code=code)
    return inspection


class Command(BaseCommand):
    help = "信访件 / complaint cases: `ducha cases import TABLE --inspection CODE --batch N`, `ducha cases export`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="import a transferred batch (xlsx, csv or docx; all rows or none)")
        imp.add_argument("path")
        imp.add_argument("--inspection", required=True, help="the inspection's case code")
        imp.add_argument("--batch", required=True, type=int, help="batch number (第N批)")
        imp.add_argument("--transferred", help="transfer date YYYY-MM-DD (default: the numbers' date)")
        imp.add_argument("--division", help="division code: creates the inspection when CODE is new")
        imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        imp.add_argument("--user", help="act as this user (default: the system)")
        exp = sub.add_parser("export", help="the internal case ledger as xlsx")
        exp.add_argument("path")
        exp.add_argument("--inspection", required=True)
        exp.add_argument("--batch", type=int)
        exp.add_argument("--with-complainant", action="store_true",
                         help="add 信访人/联系方式 where the user may see them (audited)")
        exp.add_argument("--user", help="act as this user (default: the system)")
        outward.add_parsers(sub)  # disclose, repeats (cases-out)

    def handle(self, *args, subcommand, **options):
        if subcommand in outward.NAMES:
            try:
                return outward.run(self, subcommand, options)
            except (ValidationError, PermissionDenied) as error:
                raise CommandError("；".join(getattr(error, "messages", None) or [str(error)])) from error
        actor = acting_user(options.pop("user", None))
        if subcommand == "import":
            return self._import(actor, **options)
        return self._export(actor, **options)

    def _import(self, actor, *, path, inspection, batch, transferred, division, dry_run, **_):
        try:
            # A new inspection is created only together with its first batch (all or nothing).
            with transaction.atomic(), open(path, "rb") as fh:
                found = _inspection(actor, inspection, division)
                report = import_batch(acting_user=actor, inspection=found, batch_number=batch, file=fh,
                                      transferred_on=_date(transferred) if transferred else None, dry_run=dry_run,
                                      source_name=path.rsplit("/", 1)[-1])
                if not report.ok or dry_run:
                    transaction.set_rollback(True)
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
        self.stdout.write(f"{verb}：第 {batch} 批 新增 {report.created}，未变 {report.unchanged}，待分办 {report.pending}")

    def _export(self, actor, *, path, inspection, batch, with_complainant, **_):
        found = _inspection(actor, inspection)
        cases = Case.objects.restrict(actor, scoping.VIEW).filter(inspection=found)
        if batch:
            cases = cases.filter(batch__number=batch)
        reveal = (lambda chunk: reveal_many(acting_user=actor, cases=chunk)) if with_complainant else None
        count = export_cases(cases, path, complainants=reveal)
        self.stdout.write(f"已导出 {count} 件信访件：{path}")
