"""Rate limiting of anonymous POSTs on the public site (objections, later complaints).

Two limits per address and window: posts that were accepted (wrote something) are limited to
DUCHA_PUBLIC_POST_LIMIT, and every attempt, refused or not, to the much higher DUCHA_PUBLIC_ATTEMPT_LIMIT.
A form refused for a missing field or a too long text thus costs nothing of the visitor's allowance (many
phones share one address behind a carrier's NAT, and one visitor's typos must not lock out the others),
while a flood of bad posts is still throttled. A POST refused by the limit itself is not counted, so the
address gets through again once the window moves on.

Counted in the database (model Hit), not in Django's cache: the deployment has no shared cache (each
process has its own local-memory cache, so a cache count would multiply the limit by the number of
processes and reset at every restart), and django-ratelimit refuses a non-shared cache for the same
reason. A POST here is rare and already writes rows, so one more small insert costs nothing noticeable.
The client address is stored only as an HMAC under the secret key.

The check and the count are one step: posts of one address arriving together would otherwise all read the
count before any of them wrote it, and all pass. admit() locks the address's Gate row first, in the
transaction that counts and records the attempt: an UPDATE, whose row lock PostgreSQL keeps until the
commit (SQLite's IMMEDIATE transactions take the whole database). Two first posts of an address both find
no gate: the second's INSERT waits for the first's and fails on the unique key, and it then locks and counts
after the first. An admitted attempt counts as an accepted post until its request ends (pending): several
posts in flight, none accepted yet, would otherwise all pass the limit of accepted posts. When the request
ends (request_finished), an attempt that wrote nothing stops counting as a post."""

import contextvars
import hashlib
import hmac
import random
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from ducha.jurisdictions.lockout import client_ip

from .models import Gate, Hit

KEEP = timedelta(days=1)
TEXT_SHOWN = 10_000
# Request attributes: the admitted attempt's Hit, and which limit refused the POST.
_ATTEMPT, _OVER = "_ducha_public_post", "_ducha_public_over"
# The ids of the attempts admitted in this request (its thread's context), settled when it ends.
_PENDING = contextvars.ContextVar("ducha_public_pending", default=())


def _key(request) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, client_ip(request).encode(), hashlib.sha256).hexdigest()[:64]


def limits():
    """(accepted posts allowed, attempts allowed, per this many seconds) for one address."""
    return (settings.DUCHA_PUBLIC_POST_LIMIT, settings.DUCHA_PUBLIC_ATTEMPT_LIMIT,
            settings.DUCHA_PUBLIC_POST_WINDOW)


def _lock(scope, key, now):
    """Inside admit()'s transaction: hold the address's gate until it commits (the module's docstring)."""
    gate = Gate.objects.filter(scope=scope, key=key)
    if not gate.update(seen=now) and not _new_gate(scope, key, now):
        gate.update(seen=now)  # another first post of the address made it meanwhile: wait for that one


def _new_gate(scope, key, now) -> bool:
    """The address's first gate, or False when another post has made (or is making) it."""
    try:
        with transaction.atomic():
            Gate.objects.create(scope=scope, key=key, seen=now)
    except IntegrityError:
        return False
    return True


def _over(scope, key, now):
    """Which limit the address has reached in the window ("posts" or "attempts"), or None. Attempts still in
    flight count as posts."""
    posts, attempts, seconds = limits()
    used = Hit.objects.filter(scope=scope, key=key, at__gt=now - timedelta(seconds=seconds)) \
        .aggregate(attempts=Count("id"), posts=Count("id", filter=Q(accepted=True) | Q(pending=True)))
    if used["posts"] >= posts:
        return "posts"
    if used["attempts"] >= attempts:
        return "attempts"
    return None


def admit(request, scope) -> bool:
    """Count this POST as an attempt; False (and nothing counted) when the address has reached either
    limit. Call accepted(request) once the POST has written something."""
    key = _key(request)
    with transaction.atomic():
        now = timezone.now()
        _lock(scope, key, now)
        over = _over(scope, key, now)
        hit = Hit.objects.create(scope=scope, key=key, at=now, pending=True) if over is None else None
    if hit is None:
        setattr(request, _OVER, over)
        return False
    setattr(request, _ATTEMPT, hit)
    _PENDING.set((*_PENDING.get(), hit.pk))
    if random.random() < 0.02:  # noqa: S311 - housekeeping, not security
        Hit.objects.filter(at__lt=now - KEEP).delete()
        Gate.objects.filter(seen__lt=now - KEEP).delete()
    return True


def accepted(request):
    """The admitted POST wrote something: it counts against the limit of accepted posts."""
    hit = getattr(request, _ATTEMPT, None)
    if hit is not None and not hit.accepted:
        hit.accepted, hit.pending = True, False
        hit.save(update_fields=["accepted", "pending"])


def settle(**_signal):
    """When a request ends (connected to request_finished): the attempts it admitted and did not accept stop
    counting as posts (a refused form costs only an attempt)."""
    admitted = _PENDING.get()
    if admitted:
        _PENDING.set(())
        Hit.objects.filter(pk__in=admitted, pending=True).update(pending=False)


def too_many(request):
    """The refusal page; it shows back the text the visitor wrote, to copy and send later."""
    posts, attempts, seconds = limits()
    written = request.POST.get("text", "") if request.method == "POST" else ""
    flood = getattr(request, _OVER, "posts") == "attempts"
    return render(request, "public/rate_limited.html",
                  {"allowed": attempts if flood else posts, "flood": flood, "minutes": max(1, seconds // 60),
                   "written": written[:TEXT_SHOWN]},
                  status=429)


def limit_posts(scope):
    """Decorator for a public view: a POST over either limit answers 429 with a page saying when to retry.
    The view calls accepted(request) when the POST wrote something."""
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not admit(request, scope):
                return too_many(request)
            return view(request, *args, **kwargs)
        return wrapped
    return decorate
