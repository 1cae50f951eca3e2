"""后台任务运行记录: every scheduled job with its last run (start, end, outcome, error) and next run,
for administrators only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule, Task

from ducha.core import jobs


def _run(name, success, result, minutes_ago):
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    Task.objects.create(id=f"{name}-{minutes_ago}", name=f"run-{minutes_ago}", func="x.y", group=name,
                        started=started, stopped=started + dt.timedelta(seconds=3), success=success, result=result)


def test_administrators_see_each_job_with_its_last_run_and_error(client, world):
    job = next(j for j in jobs.schedules() if j.name == "每日待办摘要")
    Schedule.objects.update_or_create(name=job.name, defaults={"func": job.func, "schedule_type": Schedule.CRON,
                                                               "cron": job.cron, "repeats": -1})
    _run(job.name, True, "3 digests", 60 * 24)
    _run(job.name, False, "Traceback: SMTPServerDisconnected 连接被关闭", 5)
    client.force_login(world.users["admin"])
    response = client.get(reverse("core:job_runs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "后台任务运行记录" in html and "每日待办摘要" in html and "清理已读通知" in html
    assert "SMTPServerDisconnected 连接被关闭" in html and "失败" in html
    row = next(r for r in response.context["rows"] if r["name"] == job.name)
    assert row["last"].success is False and row["failures"] == 1 and row["installed"]
    assert f'href="{reverse("core:job_runs")}"' in client.get(reverse("mywork:my_work")).content.decode()


@pytest.mark.parametrize("username", ["coord", "ld_officer", "supervisor", "ld_leader"])
def test_others_may_not_see_job_runs(client, world, username):
    client.force_login(world.users[username])
    assert client.get(reverse("core:job_runs")).status_code == 403
    assert f'href="{reverse("core:job_runs")}"' not in client.get(reverse("mywork:my_work")).content.decode()


def test_every_job_is_named_in_chinese():
    """The page and the admin list jobs by name: no job shows up as `dispatch.open_scheduled_rounds` among
    the 每日待办摘要s."""
    import re

    assert jobs.schedules()
    assert [j.name for j in jobs.schedules() if not re.search(r"[\u4e00-\u9fff]", j.name)] == []


def test_a_renamed_job_keeps_one_schedule(world):
    """After an upgrade that renames a job, migrate leaves its schedule under the new name only (the old
    one would run the same function a second time); a schedule an administrator added stays."""
    job = next(j for j in jobs.schedules() if j.name == "清理未被引用的佐证文件")
    for name in ("evidence-orphan-cleanup", "周末再清理一次"):
        Schedule.objects.create(name=name, func=job.func, schedule_type=Schedule.CRON, cron="0 12 * * 6",
                                repeats=-1)
    jobs.install_schedules(sender=type("App", (), {"label": "django_q"}))
    assert sorted(Schedule.objects.filter(func=job.func).values_list("name", flat=True)) == sorted(
        [job.name, "周末再清理一次"])


@pytest.mark.parametrize("cron,said", [
    ("30 7 * * *", "每天 07:30"), ("7 * * * *", "每小时第 7 分"), ("30 2 1 * *", "每月 1 日 02:30"),
    ("0 8 * * 1", "每周一 08:00"), ("0 8 * * 0", "每周日 08:00"), ("*/5 * * * *", ""), ("0 8 * 6 *", ""),
    ("0 8-18 * * *", ""), ("", ""), ("not a cron", ""),
])
def test_each_schedule_reads_as_people_say_it(cron, said):
    from ducha.core.views.jobs import when

    assert when(cron) == said


def test_the_page_says_when_each_job_runs(client, world):
    client.force_login(world.users["admin"])
    row = next(r for r in client.get(reverse("core:job_runs")).context["rows"] if r["name"] == "生成月度预警提议")
    assert row["when"] == "每月 1 日 02:30" and row["cron"] == "30 2 1 * *"
