"""Sending in-app notifications: after the change that caused them commits, never before.

`notify()` may be called inside an action's transaction; the rows are written on commit, so a
rolled-back change notifies nobody.
"""

from django.db import transaction

from .models import Notification

TITLE_MAX = 200


def subject_of(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""


def notify(recipients, *, kind: str, title: str, body: str = "", url: str = "", obj=None):
    """Queue one notification per distinct active recipient, written after commit."""
    ids = sorted({u.pk for u in recipients if u is not None and u.is_active})
    if not ids:
        return
    subject = subject_of(obj)
    title = str(title)[:TITLE_MAX]

    def write():
        Notification.objects.bulk_create([
            Notification(recipient_id=pk, kind=kind, title=title, body=str(body), url=url, subject=subject)
            for pk in ids
        ])

    transaction.on_commit(write)
