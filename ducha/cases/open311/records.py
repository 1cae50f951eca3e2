"""A case as a GeoReport v2 service request, and the services list."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from ducha.cases.models import CaseState, CaseType
from ducha.text.masking import mask_personal

REQUEST_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                  "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
                  "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url")
SERVICE_FIELDS = ("service_code", "service_name", "description", "metadata", "type", "keywords", "group")


def _zone():
    return ZoneInfo(settings.TIME_ZONE or "Asia/Shanghai")


def w3c(value):
    """ISO 8601 with the zone, as the spec requires: dates are read as local midnight."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time.min, tzinfo=_zone())
    elif value.tzinfo is None:
        value = value.replace(tzinfo=_zone())
    return value.astimezone(_zone()).replace(microsecond=0).isoformat()


def service(case_type):
    """The spec's keys stay as it names them; the texts people read are the site's (gettext)."""
    return {"service_code": case_type.code, "service_name": case_type.name,
            "description": _("%(name)s类信访举报件") % {"name": case_type.name}, "metadata": False,
            "type": "realtime", "keywords": ",".join(case_type.alias_list()), "group": _("信访举报")}


def services():
    """The types a complaint is filed under now: a disabled type is read no more (its old cases keep it, and
    requests/ still names it on them), so it is no service to offer."""
    return [service(t) for t in CaseType.objects.filter(is_active=True)]


def _first_type(case):
    types = list(case.types.all())
    return types[0] if types else None


def status_notes(case, known=()):
    label = str(CaseState(case.state).label)
    handling = mask_personal(case.handling, known).strip()
    return f"{label}：{handling}" if handling else label


def request(case, known=()):
    """`known`: the case's complainant as recorded (ducha.cases.disclosure.known), masked wherever named."""
    kind = _first_type(case)
    number = case.number or ""
    return {
        "service_request_id": str(case.pk),
        "status": "closed" if case.state == CaseState.DONE else "open",
        "status_notes": status_notes(case, known),
        "service_name": kind.name if kind else "",
        "service_code": kind.code if kind else "",
        "description": mask_personal(case.summary, known),
        "agency_responsible": case.lead_unit.name if case.lead_unit_id else "",
        "service_notice": (_("受理编号%(number)s，第%(batch)s批") % {"number": number, "batch": case.batch.number}
                           if number else _("第%(batch)s批") % {"batch": case.batch.number}),
        "requested_datetime": w3c(case.transferred_on),
        "updated_datetime": w3c(case.updated_at),
        "expected_datetime": w3c(case.due_on),
        "address": mask_personal(case.area_text or (case.division.name if case.division_id else ""), known),
        "address_id": "",
        "zipcode": "",
        "lat": float(case.latitude) if case.latitude is not None else None,
        "long": float(case.longitude) if case.longitude is not None else None,
        "media_url": "",
    }
