"""Scheduled work on the job runner (django-q2 with its ORM broker: the same database, SQLite or
PostgreSQL, no other service to run). Apps declare their periodic jobs here from AppConfig.ready();
after every `migrate` the schedules are written idempotently (by name), so a new deployment and an
upgraded one get the same jobs. Every run is recorded by django-q2 (successes and failures, with the
error) and shown to administrators in the admin under 后台任务.

Jobs must be idempotent: running one twice does no harm (a checkpoint with no new entries writes
nothing, a cleanup finds nothing left to delete).
"""

from dataclasses import dataclass

_SCHEDULES = {}


@dataclass(frozen=True)
class Job:
    name: str  # unique; what the job runs page and the admin show, in Chinese
    func: str  # dotted path of a function taking no arguments
    cron: str  # when, in cron syntax (server time zone)
    formerly: tuple = ()  # names it was registered under before: their schedules are removed


def register(name, func, cron, formerly=()):
    _SCHEDULES[name] = Job(name, func, cron, tuple(formerly))


def schedules():
    return list(_SCHEDULES.values())


def install_schedules(sender=None, **kwargs):
    """post_migrate (sent once per app; acted on once, for the job runner's own app): create or update
    each declared schedule by name. A renamed job keeps one schedule: the ones under its former names are
    removed, or its function would run twice (schedules an administrator added in the admin stay)."""
    if getattr(sender, "label", None) != "django_q":
        return
    from django_q.models import Schedule

    for job in _SCHEDULES.values():
        Schedule.objects.filter(name__in=job.formerly, func=job.func).delete()
        Schedule.objects.update_or_create(
            name=job.name, defaults={"func": job.func, "schedule_type": Schedule.CRON, "cron": job.cron,
                                     "repeats": -1})
