"""Reading a plan file and proposing what to review, without writing anything.

The upload action stores what `proposed_items` gives; `ducha plan propose`
prints the same. Tasks are read through the ledger importer (resolving.py);
targets are kept only for the indicators ducha.quality tracks.
"""

from django.core.exceptions import ValidationError

from ducha.jurisdictions.models import Unit
from ducha.quality.models import Indicator

from .models import ItemKind
from .proposals import Proposal, propose
from .resolving import Resolver
from .tables import text_tables

def read_document(data: bytes, filename: str) -> tuple[str, dict]:
    """(cleaned text, parse) of a plan file, through the plan reader. Raises
    ValueError (the reader's UnreadableDocument) for a file it cannot read.
    The docx/pdf/html libraries run in a memory- and time-limited child
    (ducha.core.sandbox): a hostile file costs the child, not the web worker."""
    from ducha.core import sandbox
    from ducha.plans.reading.formats import UnreadableDocument

    try:
        return sandbox.run(_read_document, data, filename)
    except sandbox.SandboxFailed as failed:
        raise UnreadableDocument(failed.messages[0]) from None


def _read_document(data: bytes, filename: str) -> tuple[str, dict]:
    from ducha.plans.reading.formats import extract
    from ducha.plans.reading.parse import analyse

    fmt, raw = extract(data, filename)
    return analyse(raw, fmt=fmt)


def division_units(division):
    return Unit.objects.filter(division__path__startswith=division.path, is_active=True).select_related("division")


def unit_index(division) -> Resolver:
    """Unit names matched by the ledger importer's matcher: the id of the one unit of the
    division (or below) meant, or None when unknown or ambiguous, so a person chooses."""
    return Resolver(division)


def quality_indicators() -> set:
    """The indicators ducha.quality tracks: only these become quality targets."""
    return {value for value in Indicator.values if value != Indicator.OTHER}


def _table_tasks(resolver, grid, offsets, tasks):
    """Proposals for the rows of a task-list table, read by the importer's column reading;
    each keeps its row beside it, at the row's line when the table is in the text."""
    out = []
    for index, payload in resolver.table_rows(grid):
        at = offsets.get(index)
        task = next((t for t in tasks if at is not None and t.start <= at < t.end), None)
        start, end = (task.start, task.end) if task else (0, 0)
        proposal = Proposal(ItemKind.TASK, payload, start, end, task.source_text if task else "")
        proposal.payload = {**(task.payload if task else {}), **payload}
        out.append(proposal)
    return out


def proposed_items(division, text: str, parse: dict, task_grid=None) -> list:
    """The proposals of a parse, tasks resolved through the importer, unit items matched.
    A task list (a table in the text, or `task_grid`, a separate spreadsheet's rows) is the
    plan's task list: its rows are the tasks."""
    resolver = Resolver(division)
    items = propose(text, parse, quality_indicators())
    tasks = [p for p in items if p.kind == ItemKind.TASK]
    listed = []
    for grid, offsets in text_tables(text) + ([(task_grid, {})] if task_grid else []):
        try:
            listed += _table_tasks(resolver, grid, offsets, tasks)
        except ValidationError:
            if grid is task_grid:
                raise
    if listed:
        items = listed + [p for p in items if p.kind != ItemKind.TASK]
    row = 0
    for proposal in items:
        if proposal.kind == ItemKind.TASK:
            row += 1
            proposal.payload = resolver.resolve(proposal.payload, row)
        elif proposal.kind == ItemKind.UNIT:
            proposal.payload = dict(proposal.payload, unit=resolver.match(proposal.payload["name"]))
    return items
