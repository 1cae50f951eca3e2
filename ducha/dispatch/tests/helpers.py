import datetime as dt

from django.utils import timezone

from ducha.progress.models import ProgressReport


def at(day, hour=12, minute=0):
    """An aware moment on a day in 2024 ("MM-DD") or a date."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(f"2024-{day}")
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def report(task, unit, when, author, percent=50, **fields):
    """A progress report of `unit` on `task`, as if created at `when` (the report action is the progress
    app's; this only writes the row the rounds read)."""
    fields.setdefault("done", "完成了本期工作")
    row = ProgressReport.objects.create(task=task, unit=unit, reported_on=timezone.localdate(when),
                                        percent=percent, author=author, **fields)
    ProgressReport.objects.filter(pk=row.pk).update(created_at=when)
    row.refresh_from_db()
    return row
