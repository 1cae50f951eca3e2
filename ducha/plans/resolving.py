"""Proposed tasks read by the ledger importer's own row reader (one path).

A task item of a plan is put to `ducha.ledger.importing.rows.RowReader` as the
row a ledger would hold for it (序号, 问题, 整改目标, 整改措施, 责任单位, 责任人,
整改时限, 整改类别), so unit cells, collectives such as 各县（市、区）, deadline
texts and categories give the same tasks whichever way they arrive: a plan's
paragraph, a table in the plan, or a spreadsheet through the importer. A table of
the plan (an annexed 整改任务清单) goes through the importer's header reading
too (header variants, merged cells, row numbers kept).
"""

from ducha.ledger.importing.headers import locate
from ducha.ledger.importing.rows import RowReader
from ducha.ledger.importing.units import UnitIndex, split_units

COLUMNS = ("序号", "问题", "整改目标", "整改措施", "责任单位", "责任人", "整改时限", "整改类别")
KEYS = ("number", "problem", "target", "measures", "unit_cell", "people", "deadline_text", "category_text")


class Resolver:
    """Reads proposed task payloads against one division's known units."""

    def __init__(self, division):
        self.division = division
        self.errors = []
        self.index = UnitIndex(division)
        self.reader = RowReader(header=locate([list(COLUMNS)]), plan_division=division, index=self.index,
                                domains_by_name={}, create_units=True, errors=self.errors)

    def unit_pk(self, unit):
        """The unit's id when it is a known unit of the division or below, else None (a person chooses)."""
        pk = getattr(unit, "pk", None)
        if pk is None or not unit.division.path.startswith(self.division.path):
            return None
        return pk

    def match(self, name):
        found = self.index.find(name or "")
        return self.unit_pk(found[0]) if len(found) == 1 else None

    def resolve(self, payload: dict, row: int) -> dict:
        """The payload with deadline, category, stages, units and sub-tasks as the importer reads them."""
        values = [payload.get(k) or "" for k in KEYS]
        values[0] = values[0] or str(row)
        before = len(self.errors)
        specs = self.reader.read(row, values)
        notes = [f"{e.column}：{e.reason}" for e in self.errors[before:]]
        out = dict(payload, notes=notes)
        if not specs:
            names = list(split_units(payload.get("unit_cell") or ""))
            out.update(deadline=None, category=payload.get("category") or "by_deadline", stages=[],
                       unit_names=names, units=[self.match(n) for n in names], subtasks=[])
            return out
        spec, children = specs[0], specs[1:]
        deadline = spec.fields.get("deadline")
        out.update(
            deadline=deadline.isoformat() if deadline else None,
            category=spec.fields.get("category") or "by_deadline",
            stages=[[name, due.isoformat()] for name, due in spec.stages or ()],
            unit_names=[u.name for u in spec.units], units=[self.unit_pk(u) for u in spec.units],
            subtasks=[{"division": c.fields["division"].code, "unit_names": [u.name for u in c.units],
                       "units": [self.unit_pk(u) for u in c.units]} for c in children],
        )
        return out

    def table_rows(self, grid):
        """[(grid row index, payload)] of a task-list table, its columns found as the importer finds a
        sheet's (payload["sheet_row"]: the 1-based row); ValidationError when the grid has no ledger header."""
        header = locate(grid)
        fields = {f: i for i, f in header.columns.items()}
        out = []
        for index in range(header.body_start, len(grid)):
            row = grid[index]
            cells = {f: (str(row[i]).strip() if i < len(row) and row[i] is not None else "") for f, i in fields.items()}
            if len({v for v in row if str(v or "").strip()}) < 2:
                continue
            units = [cells.get("units", "")] + [v for f, v in cells.items() if f.startswith("co_units") and v]
            payload = {"number": cells.get("number", ""), "problem": cells.get("problem", ""),
                       "target": cells.get("target", ""), "measures": cells.get("measures", ""),
                       "unit_cell": "、".join(u for u in units if u), "people": cells.get("responsible_people", ""),
                       "deadline_text": cells.get("deadline", "")[:64], "category_text": cells.get("category", ""),
                       "heading": "", "quantities": [], "unit_source": "table",
                       "row": {header.column_name(f): cells[f] for f in fields}, "sheet_row": index + 1}
            out.append((index, payload))
        return out
