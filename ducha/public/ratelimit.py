"""Rate limiting of anonymous POSTs on the public site (objections, later complaints).

Counted in the database (model Hit), not in Django's cache: the deployment has no shared cache (each
process has its own local-memory cache, so a cache count would multiply the limit by the number of
processes and reset at every restart), and django-ratelimit refuses a non-shared cache for the same
reason. A POST here is rare and already writes rows, so one more small insert costs nothing noticeable.
The client address is stored only as an HMAC under the secret key."""

import hashlib
import hmac
import random
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from ducha.jurisdictions.lockout import client_ip

from .models import Hit

KEEP = timedelta(days=1)
TEXT_SHOWN = 10_000


def _key(request) -> str:
    secret = settings.SECRET_KEY.encode()
    return hmac.new(secret, client_ip(request).encode(), hashlib.sha256).hexdigest()[:64]


def limits():
    """(posts allowed, per this many seconds) for one address."""
    return settings.DUCHA_PUBLIC_POST_LIMIT, settings.DUCHA_PUBLIC_POST_WINDOW


def allow(request, scope) -> bool:
    """Count this POST; False when the address has used up its allowance in the window (the refused POST
    is not counted, so a patient visitor gets through once the window moves on)."""
    allowed, seconds = limits()
    now = timezone.now()
    key = _key(request)
    used = Hit.objects.filter(scope=scope, key=key, at__gt=now - timedelta(seconds=seconds)).count()
    if used >= allowed:
        return False
    Hit.objects.create(scope=scope, key=key, at=now)
    if random.random() < 0.02:  # noqa: S311 - housekeeping, not security
        Hit.objects.filter(at__lt=now - KEEP).delete()
    return True


def too_many(request):
    """The refusal page; it shows back the text the visitor wrote, to copy and send later."""
    allowed, seconds = limits()
    written = request.POST.get("text", "") if request.method == "POST" else ""
    return render(request, "public/rate_limited.html",
                  {"allowed": allowed, "minutes": max(1, seconds // 60), "written": written[:TEXT_SHOWN]},
                  status=429)


def limit_posts(scope):
    """Decorator for a public view: a POST over the limit answers 429 with a page saying when to retry."""
    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not allow(request, scope):
                return too_many(request)
            return view(request, *args, **kwargs)
        return wrapped
    return decorate
