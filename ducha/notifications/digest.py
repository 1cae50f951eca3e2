"""The daily digest (每日待办摘要): one message per person per day, from the to-do registry.

For each active user the sections marked `in_digest` are gathered (due_soon only within its
`digest_days`); a user with nothing in them gets nothing. Otherwise, in one transaction: a DigestLog row
(user, date) — unique, so a second run the same day, or two runs at once, send nothing more — and one
in-app notification "今日待办"; when the user has an e-mail address, the mail is queued when that
transaction has committed, and every queued mail goes out at the end of the run over one connection
(call it outside any transaction, as the job and the command do). Nobody gets a mail per task: a
task is one line of the one digest.

A mail that fails to send is not retried (its DigestLog row says emailed=False and the error is
logged): a digest missed is better than a digest twice.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import todo
from .models import DigestLog
from .sending import notify

logger = logging.getLogger(__name__)
KIND = "digest.daily"
SEND_BATCH = 100


@dataclass
class Digest:
    user: object
    groups: list

    @property
    def total(self):
        return sum(g.total for g in self.groups)

    @property
    def email(self):
        return (self.user.email or "").strip()


@dataclass
class Run:
    date: dt.date
    dry_run: bool
    digests: list = field(default_factory=list)  # those sent (or, in a dry run, that would be)
    already: int = 0  # users who had today's digest already
    failed: int = 0  # mails that could not be sent

    @property
    def emailed(self):
        return sum(1 for d in self.digests if d.email)


def subject(digest, date):
    return _("【督察整改】今日待办 %(n)s 项（%(date)s）") % {
        "n": digest.total, "date": f"{date.year}年{date.month}月{date.day}日"}


def absolute(url):
    if not url or "://" in url:
        return url
    return settings.DUCHA_SITE_URL.rstrip("/") + url


def build(user, date):
    groups = [g for g in todo.grouped(user, date, digest=True) if g.total]
    return Digest(user, groups)


def message(digest, date):
    context = {"digest": digest, "date": date, "site": settings.DUCHA_SITE_URL.rstrip("/"),
               "my_url": absolute(reverse("mywork:my_work")),
               "groups": [{"label": g.section.label, "total": g.total, "more": absolute(g.more_url),
                           "items": [{"title": i.title, "due": i.due, "detail": i.detail, "url": absolute(i.url)}
                                     for i in g.items]} for g in digest.groups]}
    msg = mail.EmailMultiAlternatives(
        subject=subject(digest, date), body=render_to_string("notifications/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[digest.email])
    msg.attach_alternative(render_to_string("notifications/digest_email.html", context), "text/html")
    return msg


def _record(digest, date, outbox):
    """The log row, the in-app notification and the queued mail, all or none."""
    try:
        with transaction.atomic():
            DigestLog.objects.create(user=digest.user, date=date, emailed=bool(digest.email), items=digest.total)
            parts = "；".join(f"{g.section.label} {g.total} 项" for g in digest.groups)
            notify([digest.user], kind=KIND, title=_("今日待办：%(n)s 项") % {"n": digest.total}, body=parts,
                   url=reverse("mywork:my_work"))
            msg = message(digest, date) if digest.email else None
    except IntegrityError:  # another run wrote today's row first
        return False
    # Queued once the row is committed; sent at the end of the run, over one connection.
    if msg is not None:
        outbox.append((digest, msg))
    return True


def _send(run, outbox):
    for start in range(0, len(outbox), SEND_BATCH):
        batch = outbox[start:start + SEND_BATCH]
        try:
            with mail.get_connection() as connection:
                for digest, msg in batch:
                    msg.connection = connection
                    try:
                        msg.send()
                    except Exception:  # noqa: BLE001 - one bad address must not stop the others
                        logger.exception("digest mail to %s failed", digest.email)
                        DigestLog.objects.filter(user=digest.user, date=run.date).update(emailed=False)
                        run.failed += 1
        except Exception:  # noqa: BLE001 - the server refused the connection: the whole batch failed
            logger.exception("digest mail connection failed")
            DigestLog.objects.filter(user__in=[d.user for d, _m in batch], date=run.date).update(emailed=False)
            run.failed += len(batch)


def send_digests(date=None, *, dry_run=False, users=None):
    """Send today's digests (or `date`'s); `dry_run`: gather them and write nothing. Idempotent."""
    date = date or timezone.localdate()
    run = Run(date, dry_run)
    users = users if users is not None else get_user_model().objects.filter(is_active=True).select_related(
        "unit", "scope", "unit__division").order_by("pk")
    done = set(DigestLog.objects.filter(date=date).values_list("user_id", flat=True))
    outbox = []
    for user in users.iterator(chunk_size=500) if hasattr(users, "iterator") else users:
        if user.pk in done:
            run.already += 1
            continue
        digest = build(user, date)
        if not digest.total:
            continue
        if dry_run or _record(digest, date, outbox):
            run.digests.append(digest)
        else:
            run.already += 1
    if not dry_run:
        _send(run, outbox)
    return run


def daily_job():
    """The scheduled job (ducha.core.jobs): today's digests; a second run the same day sends nothing."""
    run = send_digests()
    return f"{len(run.digests)} digests ({run.emailed} e-mailed, {run.failed} failed), {run.already} already sent"
