"""The office's objection pages: the list (by notice, answered or not), one objection with its answer form
(and the objector's contact, shown to the office only), entering an objection received by letter, phone
or email, and attachment downloads. Thin: the actions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ducha.core.actions import RepeatedSubmission
from ducha.core.filters import BIGINT_MAX
from ducha.evidence.serving import serve_stored
from ducha.ledger import workflow as ledger

from .. import publication
from ..actions import objections
from ..objection_forms import AnswerForm, EnterObjectionForm
from ..models import Notice, Objection, ObjectionAttachment

PAGE_SIZE = 50
STATUS = {"open": {"answer__isnull": True}, "answered": {"answer__isnull": False}}


def _form_errors(form, error):
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def objection_list(request):
    """All objections in reach, or one notice's (`?notice=`, with the office's button to enter one)."""
    status = request.GET.get("status", "")
    if status and status not in STATUS:
        raise Http404
    rows = Objection.objects.restrict(request.user).filter(**STATUS.get(status, {}))
    notice = None
    if request.GET.get("notice"):
        number = request.GET["notice"]
        if not number.isdigit() or not 0 < int(number) <= BIGINT_MAX:
            raise Http404
        notice = get_object_or_404(Notice.objects.restrict(request.user).select_related("task"), pk=int(number))
        rows = rows.filter(notice=notice)
    rows = rows.select_related("notice__task__division", "contact").order_by("answer", "-received_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for objection in page.object_list:
        if not publication.reads_objector(request.user, objection.notice.task):
            publication.mask_objection(objection)
    return render(request, "signoff/objection_list.html", {
        "page": page, "status": status, "notice": notice,
        "can_enter": notice is not None and ledger.is_office(request.user, notice.task)})


def _visible(request, pk):
    if not 0 < pk <= BIGINT_MAX:
        raise Http404
    return get_object_or_404(Objection.objects.restrict(request.user).select_related(
        "notice__task__division", "notice__application", "entered_by", "answered_by", "contact"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def objection_detail(request, pk):
    objection = _visible(request, pk)
    is_office = ledger.is_office(request.user, objection.notice.task)
    form = AnswerForm(request.POST or None) if is_office and not objection.answer else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("该异议已答复，或您无权答复。"))
            return redirect("signoff:objection_detail", pk=pk)
        if form.is_valid():
            try:
                objections.answer_objection(acting_user=request.user, objection=objection, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("已答复异议 %(number)s。") % {"number": objection.receipt_number})
                return redirect("signoff:objection_detail", pk=pk)
    reads = publication.reads_objector(request.user, objection.notice.task)
    if not reads:
        publication.mask_objection(objection)
    contact = getattr(objection, "contact", None) if reads else None
    return render(request, "signoff/objection_detail.html", {
        "objection": objection, "notice": objection.notice, "form": form, "contact": contact,
        "attachments": list(objection.attachments.select_related("file")) if reads else [], "is_office": is_office,
    }, status=400 if form is not None and form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def objection_enter(request, notice_pk):
    if not 0 < notice_pk <= BIGINT_MAX:
        raise Http404
    notice = get_object_or_404(Notice.objects.restrict(request.user).select_related("task", "application"),
                               pk=notice_pk)
    if not ledger.is_office(request.user, notice.task):
        raise Http404
    form = EnterObjectionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection = objections.enter_objection(acting_user=request.user, notice=notice, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
            return redirect("signoff:objection_detail", pk=repeat.obj.pk)
        else:
            messages.success(request, _("已录入异议，受理编号 %(number)s。") % {"number": objection.receipt_number})
            return redirect("signoff:objection_detail", pk=objection.pk)
    return render(request, "signoff/objection_enter.html", {"notice": notice, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
def objection_attachment(request, pk, file_id):
    if not 0 < file_id <= BIGINT_MAX:
        raise Http404
    objection = _visible(request, pk)
    if not publication.reads_objector(request.user, objection.notice.task):
        raise Http404
    attachment = ObjectionAttachment.objects.select_related("file").filter(objection=objection,
                                                                           file_id=file_id).first()
    if attachment is None:
        raise Http404
    return serve_stored(attachment.file, inline=False)
