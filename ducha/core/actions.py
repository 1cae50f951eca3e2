"""What every action shares (Zulip's `do_*` functions): batch refusals, stale
edits, and the check that a write left every object inside the actor's reach.

An action takes the acting user, checks permission through ducha.core.scoping
for the object as it was, validates, writes in one transaction, re-reads what
it wrote through the same scoping (as it will be), and records an audit entry
per object. Bulk work calls the same action with many items: a single change
is a batch of one, so there is one copy of every rule.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from ducha.audit.models import AuditEntry
from ducha.text.meaningful import is_meaningful
from ducha.text.typed import typed_text

from . import scoping


def text_input(value, field, *, limit, required=False, label="", meaningful=False):
    """A free-text input of an action, cleaned (ducha.text.typed) and checked: ValidationError naming the
    field when it is not text, missing though required, or longer than `limit` characters. The one rule
    for every action's text fields; `label` names the field in the message. `meaningful` (the public's
    inputs) also refuses a text given but made only of emoji, punctuation or blanks (ducha.text.meaningful)."""
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
    if meaningful and value and not is_meaningful(value):
        said = {"label": label or _("内容")}
        raise ValidationError({field: [
            _("%(label)s须包含文字或数字，不能只有表情符号、标点或空白。") % said if required
            else _("%(label)s须包含文字或数字，不能只有表情符号、标点或空白；不填写可留空。") % said]})
    return value


# The years an official date (a document's date, a deadline, a period, an event) may lie in, for every
# action and so every page, API call and command: a year typed as 0001 or 9999 is a typo, and a day after
# 9999-12-31 overflows whatever arithmetic comes next. Months (warnings) and years (targets) use them too.
FIRST_YEAR, LAST_YEAR = 2000, 2100
FIRST_DATE, LAST_DATE = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)


def out_of_range(label):
    """The refusal of a date outside FIRST_DATE..LAST_DATE, naming the field by its label."""
    return _("%(label)s应在 %(first)s 至 %(last)s 之间。") % {
        "label": label or _("日期"), "first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}


def date_input(value, field, *, label="", required=False):
    """A date input of an action (a date, or "YYYY-MM-DD" from a command), checked: ValidationError naming
    the field when it is missing though required, not a date, or outside FIRST_DATE..LAST_DATE. Returns
    the date, or None when empty and not required. The one rule for every action's date fields."""
    label = label or _("日期")
    if value is None or value == "":
        if required:
            raise ValidationError({field: [_("请填写%(label)s。") % {"label": label}]})
        return None
    if isinstance(value, str):
        try:
            value = parse_date(value.strip())
        except ValueError:  # well formed, but no such day
            value = None
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        raise ValidationError({field: [_("%(label)s格式应为 YYYY-MM-DD。") % {"label": label}]})
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError({field: [out_of_range(label)]})
    return value


def month_input(value, field="month"):
    """"2026-06" (or a date in it) → 2026-06-01, in FIRST_YEAR..LAST_YEAR; anything else is a
    ValidationError naming `field`. The one rule for months (warnings, monthly imports)."""
    if isinstance(value, dt.date):
        month = value.replace(day=1)
    else:
        text = str(value or "").strip()
        try:
            year, number = text.split("-")[:2]
            if len(year) != 4 or not (1 <= len(number) <= 2):
                raise ValueError
            month = dt.date(int(year), int(number), 1)
        except (ValueError, TypeError):
            raise ValidationError({field: [_("月份格式应为 YYYY-MM，如 2026-06。")]}) from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise ValidationError({field: [_("月份应在 %(first)s 年至 %(last)s 年之间。") % {
            "first": FIRST_YEAR, "last": LAST_YEAR}]})
    return month


def dates_of(model, values: dict, errors: dict | None = None) -> dict:
    """An action's input of `model` field values with every date among them (a DateField of the model)
    checked by date_input and labelled by the field's name: one ValidationError naming every bad field,
    or, given `errors`, the refusals added there and the bad dates None (for an action that gathers
    every refusal before answering)."""
    checked, refused = dict(values), {}
    for field in model._meta.concrete_fields:
        if field.name in values and field.get_internal_type() == "DateField":
            try:
                checked[field.name] = date_input(values[field.name], field.name, label=field.verbose_name,
                                                 required=not field.null)
            except ValidationError as error:
                refused.update(error.message_dict)
                checked[field.name] = None
    if refused and errors is None:
        raise ValidationError(refused)
    if errors is not None:
        errors.update(refused)
    return checked


def moment_input(value, field, *, label="", required=False):
    """A moment (an aware datetime) input of an action: as date_input, its local day within
    FIRST_DATE..LAST_DATE."""
    label = label or _("时间")
    if value is None:
        if required:
            raise ValidationError({field: [_("请填写%(label)s。") % {"label": label}]})
        return None
    if not isinstance(value, dt.datetime):
        raise ValidationError({field: [_("%(label)s应为时间。") % {"label": label}]})
    try:
        day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    except (OverflowError, ValueError):  # year 1 or 9999 shifted by the offset
        day = None
    if day is None or not FIRST_DATE <= day <= LAST_DATE:
        raise ValidationError({field: [out_of_range(label)]})
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
        try:
            read = int(expected)
        except (TypeError, ValueError):
            read = None
        if read is None or not 0 < read < current:  # not a version anyone read (a hand-made post): not echoed
            read = None
            message = _("该%(what)s的版本信息无效（当前为第 %(current)s 版），请刷新页面后重新提交。")
        else:
            message = _("该%(what)s已被他人修改（您打开的是第 %(expected)s 版，当前为第 %(current)s 版），"
                        "请查看变更后重新提交。")
        self.read = read  # the version the editor read, None when the post names none that existed
        super().__init__(message % {"what": obj._meta.verbose_name, "expected": read, "current": current})

    def changes(self):
        """The audit entries written since the version the editor read, oldest first; none when the post
        named no version that existed (nothing to list "since": not the object's whole history). The version
        is compared here, not in SQL: the entries' JSON is PostgreSQL `json`, which has no comparison
        operators (ducha.audit.models.VerbatimJSONField); one object's entries are few."""
        if self.read is None:
            return []
        entries = AuditEntry.objects.filter(object_type=self.obj._meta.label_lower, object_id=str(self.obj.pk),
                                            after__isnull=False).order_by("id").select_related("actor")
        return [e for e in entries if _newer(e.after, self.read)]


def _newer(after, read):
    version = after.get("version") if isinstance(after, dict) else None
    if type(version) is not int:  # noqa: E721 (bool is not a version)
        return False
    return version > read


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


# A second identical submission by the same person within this long is the first one again (a double click,
# the browser resubmitting a form, a client retrying after a lost answer), never a second record.
REPEAT_WINDOW = dt.timedelta(minutes=10)


class RepeatedSubmission(Exception):
    """The actor submitted this very thing a moment ago: `obj` is what the first submission created; nothing
    was written. Pages say so and lead to `obj`; the API answers 409 with its id."""

    def __init__(self, obj, what=None):
        self.obj = obj
        super().__init__(_("相同的%(what)s刚刚已提交过，未重复记录。") % {"what": what or obj._meta.verbose_name})


def refuse_repeat(candidates, *, lock, created_field="created_at", same=None, window=REPEAT_WINDOW):
    """In a creating action's transaction, before it writes: raise RepeatedSubmission when `candidates` (the
    rows the same actor created with the same content) holds one created within `window` (created_field
    None: at any time, the content alone being the proof, e.g. a letter with the moment it was received),
    and, given `same`, for which same(row) holds (content a filter cannot compare). `lock` (the object the
    new row belongs to, or the actor) is locked first, so two submissions racing each other are taken one
    after the other and the second sees the first."""
    lock._meta.model._base_manager.select_for_update().filter(pk=lock.pk).values_list("pk").first()
    recent = candidates.order_by("-pk")
    if created_field is not None:
        recent = recent.filter(**{f"{created_field}__gte": timezone.now() - window})
    earlier = next((row for row in recent if same is None or same(row)), None)
    if earlier is not None:
        raise RepeatedSubmission(earlier)


def refuse_repeated_edit(obj, expected, *, actor, unchanged, what=None, window=REPEAT_WINDOW):
    """The version check of an edit that may come twice (a double click, the browser resubmitting, a client
    retrying with the same If-Match), in the action's transaction with `obj` locked. An edit made on an
    older version that changes nothing of `obj` as it is now (`unchanged`: the action applied the input and
    found nothing new), when every change since that version is the actor's own and the first of them was
    made within `window` (refuse_repeat, on its audit entry), is the first post again:
    RepeatedSubmission(obj), nothing written, where a check of the version alone would answer StaleEdit and
    ask for the same text to be sent a second time. Anything else on an older version: StaleEdit."""
    try:
        check_version(obj, expected)
    except StaleEdit as stale:
        changes = stale.changes() if unchanged and actor is not None else []
        if changes and all(change.actor_id == actor.pk for change in changes):
            try:
                refuse_repeat(AuditEntry.objects.filter(pk=changes[0].pk), lock=obj, window=window)
            except RepeatedSubmission:
                raise RepeatedSubmission(obj, what) from None
        raise


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
