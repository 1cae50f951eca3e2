"""Turning the body rows of a ledger into task specifications.

A row that lists a collective ("各县（市、区）党委和政府") among its units
becomes the row's task plus one sub-task per county of the plan's division,
numbered "<row number>-<i>" with i = 1, 2, … in division-code order, each led by
that county's government. Exported ledgers write those sub-tasks as ordinary
rows ("9-1", "9-2"): on import, a number "<n>-<i>" whose "<n>" is another task
of the file or of the plan makes that task its parent, so an export reads
back as the same tree.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ducha.jurisdictions.models import Division, UnitKind
from ducha.ledger.models import Category

from . import cells
from .headers import Header
from .sheet import fold, text
from .units import guess_kind, is_collective, split_units, unit_key

CREATED, UPDATED, UNCHANGED = "新增", "更新", "未变"
TEXT_FIELDS = ("target", "measures", "progress_note", "responsible_people", "supervising_leader")
STAGE_NAME_LIMIT = 128
DEADLINE_TEXT_LIMIT = 64
RAW_FIELDS = frozenset({"deadline", "progress", "completed_on"})


@dataclass
class RowError:
    row: int | None
    column: str
    reason: str


@dataclass(eq=False)
class PendingUnit:
    """A unit the ledger names that does not exist yet (created on commit with --create-units)."""

    name: str
    kind: str
    division: Division
    unit: object = None

    @property
    def pk(self):
        return self.unit.pk if self.unit else None


@dataclass(eq=False)
class TaskSpec:
    row: int
    number: str
    fields: dict = field(default_factory=dict)
    units: list = field(default_factory=list)
    domains: list | None = None
    stages: list | None = None
    problem: str | None = None
    parent_number: str | None = None
    preview: dict = field(default_factory=dict)
    action: str = ""
    version: int | None = None  # the version of the task the preview showed (stale-sheet check)


class RowReader:
    def __init__(self, *, header: Header, plan_division, index, domains_by_name, create_units, errors):
        self.header = header
        self.division = plan_division
        self.index = index
        self.domains_by_name = domains_by_name
        self.create_units = create_units
        self.errors = errors
        self.pending: dict[str, PendingUnit] = {}
        self._counties = None
        self._divisions = None

    # -- helpers -------------------------------------------------------------------------------------------
    def _error(self, row, field_name, reason):
        self.errors.append(RowError(row, self.header.column_name(field_name), reason))

    def counties(self):
        if self._counties is None:
            self._counties = list(self.division.counties().order_by("code"))
        return self._counties

    def _division_named(self, name):
        if self._divisions is None:
            self._divisions = {fold(d.name): d for d in self.division.subtree()}
        return self._divisions.get(fold(name))

    def _pending(self, name, kind, division):
        key = unit_key(name)
        if key not in self.pending:
            self.pending[key] = PendingUnit(name=name.strip(), kind=kind,
                                            division=division)
        return self.pending[key]

    def unit(self, name, row, field_name):
        found = self.index.find(name)
        if len(found) == 1:
            return found[0]
        if found:
            self._error(row, field_name, _("单位“%(name)s”不唯一，可能是：%(units)s") % {
                "name": name, "units": "、".join(u.name for u in found[:5])})
            return None
        if unit_key(name) in self.pending:
            return self.pending[unit_key(name)]
        if self.create_units:
            return self._pending(name, guess_kind(name), self.division)
        self._error(row, field_name, _("未知单位“%(name)s”（可勾选“自动创建未知单位”，或先在系统中登记该单位）") % {"name": name})
        return None

    def county_government(self, county, row, field_name):
        government = self.index.county_government(county)
        if government is None:  # registered under another kind, perhaps
            found = self.index.find(f"{county.name}人民政府")
            government = found[0] if len(found) == 1 else None
        if government is not None:
            return government
        if self.create_units:
            return self._pending(f"{county.name}人民政府", UnitKind.GOVERNMENT, county)
        self._error(row, field_name, _("%(county)s没有登记政府单位，无法展开“各县（市、区）”") % {"county": county.name})
        return None

    # -- one row -------------------------------------------------------------------------------------------
    def read(self, row: int, values) -> list[TaskSpec]:
        """Specs for one spreadsheet row (row is 1-based); [] for blank or heading rows."""
        texts = [text(v) for v in values]
        distinct = set(texts)
        distinct.discard("")
        if len(distinct) < 2:  # blank
            return []  # or a section heading ("一、大气污染问题") or a note merged across the row
        errors_before = len(self.errors)
        width = len(values)
        # Text for every field but those whose cell type matters (Excel dates, percentages).
        cells_by_field = {f: (values[i] if f in RAW_FIELDS else texts[i]) if i < width else ""
                          for i, f in self.header.columns.items()}
        number = unicodedata.normalize("NFKC", cells_by_field["number"]).replace(" ", "")
        if not number:
            self._error(row, "number", _("缺少序号"))
        spec = TaskSpec(row=row, number=number)
        spec.preview = {self.header.column_name(f): texts[i] if i < width else ""
                        for i, f in self.header.columns.items()}
        self._read_fields(spec, cells_by_field)
        collective = self._read_units(spec, cells_by_field)
        if len(self.errors) > errors_before:
            return []
        specs = [spec]
        if collective:
            specs += self._expand(spec)
        return specs

    def _read_fields(self, spec, cells_by_field):
        row, f = spec.row, spec.fields
        for name in TEXT_FIELDS:  # lengths are the task rules' (ducha.ledger.actions.rules)
            if name in cells_by_field:
                f[name] = text(cells_by_field[name])
        if "problem" in cells_by_field:
            spec.problem = text(cells_by_field["problem"])
        try:
            deadline, written = cells.deadline(cells_by_field["deadline"])
            f.update(deadline=deadline.date, deadline_text=written[:DEADLINE_TEXT_LIMIT],
                     category=deadline.category)
            # The sheet's deadline is the whole truth: a plain date clears old stages.
            spec.stages = [(name[:STAGE_NAME_LIMIT], due) for name, due in deadline.stages or ()]
        except cells.CellError as error:
            self._error(row, "deadline", str(error))
        self._optional(spec, cells_by_field, "category", cells.category)
        if spec.stages == [] and f.get("category") in (Category.STAGED, Category.LONG_TERM):
            # A staged or long-term row whose cell names no stages (an export writes "长期坚持" or the
            # final date) says nothing about them: keep the stored stages, so an export imports back unchanged.
            spec.stages = None
        self._optional(spec, cells_by_field, "state", cells.state)
        claim_cells = [cells_by_field[n] for n in ("state", "progress") if text(cells_by_field.get(n, ""))]
        if claim_cells:
            # The ledger's own 序时进度 claim, from whichever of the two columns states it ("" clears it).
            f["reported_schedule"] = next(
                (c for c in map(cells.schedule_claim, claim_cells) if c), "")
        if text(cells_by_field.get("progress", "")):
            try:
                progress, state = cells.progress(cells_by_field["progress"])
            except cells.CellError as error:
                self._error(row, "progress", str(error))
            else:
                if progress is not None:
                    f["progress"] = progress
                if state is not None:
                    f.setdefault("state", state)
        if f.get("state") in ("completed", "signed_off"):
            f["progress"] = 100
        self._optional(spec, cells_by_field, "completed_on", cells.date)
        if "domains" in cells_by_field:
            try:
                spec.domains = cells.domains(cells_by_field["domains"], self.domains_by_name)
            except cells.CellError as error:
                self._error(row, "domains", str(error))
        for name in ("supervising_unit", "acceptance_unit"):
            if name in cells_by_field:
                names = split_units(text(cells_by_field[name]))
                f[name] = self.unit(names[0], row, name) if names else None

    def _optional(self, spec, cells_by_field, name, reader):
        if text(cells_by_field.get(name, "")):
            try:
                spec.fields[name] = reader(cells_by_field[name])
            except cells.CellError as error:
                self._error(spec.row, name, str(error))

    def _read_units(self, spec, cells_by_field):
        """Units in order, lead first; True when a collective (各县…) was listed."""
        row, collective = spec.row, False
        names = list(split_units(text(cells_by_field["units"])))
        for name in sorted(f for f in cells_by_field if f.startswith("co_units")):
            names += split_units(text(cells_by_field[name]))
        if not names:
            self._error(row, "units", _("缺少责任单位"))
        units = []
        for name in names:
            if is_collective(name):
                collective = True
                counties = self.counties()
                if not counties:
                    self._error(row, "units", _("%(division)s下没有县级区划，无法展开“%(name)s”") % {
                        "division": self.division.name, "name": name})
                units += [self.county_government(c, row, "units") for c in counties]
            else:
                units.append(self.unit(name, row, "units"))
        seen, spec.units = set(), []
        for unit in units:
            if unit is not None and id(unit) not in seen:
                seen.add(id(unit))
                spec.units.append(unit)
        division_cell = text(cells_by_field.get("division", ""))
        if division_cell:
            division = self._division_named(division_cell)
            if division is None:
                self._error(row, "division", _("“%(name)s”不是%(division)s或其下级区划") % {
                    "name": division_cell, "division": self.division.name})
            spec.fields["division"] = division
        elif spec.units:
            lead_division = spec.units[0].division
            inside = lead_division.path.startswith(self.division.path)
            spec.fields["division"] = lead_division if inside else self.division
        return collective

    def _expand(self, spec):
        children = []
        for i, county in enumerate(self.counties(), start=1):
            government = self.county_government(county, spec.row, "units")
            child = TaskSpec(row=spec.row, number=f"{spec.number}-{i}", fields=dict(spec.fields),
                             units=[government], domains=spec.domains, stages=spec.stages, problem=spec.problem,
                             parent_number=spec.number)
            child.fields["division"] = county
            child.preview = dict(spec.preview)
            child.preview[self.header.column_name("number")] = child.number
            child.preview[self.header.column_name("units")] = government.name
            children.append(child)
        return children


_CHILD_NUMBER = re.compile(r"^(.+)-(\d+)$")


def link_parents(specs, existing_numbers):
    """Give "<n>-<i>" rows their parent "<n>" when it is in the file or the plan."""
    in_file = {s.number for s in specs}
    for spec in specs:
        if spec.parent_number is None:
            match = _CHILD_NUMBER.match(spec.number)
            if match and (match.group(1) in in_file or match.group(1) in existing_numbers):
                spec.parent_number = match.group(1)


def depth(spec, by_number):
    """How many ancestors of the spec are in the file (parents are written first)."""
    level, parent = 0, spec.parent_number
    while parent in by_number and level < 50:
        level += 1
        parent = by_number[parent].parent_number
    return level
