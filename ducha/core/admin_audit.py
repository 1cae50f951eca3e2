"""Admin pages of settings (units, divisions, case types, routing rules…) that write through one audited
path. A save or a delete in the Django admin is then an action of the signed-in administrator: refused to
anyone else, in the admin's own transaction together with its many-to-many fields, and recorded in the
audit log with the object's before and after. A save that changes nothing writes no entry.

Models with their own pages and state machines (tasks, cases, revisits…) are not edited here at all: their
admin pages, where there are any, are read-only (`ReadOnlyAdmin`)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.audit import events
from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot

ADD, CHANGE, DELETE = "admin.add", "admin.change", "admin.delete"
for _code, _label in [(ADD, gettext_lazy("系统管理中新建")), (CHANGE, gettext_lazy("系统管理中修改")),
                      (DELETE, gettext_lazy("系统管理中删除"))]:
    events.register(_code, _label)


def _require_admin(user):
    if not getattr(user, "is_admin", False):
        raise PermissionDenied(_("只有系统管理员可以在系统管理中修改配置。"))


def do_admin_save(*, acting_user, obj, before, save, request_id=""):
    """Save `obj` (`save()` writes it and its related rows) and audit it. `before`: its snapshot as stored,
    None for a new object."""
    _require_admin(acting_user)
    with transaction.atomic():
        save()
        after = snapshot(obj)
        if before is not None and "version" in after and after != before:
            # A versioned object changed here is a new version for every form opened before (stale edits).
            type(obj)._base_manager.filter(pk=obj.pk).update(version=F("version") + 1)
            obj.version = after["version"] = before["version"] + 1
        audit.record(actor=acting_user, action=CHANGE if before is not None else ADD, obj=obj, before=before,
                     after=after, request_id=request_id)


def do_admin_delete(*, acting_user, objs, request_id=""):
    _require_admin(acting_user)
    with transaction.atomic():
        for obj in objs:
            before, pk, label = snapshot(obj), obj.pk, str(obj)
            obj.delete()
            audit.record(actor=acting_user, action=DELETE, object_type=obj._meta.label_lower, object_id=str(pk),
                         object_repr=label, before=before)


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete through do_admin_save / do_admin_delete."""

    def save_model(self, request, obj, form, change):
        # Saved in save_related, with the many-to-many fields, as one audited change.
        obj._ducha_before = snapshot(type(obj)._base_manager.get(pk=obj.pk)) if change else None

    def save_related(self, request, form, formsets, change):
        obj = form.instance

        def save():
            obj.save()
            super(AuditedAdmin, self).save_related(request, form, formsets, change)

        do_admin_save(acting_user=request.user, obj=obj, before=obj._ducha_before, save=save,
                      request_id=getattr(request, "request_id", ""))

    def delete_model(self, request, obj):
        do_admin_delete(acting_user=request.user, objs=[obj], request_id=getattr(request, "request_id", ""))

    def delete_queryset(self, request, queryset):
        do_admin_delete(acting_user=request.user, objs=list(queryset), request_id=getattr(request, "request_id", ""))


class ReadOnlyMixin:
    """Shown, never edited here: the object changes only through its own pages' actions."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass
