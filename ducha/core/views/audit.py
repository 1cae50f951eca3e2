"""The audit log page (/audit/): who changed what, newest first, within the reader's reach.

Keyset pagination by id (the log holds millions of entries: an OFFSET would
read every skipped row); the rule for who reads which entries is in
ducha.core.scoping.
"""

import datetime as dt
import json
import re

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import events
from ducha.audit.models import AuditEntry
from ducha.core import scoping
from ducha.core.actions import date_input

from .audit_labels import label_for

PAGE = 50
_VALUE_MAX = 200
# Object pages, by object type; an entry about another type is shown without a link.
OBJECT_PAGES = {"ledger.task": "ledger:task_detail", "ledger.plan": "ledger:plan_detail",
                "plans.plandocument": "plans:review"}


def _object_types():
    types = {}
    for model in apps.get_models():
        if model.__module__.startswith("ducha.") and model._meta.app_label != "audit":
            types[model._meta.label_lower] = str(model._meta.verbose_name)
    return types


# A moment as snapshots store it (ISO 8601 with its UTC offset): shown in local time, to the second.
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)")


def _local(text):
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _show(value):
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, str) and _MOMENT.fullmatch(value):
        value = _local(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _VALUE_MAX else text[:_VALUE_MAX] + "…"


def _fields(object_type):
    """{name or attname: field} of the model an entry is about, or {} for an unknown type."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return {}
    fields = {}
    for field in model._meta.get_fields():
        if getattr(field, "concrete", False) or field.many_to_many:
            fields[field.name] = field
            fields.setdefault(getattr(field, "attname", field.name), field)
    return fields


def _named(fields, key, value):
    """A changed field as a reader knows it: its Chinese name, and a choice's label instead of its code."""
    field = fields.get(key)
    label = label_for(key, field)
    if field is None:
        return label, value
    choices = getattr(field, "flatchoices", None)
    if choices and isinstance(value, (str, int)):
        value = str(dict(choices).get(value, value))
    return label, value


def _changes(entry, fields):
    before, after = entry.before, entry.after
    if isinstance(before, dict) and isinstance(after, dict):
        rows = entry.changed_fields()
    elif isinstance(after, dict):
        rows = [(key, None, value) for key, value in sorted(after.items())]
    elif isinstance(before, dict):
        rows = [(key, value, None) for key, value in sorted(before.items())]
    else:
        return []
    shown = []
    for key, old, new in rows:
        label, old = _named(fields, key, old)
        _, new = _named(fields, key, new)
        if _show(old) != _show(new):  # None → "" is no change a reader sees
            shown.append((label, _show(old), _show(new)))
    return shown


def _link(entry):
    name = OBJECT_PAGES.get(entry.object_type)
    if not name or not entry.object_id.isdigit():
        return ""
    try:
        return reverse(name, args=[int(entry.object_id)])
    except NoReverseMatch:
        return ""


def _day(value, field, errors):
    """A filter's day by the one date rule (a year 0001 or 9999 would overflow the local-time bounds)."""
    try:
        return date_input(value, "day", label=field)
    except ValidationError as error:
        errors.append(_("%(field)s “%(value)s”：%(reason)s已忽略。") % {
            "field": field, "value": value[:40], "reason": " ".join(error.message_dict["day"])})
        return None


def _position(value, field, errors):
    if not value:
        return None
    if value.isdigit() and len(value) <= 18:
        return int(value)
    errors.append(_("%(field)s “%(value)s” 不是有效的记录编号，已忽略。") % {"field": field, "value": value[:40]})
    return None


def _filter(qs, params, types, errors):
    values = {key: params.get(key, "").strip() for key in ("event", "type", "actor", "object", "since", "until")}
    if values["event"]:
        if events.get(values["event"]) is None:
            errors.append(_("操作类型 “%(value)s” 不存在，已忽略。") % {"value": values["event"][:40]})
        else:
            qs = qs.filter(action__in=events.same_name(values["event"]))
    if values["type"]:
        if values["type"] in types:
            qs = qs.filter(object_type=values["type"])
        else:
            errors.append(_("对象类型 “%(value)s” 不存在，已忽略。") % {"value": values["type"][:40]})
    if values["actor"]:
        qs = qs.filter(actor_name=values["actor"])
    if values["object"]:
        qs = qs.filter(object_id=values["object"][:64])
    zone = timezone.get_current_timezone()
    since = _day(values["since"], _("开始日期"), errors)
    if since:
        qs = qs.filter(created_at__gte=dt.datetime.combine(since, dt.time(), zone))
    until = _day(values["until"], _("结束日期"), errors)
    if until:
        qs = qs.filter(created_at__lt=dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), zone))
    return qs, values


@login_required
def audit_log(request):
    user = request.user
    if not scoping.may_read_audit_log(user):
        raise PermissionDenied(_("只有系统管理员和整改办协调员可以查看审计日志。"))
    types = _object_types()
    errors = []
    qs = scoping.restrict(AuditEntry.objects.all(), user, scoping.VIEW)
    qs, values = _filter(qs, request.GET, types, errors)
    before = _position(request.GET.get("before", ""), _("翻页位置"), errors)
    after = _position(request.GET.get("after", ""), _("翻页位置"), errors)
    if after is not None:
        rows = list(qs.filter(id__gt=after).order_by("id")[: PAGE + 1])
        newer_exists, rows = len(rows) > PAGE, rows[:PAGE][::-1]
        older_exists = bool(rows) and qs.filter(id__lt=rows[-1].id).exists()
    else:
        if before is not None:
            qs_page = qs.filter(id__lt=before)
        else:
            qs_page = qs
        rows = list(qs_page.order_by("-id")[: PAGE + 1])
        older_exists, rows = len(rows) > PAGE, rows[:PAGE]
        newer_exists = before is not None and bool(rows) and qs.filter(id__gt=rows[0].id).exists()
    fields = {t: _fields(t) for t in {e.object_type for e in rows}}
    entries = [{"entry": e, "event": events.label(e.action), "type": types.get(e.object_type, e.object_type),
                "link": _link(e), "changes": _changes(e, fields[e.object_type])} for e in rows]
    query = {k: v for k, v in values.items() if v}
    return render(request, "core/audit_log.html", {
        "entries": entries, "errors": errors, "values": values, "event_choices": events.choices(),
        "type_choices": sorted(types.items(), key=lambda pair: pair[1]), "query": query,
        "older": rows[-1].id if rows and older_exists else None,
        "newer": rows[0].id if rows and newer_exists else None,
    })
