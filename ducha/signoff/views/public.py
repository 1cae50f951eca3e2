"""Public pages of sign-off notices (no sign-in): the list by division (current and past) and a notice
with its objection form. They read only through ducha.signoff.publication."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ducha.jurisdictions.models import Division
from ducha.public import ratelimit

from .. import publication
from ..actions import objections
from ..objection_forms import PublicObjectionForm

PAGE_SIZE = 20


def _divisions(today):
    """The divisions with published notices and the divisions above them (a city lists its counties')."""
    with_notices = publication.published(today).filter(task__division=OuterRef("pk"))
    paths = Division.objects.filter(Exists(with_notices)).values_list("path", flat=True)
    codes = {code for path in paths for code in path.split("/") if code}
    return list(Division.objects.filter(code__in=codes).only("code", "name", "path", "level").order_by("path"))


def notice_list(request):
    today = timezone.localdate()
    past = request.GET.get("past") == "1"
    divisions = _divisions(today)
    code = request.GET.get("division", "")[:32]
    division = next((d for d in divisions if d.code == code), None)
    if code and division is None:
        raise Http404(_("没有该地区的公示。"))
    # The page's ids first (notice table and its list index, the task only for being live), then its rows.
    page = Paginator(publication.listing(today=today, current=not past, division=division),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = publication.count_objections(publication.shown(page.object_list))
    return render(request, "signoff/public/notice_list.html", {
        "page": page, "past": past, "divisions": divisions, "division": division, "today": today})


@require_http_methods(["GET", "POST"])
@ratelimit.limit_posts("objection")
def notice_detail(request, pk):
    today = timezone.localdate()
    notice = get_object_or_404(
        publication.published(today).select_related(
            "task__division", "task__lead_unit", "task__problem", "application__signature__unit"), pk=pk)
    is_open = objections.is_open(notice, today)
    form = PublicObjectionForm(request.POST or None, request.FILES or None) if is_open else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("该公示不在公示期内，不能在线提出异议。"))
            return redirect("public:notices:detail", pk=pk)
        if form.is_valid():
            try:
                objection = objections.file_objection(notice=notice, today=today, **form.cleaned_data)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                ratelimit.accepted(request)
                # Post/redirect/get: reloading the receipt does not offer to send the objection again. The
                # receipt's own fragment, else the browser keeps the form's (#objection-form) on the new page.
                return redirect(reverse("public:notices:received", args=[pk]) + "?"
                                + urlencode({"number": objection.receipt_number}) + "#receipt", permanent=False)
    signature = getattr(notice.application, "signature", None)
    return render(request, "signoff/public/notice_detail.html", {
        "notice": notice, "task": notice.task, "signature": signature, "form": form, "is_open": is_open,
        "report": publication.public_report(notice),
        "objections": publication.public_objections(notice), "status": publication.status_of(notice, today),
    }, status=400 if form is not None and form.is_bound else 200)


@require_safe
def objection_received(request, pk):
    """The receipt of an objection just filed (where the form's POST leads): its number, if it is one of
    this notice's objections."""
    notice = get_object_or_404(publication.published(timezone.localdate()), pk=pk)
    number = publication.objection_number(notice, request.GET.get("number", ""))
    if number is None:
        raise Http404
    return render(request, "signoff/public/objection_received.html", {"notice": notice, "number": number})
