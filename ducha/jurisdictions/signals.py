"""Sign-in events into the audit log, and tokens revoked when a web session ends."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .actions import users as actions
from .lockout import client_ip


def _request_id(request):
    return getattr(request, "request_id", "") if request is not None else ""


@receiver(user_logged_in, dispatch_uid="ducha.jurisdictions.login")
def audit_login(sender, request, user, **kwargs):
    # A sign-in through a form is a POST; the test client's force_login passes a bare
    # request without a method, and is no sign-in anyone made.
    if request is None or request.method != "POST":
        return
    actions.record_login(user=user, ip=client_ip(request), via=request.path, request_id=_request_id(request))


@receiver(user_locked_out, dispatch_uid="ducha.jurisdictions.lockout")
def audit_lockout(sender, request, username, ip_address, **kwargs):
    # Axes signals every refused attempt past the limit; the log wants the moment of locking.
    failures = getattr(request, "axes_failures_since_start", settings.AXES_FAILURE_LIMIT)
    if failures != settings.AXES_FAILURE_LIMIT:
        return
    actions.record_lockout(username=username or "", ip=ip_address or "", request_id=_request_id(request))


@receiver(user_logged_out, dispatch_uid="ducha.jurisdictions.logout")
def revoke_tokens_at_logout(sender, request, user, **kwargs):
    """Signing out of the web (pages or admin) also ends every API token of the user."""
    if user is None:
        return
    actions.do_revoke_tokens(acting_user=user, user=user, reason="logout", request_id=_request_id(request))
