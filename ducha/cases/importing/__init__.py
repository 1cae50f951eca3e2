"""Importing a batch of complaint cases from the table the inspection team delivered.

`import_batch(acting_user=…, inspection=…, batch_number=…, file=…, dry_run=…)` returns an ImportReport;
problems with the file as a whole (not a table, no recognisable header) raise ValidationError.
"""

from .core import CREATED, UNCHANGED, ImportReport, import_batch

__all__ = ["CREATED", "UNCHANGED", "ImportReport", "import_batch"]
