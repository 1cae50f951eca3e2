"""What every action shares (Zulip's `do_*` functions): batch refusals, stale
edits, and the check that a write left every object inside the actor's reach.

An action takes the acting user, checks permission through ducha.core.scoping
for the object as it was, validates, writes in one transaction, re-reads what
it wrote through the same scoping (as it will be), and records an audit entry
per object. Bulk work calls the same action with many items: a single change
is a batch of one, so there is one copy of every rule.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from ducha.audit.models import AuditEntry
from ducha.text.typed import typed_text

from . import scoping


def text_input(value, field, *, limit, required=False, label=""):
    """A free-text input of an action, cleaned (ducha.text.typed) and checked: ValidationError naming the
    field when it is not text, missing though required, or longer than `limit` characters. The one rule
    for every action's text fields; `label` names the field in the message."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError({field: [_("%(label)s应为文本。") % {"label": label} if label else _("应为文本。")]})
    value = typed_text(value)
    if required and not value:
        raise ValidationError({field: [_("请填写%(label)s。") % {"label": label} if label else _("此项为必填项。")]})
    if len(value) > limit:
        raise ValidationError({field: [
            _("%(label)s过长（%(length)s 字，最多 %(n)s 字）。") % {"label": label, "length": len(value), "n": limit}
            if label else _("内容过长（%(length)s 字，最多 %(n)s 字）。") % {"length": len(value), "n": limit}]})
    return value


def typed_fields(fields: dict) -> dict:
    """Model field values of an action's input with every text cleaned as text_input cleans it (the
    length and required checks are the model's own, in full_clean)."""
    return {name: typed_text(value) if type(value) is str else value for name, value in fields.items()}


class BatchErrors(Exception):
    """Refusals of a batch: [(index of the item, ValidationError | PermissionDenied | StaleEdit)].
    Nothing was written."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} item(s) refused")
        self.errors = errors

    def first(self):
        return self.errors[0][1]


class StaleEdit(Exception):
    """The object changed since the editor read it: their edit would silently revert someone else's."""

    def __init__(self, obj, expected, current):
        self.obj, self.expected, self.current = obj, expected, current
        super().__init__(_("该%(what)s已被他人修改（您打开的是第 %(expected)s 版，当前为第 %(current)s 版），"
                           "请查看变更后重新提交。") % {
            "what": obj._meta.verbose_name, "expected": expected, "current": current})

    def changes(self):
        """The audit entries written since the version the editor read, oldest first. The version is
        compared here, not in SQL: the entries' JSON is PostgreSQL `json`, which has no comparison
        operators (ducha.audit.models.VerbatimJSONField); one object's entries are few."""
        try:
            expected = int(self.expected)
        except (TypeError, ValueError):
            expected = None
        entries = AuditEntry.objects.filter(object_type=self.obj._meta.label_lower, object_id=str(self.obj.pk),
                                            after__isnull=False).order_by("id").select_related("actor")
        return [e for e in entries if _newer(e.after, expected)]


def _newer(after, expected):
    version = after.get("version") if isinstance(after, dict) else None
    if type(version) is not int:  # noqa: E721 (bool is not a version)
        return False
    return expected is None or version > expected


def check_version(obj, expected):
    """Refuse an edit made on an older version (None: the caller did not say which it read)."""
    if expected is None:
        return
    try:
        expected = int(expected)
    except (TypeError, ValueError):
        raise StaleEdit(obj, expected, obj.version) from None
    if expected != obj.version:
        raise StaleEdit(obj, expected, obj.version)


# Above this many ids, dense ones are checked by range.
RANGE_FROM = 100


def require_in_reach(user, model, ids, action=scoping.CHANGE):
    """After the write, inside its transaction: every written object must still be one the user may act
    on. An edit cannot move an object out of the actor's reach (nor into another's): raising here rolls
    the whole write back."""
    ids = list(ids)
    if not ids or user is None:  # the system (commands without --user) acts everywhere
        return
    found = set()
    manager = model._default_manager
    low, high = min(ids), max(ids)
    if len(ids) > RANGE_FROM and type(low) is int and high - low < 2 * len(ids):
        # Dense ids (a batch's new rows take consecutive ids): one query by range rather than IN lists of
        # thousands. The range may hold other objects; only the written ids are looked up in what it finds,
        # so an id outside the actor's reach is refused exactly as below.
        chunks = [manager.filter(pk__gte=low, pk__lte=high)]
    else:
        # Unordered (the model's default ordering joined and sorted for a set); on PostgreSQL in chunks of
        # thousands: each query's cost is mostly the scope's join, whatever its length (13 queries of 900
        # took 0.5 s for one import's 10,900 tasks).
        size = 900 if connection.vendor == "sqlite" else 5000
        chunks = [manager.filter(pk__in=ids[start:start + size]) for start in range(0, len(ids), size)]
    for chunk in chunks:
        found.update(scoping.restrict(chunk, user, action).order_by().values_list("pk", flat=True))
    outside = [pk for pk in ids if pk not in found]
    if outside:
        raise PermissionDenied(_("修改后该%(what)s将超出您的管辖范围（ID %(ids)s），已拒绝。") % {
            "what": model._meta.verbose_name, "ids": "、".join(str(pk) for pk in outside[:10])})
