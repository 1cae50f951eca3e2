"""The outward-facing sub-commands of `ducha cases`: `disclose` and `repeats`.

Kept apart from the command module so that `ducha cases` (import, export…) only has to call
`add_parsers(sub)` and `run(command, subcommand, options)`:

    ducha cases disclose OUT.xlsx|OUT.docx --inspection CODE --batch N [--user NAME]
    ducha cases repeats [--inspection CODE] [--csv OUT.csv] [--find] [--user NAME]
"""

import csv
from pathlib import Path

from django.core.management.base import CommandError

from ducha.jurisdictions.commands import named_user

NAMES = ("disclose", "repeats")


def add_parsers(sub):
    disclose = sub.add_parser("disclose", help="write a batch's public table (xlsx or docx) and print its summary")
    disclose.add_argument("out", help="OUT.xlsx or OUT.docx")
    disclose.add_argument("--inspection", required=True, help="the inspection's case code")
    disclose.add_argument("--batch", type=int, required=True)
    repeats = sub.add_parser("repeats", help="list repeat proposals (case,earlier,score,reason)")
    repeats.add_argument("--inspection", help="only cases of this inspection (its case code)")
    repeats.add_argument("--csv", dest="csv_out", help="write the list to this CSV file")
    repeats.add_argument("--find", action="store_true", help="compare the cases again before listing")
    for parser in (disclose, repeats):
        parser.add_argument("--user", help="act as this user (default: the system)")


def _inspection(code):
    from ducha.cases.models import CaseSetup

    setup = CaseSetup.objects.select_related("inspection").filter(code=code).first()
    if setup is None:
        raise CommandError(f"没有代码为“{code}”的督察（信访件设置）")
    return setup.inspection


def run(command, subcommand, options):
    if subcommand == "disclose":
        return _disclose(command, **options)
    return _repeats(command, **options)


def _disclose(command, out, inspection, batch, user=None, **_):
    from ducha.cases.actions.disclosure import disclose_batch
    from ducha.cases.models import Batch

    kind = Path(out).suffix.lower().lstrip(".")
    if kind not in ("xlsx", "docx"):
        raise CommandError("输出文件应以 .xlsx 或 .docx 结尾")
    found = Batch.objects.filter(inspection=_inspection(inspection), number=batch).first()
    if found is None:
        raise CommandError(f"该督察没有第{batch}批")
    data, summary = disclose_batch(found, kind, acting_user=named_user(user))
    Path(out).write_bytes(data)
    for sentence in summary.sentences:
        command.stdout.write(sentence)


def _repeats(command, inspection=None, csv_out=None, find=False, user=None, **_):
    from ducha.cases.actions.repeats import find_repeats
    from ducha.cases.models import Case, RepeatLink, RepeatStatus

    acting = named_user(user)
    cases = Case.objects.all()
    if inspection:
        cases = cases.filter(inspection=_inspection(inspection))
    if find:
        found = find_repeats(cases, acting_user=acting)
        command.stderr.write(f"新发现 {found} 条重复件建议")
    links = (RepeatLink.objects.filter(case__in=cases.values("pk"), status=RepeatStatus.PROPOSED)
             .select_related("case", "earlier").order_by("case__number", "-score"))
    rows = [(link.case.number or str(link.case.pk), link.earlier.number or str(link.earlier.pk), f"{link.score:.3f}",
             link.reason + ("+rebound" if link.rebound else "")) for link in links]
    target = open(csv_out, "w", newline="", encoding="utf-8-sig") if csv_out else None
    try:
        writer = csv.writer(target or command.stdout)
        writer.writerow(["case", "earlier", "score", "reason"])
        writer.writerows(rows)
    finally:
        if target:
            target.close()
