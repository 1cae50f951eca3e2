"""The ledger list renders less (issue 7, performance): a row costs no
translation, template node or choice lookup of its own, filter options and
the API's related lists are read as values, not model instances, and the
cells still say what they said (benchmarks/bench_ledger.py measures the time)."""

import datetime as dt
import re
from collections import Counter

import pytest
from django.conf import settings
from django.db.models.signals import post_init
from django.urls import reverse
from django.utils import timezone, translation

from ducha.jurisdictions.models import Division, Unit
from ducha.ledger.models import Inspection, Plan, PollutionDomain, Problem, Task, TaskStage, TaskState, TaskUnit
from ducha.ledger.views.common import LABEL_FIELDS

LIST = reverse("ledger:task_list")


def row_html(html, task):
    return re.search(rf'<tr data-task-id="{task.pk}">.*?</tr>', html, re.S).group(0)


@pytest.fixture
def built():
    """Counter of model instances built while the block runs, by model."""
    counts = Counter()

    def count(sender, **kwargs):
        counts[sender] += 1

    post_init.connect(count)
    yield counts
    post_init.disconnect(count)


@pytest.fixture
def gettext_calls(monkeypatch):
    """How many messages were translated (every gettext, lazy or not, ends in _trans.gettext)."""
    calls = []
    real = translation._trans.gettext
    monkeypatch.setattr(translation._trans, "gettext", lambda message: calls.append(message) or real(message))
    return calls


def test_cells_say_what_they_said(client, world, make_task):
    today = timezone.localdate()
    # A row's title is its problem (else its target): markup in it must come out escaped.
    marked = Problem.objects.create(division=world.div["ls"], description="<b>治理</b>扬尘")
    late = make_task(number="7", target="<b>治理</b>扬尘", problem=marked, deadline=today - dt.timedelta(days=3),
                     state=TaskState.IN_PROGRESS, progress=40, units=("eco", "ld_gov"))
    county = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"],
                                 inspection=world.inspection, parent=world.plan)
    make_task(number="3", plan=county, parent=late, division="ld", units=("ld_gov",), deadline=None,
              deadline_text="长期坚持", category="long_term", state=TaskState.COMPLETED, progress=100)
    closed = make_task(number="8", deadline=today - dt.timedelta(days=3), state=TaskState.SIGNED_OFF,
                       progress=100)
    # A row imported before the five-clarity rule: no problem, target or measures to title it.
    Task.objects.filter(pk=closed.pk).update(problem=None, target="", measures="")
    client.force_login(world.users["coord"])
    html = client.get(LIST, {"ordering": "number"}).content.decode()

    row = row_html(html, late)
    assert "&lt;b&gt;治理&lt;/b&gt;扬尘" in row and "<b>" not in row
    assert '<span class="badge text-bg-danger" title="已逾期">' in row
    assert f"{(today - dt.timedelta(days=3)).isoformat()}</span>" in row
    assert '<span class="badge rounded-pill badge-state-in_progress">正在整改</span>' in row
    assert '>限期整改</td>' in row
    assert 'class="progress-bar pct-40"' in row and ">40%</span>" in row
    assert f'<a href="{LIST}?parent={late.pk}" title="已完成/全部">1/1</a>' in row
    assert f'href="{reverse("ledger:task_detail", args=[late.pk])}" class="task-link"' in row
    stamp = timezone.localtime(late.updated_at).strftime("%m-%d %H:%M")
    assert f'text-nowrap">{stamp}</td>' in row
    assert '<div class="small text-secondary fw-normal">LS-2021</div>' in row

    child = row_html(html, late.children.get())
    assert "3（上级序号7）" in child
    assert '<span class="text-secondary">长期坚持</span>' in child
    assert '>长期坚持</td>' in child and 'progress-bar pct-100 bg-success' in child
    assert 'class="text-nowrap d-none d-md-table-cell"><span class="text-secondary">—</span>' in child

    row = row_html(html, closed)
    assert "text-bg-danger" not in row  # signed off: not overdue
    assert "（未填写）" in row


def test_an_empty_list_says_so(client, world):
    client.force_login(world.users["coord"])
    html = client.get(LIST, {"q": "不存在的词语"}).content.decode()
    assert '<tr class="empty-row"><td colspan="11"' in html and "没有符合条件的整改任务。" in html


def test_a_row_translates_nothing_of_its_own(client, world, make_task, gettext_calls):
    """Each row used to translate its nine labels and look its state and
    category up through get_FOO_display, which translates every choice."""
    for _ in range(5):
        make_task()
    client.force_login(world.users["coord"])
    client.get(LIST)
    gettext_calls.clear()
    client.get(LIST)
    few = len(gettext_calls)
    for _ in range(25):
        make_task()
    gettext_calls.clear()
    html = client.get(LIST).content.decode()
    assert html.count("<tr data-task-id=") == 30
    assert len(gettext_calls) - few < 25, Counter(gettext_calls).most_common(5)


def test_filter_options_are_read_without_an_instance_per_option(client, world, make_task, built):
    """A province-wide admin's unit list has 1,000 entries: each used to be a
    Unit instance (and a format_html call) before it was one <option>."""
    units = []
    for n in range(30):
        units.append(Unit.objects.create(name=f"测试单位{n:02d}", division=world.div["ld"]))
        TaskUnit.objects.create(task=make_task(division="ld"), unit=units[-1], position=1)
    client.force_login(world.users["admin"])
    built.clear()
    html = client.get(LIST, {"unit": units[0].pk}).content.decode()
    assert html.count("<tr data-task-id=") == 1
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    assert select.count("<option") == 1 + 31  # 全部, 丽水市生态环境局 (every task's lead unit), the 30 new ones
    assert f'<option value="{units[0].pk}" selected>测试单位00</option>' in select
    assert built[Unit] <= 3, built  # the chosen unit, the row's lead unit, the user's own unit
    assert built[Plan] <= 1 and built[Inspection] == 0 and built[PollutionDomain] == 0, built


def test_yes_no_filters_keep_what_was_chosen(client, world, make_task):
    """The yes/no selects (已逾期, 有未办结督导标记, …) are written without a template per option and still
    show the choice made; a refused value is named and no option is selected."""
    make_task(deadline=dt.date(2020, 1, 1))
    client.force_login(world.users["coord"])
    html = client.get(LIST, {"overdue": "true", "flagged": "false"}).content.decode()
    overdue = re.search(r'<select name="overdue".*?</select>', html, re.S).group(0)
    assert '<option value="true" selected>已逾期</option>' in overdue and overdue.count(" selected") == 1
    flagged = re.search(r'<select name="flagged".*?</select>', html, re.S).group(0)
    assert '<option value="false" selected>无</option>' in flagged
    assert html.count("<tr data-task-id=") == 1
    refused = client.get(LIST, {"rebound": "maybe"})
    assert refused.status_code == 400
    rebound = re.search(r'<select name="rebound"[^>]*>.*?</select>', refused.content.decode(), re.S).group(0)
    assert 'aria-invalid="true"' in rebound and " selected" not in rebound


@pytest.mark.parametrize("model", list(LABEL_FIELDS))
def test_an_option_label_is_what_the_model_prints(world, model):
    PollutionDomain.objects.get_or_create(code="air", defaults={"name": "大气"})
    obj = {Division: world.div["ls"], Unit: world.units["eco"], Plan: world.plan, Inspection: world.inspection,
           PollutionDomain: PollutionDomain.objects.first()}[model]
    assert str(obj) == getattr(obj, LABEL_FIELDS[model])


def test_the_api_list_builds_no_instance_per_unit_link_domain_stage_or_child(api, world, make_task, built):
    for n in range(5):
        task = make_task(units=("eco", "ld_gov", "qt_gov"), category="staged",
                         stages=[("一期", dt.date(2025, 1, 1)), ("二期", dt.date(2026, 1, 1))])
        task.domains.set(PollutionDomain.objects.all()[:2])
        make_task(parent=task, units=("ld_gov",), division="ld")
    built.clear()
    rows = api("coord").get("/api/tasks/").json()["results"]
    assert len(rows) == 10 and sum(len(row["stages"]) for row in rows) == 10
    assert sum(len(row["children"]) for row in rows) == 5 and sum(len(row["co_units"]) for row in rows) == 10
    assert built[TaskUnit] == built[TaskStage] == built[PollutionDomain] == 0, built


def test_templates_are_compiled_once_per_process_in_every_profile():
    """Django caches templates by default only where `loaders` is not set;
    the setting names the cached loader so that no profile renders the list
    from freshly parsed templates."""
    (loader, wrapped), = settings.TEMPLATES[0]["OPTIONS"]["loaders"]
    assert loader == "django.template.loaders.cached.Loader"
    assert "django.template.loaders.app_directories.Loader" in wrapped
