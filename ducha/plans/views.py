"""Plan review pages: upload and list, review (text beside the extracted
items), edit one item, confirm into the ledger. Views stay thin: permission
and writing happen in ducha.plans.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ducha.core import scoping, uploads
from ducha.core.actions import StaleEdit
from ducha.ledger.forms import add_service_errors
from ducha.ledger.models import Category
from ducha.quality.models import Comparator, Indicator

from . import checks, services
from .checks import REVIEWED_KINDS
from .forms import ITEM_FORMS, ConfirmForm, DocumentFactsForm, UploadForm
from .highlight import runs
from .models import Decision, ExtractedItem, ItemKind, PlanDocument

GROUPS = [  # order of the item groups on the review page
    (ItemKind.TASK, gettext_lazy("拟建整改任务")), (ItemKind.TARGET, gettext_lazy("指标目标")),
    (ItemKind.DEADLINE, gettext_lazy("整改时限")), (ItemKind.COUNT, gettext_lazy("数量")),
    (ItemKind.UNIT, gettext_lazy("责任单位")),
]


def _document(request, pk, action=scoping.VIEW):
    document = get_object_or_404(PlanDocument.objects.restrict(request.user).select_related("division", "plan"),
                                 pk=pk)
    if action != scoping.VIEW:
        scoping.require(request.user, action, document)
    return document


def _back(document, item=None):
    url = reverse("plans:review", args=[document.pk])
    return f"{url}#item-{item.pk}" if item is not None else url


@login_required
def document_list(request):
    may_upload = scoping.role_allows(request.user, scoping.ADD)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user) if may_upload else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        refused = uploads.refusal(request)
        if refused:  # cut off while streaming in: say why, not "this field is required"
            form = UploadForm(request.POST, request.FILES, user=request.user)
            form.is_valid()
            form.errors.pop("file", None)
            form.add_error(None, refused)
        elif form.is_valid():
            upload, task_list = form.cleaned_data["file"], form.cleaned_data.get("task_list")
            try:
                document = services.upload_document(
                    acting_user=request.user, division=form.cleaned_data["division"], filename=upload.name,
                    data=upload.read(), task_list=task_list.read() if task_list else None)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("已读取“%(name)s”，请逐项审核。") % {"name": document.filename})
                return redirect("plans:review", document.pk)
    reviewed = Q(items__kind__in=REVIEWED_KINDS)
    documents = (PlanDocument.objects.restrict(request.user).select_related("division", "uploaded_by", "plan")
                 .annotate(item_total=Count("items", filter=reviewed),
                           item_pending=Count("items", filter=reviewed & Q(items__decision=Decision.PENDING))))
    return render(request, "plans/document_list.html", {"documents": documents, "form": form})


def _unit_labels(item, units):
    """[(name written in the plan, matched Unit or None)] for a task item."""
    values = item.values
    names = values.get("unit_names") or []
    ids = values.get("units") or []
    if item.decided is not None:  # a person chose the units: show those
        return [(units[pk].name if pk in units else "?", units.get(pk)) for pk in ids]
    return [(name, units.get(ids[i]) if i < len(ids) and ids[i] else None) for i, name in enumerate(names)]


@login_required
def review(request, pk):
    document = _document(request, pk)
    items = list(document.items.select_related("decided_by"))
    units = {u.pk: u for u in services.division_units(document.division)}
    categories, indicators, comparators = dict(Category.choices), dict(Indicator.choices), dict(Comparator.choices)
    for item in items:
        if item.kind == ItemKind.TASK:
            item.unit_labels = _unit_labels(item, units)
            item.category_label = categories.get(item.values.get("category"), "")
        elif item.kind == ItemKind.TARGET:
            item.indicator_label = indicators.get(item.values.get("indicator"), _("未识别的指标"))
            item.comparator_label = comparators.get(item.values.get("comparator"), "")
        elif item.kind == ItemKind.UNIT:
            item.matched_unit = units.get(item.values.get("unit"))
    groups = [(kind, label, [i for i in items if i.kind == kind]) for kind, label in GROUPS]
    conflicts = checks.target_conflicts([(i.pk, i.values, i.decision) for i in items if i.kind == ItemKind.TARGET])
    in_conflict = {pk for c in conflicts for pk in c.item_ids}
    for item in items:
        item.in_conflict = item.pk in in_conflict
    may_change = scoping.can(request.user, scoping.CHANGE, document)
    return render(request, "plans/review.html", {
        "document": document,
        "conflicts": conflicts,
        "counts": checks.review_counts([(i.kind, i.decision, i.created_id) for i in items]),
        "facts_form": DocumentFactsForm(document=document) if may_change and document.plan_id is None else None,
        "runs": runs(document.text, [(i.pk, i.start, i.end, i.kind) for i in items]),
        "groups": groups,
        "may_change": may_change,
        "pending_targets": sum(1 for i in items if i.kind == ItemKind.TARGET and i.decision == Decision.PENDING),
        "to_create": sum(1 for i in items if i.is_accepted and i.created_id is None
                         and i.kind in (ItemKind.TASK, ItemKind.TARGET)),
    })


@login_required
@require_POST
def item_decide(request, pk, item_pk):
    document = _document(request, pk, scoping.CHANGE)
    item = get_object_or_404(ExtractedItem, document=document, pk=item_pk)
    decision = request.POST.get("decision")
    if decision not in (Decision.ACCEPTED, Decision.REJECTED):
        return redirect(_back(document, item))
    try:
        services.decide_item(acting_user=request.user, item=item, decision=decision,
                             version=request.POST.get("version", ""))
    except StaleEdit as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        if item.created_id is None:
            return redirect("plans:item_edit", document.pk, item.pk)
    return redirect(_back(document, item))


@login_required
def item_edit(request, pk, item_pk):
    document = _document(request, pk, scoping.CHANGE)
    item = get_object_or_404(ExtractedItem.objects.select_related("document__division"), document=document,
                             pk=item_pk)
    form_class = ITEM_FORMS[item.kind]
    form = form_class(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_item(acting_user=request.user, item=item, decision=Decision.EDITED,
                                 values=form.values(), version=request.POST.get("version", ""))
        except StaleEdit as error:
            # The form keeps what this reviewer typed and now carries the current version: saving again
            # applies it over the other decision, knowingly.
            form.add_error(None, str(error))
            item.refresh_from_db()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_back(document, item))
    elif request.method == "GET" and item.decision == Decision.PENDING and item.kind == ItemKind.TASK:
        # Show what accepting as proposed would miss (e.g. an unmatched unit).
        try:
            services.clean_values(item, item.payload)
        except ValidationError as error:
            for message in error.messages:
                messages.warning(request, message)
    return render(request, "plans/item_edit.html", {"document": document, "item": item, "form": form})


@login_required
@require_POST
def document_facts(request, pk):
    document = _document(request, pk, scoping.CHANGE)
    form = DocumentFactsForm(request.POST, document=document)
    if form.is_valid():
        try:
            services.edit_document_facts(acting_user=request.user, document=document, values=form.cleaned_data)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
        else:
            messages.success(request, _("文件信息已保存。"))
    else:
        messages.error(request, "；".join(f"{form.fields[f].label}：{'；'.join(e)}" if f in form.fields else "；".join(e)
                                         for f, e in form.errors.items()))
    return redirect(_back(document))


@login_required
@require_POST
def accept_targets(request, pk):
    document = _document(request, pk, scoping.CHANGE)
    accepted, skipped = services.accept_remaining_targets(acting_user=request.user, document=document)
    messages.success(request, _("已采纳 %(n)s 个指标目标。") % {"n": accepted})
    if skipped:
        messages.warning(request, _("%(n)s 个指标目标信息不完整，请逐个修改后采纳。") % {"n": skipped})
    return redirect(_back(document))


@login_required
def confirm(request, pk):
    document = _document(request, pk, scoping.CHANGE)
    form = ConfirmForm(request.POST or None, user=request.user, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.confirm(acting_user=request.user, document=document, plan=form.cleaned_data["plan"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已写入台账：整改任务 %(tasks)s 项，指标目标 %(targets)s 个。") % {
                "tasks": len(result["tasks"]), "targets": len(result["targets"])})
            return redirect("ledger:plan_detail", result["plan"].pk)
    tasks, targets = services.pending_creation(document)
    units = {u.pk: u for u in services.division_units(document.division)}
    for item in tasks:
        item.unit_labels = _unit_labels(item, units)
    for item in targets:
        item.description = checks.describe_target(item.values)
    return render(request, "plans/confirm.html", {
        "document": document, "form": form, "tasks": tasks, "targets": targets,
        "new_plan": services.new_plan_fields(document) if document.plan_id is None else None,
        "categories": dict(Category.choices),
    })
