"""Reading a plan file and proposing what to review, without writing anything.

The upload action stores what `proposed_items` gives; `ducha plan propose`
prints the same. Tasks are read through the ledger importer (resolving.py);
targets are kept only for the indicators ducha.quality tracks.
"""

from ducha.jurisdictions.models import Unit
from ducha.quality.models import Indicator

from .models import ItemKind
from .proposals import propose
from .resolving import Resolver

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


def proposed_items(division, text: str, parse: dict) -> list:
    """The proposals of a parse, tasks resolved through the importer, unit items matched."""
    resolver = Resolver(division)
    items = propose(text, parse, quality_indicators())
    row = 0
    for proposal in items:
        if proposal.kind == ItemKind.TASK:
            row += 1
            proposal.payload = resolver.resolve(proposal.payload, row)
        elif proposal.kind == ItemKind.UNIT:
            proposal.payload = dict(proposal.payload, unit=resolver.match(proposal.payload["name"]))
    return items
