"""Changes to notifications: marking read, and pruning old read ones.

Marking read is personal reading state, not a change to the ledger or to anything another person sees:
it writes no audit entry (the row's own `read_at` is the record; one audit entry per click would bury
the log that matters). What is checked instead is strict: a user reaches only their own notifications,
whatever their role (administrators included), so another person's id answers 404 as if it did not exist.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import Notification


def own(user):
    """The user's own notifications: the only ones any page, API call or action reaches."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(user) -> int:
    # One COUNT on the (recipient, read_at, created_at) index.
    return own(user).filter(read_at__isnull=True).count()


@transaction.atomic
def mark_read(*, acting_user, notification_id) -> Notification:
    """Mark one of the acting user's notifications read (again: harmless, the first time is kept)."""
    if not isinstance(notification_id, int) or not 0 < notification_id < 2**63:
        raise Http404  # beyond the database's integers: no such row (and no OverflowError on SQLite)
    notification = own(acting_user).select_for_update().filter(pk=notification_id).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, acting_user) -> int:
    """Mark every unread notification of the acting user read; returns how many."""
    return own(acting_user).filter(read_at__isnull=True).update(read_at=timezone.now())


def prune_read(days=None, now=None) -> int:
    """The daily job: delete notifications read more than `days` (DUCHA_NOTIFICATION_KEEP_DAYS) ago.
    Unread ones are kept whatever their age. Idempotent: a second run finds nothing left."""
    days = settings.DUCHA_NOTIFICATION_KEEP_DAYS if days is None else days
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _ = Notification.objects.filter(read_at__lt=cutoff).delete()
    return deleted
