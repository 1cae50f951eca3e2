"""Case pages: the list (filters, search), the case page (handling record, routing, review, call-back,
state, linked task, history) and its action posts. Thin: the actions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.audit.models import AuditEntry
from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission
from ducha.core.paging import CappedPaginator
from ducha.jurisdictions.models import Division, Unit
from ducha.notifications.todo import COUNT_CAP

from .. import actions
from ..disclosure import public_preview
from ..filtersets import CaseFilterSet
from ..forms import CallBackForm, HandlingForm, ReviewForm, RouteForm, TransitionForm
from ..models import Batch, Case, Review, Routing
from ..workflow import CASE_WORKFLOW
from . import listing
from .common import form_errors, run, visible_case
from .repeats import case_repeats

PAGE_SIZE = 50
HANDLING_FIELDS = [f for f in HandlingForm.base_fields if f != "version"]


@login_required
def case_list(request):
    base = Case.objects.restrict(request.user)
    filterset = CaseFilterSet(request.GET, queryset=base, request=request)
    rows = filterset.qs if filterset.is_valid() else Case.objects.none()
    # The page's ids first (sorted without joins), counted up to COUNT_CAP ("1000+"), then those 50 rows with
    # what they show.
    paginator = CappedPaginator(rows.values_list("pk", flat=True), PAGE_SIZE, cap=COUNT_CAP)
    page = paginator.get_page(request.GET.get("page"))
    batches = Batch.objects.restrict(request.user).order_by("-transferred_on")
    return render(request, "cases/list.html", {
        "filterset": filterset, "form": filterset.form, "page": page,
        "rows": listing.case_rows(page.object_list, timezone.localdate()), "labels": listing.labels(),
        "batches": listing.batch_links(batches), "can_import": scoping.role_allows(request.user, scoping.ADD)})


def _route_form(case, data=None):
    root = case.inspection.division
    divisions = Division.objects.filter(path__startswith=root.path).order_by("code")
    units = Unit.objects.filter(division__path__startswith=root.path, is_active=True).select_related(
        "division").order_by("division__code", "name")
    initial = {"version": case.version, "division": case.division.code if case.division_id else "",
               "lead_unit": case.lead_unit_id, "co_units": [u.pk for u in case.co_units.all()]}
    return RouteForm(data, divisions=divisions, units=units, initial=initial)


@login_required
def case_detail(request, pk):
    return _detail(request, visible_case(request, pk))


def _detail(request, case, handling=None, review=None, callback=None, status=200):
    """The case page; `handling`, `review`, `callback`: a refused form of that name, shown again with what the
    user typed."""
    user = request.user
    may_change = scoping.can(user, scoping.CHANGE, case)
    is_office = may_change and (user.is_admin or user.role == "coordinator")
    history = (AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
               .select_related("actor").order_by("-id")[:50])
    if handling is None:
        handling = HandlingForm(initial={"version": case.version, **{f: getattr(case, f) for f in HANDLING_FIELDS}})
    reviewing = is_office and case.review == Review.PENDING
    return render(request, "cases/detail.html", {
        "case": case, "types": list(case.types.all()), "co_units": list(case.co_units.all()),
        "allegations": list(case.allegations.all()), "history": history, "today": timezone.localdate(),
        "may_change": may_change, "is_office": is_office,
        "handling_form": handling if may_change else None,
        "route_form": _route_form(case) if is_office else None,
        # A refused review stays on the page even when another coordinator decided meanwhile: the note
        # written is not lost (posting it again is refused, saying why).
        "review_form": review or (ReviewForm(initial={"version": case.version}) if reviewing else None),
        # What approving publishes, masked as the public will read it.
        "public_preview": public_preview(case) if reviewing else None,
        "callback_form": (callback or CallBackForm(initial={"version": case.version}))
        if may_change and (callback or actions.can_call_back(case)) else None,
        "no_callback": may_change and not actions.can_call_back(case),
        "transition_form": TransitionForm(initial={"version": case.version}),
        "transitions": {t.name: t for t in actions.available(user, case)},
        "may_see_complainant": actions.may_see_complainant(user, case),
        "overdue": case.is_overdue(timezone.localdate()), "routing_pending": case.routing != Routing.CONFIRMED,
        "repeats": case_repeats(user, case),
    }, status=status)


def _refused(request, case, name, form):
    """A post the action refused (someone else changed the case meanwhile, a value out of bounds): the page
    again with the message and what the user typed in form `name`; posting again, having read the message,
    applies it on top of the current version."""
    case.refresh_from_db()
    form.data = form.data.copy()
    form.data["version"] = case.version
    return _detail(request, case, status=400, **{name: form})


@login_required
@require_POST
def case_handling(request, pk):
    case = visible_case(request, pk)
    form = HandlingForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _detail(request, case, handling=form, status=400)
    data = dict(form.cleaned_data)
    version = data.pop("version")
    try:
        saved = run(request, actions.record_handling, _("办理情况已保存。"), case=case, version=version, **data)
    except RepeatedSubmission as repeat:  # a double click: the first post saved (and reported) it
        messages.info(request, str(repeat))
        return redirect(case)
    if not saved:
        return _refused(request, case, "handling", form)
    if request.POST.get("report") == "1":
        case.refresh_from_db()
        run(request, actions.report_handling, _("办理结果已报送，等待整改办审核。"), case=case, version=case.version)
    return redirect(case)


@login_required
@require_POST
def case_route(request, pk):
    case = visible_case(request, pk)
    form = _route_form(case, request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择牵头单位和区划。"))
        return redirect(case)
    data = form.cleaned_data
    run(request, actions.route_case, _("已分办。"), case=case, version=data["version"], lead_unit=data["lead_unit"],
        division=data["division"] or None, co_units=data["co_units"])
    return redirect(case)


@login_required
@require_POST
def case_review(request, pk):
    case = visible_case(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _detail(request, case, review=form, status=400)
    approve = form.cleaned_data["decision"] == "approve"
    if not run(request, actions.review_case, _("审核通过。") if approve else _("已退回。"), case=case, approve=approve,
               note=form.cleaned_data["note"], version=form.cleaned_data["version"]):
        return _refused(request, case, "review", form)
    return redirect(case)


@login_required
@require_POST
def case_callback(request, pk):
    case = visible_case(request, pk)
    form = CallBackForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return _detail(request, case, callback=form, status=400)
    data = form.cleaned_data
    if not run(request, actions.record_callback, _("回访已记录。"), case=case, result=data["result"], on=data["on"],
               note=data["note"], version=data["version"]):
        return _refused(request, case, "callback", form)
    return redirect(case)


@login_required
@require_POST
def case_transition(request, pk, name):
    case = visible_case(request, pk)
    if CASE_WORKFLOW.get(name) is None:  # an address no button leads to
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请检查填写的内容。"))
        return redirect(case)
    data = form.cleaned_data
    run(request, actions.take, _("操作完成。"), case=case, name=name, version=data["version"],
        deadline=data["deadline"], measures=data["measures"], reason=data["reason"])
    return redirect(case)


@login_required
def case_complainant(request, pk):
    """The complainant, for the handling unit and coordinators only; every view audited."""
    case = visible_case(request, pk)
    if not actions.may_see_complainant(request.user, case):
        raise PermissionDenied
    name, contact = actions.reveal_complainant(acting_user=request.user, case=case)
    return render(request, "cases/complainant.html", {"case": case, "name": name, "contact": contact})
