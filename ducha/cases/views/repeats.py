"""Repeat proposals (重复件) on the pages: the case page's section and its confirm / dismiss posts, and the
list of proposals in the user's reach (/cases/repeats/). Thin: ducha.cases.actions.repeats decides."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.ledger.models import Inspection

from ..actions.repeats import confirm_repeat, dismiss_repeat
from ..filtersets import RepeatLinkFilterSet
from ..forms import RepeatConfirmForm, RepeatDismissForm
from ..models import Batch, RepeatLink, RepeatStatus, mark_visible
from .common import form_errors, run, visible_case

PAGE_SIZE = 50
LINK_FIELDS = ("case__batch", "earlier__batch", "earlier__inspection", "decided_by")


def case_repeats(user, case):
    """The case page's section: the earlier cases this one may repeat, and the later ones repeating it."""
    links = RepeatLink.objects.filter(case=case).select_related(*LINK_FIELDS).order_by("status", "-score", "id")
    later = (RepeatLink.objects.filter(earlier=case).exclude(status=RepeatStatus.DISMISSED)
             .select_related(*LINK_FIELDS).order_by("-case__transferred_on", "id")[:20])
    links, later = mark_visible(links, user), mark_visible(later, user)
    return {"proposed": [link for link in links if link.status == RepeatStatus.PROPOSED],
            "decided": [link for link in links if link.status != RepeatStatus.PROPOSED],
            "confirmed": any(link.status == RepeatStatus.CONFIRMED for link in links),
            "later": [link for link in later if link.case_visible]}


def _link(request, pk, link_pk):
    case = visible_case(request, pk)
    return case, get_object_or_404(RepeatLink.objects.select_related("case"), pk=link_pk, case=case)


def _decide(request, pk, link_pk, form_class, action, success):
    case, link = _link(request, pk, link_pk)
    form = form_class(request.POST)
    if form.is_valid():
        run(request, partial(action, link), success % {"n": link.earlier}, **form.cleaned_data)
    else:
        form_errors(request, form)
    return redirect(case.get_absolute_url() + "#repeats")


@login_required
@require_POST
def repeat_confirm(request, pk, link_pk):
    return _decide(request, pk, link_pk, RepeatConfirmForm, confirm_repeat, _("已确认为重复件：%(n)s。"))


@login_required
@require_POST
def repeat_dismiss(request, pk, link_pk):
    return _decide(request, pk, link_pk, RepeatDismissForm, dismiss_repeat, _("已排除：不是 %(n)s 的重复件。"))


@login_required
def repeat_list(request):
    """Proposals in the user's reach, by default the open ones, latest batch first."""
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = RepeatStatus.PROPOSED
    base = RepeatLink.objects.restrict(request.user)
    filterset = RepeatLinkFilterSet(data, queryset=base, request=request)
    rows = filterset.qs if filterset.is_valid() else RepeatLink.objects.none()
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    shown = RepeatLink.objects.select_related(*LINK_FIELDS, "case__inspection").in_bulk(list(page.object_list))
    page.object_list = mark_visible([shown[pk] for pk in page.object_list if pk in shown], request.user)
    inspections = Inspection.objects.filter(pk__in=Batch.objects.restrict(request.user).values("inspection_id"))
    inspections = inspections.order_by("-on_site_start", "-pk")
    return render(request, "cases/repeats.html", {
        "filterset": filterset, "form": filterset.form, "page": page, "inspections": inspections[:100],
        "status_value": data.get("status", "")})
