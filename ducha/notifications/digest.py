"""The daily digest (每日待办摘要): one message per person per day, from the to-do registry.

For each active user the sections marked `in_digest` are gathered (due_soon only within its
`digest_days`); a user with nothing in them gets nothing. Otherwise, in one transaction: a DigestLog row
(user, date) — unique, so a second run the same day, or two runs at once, send nothing more — and one
in-app notification "今日待办"; when the user has an e-mail address, the mail is queued once that
transaction has committed. People are taken in chunks (one transaction and one mail connection per
chunk), and providers share their work between people of the same reach (todo.batch). Nobody gets a mail per task: a
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
from .models import DigestLog, Notification
from .sending import subject_of

logger = logging.getLogger(__name__)
KIND = "digest.daily"
# People per transaction (and per mail connection).
CHUNK = 200


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
               "groups": [{"label": g.section.label, "total": g.total_label, "has_more": g.has_more,
                           "more": absolute(g.more_url),
                           "items": [{"title": i.title, "due": i.due, "detail": i.detail, "url": absolute(i.url)}
                                     for i in g.items]} for g in digest.groups]}
    msg = mail.EmailMultiAlternatives(
        subject=subject(digest, date), body=render_to_string("notifications/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL, to=[digest.email])
    msg.attach_alternative(render_to_string("notifications/digest_email.html", context), "text/html")
    return msg


def _write(digests, date):
    """The log rows and the in-app notifications of some digests. The notifications are written here,
    in this transaction, rather than through sending.notify (which waits for a commit): the log row and
    the notification stand or fall together."""
    DigestLog.objects.bulk_create([DigestLog(user=d.user, date=date, emailed=bool(d.email), items=d.total)
                                   for d in digests])
    url = reverse("mywork:my_work")
    Notification.objects.bulk_create([
        Notification(recipient=d.user, kind=KIND, title=_("今日待办：%(n)s 项") % {"n": d.total},
                     body="；".join(f"{g.section.label} {g.total_label} 项" for g in d.groups), url=url,
                     subject=subject_of(d.user))
        for d in digests])


def _record(digests, date):
    """Write a chunk's rows in one transaction; when another run wrote some of them first (the unique
    (user, date) refuses the chunk), person by person. Returns the digests written by this run."""
    try:
        with transaction.atomic():
            _write(digests, date)
        return digests
    except IntegrityError:
        pass
    written = []
    for digest in digests:
        try:
            with transaction.atomic():
                _write([digest], date)
            written.append(digest)
        except IntegrityError:  # another run wrote this person's row first
            pass
    return written


def _send(run, outbox):
    """Every queued mail of a chunk over one connection; a failure is logged and marked, not retried."""
    if not outbox:
        return
    try:
        with mail.get_connection() as connection:
            for digest, msg in outbox:
                msg.connection = connection
                try:
                    msg.send()
                except Exception:  # noqa: BLE001 - one bad address must not stop the others
                    logger.exception("digest mail to %s failed", digest.email)
                    DigestLog.objects.filter(user=digest.user, date=run.date).update(emailed=False)
                    run.failed += 1
    except Exception:  # noqa: BLE001 - the server refused the connection: the whole chunk failed
        logger.exception("digest mail connection failed")
        DigestLog.objects.filter(user__in=[d.user for d, _m in outbox], date=run.date).update(emailed=False)
        run.failed += len(outbox)


def _flush(run, pending):
    written = _record(pending, run.date)
    run.digests.extend(written)
    run.already += len(pending) - len(written)
    # Queued once the rows are committed; sent now, over one connection.
    _send(run, [(d, message(d, run.date)) for d in written if d.email])


def send_digests(date=None, *, dry_run=False, users=None):
    """Send today's digests (or `date`'s); `dry_run`: gather them and write nothing. Idempotent. Call it
    outside any transaction (the job and the command do): each chunk of CHUNK people commits on its own."""
    date = date or timezone.localdate()
    run = Run(date, dry_run)
    if users is None:
        users = get_user_model().objects.filter(is_active=True).select_related(
            "unit", "scope", "unit__division").order_by("pk")
    done = set(DigestLog.objects.filter(date=date).values_list("user_id", flat=True))
    pending = []
    with todo.batch():  # people with the same reach share the providers' work
        for user in users.iterator(chunk_size=CHUNK) if hasattr(users, "iterator") else users:
            if user.pk in done:
                run.already += 1
                continue
            digest = build(user, date)
            if not digest.total:
                continue
            if dry_run:
                run.digests.append(digest)
                continue
            pending.append(digest)
            if len(pending) >= CHUNK:
                _flush(run, pending)
                pending = []
        if pending:
            _flush(run, pending)
    return run


def daily_job():
    """The scheduled job (ducha.core.jobs): today's digests; a second run the same day sends nothing."""
    run = send_digests()
    return f"{len(run.digests)} digests ({run.emailed} e-mailed, {run.failed} failed), {run.already} already sent"
