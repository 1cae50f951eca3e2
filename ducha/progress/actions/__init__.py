"""Progress reports (进展报告): the only way they are written. Append-only: no update or delete."""

from . import events  # noqa: F401 - registers the event codes the actions write
from .reports import FILES_MAX, file_report, may_file, units_user_may_file_for

__all__ = ["FILES_MAX", "file_report", "may_file", "units_user_may_file_for"]
