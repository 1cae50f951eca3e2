"""Importing a rectification ledger (台账) from the spreadsheet an office keeps.

`import_ledger(acting_user=…, plan_code=…, file=…, dry_run=…, create_units=…)`
returns an `ImportReport`; problems with the file as a whole (not an xlsx, no
header row, required columns missing) raise ValidationError.
"""

from .core import ACTION_COLUMN, CREATED, UNCHANGED, UPDATED, ImportReport, import_ledger
from .rows import RowError

__all__ = ["ACTION_COLUMN", "CREATED", "UNCHANGED", "UPDATED", "ImportReport", "RowError", "import_ledger"]
