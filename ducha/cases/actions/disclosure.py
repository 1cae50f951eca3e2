"""Disclosing a batch (the public table as a file) and setting an inspection's table title and columns."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.audit import events
from ducha.audit.services import record
from ducha.cases.disclosure import batch_summary, public_table
from ducha.cases.disclosure.columns import parse_columns
from ducha.cases.disclosure.rendering import render
from ducha.cases.models import DisclosureSetup
from ducha.core import scoping

events.register("cases.disclose", gettext_lazy("生成信访件公开表"))
events.register("cases.disclosure_setup", gettext_lazy("修改信访件公开表设置"))

KINDS = ("xlsx", "docx")


def _require_change(user, obj):
    if user is not None:
        scoping.require(user, scoping.CHANGE, obj)


def disclose_batch(batch, kind, *, acting_user):
    """The batch's public table as `kind` (xlsx/docx) bytes, and its summary. Only a coordinator over the
    inspection's division (or the system) produces it; the audit log says who, when and how many rows."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("公开表格式应为 xlsx 或 docx。")})
    _require_change(acting_user, batch)
    table, summary = public_table(batch), batch_summary(batch)
    data = render(table, summary, kind)
    with transaction.atomic():
        record(actor=acting_user, action="cases.disclose", obj=batch,
               after={"format": kind, "rows": len(table.rows), "total": table.total})
    return data, summary


def set_disclosure_setup(inspection, *, acting_user, title="", columns=""):
    if acting_user is not None and not scoping.can(acting_user, scoping.CHANGE, inspection):
        raise PermissionDenied(_("当前用户无权修改该督察的公开表设置。"))
    title = (title or "").strip()
    if len(title) > 200:
        raise ValidationError({"title": _("标题不超过200字。")})
    if len(columns or "") > 2000:
        raise ValidationError({"columns": _("列设置不超过2000字。")})
    parse_columns(columns)  # ValidationError naming the line
    with transaction.atomic():
        setup, _created = DisclosureSetup.objects.select_for_update().get_or_create(inspection=inspection)
        before = {"title": setup.title, "columns": setup.columns, "version": setup.version}
        setup.title, setup.columns = title, (columns or "").strip()
        setup.version += 1
        setup.save()
        record(actor=acting_user, action="cases.disclosure_setup", obj=setup, before=before,
               after={"title": setup.title, "columns": setup.columns, "version": setup.version},
               scope_path=inspection.division.path)
    return setup
