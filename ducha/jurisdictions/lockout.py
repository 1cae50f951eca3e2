"""How django-axes sees the client, counts failures and answers a locked-out sign-in.

Wired in settings (AXES_CLIENT_IP_CALLABLE, AXES_HANDLER, AXES_LOCKOUT_CALLABLE)."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The address that counts towards an address lockout.

    Behind a reverse proxy (DUCHA_BEHIND_PROXY=1) every request comes from the
    proxy, so the address is the last one in X-Forwarded-For: the one the proxy
    itself appended. Earlier entries are whatever the client chose to send."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


class Handler(AxesDatabaseHandler):
    """A username is locked after AXES_FAILURE_LIMIT failures; an address only after
    DUCHA_ADDRESS_FAILURE_LIMIT failures, whatever the usernames. One address is often a whole office
    behind NAT: five colleagues each mistyping once must not lock all of them out, while an address
    trying password after password on many accounts still is."""

    def get_failures(self, request, credentials=None) -> int:
        # One queryset per AXES_LOCKOUT_PARAMETERS entry, in its order: username, then address.
        by_username, by_address = (attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
                                   for attempts in self.get_user_attempts(request, credentials))
        if by_address >= settings.DUCHA_ADDRESS_FAILURE_LIMIT:
            return max(by_username, settings.AXES_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears the failures of the username that signed in, and only those. Axes'
        own reset deletes every failure matching any lockout parameter, the address included: one
        colleague signing in would lift another account's lockout and the address's, so anyone with an
        account could guess another's password four times per sign-in of their own, without end."""
        username = get_client_username(request, credentials)
        count, _deleted = AccessAttempt.objects.filter(username=username).delete()
        return count


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("登录失败次数过多（同一账号连续 %(limit)d 次，或同一地址 %(address_limit)d 次），该账号或地址已被暂时"
             "锁定，请 %(minutes)d 分钟后再试。如忘记密码，请联系系统管理员。") % {
        "limit": settings.AXES_FAILURE_LIMIT, "address_limit": settings.DUCHA_ADDRESS_FAILURE_LIMIT,
        "minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """429 for the login page, the admin login and the API token endpoint: JSON for the API, a page otherwise."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429, json_dumps_params={"ensure_ascii": False})
    return render(request, "jurisdictions/lockout.html", {"message": lockout_message()}, status=429)
