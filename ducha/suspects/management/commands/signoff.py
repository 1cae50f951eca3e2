"""`ducha signoff suspects [--plan CODE] [--csv OUT.csv] [--threshold 0.5] [--user NAME]`: run the paper
sign-off rules (纸面销号), store what they find, and list the suspects (or write them as CSV)."""

import csv

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.ledger.management.commands.tasks import acting_user
from ducha.ledger.models import Plan
from ducha.suspects import actions, rules

COLUMNS = ["id", "rule", "rule_label", "state", "task_number", "other_task_number", "score", "reason", "evidence"]


def _evidence(suspect):
    parts = []
    for entry in suspect.evidence:
        what = entry.get("name") or (entry.get("text") or "")[:60] or entry.get("date", "")
        sha = f" sha256={entry['sha256']}" if entry.get("sha256") else ""
        parts.append(f"[{entry.get('number', '')}] {entry.get('label', '')}: {what}{sha}")
    return " | ".join(parts)


class Command(BaseCommand):
    help = "验收销号 / sign-off: `ducha signoff suspects [--plan CODE] [--csv OUT.csv]` lists paper sign-off suspects."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sus = sub.add_parser("suspects", help="run the paper sign-off rules and list the suspects")
        sus.add_argument("--plan", help="only the tasks of the plan with this code")
        sus.add_argument("--csv", metavar="OUT.csv", help="write the suspects as CSV (UTF-8 with BOM) here")
        sus.add_argument("--threshold", type=float, default=None,
                         help="similarity (Jaccard of character shingles) of nearly identical texts, 0–1")
        sus.add_argument("--user", help="act as this user (default: the system)")

    def handle(self, *args, subcommand, **options):
        actor = acting_user(options.get("user"))
        plan = None
        if options.get("plan"):
            plan = Plan.objects.filter(code=options["plan"]).first()
            if plan is None:
                raise CommandError(f"--plan: 没有代码为 {options['plan']} 的整改方案")
        threshold = options.get("threshold")
        if threshold is not None and not 0 < threshold <= 1:
            raise CommandError("--threshold: 应在 0 与 1 之间")
        option_set = rules.Options(similarity=threshold) if threshold is not None else None
        try:
            found = actions.detect(acting_user=actor, plan=plan, options=option_set)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("；".join(messages)) from None
        rows = [[s.pk, s.rule, str(rules.label_of(s.rule)), s.get_state_display(), s.task.number,
                 s.other_task.number if s.other_task_id else "", s.score if s.score is not None else "",
                 s.reason, _evidence(s)] for s in found]
        if options.get("csv"):
            with open(options["csv"], "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(COLUMNS)
                writer.writerows(rows)
            self.stdout.write(f"已写出 {len(rows)} 条疑似纸面销号：{options['csv']}")
            return
        for row in rows:
            self.stdout.write(f"#{row[0]} [{row[2]}] {row[3]} 任务 {row[4]}: {row[7]}")
        self.stdout.write(f"共 {len(rows)} 条疑似纸面销号")
