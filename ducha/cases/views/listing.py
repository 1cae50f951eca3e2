"""The rows of the case list and its batch links, worked out once per page: choice labels from dicts,
URLs reversed once, each batch's name once (the template used to call get_FOO_display, {% url %},
{% translate %} and truncatechars for each of 50 rows, most of the page's time)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ducha.core.rows import url_with_pk

from ..models import Batch, Case, CaseState, RepeatLink, RepeatStatus, Routing, Verdict

# What a row shows (not the case's long texts, its search text or its columns as delivered).
FIELDS = ["batch__number", "number", "serial", "row", "is_key", "state", "verdict", "routing", "due_on",
          "reported_at", "division__name", "area_text", "lead_unit__name", "summary"]


def case_rows(ids, today):
    """The cases of `ids`, in that order, as the list shows them."""
    shown = (Case.objects.select_related("batch", "division", "lead_unit").only(*FIELDS).order_by()
             .in_bulk(list(ids)))
    states, verdicts, routings = dict(CaseState.choices), dict(Verdict.choices), dict(Routing.choices)
    detail_url = url_with_pk("cases:detail")
    repeats = _repeat_statuses(shown)
    batches = {}
    rows = []
    for pk in ids:
        case = shown.get(pk)
        if case is None:
            continue
        if case.batch_id not in batches:
            batches[case.batch_id] = str(case.batch)
        rows.append({
            "pk": pk, "url": detail_url(pk), "batch": batches[case.batch_id], "number": case.number or case.serial,
            "is_key": case.is_key, "state": states.get(case.state, case.state),
            "verdict": verdicts.get(case.verdict, case.verdict) if case.verdict else "",
            "repeat": repeats.get(pk, ""),
            "routing": "" if case.routing == Routing.CONFIRMED else routings.get(case.routing, case.routing),
            "overdue": case.is_overdue(today),
            "place": (case.division.name if case.division_id else "") or case.area_text,
            "unit": case.lead_unit.name if case.lead_unit_id else None,
            "due": case.due_on.isoformat() if case.due_on else "",
            "summary": Truncator(case.summary).chars(120),
        })
    return rows


def _repeat_statuses(ids):
    """{case id: confirmed if any of its repeat links is, else proposed} for the listed cases (one query)."""
    found = {}
    for case_id, status in (RepeatLink.objects.filter(case_id__in=list(ids))
                            .exclude(status=RepeatStatus.DISMISSED).values_list("case_id", "status")):
        if found.get(case_id) != RepeatStatus.CONFIRMED:
            found[case_id] = status
    return found


def batch_links(batches, limit=60):
    """The latest `limit` of `batches` as (url, inspection name and batch) links, read as plain values (a
    select_related with only() cost more to compile than the page's rows)."""
    url = url_with_pk("cases:batch")
    return [{"url": url(pk), "text": f"{Truncator(name).chars(12)} {Batch(pk=pk, number=number)}"}
            for pk, number, name in batches.values_list("pk", "number", "inspection__name")[:limit]]


def labels():
    """The words every row may show, translated once."""
    return {"key": _("重点件"), "overdue": _("办理逾期"), "due": _("办理时限"), "repeat_confirmed": _("重复件"),
            "repeat_proposed": _("疑似重复")}
