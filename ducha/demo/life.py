"""Write the demo's year of life (ducha.demo.year) through the apps' actions.

The whole year is one transaction: a second run finds it (a dispatch round exists) and adds nothing.
Notifications the actions raise are written when it commits; the day's digests are sent after that
(outside any transaction, as the digest job does), once.

Past moments: the progress action stamps a report's created_at with the current time, and a dispatch
round judges filed / late (迟报) / missing (漏报) by that moment. So each demo report's created_at is
moved back to the moment it stands for, in the same transaction, and the dispatch app matches it again
(the match it stored, Obligation.report / filed_at, is a cache of the report's moment:
ducha.dispatch.actions.note_report) from that moment. These two UPDATEs are the only writes here that
do not go through an action; no action exists for backdating. Rounds, warnings, supervision records
and chronicle entries take their dates as parameters.
"""

import datetime as dt
import zlib
from collections import Counter

from django.db import transaction
from django.utils import timezone

from ducha.chronicle.actions import add_entry
from ducha.dispatch import actions as dispatch
from ducha.dispatch.actions.rounds import note_report
from ducha.dispatch.models import Obligation, Round
from ducha.ledger.actions.schedule import refresh_schedule
from ducha.ledger.models import Task, TaskStage
from ducha.notifications.digest import send_digests
from ducha.notifications.models import DigestLog
from ducha.progress.actions import file_report
from ducha.progress.models import ProgressReport
from ducha.supervision import actions as supervision
from ducha.supervision.models import Kind, State, Supervision
from ducha.warnings import actions as warnings
from ducha.warnings.models import TaskWarning

from . import year
from .photos import site_photo

# The officers of the demo's accounts, by unit key: they file their own units' reports.
OFFICERS = {"songyang_gov": "songyang", "eco": "ecology"}


def _crc(*parts) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode())


class YearOfLife:
    def __init__(self, loader):
        self.loader = loader
        self.today = loader.today
        self.users = loader.users
        self.units = loader.units
        self.key_of = {unit.pk: key for key, unit in loader.units.items()}
        self.created = Counter()
        self.photos = 0
        # Each open task's figure and note before the year's reports: the lead unit's last reports say them.
        self.finals, self.notes = {}, {}

    # -- helpers -------------------------------------------------------------
    def task(self, plan, number):
        return Task.objects.get(plan=self.loader.plans[plan], number=number)

    def day(self, days_ago) -> dt.date:
        return self.today - dt.timedelta(days=days_ago)

    def moment(self, days_ago, hour=10, minute=0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.day(days_ago), dt.time(hour, minute)))

    def _filer(self, unit_key):
        return self.users[OFFICERS[unit_key]] if unit_key in OFFICERS else self.users["coordinator"]

    def _percent(self, task, unit_key, days_ago):
        """A unit's figure `days_ago` before T: a ramp up to the task's figure (the lead unit) or near it,
        reached six weeks before T (the last two rounds report it)."""
        figure = self.finals.get(task.pk, task.progress)
        final = figure if unit_key == self.key_of.get(task.lead_unit_id) else max(
            10, min(95, figure + _crc(task.pk, unit_key) % 21 - 10))
        start = max(5, final - 45)
        return max(0, min(100, final - (final - start) * max(0, days_ago - 45) // 320))

    def report(self, task, unit_key, at: dt.datetime, *, period=None, stage=None, done=None, photo=False):
        """One unit's report on a task, standing at the moment `at`."""
        n = _crc(task.pk, unit_key, at.date())
        days_ago = (self.today - at.date()).days
        if done is None and days_ago <= 45 and unit_key == self.key_of.get(task.lead_unit_id):
            done = self.notes.get(task.pk) or None
        files, captions = (), ()
        if photo and self.photos < year.PHOTOS:
            files = [site_photo(title=f"{task.display_number} {self.units[unit_key].name[:12]}",
                                caption=f"{task.plan.code} #{task.number} {at:%Y-%m-%d}",
                                taken_at=timezone.localtime(at - dt.timedelta(hours=2)).replace(tzinfo=None),
                                seed=f"{task.number}-{at:%Y%m%d}")]
            captions = ["现场照片"]
            self.photos += 1
        period = period or (at.date() - dt.timedelta(days=30), at.date() - dt.timedelta(days=1))
        report = file_report(
            acting_user=self._filer(unit_key), task=task, unit=self.units[unit_key], reported_on=at.date(),
            period_start=period[0], period_end=period[1], percent=self._percent(task, unit_key, days_ago),
            done=done or year.DONE_TEXTS[n % len(year.DONE_TEXTS)],
            problems=year.PROBLEM_TEXTS[n % len(year.PROBLEM_TEXTS)],
            next_steps=year.NEXT_TEXTS[n % len(year.NEXT_TEXTS)], stage_done=stage, files=files,
            captions=captions)
        # Backdate (see the module docstring), then let the dispatch app match it from that moment.
        ProgressReport.objects.filter(pk=report.pk).update(created_at=at)
        Obligation.objects.filter(report=report).update(report=None, filed_at=None)
        report.created_at = at
        note_report(report)
        self.created["reports"] += 1
        return report

    # -- the year ------------------------------------------------------------------
    def open_tasks(self):
        tasks = [self.task(plan, number) for plan, number in year.OPEN_TASKS]
        self.finals = {t.pk: t.progress for t in tasks}
        self.notes = {t.pk: t.progress_note for t in tasks}
        return tasks

    def plain_reports(self, tasks):
        """Monthly reports outside the rounds, as (moment, task, unit key, kwargs)."""
        out = []
        for task in tasks:
            keys = [self.key_of[u.pk] for u in task.ordered_units()]
            for days in year.ALL_UNITS_DAYS:
                out += [(self.moment(days, 9 + i % 8), task, key, {}) for i, key in enumerate(keys)]
            out += [(self.moment(days, 16), task, keys[0], {}) for days in year.LEAD_DAYS]
        return out

    def open_rounds(self, tasks):
        rounds = {}
        for key, kind, opened, due, closed in year.ROUNDS:
            opened_at = self.moment(opened, 9)
            round_ = dispatch.open_round(
                acting_user=self.users["coordinator"], kind=kind, tasks=tasks, now=opened_at,
                due_at=self.moment(due, 17, 30), period_start=self.day(opened + 30), period_end=self.day(opened + 1),
                title=f"{opened_at.year}年{opened_at.month}月督察整改进展调度")
            rounds[key] = round_
            self.created["rounds"] += 1
        return rounds

    def round_reports(self, rounds):
        out = []
        for key, _kind, opened, due, closed in year.ROUNDS:
            round_ = rounds[key]
            # Late: after the due day, before the closing day (the open round: before yesterday's reminder).
            last = closed + 1 if closed is not None else year.REMINDED + 1
            for obligation in Obligation.objects.filter(round=round_).select_related("task", "task__plan", "unit"):
                task, unit_key = obligation.task, self.key_of[obligation.unit_id]
                plan_key = "county" if task.plan.code == self.loader.plans["county"].code else "city"
                status = year.FIXED.get((key, plan_key, task.number, unit_key))
                if status is None:
                    roll = _crc(key, task.pk, unit_key) % 100
                    status = year.ON_TIME if roll < 72 else year.LATE if roll < 86 else year.MISSING
                if status == year.MISSING:
                    continue
                n = _crc(key, task.pk, unit_key, "day")
                days = due + n % (opened - due) if status == year.ON_TIME else last + n % (due - last)
                period = (round_.period_start, round_.period_end)
                out.append((self.moment(days, 9 + n % 8, n % 60), task, unit_key,
                            {"period": period, "photo": key != "r1" and status == year.ON_TIME and n % 3 == 0}))
        return out

    def stage_reports(self):
        out = []
        for plan, number, position, days, unit_key, text in year.STAGES_DONE:
            task = self.task(plan, number)
            stage = TaskStage.objects.get(task=task, position=position)
            out.append((self.moment(days, 15), task, unit_key, {"stage": stage, "done": text}))
            if (plan, number) not in year.ALSO_LATER:
                continue
            later = task.stages.filter(position__gt=position, due__lt=self.day(days)).order_by("position")
            out += [(self.moment(days, 16 + i % 2), task, unit_key, {"stage": s, "done": f"阶段“{s.name}”已完成。"})
                    for i, s in enumerate(later)]
        return out

    def file_all(self, items):
        for at, task, unit_key, kwargs in sorted(items, key=lambda i: (i[0], i[1].pk, i[2])):
            self.report(Task.objects.get(pk=task.pk), unit_key, at, **kwargs)

    def month(self, months_ago) -> dt.date:
        first = self.today.replace(day=1)
        for _n in range(months_ago):
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return first

    def warnings(self, months):
        coordinator = self.users["coordinator"]
        for months_ago in months:
            month = self.month(months_ago)
            decisions = [d for d in year.WARNING_DECISIONS if d[0] == months_ago]
            ids = None if months_ago == 0 else [self.task(p, n).pk for _m, p, n, *_rest in decisions]
            warnings.propose_month(acting_user=coordinator, month=month, task_ids=ids)
            for _m, plan, number, decision, colour, reason in decisions:
                warning = TaskWarning.objects.get(task=self.task(plan, number), month=month)
                if decision == "override":
                    warnings.override_warning(acting_user=coordinator, warning=warning, colour=colour, reason=reason)
                else:
                    warnings.confirm_warning(acting_user=coordinator, warning=warning)
                self.created["warnings"] += 1

    def external_event(self):
        spec = year.EXTERNAL_EVENT
        warnings.record_external_event(
            acting_user=self.users["coordinator"], task=self.task(spec["plan"], spec["number"]), kind=spec["kind"],
            level=spec["level"], occurred_on=max(self.today.replace(day=1), self.day(3)), source=spec["source"],
            note=spec["note"])

    def _record(self, kind, task, unit, *, actor, days_ago, reply_days=None, **fields):
        """The record of this kind on this task: the one the warning rules drafted when there is one,
        else a new draft; completed with `fields` and issued on its day."""
        record = Supervision.objects.filter(kind=kind, tasks=task).order_by("pk").first()
        reply_by = self.day(days_ago - reply_days) if reply_days else None
        if record is None:
            record = supervision.create_supervision(acting_user=actor, kind=kind, unit=unit, tasks=[task],
                                                    reply_by=reply_by, **fields)
        elif record.state == State.DRAFT:
            record = supervision.update_draft(acting_user=actor, record=record, unit=unit, reply_by=reply_by,
                                              **fields)
        if record.state == State.DRAFT:
            record = supervision.issue(acting_user=actor, record=record, issued_on=self.day(days_ago))
        self.created["supervision"] += 1
        return record

    def supervision(self):
        coordinator, admin = self.users["coordinator"], self.users["admin"]
        spec = year.LETTER  # two yellows on task 6 (the rules may have drafted it already)
        task = self.task(spec["plan"], spec["number"])
        letter = self._record(Kind.LETTER, task, task.lead_unit, actor=coordinator, days_ago=spec["days_ago"],
                              reply_days=spec["reply_days"], required=spec["required"],
                              reason="连续两个月被亮黄牌（专函督办）。")
        supervision.reply(acting_user=self.users["ecology"], record=letter, text=spec["reply"])
        spec = year.ORDER  # a 督办单 the administrator issued, answered by 松阳县
        order = self._record(Kind.ORDER, self.task(spec["plan"], spec["number"]), self.units[spec["unit"]],
                             actor=admin, days_ago=spec["days_ago"], reply_days=spec["reply_days"],
                             required=spec["required"])
        supervision.reply(acting_user=self.users["songyang"], record=order, text=spec["reply"],
                          files=[site_photo(title="松阳县城区管网修复", caption="SY reply", seed="order-reply",
                                            taken_at=timezone.localtime(self.moment(spec["days_ago"] - 5))
                                            .replace(tzinfo=None))])
        spec = year.LISTED
        self._record(Kind.LISTED, self.task(spec["plan"], spec["number"]), self.units[spec["unit"]], actor=coordinator,
                     days_ago=spec["days_ago"], reply_days=spec["reply_days"], required=spec["required"],
                     reason=spec["reason"], listed_on=self.day(spec["days_ago"]))
        spec = year.INTERVIEW
        self._record(Kind.INTERVIEW, self.task(spec["plan"], spec["number"]), self.units[spec["unit"]],
                     actor=coordinator, days_ago=spec["days_ago"], required=spec["required"],
                     meeting_on=self.day(spec["days_ago"]), participants=spec["participants"],
                     minutes=spec["minutes"], commitments=spec["commitments"])
        for plan, number, note, answer, closed in year.FLAG_STORIES:
            task = self.task(plan, number)
            flag = supervision.flag_task(acting_user=self.users["supervisor"], task=task, note=note,
                                         reply_by=self.day(-10))
            if answer:
                officer = self.users[OFFICERS[self.key_of[task.lead_unit_id]]]
                supervision.reply(acting_user=officer, record=flag, text=answer)
            if closed:
                supervision.close(acting_user=self.users["supervisor"], record=flag, note="已核实整改到位。")
            self.created["flags"] += 1

    def chronicle(self):
        for number, days_ago, title, text in year.CHRONICLE:
            subject = self.loader.plans["city"] if number is None else self.task("city", number)
            add_entry(acting_user=self.users["coordinator"], subject=subject, date=self.day(days_ago), title=title,
                      text=text)
            self.created["chronicle"] += 1

    @transaction.atomic
    def _write(self):
        tasks = self.open_tasks()
        rounds = self.open_rounds(tasks)
        for key, _kind, _opened, _due, closed in year.ROUNDS:
            if closed is not None:
                dispatch.close_round(acting_user=self.users["coordinator"], round_=rounds[key],
                                     now=self.moment(closed, 18))
        self.file_all(self.plain_reports(tasks) + self.round_reports(rounds))
        self.warnings([2, 1])
        # The units catch up with their missed stages; then this month's proposals see it.
        self.file_all(self.stage_reports())
        self.external_event()
        self.warnings([0])
        # After the decisions: the office completes and issues what the rules drafted (the letter, a 约谈).
        self.supervision()
        dispatch.remind_missing(acting_user=self.users["coordinator"], round_=rounds["r3"],
                                now=self.moment(year.REMINDED, 9))
        self.chronicle()
        refresh_schedule()

    def run(self) -> Counter:
        if not Round.objects.exists():
            self._write()
        if not DigestLog.objects.exists():
            # The day's digest (今日待办) for everyone with something in it, as the morning job sends it.
            self.created["digests"] += len(send_digests(self.today).digests)
        return self.created


def load_year(loader) -> Counter:
    return YearOfLife(loader).run()

