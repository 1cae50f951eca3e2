"""Write the demo through the service layer. Every step creates only what is
missing, so a second run changes nothing; each task and its history is one
transaction."""

import datetime as dt
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit, User
from ducha.jurisdictions.services import create_unit, load_divisions
from ducha.jurisdictions.actions.users import do_create_user
from ducha.ledger import actions
from ducha.ledger.actions.transitions import path_items
from ducha.ledger.models import PollutionDomain
from ducha.ledger.models import Inspection, Plan, Problem, Task
from ducha.progress.actions import file_report
from ducha.supervision import actions as supervision
from ducha.supervision.models import Kind, Supervision

from . import accounts, ledger, units
from .closing import load_closing
from .cases import load_cases
from .life import load_year
from .signoff import load_signoff
from .notices import load_objections

PLAN_TEXT = Path(__file__).with_name("data") / "lishui-2021-plan.txt"
REVIEW_SAMPLE = Path(__file__).with_name("data") / "plan-review-sample.txt"


class Loader:
    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.created = Counter()
        self.divisions = {}
        self.units = {}
        self.users = {}

    # -- jurisdictions -------------------------------------------------
    def load_divisions(self):
        self.created["divisions"] += load_divisions(acting_user=None)
        self.divisions = {d.code: d for d in Division.objects.filter(code__startswith="33")}

    def load_units(self):
        for key, name, kind, code, aliases in units.UNITS:
            division = self.divisions[code]
            unit = Unit.objects.filter(division=division, name=name).first()
            if unit is None:
                names = aliases + units.ALIASES_EXTRA.get(key, [])
                unit = create_unit(acting_user=None, name=name, kind=kind, division=division,
                                   aliases="\n".join(names))
                self.created["units"] += 1
            self.units[key] = unit

    def _create_user(self, username, full_name, role, unit, scope):
        user = User(username=username, full_name=str(full_name), role=role, unit=unit, scope=scope,
                    is_staff=role == "admin", is_superuser=role == "admin")
        user.set_password(accounts.PASSWORD)
        # The same audited account action an administrator's page uses (the system acts).
        return do_create_user(acting_user=None, user=user)

    def load_accounts(self):
        for username, full_name, role, unit_key, scope_code, _reach in accounts.ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                scope = self.divisions[scope_code] if scope_code else None
                user = self._create_user(username, full_name, role, self.units[unit_key], scope)
                self.created["accounts"] += 1
            self.users[username] = user

    # -- inspection, problems, plans -----------------------------------
    def load_inspection(self):
        data = dict(ledger.INSPECTION, division=self.divisions[ledger.INSPECTION["division"]])
        self.inspection = Inspection.objects.filter(name=data["name"], division=data["division"]).first()
        if self.inspection is None:
            # The inspection covers all of 浙江, beyond the city coordinator's reach.
            self.inspection = actions.create_inspection(acting_user=self.users["admin"], **data)
            self.created["inspections"] += 1
        self.problems = {}
        for code, (kind, division, description) in ledger.PROBLEMS.items():
            problem = Problem.objects.filter(inspection=self.inspection, code=code).first()
            if problem is None:
                problem = actions.create_problem(
                    acting_user=self.users["coordinator"], inspection=self.inspection, code=code, kind=kind,
                    division=self.divisions[division], description=description)
                self.created["problems"] += 1
            self.problems[code] = problem

    def _plan(self, data, **extra):
        plan = Plan.objects.filter(code=data["code"]).first()
        if plan is None:
            fields = dict(data, division=self.divisions[data["division"]], inspection=self.inspection, **extra)
            plan = actions.create_plan(acting_user=self.users["coordinator"], **fields)
            self.created["plans"] += 1
        return plan

    def load_plans(self):
        city = self._plan(ledger.CITY_PLAN, text=PLAN_TEXT.read_text(encoding="utf-8"))
        self.plans = {"city": city, "county": self._plan(ledger.COUNTY_PLAN, parent=city)}

    # -- tasks -----------------------------------------------------------
    def _deadline(self, value):
        if value == ledger.SOON:
            return self.today + dt.timedelta(days=ledger.SOON_DAYS)
        if value == ledger.LATER:
            return self.today + dt.timedelta(days=ledger.LATER_DAYS)
        return value

    @transaction.atomic
    def _create_task(self, spec, plan, parent):
        domains = PollutionDomain.by_name()
        task_units = [self.units[k] for k in spec["units"]]
        deadline = self._deadline(spec["deadline"])
        deadline_text = spec.get("deadline_text") or (f"{deadline.year}年{deadline.month}月{deadline.day}日前"
                                                     if deadline else "")
        task = actions.create_task(
            acting_user=self.users["coordinator"], plan=plan, units=task_units,
            domains=[domains[name] for name in spec.get("domains", ())], stages=spec.get("stages", ()),
            number=spec["number"], parent=parent,
            # A sub-task reaches the problem through its parent; its own title is its target.
            problem=None if parent else self.problems[spec["problem"]],
            division=task_units[0].division, target=spec["target"], measures=spec["measures"],
            responsible_people=spec.get("responsible_people", ""),
            supervising_leader=spec.get("supervising_leader", ""),
            supervising_unit=self.units.get(spec.get("supervising_unit")),
            acceptance_unit=self.units.get(spec.get("acceptance_unit")),
            deadline=deadline, deadline_text=deadline_text, category=spec["category"],
        )
        for actor, fields in spec.get("history", ()):
            task = self._report(task, self.users[actor], dict(fields), spec.get("started_days_ago"))
        return task

    def _report(self, task, user, fields, started_days_ago=None):
        """One step of a task's history: the unit's report, then the transitions its state needs. A unit
        files a progress report (ducha.progress); the office sets the task's figures itself."""
        state, completed_on = fields.pop("state", None), fields.pop("completed_on", None)
        if task.state == "not_started" and (state not in (None, "not_started") or fields.get("progress")):
            # Work began when the plan was issued (or a year ago): scheduled progress counts from then.
            began = min(task.plan.issued_on or self.today - dt.timedelta(days=365), self.today)
            if started_days_ago is not None:
                began = self.today - dt.timedelta(days=started_days_ago)
            actions.transition_tasks(acting_user=user, items=path_items(user, task, "in_progress",
                                                                        started_on=began))
            task.refresh_from_db()
        if fields and not scoping.can_in_division(user, scoping.ADD, task.division):
            file_report(acting_user=user, task=task, reported_on=self.today,
                        percent=fields.get("progress", task.progress),
                        done=fields.get("progress_note") or _("按计划推进。"))
            task = Task.objects.get(pk=task.pk)
        elif fields:
            task = actions.update_task(acting_user=user, task=task, **fields)
        if state and state != task.state:
            # The ledger's older sign-offs were made before the system: recorded as such (登记既往销号).
            reason = _("系统启用前已验收销号（台账记载）") if state == "signed_off" else ""
            actions.transition_tasks(acting_user=user, items=path_items(user, task, state, completed_on,
                                                                        reason=reason))
            task.refresh_from_db()
        return task

    def _load_task(self, spec, parent=None):
        plan = self.plans[spec.get("plan", "city")]
        task = Task.objects.filter(plan=plan, number=spec["number"]).first()
        if task is None:
            task = self._create_task(spec, plan, parent)
            self.created["tasks"] += 1
        for child in spec.get("children", ()):
            self._load_task(child, parent=task)

    def load_tasks(self):
        for spec in ledger.TASKS:
            self._load_task(spec)
        for plan_key, number, note in ledger.FLAGS:
            task = Task.objects.get(plan=self.plans[plan_key], number=number)
            if not Supervision.objects.filter(kind=Kind.FLAG, tasks=task, required=note).exists():
                supervision.flag_task(acting_user=self.users["supervisor"], task=task, note=note)
                self.created["flags"] += 1

    def load_quality(self):
        # Targets of the plan's city and a year of generated monitoring data,
        # so the quality page (质量目标) shows real figures.
        from ducha.quality import demo as quality_demo
        from ducha.quality.models import AirDailyValue

        city = self.divisions["331100"]
        if AirDailyValue.objects.filter(division=city).exists():
            return  # loaded before; a re-import would only add audit entries
        counts = quality_demo.load(self.users["coordinator"], city)
        self.created["targets"] += counts["targets"]

    def load_plan_review(self):
        # A plan in the usual style waiting for review (方案审核): tasks proposed from its task
        # items with their county sub-tasks, quality targets with a conflict to resolve.
        from ducha.plans import services as plans

        data = REVIEW_SAMPLE.read_bytes()
        before = plans.PlanDocument.objects.count()
        plans.upload_document(acting_user=self.users["coordinator"], division=self.divisions["331100"],
                              filename="丽水市整改方案（示例）.txt", data=data)
        self.created["plan documents"] += plans.PlanDocument.objects.count() - before

    def run(self) -> Counter:
        self.load_divisions()
        self.load_units()
        self.load_accounts()
        self.load_inspection()
        self.load_plans()
        self.load_tasks()
        self.load_quality()
        self.load_plan_review()
        self.created.update(load_year(self))
        self.created["acceptance"] += load_signoff(self)
        self.created.update(load_objections(self))
        self.created.update(load_closing(self))
        self.created.update(load_cases(self))
        from ducha.demo.cases_out import load_cases_out  # after the cases demo: repeats, map points

        self.created.update(load_cases_out(self))
        return self.created


def load_demo(today=None) -> Counter:
    """Load whatever of the demo is missing; returns how many of each were created."""
    return Loader(today=today).run()
