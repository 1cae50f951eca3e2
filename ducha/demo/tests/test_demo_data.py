"""The 丽水市 demo: it loads, a second run changes nothing, each demo account
reaches what its role should, and the audit chain holds the history."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry
from ducha.demo import accounts, ledger, year
from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit, User
from ducha.ledger.models import Plan, Task, TaskState
from ducha.supervision.models import Supervision

from .conftest import TODAY


def user(name):
    return User.objects.get(username=name)


def test_the_demo_creates_the_lishui_world(db, demo):
    assert Division.objects.get(code="331100").name == "丽水市"
    assert Division.objects.get(code="331100").children.count() == 9
    assert Division.objects.filter(code__startswith="33").count() > 90
    assert 25 <= Unit.objects.count() <= 40
    songyang = Unit.objects.get(name="松阳县人民政府")
    assert {"松阳县党委和政府", "松阳县委县政府"} <= set(songyang.alias_list())
    plan = Plan.objects.get(code="LS-2021-ZY2")
    assert plan.inspection.team == "中央第三生态环境保护督察组"
    assert plan.inspection.feedback_date == dt.date(2021, 4, 28)
    assert "毁林垦地" in plan.text
    assert plan.tasks.filter(parent__isnull=True).count() == 11


def test_the_ledger_has_a_realistic_spread(db, demo):
    tasks = Task.objects.all()
    states = {s: tasks.filter(state=s).count() for s in TaskState.values}
    assert all(states[s] > 0 for s in ("in_progress", "completed", "signed_off")), states
    assert tasks.overdue(TODAY).exists()
    assert tasks.filter(deadline__gt=TODAY, deadline__lte=TODAY + dt.timedelta(days=30)).exists()
    assert tasks.filter(parent__isnull=False).count() >= 6
    steel = Task.objects.get(plan__code="LS-2021-ZY2", number="1")
    assert [u.name for u in steel.ordered_units()][:2] == ["丽水市经济和信息化局", "丽水市生态环境局"]
    assert steel.stages.count() == 2 and steel.supervising_leader
    county_row = Task.objects.get(plan__code="SY-2021-ZY2", number="1")
    assert county_row.parent == steel and county_row.division.name == "松阳县"
    assert Supervision.objects.filter(kind="flag").count() == len(ledger.FLAGS) + len(year.FLAG_STORIES)
    assert all(t.domains.exists() for t in tasks)


def test_a_second_run_changes_nothing_and_says_so(db, demo):
    entries = AuditEntry.objects.count()
    tasks = Task.objects.count()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "未做任何更改" in out.getvalue()
    assert AuditEntry.objects.count() == entries and Task.objects.count() == tasks


def test_the_history_is_in_the_audit_log_and_the_chain_verifies(db, demo):
    result = audit.verify()
    assert result.ok, result.reason
    steel_county = Task.objects.get(plan__code="SY-2021-ZY2", number="1")
    actions = list(audit.history(steel_county).values_list("action", "actor__username"))
    assert actions[0] == ("task.create", "coordinator")
    assert ("task.update", "songyang") in actions and ("task.claim", "songyang") in actions


def test_the_songyang_officer_sees_only_songyang_tasks(db, demo):
    officer = user("songyang")
    visible = Task.objects.restrict(officer)
    assert visible.exists()
    songyang = Unit.objects.get(name="松阳县人民政府")
    for task in visible:
        assert songyang in task.ordered_units(), task
    longquan_only = Task.objects.get(plan__code="LS-2021-ZY2", number="1.2")
    assert not scoping.can(officer, scoping.VIEW, longquan_only)
    assert scoping.can(officer, scoping.CHANGE, Task.objects.get(plan__code="SY-2021-ZY2", number="2"))


def test_each_role_reaches_what_it_should(db, demo):
    total = Task.objects.count()
    assert Task.objects.restrict(user("admin")).count() == total
    assert Task.objects.restrict(user("coordinator"), scoping.CHANGE).count() == total
    assert Task.objects.restrict(user("leader")).count() == total
    assert not Task.objects.restrict(user("leader"), scoping.CHANGE).exists()
    assert Task.objects.restrict(user("supervisor"), scoping.FLAG).count() == total
    assert not Task.objects.restrict(user("supervisor"), scoping.CHANGE).exists()
    eco = Unit.objects.get(name="丽水市生态环境局")
    eco_tasks = Task.objects.restrict(user("ecology"))
    assert 0 < eco_tasks.count() < total
    assert set(eco_tasks) == {t for t in Task.objects.all() if eco in t.ordered_units()}


@pytest.mark.parametrize("username", [a[0] for a in accounts.ACCOUNTS])
def test_every_demo_account_logs_in_with_the_printed_password(client, db, demo, username):
    response = client.post(reverse("login"), {"username": username, "password": accounts.PASSWORD})
    assert response.status_code == 302, username
    assert client.get(reverse("ledger:task_list")).status_code == 200


def test_the_accounts_table_loads_nothing(db, demo):
    entries = AuditEntry.objects.count()
    out = io.StringIO()
    call_command("demo_data", accounts=True, stdout=out)
    text = out.getvalue()
    for username, *_rest in accounts.ACCOUNTS:
        assert username in text
    assert accounts.PASSWORD in text and "整改办协调员" in text
    assert AuditEntry.objects.count() == entries


def test_a_flagged_task_shows_its_flags_at_the_top_of_the_page(client, db, demo):
    flagged = Task.objects.get(plan__code="LS-2021-ZY2", number="2.3")
    client.force_login(user("coordinator"))
    html = client.get(reverse("ledger:task_detail", args=[flagged.pk])).content.decode()
    assert 'id="flag-badge"' in html and "督导标记 1" in html
    quiet = Task.objects.get(plan__code="LS-2021-ZY2", number="2.1")
    assert 'id="flag-badge"' not in client.get(reverse("ledger:task_detail", args=[quiet.pk])).content.decode()


def test_acceptance_is_shown_at_every_step(db, demo):
    from ducha.signoff.models import Application, Filing

    found = {a.task.number: a for a in Application.objects.filter(task__plan__code="LS-2026-ZC").select_related("task")}
    assert {n: a.state for n, a in found.items()} == {
        "验1": "draft", "验2": "returned", "验3": "reviewed", "验4": "in_notice", "验5": "in_notice",
        "验6": "signed_off", "验7": "signed_off", "验8": "signed_off"}
    assert [r.outcome for r in found["验2"].rounds.all()] == ["returned", "returned"]
    assert Filing.objects.get().task.number == "验8"
    assert Task.objects.get(plan__code="LS-2026-ZC", number="验6").state == TaskState.SIGNED_OFF
