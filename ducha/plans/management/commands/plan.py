"""`ducha plan parse PATH [--json]`, `ducha plan normalize PATH` and
`ducha plan propose PATH --division CODE [--json]`.

Reading only: nothing is written to the database. `propose` prints what the
review page would propose for the division (units resolved against its known
units, tasks read through the ledger importer). An unreadable file ends
with a clear message and exit status 2.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from ducha.plans.reading import parse_bytes
from ducha.plans.reading.formats import UnreadableDocument, extract
from ducha.plans.reading.normalize import normalize

_ROLES = {"lead": "牵头", "co": "配合", "responsible": "负责", "supervising": "督办"}
_KINDS = {"target": "目标", "achieved": "已达成"}
_DEADLINE_KINDS = {"by_deadline": "限期", "immediate": "立行立改", "long_term": "长期坚持"}
_COMPARATORS = {"<": "低于", "<=": "不高于", ">=": "不低于", ">": "高于", "=": "为"}
_SCRIPTS = {"simplified": "简体", "traditional": "繁体", "mixed": "繁简混合"}


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件“{path}”：{exc.strerror or exc}") from exc


class Command(BaseCommand):
    help = "整改方案 / rectification plans: `plan parse PATH [--json]`, `plan normalize PATH`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        p = sub.add_parser("parse", help="read a plan (.txt/.docx/.pdf/.html) and propose its structure")
        p.add_argument("path")
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        n = sub.add_parser("normalize", help="print the repaired text of a plan")
        n.add_argument("path")
        r = sub.add_parser("propose", help="print the tasks and quality targets the review would propose")
        r.add_argument("path")
        r.add_argument("--division", required=True, help="division code, e.g. 331100")
        r.add_argument("--json", action="store_true", help="print the proposal as JSON")

    def handle(self, *args, subcommand, path, **options):
        try:
            data = _read(path)
            if subcommand == "propose":
                self._propose(data, path, options)
                return
            if subcommand == "normalize":
                _fmt, text = extract(data, path)
                clean, _repairs = normalize(text)
                self.stdout.write(clean)
                return
            result = parse_bytes(data, path)
        except UnreadableDocument as exc:
            self.stderr.write(f"错误：{exc}")
            sys.exit(2)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(result))

    def _propose(self, data, path, options):
        from ducha.jurisdictions.models import Division
        from ducha.plans.proposing import read_document
        from ducha.plans.proposed import proposal, proposal_text

        division = Division.objects.filter(code=options["division"].strip()).first()
        if division is None:
            raise CommandError(f"区划代码“{options['division']}”不存在。")
        text, parse = read_document(data, path)
        result = proposal(division, text, parse)
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(proposal_text(result))


def summary(r: dict) -> str:
    src = r["source"]
    lines = [
        f"标题：{r['title'] or '（未识别）'}",
        f"发文单位：{r['issuer'] or '（未识别）'}",
        f"日期：{r['date'] or '（未识别）'}",
        f"格式：{src['format']}；文字：{_SCRIPTS.get(src['script'], src['script'])}；"
        f"修复：{'、'.join(src['repairs']) or '无'}",
        "",
        f"结构（{len(r['sections'])} 个标题）：",
    ]
    for s in r["sections"]:
        lines.append(f"{'  ' * s['level']}{s['marker']}{s['heading']}（第{s['line']}行）")
    lines += ["", f"量化目标（{len(r['targets'])} 项）："]
    for t in r["targets"]:
        where = f"{t['region']} " if t["region"] else ""
        year = f"{t['year']}年 " if t["year"] else ""
        lines.append(f"  [{_KINDS[t['kind']]}] {year}{where}{t['name']}（{t['indicator']}）"
                     f"{_COMPARATORS[t['comparator']]}{t['value']}{t['unit']}")
    lines += ["", f"时限（{len(r['deadlines'])} 项）："]
    for d in r["deadlines"]:
        lines.append(f"  {d['date'] or _DEADLINE_KINDS[d['kind']]}：{d['text']}")
    lines += ["", f"数量（{len(r['counts'])} 项）："]
    for c in r["counts"]:
        lines.append(f"  {c['what']}：{c['value']}{c['unit']}")
    lines += ["", f"责任单位（{len(r['units'])} 项）："]
    for u in r["units"]:
        lines.append(f"  {u['name']}（{_ROLES[u['role']]}）")
    return "\n".join(lines)
