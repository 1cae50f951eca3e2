"""Chronicle actions: the office writes (and withdraws) manual entries."""

from . import events  # noqa: F401
from .entries import add_entry, withdraw_entry

__all__ = ["add_entry", "withdraw_entry"]
