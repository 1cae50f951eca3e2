"""Entering and correcting the official calendar: administrators only, audited, one transaction each.

When the State Council publishes next year's arrangement, an administrator enters the whole year at
once (`publish_year`, from the form on the calendar page or `ducha calendar load`); a single wrong or
missing day is corrected with `set_day` / `remove_day`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _, gettext_lazy

from ducha.audit import events, services as audit
from ducha.core import scoping
from ducha.core.actions import date_input

from .models import CalendarDay, CalendarYear

for code, label in [("calendar.set_day", gettext_lazy("调整节假日")), ("calendar.remove_day", gettext_lazy("撤销节假日调整")),
                    ("calendar.publish_year", gettext_lazy("录入年度节假日安排"))]:
    events.register(code, label)

MAX_DAYS_PER_YEAR = 120


def _check(user):
    if user is not None and not scoping.may_edit_calendar(user):
        raise PermissionDenied(_("仅系统管理员可以调整节假日安排。"))


def _snapshot(day):
    return {"date": day.date.isoformat(), "working": day.working, "name": day.name, "note": day.note}


def _check_day(date, working):
    date_input(date, "date", label=_("日期"), required=True)
    weekend = date.weekday() >= 5
    if working and not weekend:
        raise ValidationError({"working": [_("%(date)s 是工作日（周一至周五），无须登记为调休上班。") % {"date": date}]})


@transaction.atomic
def set_day(*, acting_user, date, working, name="", note=""):
    """Record `date` as a holiday (working=False) or an adjusted working day (working=True)."""
    _check(acting_user)
    _check_day(date, working)
    day = CalendarDay.objects.select_for_update().filter(date=date).first()
    before = _snapshot(day) if day else None
    if day is None:
        day = CalendarDay(date=date)
    day.working, day.name, day.note, day.entered_by = bool(working), name[:60], note[:200], acting_user
    day.save()
    audit.record(actor=acting_user, action="calendar.set_day", object_type="holidays.calendarday",
                 object_id=str(day.pk), object_repr=str(day), before=before, after=_snapshot(day))
    return day


@transaction.atomic
def remove_day(*, acting_user, date):
    """Withdraw an entry: the date goes back to the published arrangement (or the weekend rule)."""
    _check(acting_user)
    day = CalendarDay.objects.select_for_update().filter(date=date).first()
    if day is None:
        raise ValidationError({"date": [_("%(date)s 没有录入的调整。") % {"date": date}]})
    audit.record(actor=acting_user, action="calendar.remove_day", object_type="holidays.calendarday",
                 object_id=str(day.pk), object_repr=str(day), before=_snapshot(day), after=None)
    day.delete()


@transaction.atomic
def publish_year(*, acting_user, year, days, source):
    """Enter a year's whole arrangement: `days` are (date, working, name) for every holiday and adjusted
    working day of `year`. Replaces the year's earlier entries; the year then counts as known."""
    _check(acting_user)
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": [_("请注明依据（国务院办公厅通知的名称和文号）。")]})
    days = list(days)
    if not days:
        raise ValidationError({"days": [_("没有任何放假或调休日期。")]})
    if len(days) > MAX_DAYS_PER_YEAR:
        raise ValidationError({"days": [_("一年最多 %(n)s 个调整日。") % {"n": MAX_DAYS_PER_YEAR}]})
    seen = set()
    for number, (date, working, _name) in enumerate(days, start=1):
        if date.year != year:
            raise ValidationError({"days": [_("第 %(n)s 行：%(date)s 不在 %(year)s 年。") % {
                "n": number, "date": date, "year": year}]})
        if date in seen:
            raise ValidationError({"days": [_("第 %(n)s 行：%(date)s 重复。") % {"n": number, "date": date}]})
        seen.add(date)
        try:
            _check_day(date, working)
        except ValidationError as error:
            raise ValidationError({"days": [_("第 %(n)s 行：") % {"n": number} + m for m in error.messages]}) from None
    old = CalendarDay.objects.filter(date__year=year)
    before = {"days": [_snapshot(d) for d in old], "year": year}
    old.delete()
    CalendarDay.objects.bulk_create([CalendarDay(date=date, working=bool(working), name=(name or "")[:60],
                                                 entered_by=acting_user) for date, working, name in days])
    record, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source[:200], "entered_by": acting_user})
    audit.record(actor=acting_user, action="calendar.publish_year", object_type="holidays.calendaryear",
                 object_id=str(record.pk), object_repr=str(year), before=before,
                 after={"year": year, "source": record.source,
                        "days": [{"date": d.isoformat(), "working": bool(w), "name": n or ""} for d, w, n in days]})
    return record
