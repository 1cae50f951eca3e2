"""Named actions that change jurisdictions data: each takes the acting user,
checks permission through ducha.core.scoping, runs in one transaction and
writes the audit log."""

from . import events  # noqa: F401,E402 - registers the event codes the actions write
