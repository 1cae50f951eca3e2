"""The acceptance steps as the API takes them: `POST /api/tasks/{id}/transitions/{name}/` with the step's
fields (JSON, or multipart with files). Registered with ducha.ledger.workflow so the ledger's endpoint
calls the same actions as the pages."""

import json

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.core.actions import check_version
from ducha.ledger import workflow as ledger

from .. import actions

JSON_MAX = 20_000


def _mapping(data, name):
    """A {standard: text} field, given as an object (JSON) or as a JSON string (multipart)."""
    value = data.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        if len(value) > JSON_MAX:
            raise ValidationError({name: [_("内容过长。")]})
        try:
            value = json.loads(value)
        except ValueError:
            raise ValidationError({name: [_("应为 JSON 对象：{标准代码: 内容}。")]}) from None
    if not isinstance(value, dict):
        raise ValidationError({name: [_("应为 JSON 对象：{标准代码: 内容}。")]})
    return value


def _ids(data, name):
    values = data.getlist(name) if hasattr(data, "getlist") and not isinstance(data.get(name), list) else (
        data.get(name) or [])
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise ValidationError({name: [_("应为文件编号列表。")]}) from None


def _uploads(files):
    """Multipart files: "file" for the report as a whole, "file_<standard>" for one standard."""
    found = []
    for key in files:
        standard = key[5:] if key.startswith("file_") else ""
        if key == "file" or standard:
            found += [(standard, f) for f in files.getlist(key)]
    return found


def apply(*, acting_user, task, data, files, version):
    report, checks = data.get("report"), _mapping(data, "self_checks")
    picked, uploads = _ids(data, "report_files"), _uploads(files)
    if report is not None or checks or picked or uploads or "long_term" in data:
        check_version(task, version)  # the draft is written on the version the client read
        actions.save_application(acting_user=acting_user, task=task, report=report, self_checks=checks,
                                 report_files=picked, uploads=uploads,
                                 long_term=str(data.get("long_term")).lower() in ("1", "true", "on")
                                 if "long_term" in data else None)
        task.refresh_from_db()
        version = None  # the draft was saved on the version read; the step follows it at once
    return actions.submit(acting_user=acting_user, task=task, note=data.get("note", ""), version=version)


def onsite(*, acting_user, task, data, files, version):
    return actions.record_onsite(acting_user=acting_user, task=task, checked_on=data.get("checked_on"),
                                 people=data.get("people"), place=data.get("place"),
                                 findings=_mapping(data, "findings"), conclusion=data.get("conclusion", ""),
                                 photos=files.getlist("photos") if files else (), version=version)


def _simple(function, *names):
    def handler(*, acting_user, task, data, files, version):
        return function(acting_user=acting_user, task=task, version=version,
                        **{n: data.get(n) for n in names if data.get(n) is not None})
    return handler


def _page(name):
    return lambda task: reverse("signoff:step", args=[task.pk, name])


def register():
    for name, handler, fields in _HANDLERS:
        ledger.register_handler(name, handler, fields, url=_page(name), prepares=_PREPARES.get(name))


def _application_in(*states, none=False):
    """prepares(task): the task's latest whole-task application is in one of `states` (a draft, or one that
    ended, so the next request starts a new one), or there is none yet when `none`: a request to apply or
    resubmit can write the report and self-check the guard asks for."""
    from ..models import Application

    def prepares(task):
        latest = Application.objects.filter(task=task, stage__isnull=True).order_by("-id").first()
        return latest.state in states if latest is not None else none

    return prepares


_PREPARES = {"apply": _application_in("draft", "confirming", "failed", "signed_off", none=True), "resubmit": _application_in("returned")}

# apply / resubmit: the report and the self-check may already be in the saved draft; a request without a
# draft must bring them (the listing names them so an API client knows).
_HANDLERS = [
    ("apply", apply, ("report", "self_checks")),
    ("resubmit", apply, ("report", "self_checks")),
    ("return_application", _simple(actions.return_application, "reason"), ("reason",)),
    ("pass_review", _simple(actions.pass_review, "note"), ()),
    ("onsite_check", onsite, ("checked_on", "people", "place", "findings")),
    ("waive_onsite", _simple(actions.waive_onsite, "reason"), ("reason",)),
    ("sign", _simple(actions.sign, "opinion", "signer_title"), ("opinion",)),
    ("fail_acceptance", _simple(actions.fail_acceptance, "reason"), ("reason",)),
    ("publish", _simple(actions.publish, "summary"), ()),
    ("uphold_objection", _simple(actions.uphold_objection, "reason"), ("reason",)),
    ("sign_off", _simple(actions.sign_off, "note"), ()),
    ("file", _simple(actions.file_with_level_above, "filed_with", "filed_on", "reference", "note"), ("filed_with",)),
]
