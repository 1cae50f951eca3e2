"""Revisit pages: list, plan form, detail with the record and cancel forms. Thin: the actions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.filters import BIGINT_MAX
from ducha.evidence.serving import links, serve_stored
from ducha.ledger.models import Task

from .. import actions
from ..filtersets import RevisitFilterSet
from ..forms import CancelForm, PlanForm, RecordForm
from ..models import Revisit, RevisitPhoto

PAGE_SIZE = 50
UPLOAD_FIELDS = 20


def _errors(form, error):
    for field, messages_ in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def revisit_list(request):
    visible = Revisit.objects.restrict(request.user)
    filterset = RevisitFilterSet(request.GET, queryset=visible, request=request)
    rows = filterset.qs.select_related("task") if filterset.is_valid() else Revisit.objects.none()
    page = Paginator(rows.order_by("state", "due_on", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "revisits/list.html", {
        "filterset": filterset, "form": filterset.form, "page": page,
        "can_plan": scoping.role_allows(request.user, scoping.ADD)})


@login_required
def revisit_create(request):
    # The list offers 安排回头看 on this same check: a role that may not plan one is told so before it
    # fills the form in, not after (the action would refuse the submission anyway).
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied(_("只有整改办可以安排和记录回头看。"))
    initial = {"task": request.GET.get("task")} if (request.GET.get("task") or "").isdigit() else {}
    form = PlanForm(request.POST or None, initial=initial)
    named = str(form.data.get("task") if form.is_bound else initial.get("task") or "")
    if request.method == "POST" and form.is_valid():
        try:
            revisit = actions.plan_revisit(acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("已安排回头看。"))
            return redirect("revisits:detail", revisit.pk)
    # The task by its number and target, not only the id the field holds (the task page's link fills it in).
    task = (Task.objects.restrict(request.user, scoping.VIEW).filter(pk=int(named)).first()
            if named.isdigit() and int(named) <= BIGINT_MAX else None)
    return render(request, "revisits/form.html", {"form": form, "task": task})


@login_required
def revisit_detail(request, pk):
    revisit = get_object_or_404(Revisit.objects.restrict(request.user).select_related(
        "task", "task__division", "referral", "recorded_by"), pk=pk)
    refused = actions.refusal(request.user, revisit, "record")
    if request.method == "POST" and refused is not None:
        # Sent from a page that was stale (recorded or cancelled meanwhile) or by a role that may not: say why.
        for message in getattr(refused, "messages", [str(refused)]):
            messages.error(request, message)
        return redirect("revisits:detail", revisit.pk)
    office = refused is None
    record_form = RecordForm(request.POST or None) if office else None
    cancel_form = CancelForm() if office else None
    if request.method == "POST" and office and record_form.is_valid():
        photos = request.FILES.getlist("photos")[:UPLOAD_FIELDS + 1]
        try:
            actions.record_revisit(acting_user=request.user, revisit=revisit, photos=photos,
                                   **record_form.cleaned_data)
        except ValidationError as error:
            _errors(record_form, error)
        else:
            messages.success(request, _("已记录回头看。"))
            return redirect("revisits:detail", revisit.pk)
    photos = links("revisits:photo", revisit.pk, [p.file for p in revisit.photos.select_related("file")])
    return render(request, "revisits/detail.html", {
        "revisit": revisit, "photos": photos, "record_form": record_form, "cancel_form": cancel_form})


@login_required
def revisit_photo(request, pk, file_id, thumbnail=False):
    """A photo of a revisit the user may read (else 404)."""
    if not (0 < pk <= BIGINT_MAX and 0 < file_id <= BIGINT_MAX):
        raise Http404
    photo = get_object_or_404(RevisitPhoto.objects.select_related("file").filter(
        revisit__in=Revisit.objects.restrict(request.user)), revisit_id=pk, file_id=file_id)
    return serve_stored(photo.file, thumbnail=thumbnail)


@login_required
@require_POST
def revisit_cancel(request, pk):
    revisit = get_object_or_404(Revisit.objects.restrict(request.user), pk=pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写取消理由。"))
        return redirect("revisits:detail", pk)
    try:
        actions.cancel_revisit(acting_user=request.user, revisit=revisit, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已取消回头看。"))
    return redirect("revisits:detail", pk)
