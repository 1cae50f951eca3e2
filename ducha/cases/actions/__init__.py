"""The case actions: every change to a batch or case goes through these (permission, validation, one
transaction, an audit entry)."""

from . import events  # noqa: F401 - registers the audit event codes
from . import disclosure, repeats  # noqa: F401,E402 - cases-out: disclosure and repeat actions, their event codes
