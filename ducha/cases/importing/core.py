"""import_batch: read a transferred batch into cases, all rows or none.

1. read the table (grid.py: xlsx, csv or docx, bounded) and find its header (headers.py);
2. read every body row (rows.py), collecting every problem with its row, column and reason;
3. compare with the batch's cases already there (by number, else serial): 新增 / 未变 — re-importing a
   batch changes nothing, and a case already imported is never overwritten by the sheet;
4. route each new case (routing.py) and compute its deadline (deadlines.py);
5. unless this is a dry run or there were errors, write the batch and its new cases in one transaction
   (commit.py), with an audit entry per case.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.actions import date_input
from ducha.holidays.calendar import official_calendar
from ducha.ledger.importing.rows import RowError

from ..models import Batch, Case, CaseType, Routing
from ..reading.values import map_types
from ..routing import Router
from .grid import read_table
from .headers import is_header, locate
from .rows import RowReader, join_broken_rows

CREATED, UNCHANGED = "新增", "未变"
PREVIEW_LIMIT = 500


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    created: int = 0
    unchanged: int = 0
    pending: int = 0
    batch: Batch | None = None
    kind: str = ""
    columns: list = field(default_factory=list)
    dry_run: bool = True
    repeats: int = 0  # repeat proposals found on commit (cases-out)

    @property
    def ok(self):
        return not self.errors

    @property
    def total(self):
        """Case rows read from the table (the preview keeps only the first PREVIEW_LIMIT of them)."""
        return self.created + self.unchanged


def check_may_import(acting_user, inspection):
    if acting_user is not None and not scoping.can_in_division(acting_user, scoping.ADD, inspection.division):
        raise PermissionDenied(_("当前用户无权向该督察导入信访件。"))


def _type_index():
    aliases, by_code = {}, {}
    fallback = None
    # A disabled type is read no more (its words fall to the fallback type); the cases that have it keep it.
    for case_type in CaseType.objects.filter(is_active=True):
        by_code[case_type.code] = case_type
        for name in [case_type.name, *case_type.alias_list()]:
            aliases.setdefault(name, case_type.code)
        if case_type.is_fallback:
            fallback = case_type.code
    return aliases, by_code, fallback


def _check_duplicates(specs, errors, header):
    seen = {}
    for spec in specs:
        seen.setdefault(spec.key, []).append(spec)
    column = header.column_name("number" if "number" in header.fields else "serial")
    for key, group in seen.items():
        if len(group) > 1:
            rows = "、".join(str(s.row) for s in group)
            for spec in group:
                errors.append(RowError(spec.row, column, _("编号“%(key)s”在本批中重复（第 %(rows)s 行）。") % {
                    "key": key.lstrip("#@"), "rows": rows}))


def _existing_keys(inspection, batch_number):
    keys = set()
    rows = Case.objects.filter(inspection=inspection, batch__number=batch_number).values_list("number", "serial",
                                                                                                "row")
    for number, serial, row in rows:
        keys.add(number or (f"#{serial}" if serial else f"@{row}"))
    return keys


def _transfer_date(batch, transferred_on, specs):
    """The batch's transfer date: the batch's own, else the one given, else the latest date the case numbers
    carry. A batch is transferred before it is imported: a later date (a typo in the form or in a number,
    20621201 for 20261201) would put every deadline of the batch years off, so it is refused."""
    if batch is not None:
        return batch.transferred_on
    today = timezone.localdate()
    if transferred_on:
        day = date_input(transferred_on, "transferred_on", label=_("交办日期"))
        if day > today:
            raise ValidationError({"transferred_on": [_("交办日期 %(day)s 晚于今天（%(today)s），请核对。") % {
                "day": day, "today": today}]})
        return day
    dated = [(s.values["number_date"], s.row) for s in specs if s.values.get("number_date")]
    if not dated:
        raise ValidationError(_("请填写交办日期（受理编号中也没有日期可用）。"))
    day = date_input(max(d for d, _row in dated), "transferred_on", label=_("交办日期（受理编号中的日期）"))
    late = [row for d, row in dated if d > today]
    if late:
        rows = "、".join(str(r) for r in late[:10]) + (_(" 等 %(n)s 行") % {"n": len(late)} if len(late) > 10 else "")
        raise ValidationError(_("第 %(rows)s 行受理编号中的日期晚于今天（%(today)s），请核对编号，或填写交办日期。") % {
            "rows": rows, "today": today})
    return day


def import_batch(*, acting_user, inspection, batch_number, file, transferred_on=None, dry_run=True,
                 source_name="", channel="", stated_count=None) -> ImportReport:
    from .commit import commit

    check_may_import(acting_user, inspection)
    if not isinstance(batch_number, int) or not 1 <= batch_number <= 999:
        raise ValidationError(_("批次应为 1—999 的整数。"))
    grid, kind = read_table(file, is_header)
    header = locate(grid)
    if header is None:
        raise ValidationError(_("没有找到表头行：前 30 行中没有“受理编号”“交办问题基本情况”“行政区域”等列名。"))
    report = ImportReport(dry_run=dry_run, kind=kind, columns=[header.column_name(f) for f in header.by_field])
    rows = join_broken_rows(grid, header)
    sample = "".join(c for _row, cells in rows[:200] for c in cells)
    reader = RowReader(header, report.errors, sample)
    specs = [s for s in (reader.read(row, cells) for row, cells in rows) if s is not None]
    if not specs and not report.errors:
        raise ValidationError(_("表头下面没有任何信访件行。"))
    _check_duplicates(specs, report.errors, header)
    batch = Batch.objects.filter(inspection=inspection, number=batch_number).first()
    transferred = _transfer_date(batch, transferred_on, specs)
    existing = _existing_keys(inspection, batch_number)
    aliases, types_by_code, fallback = _type_index()
    router = Router(inspection)
    calendar = official_calendar()
    days = _working_days(inspection)
    due = calendar.add_working_days(transferred, days)
    new = []
    for spec in specs:
        codes = map_types(spec.type_words, aliases, fallback)
        spec.types = [types_by_code[c] for c in codes]
        action = UNCHANGED if spec.key in existing else CREATED
        if action == CREATED:
            extra_text = " ".join(spec.extra.values())
            spec.proposal = router.propose(spec.values["area_text"], {t.pk for t in spec.types}, extra_text)
            new.append(spec)
        if len(report.rows) < PREVIEW_LIMIT:
            report.rows.append(_preview(spec, action, due))
    report.created, report.unchanged = len(new), len(specs) - len(new)
    report.pending = sum(1 for s in new if s.proposal.routing == Routing.PENDING)
    report.errors.sort(key=lambda e: (e.row or 0))
    if report.errors or dry_run:
        return report
    report.batch = commit(acting_user, inspection, batch, batch_number, transferred, due, new,
                          source_name=source_name, channel=channel, stated_count=stated_count)
    from ducha.cases.actions.repeats import find_repeats  # cases-out hook: repeats proposed on import

    report.repeats = find_repeats(report.batch.cases.all(), acting_user=acting_user)
    return report


def _working_days(inspection):
    from ..deadlines import working_days_for

    return working_days_for(inspection)


def _preview(spec, action, due):
    v = spec.values
    proposal = getattr(spec, "proposal", None)
    return {
        "行": spec.row, "受理编号": v.get("number_raw") or v.get("serial") or "", "重点件": "是" if v["is_key"] else "",
        "交办问题基本情况": v["summary"][:80], "行政区域": v["area_text"],
        "区划": proposal.division.name if proposal and proposal.division else ("" if proposal is None else "待分办"),
        "功能区": proposal.zone if proposal else "",
        "牵头单位": proposal.lead_unit.name if proposal and proposal.lead_unit else (
            _("待分办") if proposal is not None else ""),
        "类型": "、".join(t.name for t in spec.types), "是否属实": v["verdict_text"],
        "办理时限": due.isoformat() if isinstance(due, dt.date) else "", "操作": action,
    }
