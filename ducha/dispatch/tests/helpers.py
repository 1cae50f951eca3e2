import datetime as dt

from django.utils import timezone

from ducha.progress.models import ProgressReport


def at(day, hour=12, minute=0):
    """An aware moment on a day in 2024 ("MM-DD") or a date."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(f"2024-{day}")
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def report(task, unit, when, author, percent=50, note=True, **fields):
    """A progress report of `unit` on `task`, as if filed at `when` (the report action is the progress
    app's; this writes the row the rounds read). `note`: tell the rounds, as filing does (post_save);
    without it the rounds find the report themselves."""
    from ducha.dispatch.actions import note_report

    fields.setdefault("done", "完成了本期工作")
    # bulk_create: no post_save at the real present; the moment is set first, then the rounds are told.
    [row] = ProgressReport.objects.bulk_create([ProgressReport(
        task=task, unit=unit, reported_on=timezone.localdate(when), percent=percent, author=author, **fields)])
    ProgressReport.objects.filter(pk=row.pk).update(created_at=when)
    row.refresh_from_db()
    if note:
        note_report(row)
    return row
