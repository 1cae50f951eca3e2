"""import_ledger: read a ledger spreadsheet into a plan, all rows or none.

1. read the sheet (sheet.py) and find the header (headers.py);
2. read every body row into task specifications (rows.py), collecting every
   error with its row, column and reason rather than stopping at the first;
3. compare each with the plan's task of the same number: 新增 / 更新 / 未变;
4. unless this is a dry run or there were errors, write everything in one
   transaction through the ledger's actions (commit.py: the same
   permissions, rules and audit as every page and API call); a refusal
   by a service is reported on its row and rolls the whole import back.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.core import collector, scoping
from ducha.jurisdictions.models import Division
from ducha.ledger import actions
from ducha.ledger.models import Plan, PollutionDomain, Task

from .commit import commit
from .headers import label, locate
from .rows import CREATED, UNCHANGED, UPDATED, PendingUnit, RowError, RowReader, link_parents
from .sheet import read_grid, text
from .units import UnitIndex

ACTION_COLUMN = "操作"
CHANGES_COLUMN = "变更内容"  # updated rows: which columns would change the existing task
# Changed fields with no column of their own, shown under the column that sets them.
CHANGE_LABELS = {"deadline_text": "整改时限", "stages": "整改时限", "parent": "上级任务"}
FK_FIELDS = ("division", "supervising_unit", "acceptance_unit")


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: list = field(default_factory=list)
    plan: Plan | None = None
    plan_created: bool = False
    units_created: list = field(default_factory=list)
    dry_run: bool = True
    versions: dict = field(default_factory=dict)  # number → version of each task the import would update

    @property
    def ok(self):
        return not self.errors

    @property
    def total(self):
        """Rows read from the sheet (the preview page shows the first of them)."""
        return len(self.rows)


def _division(value):
    if value is None or isinstance(value, Division):
        return value
    found = Division.objects.filter(code=str(value).strip()).first()
    if found is None:
        raise ValidationError(_("区划代码“%(code)s”不存在。") % {"code": value})
    return found


def _plan_and_division(acting_user, plan_code, division):
    plan = Plan.objects.select_related("division").filter(code=plan_code).first()
    if plan is not None:
        if not scoping.can(acting_user, scoping.ADD, plan):
            raise ValidationError(_("无权向方案“%(code)s”导入整改任务。") % {"code": plan_code})
        return plan, plan.division
    division = _division(division) or getattr(acting_user, "scope_division", None)
    if division is None:
        raise ValidationError(_("方案“%(code)s”不存在；请指定新方案的所属区划。") % {"code": plan_code})
    if not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise ValidationError(_("无权在%(division)s新建整改方案“%(code)s”。") % {
            "division": division.name, "code": plan_code})
    return None, division


def _title(grid, header):
    for row in grid[:header.row_index]:
        for value in row:
            if text(value):
                return text(value)[:255]
    return ""


@dataclass
class Existing:
    """The plan's tasks by number, and what comparing them needs of their relations."""

    tasks: dict = field(default_factory=dict)
    related: actions.TaskRelations = field(default_factory=actions.TaskRelations)
    parent_numbers: dict = field(default_factory=dict)  # task id → the parent's number


def _existing(plan):
    found = Existing()
    if plan is None:
        return found
    found.tasks = {t.number: t for t in Task.objects.filter(plan=plan).select_related("problem")}
    found.related = actions.task_relations(plan=plan)
    numbers = {t.pk: t.number for t in found.tasks.values()}
    outside = {t.parent_id for t in found.tasks.values() if t.parent_id and t.parent_id not in numbers}
    if outside:  # a county plan's task under the city's
        numbers.update(Task.objects.filter(pk__in=outside).values_list("pk", "number"))
    found.parent_numbers = {t.pk: numbers[t.parent_id] for t in found.tasks.values() if t.parent_id}
    return found


def _key(value):
    """Comparable form of a field value: model instances by primary key."""
    if isinstance(value, PendingUnit):
        return ("new unit", id(value))
    if hasattr(value, "_meta"):
        return value.pk
    return value


def _changes(spec, task, existing) -> list[str]:
    """The fields a row would change on its existing task, in sheet order ("" when none)."""
    changed = [name for name, value in spec.fields.items()
               if _key(value) != (getattr(task, name + "_id") if name in FK_FIELDS else getattr(task, name))]
    if [_key(u) for u in spec.units] != existing.related.units.get(task.pk, []):
        changed.append("units")
    if spec.domains is not None and sorted(d.pk for d in spec.domains) != existing.related.domains.get(task.pk, []):
        changed.append("domains")
    if spec.stages is not None and spec.stages != existing.related.stages.get(task.pk, []):
        changed.append("stages")
    if spec.problem is not None and spec.problem != (task.problem.description if task.problem_id else ""):
        changed.append("problem")
    if spec.parent_number is not None and spec.parent_number != existing.parent_numbers.get(task.pk):
        changed.append("parent")
    return changed


def _changed_labels(changed) -> str:
    names = []
    for name in changed:
        shown = CHANGE_LABELS.get(name) or label(name)
        if shown not in names:
            names.append(shown)
    return "、".join(names)


def _check_duplicates(specs, errors, header):
    first_row = {}
    unique = []
    for spec in specs:
        if spec.number in first_row:
            errors.append(RowError(spec.row, header.column_name("number"), _(
                "序号“%(number)s”重复（第 %(first)s 行已使用）") % {"number": spec.number, "first": first_row[spec.number]}))
            continue
        first_row[spec.number] = spec.row
        unique.append(spec)
    return unique


def import_ledger(*, acting_user, plan_code, file, dry_run, create_units, division=None,
                  expected_versions=None) -> ImportReport:
    """`expected_versions`: {number: version} of the tasks a preview showed; an update of a task changed
    since is refused on its row (nobody's edit is silently reverted by a stale sheet)."""
    with collector.paused():  # the import's objects live until it ends: no collector walking them meanwhile
        return _import_ledger(acting_user=acting_user, plan_code=plan_code, file=file, dry_run=dry_run,
                              create_units=create_units, division=division, expected_versions=expected_versions)


def _import_ledger(*, acting_user, plan_code, file, dry_run, create_units, division, expected_versions):
    plan_code = (plan_code or "").strip()
    if not plan_code:
        raise ValidationError(_("请填写方案代码。"))
    grid = read_grid(file)
    header = locate(grid)
    plan, plan_division = _plan_and_division(acting_user, plan_code, division)
    report = ImportReport(plan=plan, dry_run=dry_run)
    reader = RowReader(header=header, plan_division=plan_division, index=UnitIndex(plan_division),
                       domains_by_name=PollutionDomain.by_name(), create_units=create_units, errors=report.errors)
    specs = []
    for index in range(header.body_start, len(grid)):
        specs += reader.read(index + 1, grid[index])
    if not specs and not report.errors:
        raise ValidationError(_("表头下面没有任何整改任务行。"))
    specs = _check_duplicates(specs, report.errors, header)
    existing = _existing(plan)
    link_parents(specs, existing.tasks)
    for spec in specs:
        task = existing.tasks.get(spec.number)
        changed = _changes(spec, task, existing) if task is not None else []
        spec.action = CREATED if task is None else (UPDATED if changed else UNCHANGED)
        report.rows.append({**spec.preview, ACTION_COLUMN: spec.action,
                            **({CHANGES_COLUMN: _changed_labels(changed)} if changed else {})})
        if spec.action == UPDATED:
            report.versions[spec.number] = task.version
            if expected_versions is not None:
                spec.version = expected_versions.get(spec.number, task.version)
    report.created = sum(s.action == CREATED for s in specs)
    report.updated = sum(s.action == UPDATED for s in specs)
    report.unchanged = sum(s.action == UNCHANGED for s in specs)
    report.units_created = [p.name for p in reader.pending.values()]
    # The write itself checks every permission and rule; a dry run (or a sheet with unreadable rows) is
    # the same write rolled back, so the preview lists exactly what the commit would refuse.
    with transaction.atomic():
        commit(acting_user, plan_code, plan, plan_division, _title(grid, header), specs, existing.tasks, reader,
               report)
        if report.errors or dry_run:
            transaction.set_rollback(True)
    report.errors.sort(key=lambda e: (e.row or 0))
    if report.errors and report.plan_created:
        report.plan, report.plan_created = None, False
    return report
