"""The Django admin of divisions, units, accounts, API tokens and failed sign-ins.

Divisions and units are saved and deleted through ducha.core.admin_audit (audited, administrators only).

Every change to an account goes through ducha.jurisdictions.actions.users, so
the admin writes the same audit entries as any other path. Groups themselves
are not edited here (roles, ducha.core.roles, decide what a user may do); a user's
groups still can be, and are audited with the rest of the user."""

import contextvars

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from ducha.core.admin_audit import AuditedAdmin
from ducha.core.fields import IdsField

from .actions import users as actions
from .models import ApiToken, Division, FailedLogin, Unit, User

admin.site.unregister(Group)
admin.site.unregister(AuthToken)

# The admin user behind the password form being saved: the form itself is not given the request.
_acting_user = contextvars.ContextVar("ducha_admin_acting_user", default=None)


def _request_id(request):
    return getattr(request, "request_id", "")


@admin.register(Division)
class DivisionAdmin(AuditedAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "kind", "division", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "aliases")
    raw_id_fields = ("division",)


class AuditedPasswordChangeForm(AdminPasswordChangeForm):
    def save(self, commit=True):
        usable = self.cleaned_data.get("set_usable_password", True)
        actions.do_set_password(acting_user=_acting_user.get(), user=self.user,
                                password=self.cleaned_data["password1"] if usable else None)
        return self.user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "role", "unit", "scope", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("unit", "scope")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("个人信息"), {"fields": ("full_name", "email", "phone")}),
        (_("督察整改"), {"fields": ("role", "unit", "scope")}),
        (_("权限"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups",)
    change_password_form = AuditedPasswordChangeForm

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # Group ids are checked as ids before the lookup (a 20-digit id was a 500 on SQLite).
        kwargs.setdefault("form_class", IdsField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            actions.do_create_user(acting_user=request.user, user=obj, request_id=_request_id(request))
        # A change is saved in save_related, with its many-to-many fields, as one audited change.

    def save_related(self, request, form, formsets, change):
        if change:
            data = form.cleaned_data
            actions.do_change_user(acting_user=request.user, user=form.instance, groups=data.get("groups"),
                                   user_permissions=data.get("user_permissions"), request_id=_request_id(request))
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        actions.do_delete_user(acting_user=request.user, user=obj, request_id=_request_id(request))

    def delete_queryset(self, request, queryset):
        for user in queryset:
            actions.do_delete_user(acting_user=request.user, user=user, request_id=_request_id(request))

    def user_change_password(self, request, id, form_url=""):
        reset = _acting_user.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            _acting_user.reset(reset)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by sign-ins, never edited here; deleting one is the audited way to end it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Tokens by the start of their digest: the token itself is never stored, so never shown."""

    list_display = ("token_id", "owner", "created_at", "expires_at")
    list_select_related = ("user",)
    search_fields = ("user__username",)
    fields = ("token_id", "owner", "created_at", "expires_at")
    readonly_fields = fields

    @admin.display(description=_("令牌标识"))
    def token_id(self, token):
        return actions.token_name(token)

    @admin.display(description=_("用户"), ordering="user__username")
    def owner(self, token):
        return token.user

    @admin.display(description=_("创建时间"), ordering="created")
    def created_at(self, token):
        return token.created

    @admin.display(description=_("过期时间"), ordering="expiry")
    def expires_at(self, token):
        return token.expiry

    def delete_model(self, request, obj):
        actions.do_revoke_tokens(acting_user=request.user, user=obj.user, tokens=[obj], reason="admin",
                                 request_id=_request_id(request))

    def delete_queryset(self, request, queryset):
        for token in queryset.select_related("user"):
            actions.do_revoke_tokens(acting_user=request.user, user=token.user, tokens=[token], reason="admin",
                                     request_id=_request_id(request))


@admin.register(FailedLogin)
class FailedLoginAdmin(ReadOnlyAdmin):
    """Failed sign-ins counted by django-axes; deleting a row lifts its lockout."""

    list_display = ("login_name", "address", "failures", "last_attempt")
    search_fields = ("username", "ip_address")
    fields = ("login_name", "address", "failures", "last_attempt", "agent")
    readonly_fields = fields

    @admin.display(description=_("用户名"), ordering="username")
    def login_name(self, row):
        return row.username

    @admin.display(description=_("IP 地址"), ordering="ip_address")
    def address(self, row):
        return row.ip_address

    @admin.display(description=_("失败次数"), ordering="failures_since_start")
    def failures(self, row):
        return row.failures_since_start

    @admin.display(description=_("最近一次"), ordering="attempt_time")
    def last_attempt(self, row):
        return row.attempt_time

    @admin.display(description=_("浏览器"))
    def agent(self, row):
        return row.user_agent

    def delete_model(self, request, obj):
        actions.do_unlock_logins(acting_user=request.user, attempts=[obj], request_id=_request_id(request))

    def delete_queryset(self, request, queryset):
        actions.do_unlock_logins(acting_user=request.user, attempts=queryset, request_id=_request_id(request))
