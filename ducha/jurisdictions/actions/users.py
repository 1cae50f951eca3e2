"""Accounts: users, their role, scope, unit, flags and groups, passwords, API
tokens, sign-ins and lockouts. Every change writes one audit entry; snapshots
never carry the password hash or a token."""

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from knox.models import AuthToken

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping

from ..models import User

# last_login moves at every sign-in; the sign-in has its own entry.
_NOT_AUDITED = ("password", "last_login")
_PRIVILEGE_FIELDS = ("is_superuser", "is_staff")


def account_snapshot(user) -> dict:
    return snapshot(user, exclude=_NOT_AUDITED)


def token_name(token) -> str:
    """How a token is shown and audited: the start of its SHA-512 digest, never the token itself."""
    return token.digest[:16]


def _require_manager(acting_user, user=None, *, own=False):
    if acting_user is None:  # the system: commands, the demo loader
        return
    if own and user is not None and acting_user.pk == user.pk:
        return
    if not scoping.may_manage_accounts(acting_user):
        raise PermissionDenied(_("当前用户无权管理账号（%(user)s）。") % {"user": user or "-"})


def _require_privilege_change(acting_user, before: dict, after: dict):
    changed = [f for f in _PRIVILEGE_FIELDS if before.get(f) != after.get(f)]
    if changed and acting_user is not None and not scoping.may_grant_superuser(acting_user):
        raise PermissionDenied(_("只有超级用户可以修改“%(fields)s”。") % {"fields": "、".join(changed)})


@transaction.atomic
def do_create_user(*, acting_user, user: User, groups=None, request_id: str = "") -> User:
    """Save a new account built by a form or a command (its password already hashed or unusable)."""
    _require_manager(acting_user)
    _require_privilege_change(acting_user, {}, {f: getattr(user, f) for f in _PRIVILEGE_FIELDS if getattr(user, f)})
    user.save()
    if groups is not None:
        user.groups.set(groups)
    audit.record(actor=acting_user, action="user.create", obj=user, after=account_snapshot(user),
                 request_id=request_id)
    return user


@transaction.atomic
def do_change_user(*, acting_user, user: User, groups=None, user_permissions=None, request_id: str = "",
                   **changes) -> User:
    """Role, scope, unit, is_active, is_staff, is_superuser, names and groups in one audited change.

    `user` may arrive already edited (the admin's form fills the instance before saving): the
    "before" is read from the database, not from the instance."""
    _require_manager(acting_user, user)
    before = account_snapshot(User.objects.get(pk=user.pk))
    for field, value in changes.items():
        setattr(user, field, value)
    user.save()
    if groups is not None:
        user.groups.set(groups)
    if user_permissions is not None:
        user.user_permissions.set(user_permissions)
    after = account_snapshot(user)
    _require_privilege_change(acting_user, before, after)
    if after != before:
        changed = sorted(k for k in after.keys() | before.keys() if after.get(k) != before.get(k))
        audit.record(actor=acting_user, action="user.change", obj=user,
                     before={k: before.get(k) for k in changed}, after={k: after.get(k) for k in changed},
                     request_id=request_id)
    return user


@transaction.atomic
def do_delete_user(*, acting_user, user: User, request_id: str = ""):
    _require_manager(acting_user, user)
    _require_privilege_change(acting_user, {f: getattr(user, f) for f in _PRIVILEGE_FIELDS}, {})
    before = account_snapshot(user)
    pk, name = user.pk, str(user)
    user.delete()
    audit.record(actor=acting_user, action="user.delete", object_type="jurisdictions.user", object_id=pk,
                 object_repr=name, before=before, request_id=request_id)


@transaction.atomic
def do_set_password(*, acting_user, user: User, password: str | None, request_id: str = "") -> int:
    """Set (or, with None, disable) the password and revoke every API token of the user.

    Other signed-in sessions end by themselves: Django checks each session
    against a hash of the password. Returns how many tokens were revoked."""
    _require_manager(acting_user, user, own=True)
    if password is None:
        user.set_unusable_password()
    else:
        password_validation.validate_password(password, user)
        user.set_password(password)
    user.save(update_fields=["password"])
    revoked = [token_name(t) for t in AuthToken.objects.filter(user=user)]
    AuthToken.objects.filter(user=user).delete()
    audit.record(actor=acting_user, action="user.password", obj=user,
                 after={"usable": password is not None, "tokens_revoked": revoked}, request_id=request_id)
    return len(revoked)


@transaction.atomic
def do_create_token(*, acting_user, user: User, request_id: str = ""):
    """A new API token for the user. Returns (AuthToken, token): the token is shown once and stored hashed."""
    _require_manager(acting_user, user, own=True)
    instance, token = AuthToken.objects.create(user=user)
    audit.record(actor=acting_user, action="token.create", obj=user,
                 after={"token": token_name(instance), "expiry": instance.expiry.isoformat() if instance.expiry
                        else None}, request_id=request_id)
    return instance, token


@transaction.atomic
def do_revoke_tokens(*, acting_user, user: User, tokens=None, reason: str = "", request_id: str = "") -> int:
    """Revoke the given tokens of the user (all of them when `tokens` is None). Returns how many."""
    _require_manager(acting_user, user, own=True)
    queryset = AuthToken.objects.filter(user=user)
    if tokens is not None:
        queryset = queryset.filter(digest__in=[t.digest for t in tokens])
    names = [token_name(t) for t in queryset]
    if not names:
        return 0
    queryset.delete()
    audit.record(actor=acting_user, action="token.revoke", obj=user, after={"tokens": names, "reason": reason},
                 request_id=request_id)
    return len(names)


@transaction.atomic
def record_login(*, user: User, ip: str = "", via: str = "", request_id: str = ""):
    audit.record(actor=user, action="login.success", obj=user, after={"ip": ip, "via": via},
                 request_id=request_id)


@transaction.atomic
def record_lockout(*, username: str, ip: str = "", request_id: str = ""):
    """A username or address locked out after too many failed sign-ins (the actor is unknown)."""
    user = User.objects.filter(username=username).first() if username else None
    audit.record(actor=None, action="login.lockout", object_type="jurisdictions.user",
                 object_id=user.pk if user else "", object_repr=username or ip,
                 after={"username": username, "ip": ip}, request_id=request_id)


@transaction.atomic
def do_unlock_logins(*, acting_user, attempts, request_id: str = "") -> int:
    """Forget failed sign-ins (django-axes attempts), which lifts a lockout before its cool-off ends."""
    _require_manager(acting_user)
    attempts = list(attempts)
    if not attempts:
        return 0
    rows = [{"username": a.username, "ip": a.ip_address, "failures": a.failures_since_start} for a in attempts]
    type(attempts[0]).objects.filter(pk__in=[a.pk for a in attempts]).delete()
    audit.record(actor=acting_user, action="login.unlock", object_type="axes.accessattempt", object_id="*",
                 object_repr=", ".join(sorted({r["username"] or r["ip"] or "-" for r in rows}))[:255],
                 before={"attempts": rows}, request_id=request_id)
    return len(rows)
