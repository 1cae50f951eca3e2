"""Every change to sign-off records: named actions taking the acting user."""

from . import events  # noqa: F401 - registers the audit codes before any action records
from . import guards

guards.register()
