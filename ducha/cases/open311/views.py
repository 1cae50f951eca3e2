"""/open311/v2/: the read endpoints. Errors answer as the spec writes them: [{"code": 400, "description": …}],
the description in Chinese like every message of the site (the parameter names stay as the spec writes them)."""

import datetime as dt
from xml.etree import ElementTree

from django.http import HttpResponse, JsonResponse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ducha.cases.disclosure import disclosed_cases
from ducha.cases.disclosure.known import complainants
from ducha.cases.models import CaseState
from ducha.core.xml_text import xml_text

from . import records

LIMIT = 1000  # the spec's "reasonable number" of requests per answer
MAX_SPAN = dt.timedelta(days=90)
MAX_PARAM = 200
STATUS = {"open": [CaseState.HANDLING, CaseState.STAGED], "closed": [CaseState.DONE]}


class Open311Error(Exception):
    def __init__(self, code, description):
        super().__init__(description)
        self.code, self.description = code, description


def _xml(root, item, rows):
    top = ElementTree.Element(root)
    for row in rows:
        node = ElementTree.SubElement(top, item)
        for key, value in row.items():
            child = ElementTree.SubElement(node, key)
            child.text = "" if value is None else (str(value).lower() if isinstance(value, bool) else xml_text(value))
    return b'<?xml version="1.0" encoding="UTF-8"?>' + ElementTree.tostring(top, encoding="utf-8")


def _answer(fmt, root, item, rows, status=200):
    if fmt == "xml":
        return HttpResponse(_xml(root, item, rows), status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(rows, safe=False, status=status, json_dumps_params={"ensure_ascii": False})


def _error(fmt, error):
    return _answer(fmt, "errors", "error", [{"code": error.code, "description": error.description}], error.code)


def _format(fmt):
    if fmt not in ("json", "xml"):
        raise Open311Error(400, _("格式应为 json 或 xml。"))
    return fmt


def _when(params, name):
    text = params.get(name, "")
    if not text:
        return None
    if len(text) > 40:
        raise Open311Error(400, _("%(name)s：过长。") % {"name": name})
    value = parse_datetime(text) if "T" in text else None
    if value is None:
        try:
            day = parse_date(text)
        except ValueError:
            day = None
        if day is None:
            raise Open311Error(400, _("%(name)s：“%(value)s”不是 W3C 日期时间（如 2026-06-01 或 2026-06-01T08:00:00+08:00）。") % {
                "name": name, "value": text[:40]})
        value = dt.datetime.combine(day, dt.time.min, tzinfo=records._zone())
    if value.tzinfo is None:
        value = value.replace(tzinfo=records._zone())
    return value


def _local_date(value):
    return value.astimezone(records._zone()).date()


def filtered(params):
    for name, value in params.items():
        if len(value) > MAX_PARAM:
            raise Open311Error(400, _("%(name)s：超过 %(n)s 个字符。") % {"name": name[:40], "n": MAX_PARAM})
        if "\x00" in value:
            raise Open311Error(400, _("%(name)s：含有空字符（NUL）。") % {"name": name[:40]})
    cases = disclosed_cases()
    start, end = _when(params, "start_date"), _when(params, "end_date")
    if start and end and end < start:
        raise Open311Error(400, _("end_date 早于 start_date。"))
    if start and end and end - start > MAX_SPAN:
        raise Open311Error(400, _("start_date 至 end_date 不能超过 90 天。"))
    if start:
        cases = cases.filter(transferred_on__gte=_local_date(start))
    if end:
        cases = cases.filter(transferred_on__lte=_local_date(end))
    if params.get("status"):
        wanted = [s.strip() for s in params["status"].split(",")]
        unknown = [s for s in wanted if s not in STATUS]
        if unknown:
            raise Open311Error(400, _("status 应为 open 或 closed：%(value)s") % {"value": unknown[0][:20]})
        cases = cases.filter(state__in=[state for s in wanted for state in STATUS[s]])
    if params.get("service_code"):
        cases = cases.filter(types__code__in=[c.strip() for c in params["service_code"].split(",")]).distinct()
    if params.get("service_request_id"):
        ids = [i.strip() for i in params["service_request_id"].split(",")]
        if not all(i.isdigit() and len(i) < 12 for i in ids):
            raise Open311Error(400, _("service_request_id 应为以逗号分隔的数字。"))
        cases = cases.filter(pk__in=[int(i) for i in ids])
    return cases


def _rows(cases):
    cases = (cases.select_related("batch", "lead_unit", "division").prefetch_related("types")
             .order_by("-transferred_on", "-pk")[:LIMIT])
    known = complainants(cases)
    return [records.request(case, known.get(case.pk, ())) for case in cases]


@require_safe
def services(request, fmt):
    try:
        return _answer(_format(fmt), "services", "service", records.services())
    except Open311Error as error:
        return _error("json" if fmt not in ("json", "xml") else fmt, error)


@require_safe
def requests(request, fmt):
    try:
        return _answer(_format(fmt), "service_requests", "request", _rows(filtered(request.GET)))
    except Open311Error as error:
        return _error("json" if fmt not in ("json", "xml") else fmt, error)


@require_safe
def request_detail(request, pk, fmt):
    try:
        _format(fmt)
        rows = _rows(disclosed_cases().filter(pk=pk)) if pk < 2**31 else []
        if not rows:
            raise Open311Error(404, _("没有已公开的服务请求 %(pk)s。") % {"pk": pk})
        return _answer(fmt, "service_requests", "request", rows)
    except Open311Error as error:
        return _error("json" if fmt not in ("json", "xml") else fmt, error)
