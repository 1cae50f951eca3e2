"""The public pages of disclosed cases (信访件公开): no sign-in, only reviewed cases, every text masked.

A minimal public site of its own (templates/cases/public/base.html) until the public site app exists;
then these views register there as a section."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ducha.cases.disclosure import batch_summary, disclosed_cases, public_table
from ducha.cases.disclosure.rendering import render as render_file
from ducha.cases.models import Batch, CaseSetup

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _public_batches(setup):
    numbers = set(disclosed_cases().filter(inspection_id=setup.inspection_id).values_list("batch_id", flat=True))
    return [b for b in Batch.objects.filter(inspection_id=setup.inspection_id).order_by("-number") if b.pk in numbers]


def _setup(code):
    setup = CaseSetup.objects.select_related("inspection", "inspection__division").filter(code=code[:32]).first()
    if setup is None:
        raise Http404(_("没有该督察的公开信息。"))
    return setup


def _batch(setup, number):
    if number > 32767:
        raise Http404(_("该批次尚未公开。"))
    batch = Batch.objects.select_related("inspection", "inspection__division").filter(
        inspection_id=setup.inspection_id, number=number).first()
    if batch is None or not disclosed_cases(batch.cases.all()).exists():
        raise Http404(_("该批次尚未公开。"))
    return batch


@require_safe
def index(request):
    inspections = []
    for setup in CaseSetup.objects.select_related("inspection").order_by("-inspection__on_site_start", "code"):
        batches = _public_batches(setup)
        if batches:
            inspections.append({"setup": setup, "batches": batches, "latest": batch_summary(batches[0])})
    return render(request, "cases/public/index.html", {"inspections": inspections})


@require_safe
def batch(request, code, number):
    setup = _setup(code)
    found = _batch(setup, number)
    table = public_table(found)
    return render(request, "cases/public/batch.html", {
        "setup": setup, "batch": found, "table": table, "summary": batch_summary(found),
        "cards": [list(zip([c.header for c in table.columns], row)) for row in table.rows]})


@require_safe
def batch_file(request, code, number, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    setup = _setup(code)
    found = _batch(setup, number)
    table = public_table(found)
    data = render_file(table, batch_summary(found), kind)
    response = HttpResponse(data, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(True, f"{table.title}.{kind}")
    return response
