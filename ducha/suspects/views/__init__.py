"""The review page of paper sign-off suspects (evidence side by side), a suspect's decisions, and the
office's "run the rules now" button. Thin: the actions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.ledger.models import Plan

from .. import actions, rules
from ..filtersets import SuspectFilterSet
from ..forms import DecisionForm
from ..models import Suspect, SuspectState
from ..workflow import office_of_task

PAGE_SIZE = 20


@login_required
def suspect_list(request):
    data = request.GET.copy()
    if "state" not in data:
        data.setlist("state", [SuspectState.OPEN])
    filterset = SuspectFilterSet(data, queryset=Suspect.objects.restrict(request.user), request=request)
    rows = (filterset.qs.select_related("task", "other_task", "task__division") if filterset.is_valid()
            else Suspect.objects.none())
    page = Paginator(rows.order_by("-found_at", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for suspect in page:
        suspect.may_decide = suspect.state == SuspectState.OPEN and office_of_task(request.user, suspect)
        suspect.rule_label = rules.label_of(suspect.rule)
    return render(request, "suspects/list.html", {
        "filterset": filterset, "form": filterset.form, "page": page, "decision_form": DecisionForm(),
        "can_detect": scoping.role_allows(request.user, scoping.ADD),
        "plans": Plan.objects.restrict(request.user).order_by("code")[:200]})


@login_required
@require_POST
def suspect_detect(request):
    plan = None
    if request.POST.get("plan", "").isdigit():
        plan = get_object_or_404(Plan.objects.restrict(request.user), pk=int(request.POST["plan"]))
    found = actions.detect(acting_user=request.user, plan=plan)
    messages.success(request, _("检测完成：%(n)s 条疑点。") % {"n": len(found)})
    return redirect("suspects:list")


@login_required
@require_POST
def suspect_decide(request, pk, name):
    suspect = get_object_or_404(Suspect.objects.restrict(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid() or name not in ("dismiss", "review"):
        messages.error(request, _("请填写理由。"))
        return redirect("suspects:list")
    try:
        if name == "dismiss":
            actions.dismiss_suspect(acting_user=request.user, suspect=suspect, reason=form.cleaned_data["reason"])
        else:
            actions.send_to_review(acting_user=request.user, suspect=suspect, reason=form.cleaned_data["reason"],
                                   refer=form.cleaned_data["refer"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已处理疑点。"))
    return redirect(request.POST.get("next") if (request.POST.get("next") or "").startswith("/suspects/")
                    else "suspects:list")
