"""Supervision pages: list, record page (replies and actions), create form, letter download, attachment
download, the letter template page. Thin: the actions decide."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission, StaleEdit
from ducha.core.filters import BIGINT_MAX
from ducha.evidence.serving import serve_stored
from ducha.jurisdictions.models import Unit
from ducha.ledger.models import Task

from .. import actions, letters
from ..filtersets import SupervisionFilterSet
from ..forms import NoteForm, ReplyForm, SupervisionForm, TemplateForm
from ..models import NUMBERED, ReplyAttachment, State, Supervision

PAGE_SIZE = 50


def messages_of(error):
    if isinstance(error, ValidationError):
        return [m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms]
    return [str(error)]


def _run(request, action, success, **inputs):
    """Take the action as the user; its refusals of input become messages on the page (a PermissionDenied
    is a 403)."""
    try:
        action(acting_user=request.user, **inputs)
    except (ValidationError, StaleEdit) as error:
        for message in messages_of(error):
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def visible_record(request, pk):
    return get_object_or_404(
        Supervision.objects.restrict(request.user).select_related("division", "unit", "issued_by"), pk=pk)


@login_required
def supervision_list(request):
    filterset = SupervisionFilterSet(request.GET, queryset=Supervision.objects.restrict(request.user),
                                     request=request)
    filterset.form.fields["unit"].queryset = Unit.objects.restrict(request.user).filter(is_active=True)
    rows = (filterset.qs.select_related("unit", "division").with_reply_flag() if filterset.is_valid()
            else Supervision.objects.none())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(request, "supervision/list.html", {
        "filterset": filterset, "form": filterset.form, "page": page, "today": today,
        "can_create": scoping.role_allows(request.user, scoping.ADD),
        "can_manage_template": scoping.may_manage_accounts(request.user),
    })


@login_required
def supervision_detail(request, pk):
    return _detail(request, visible_record(request, pk))


def _detail(request, record, reply_form=None, status=200):
    """The record's page; `reply_form` is a refused reply, shown again with what the unit wrote."""
    replies = list(record.replies.select_related("author", "unit").prefetch_related("attachments__file"))
    tasks = list(Task.objects.restrict(request.user).filter(supervisions=record).order_by("sort_key", "id"))
    transitions = {t.name: t for t in actions.available(request.user, record)}
    return render(request, "supervision/detail.html", {
        "record": record, "replies": replies, "tasks": tasks, "transitions": transitions,
        "reply_form": reply_form or ReplyForm(initial={"version": record.version}),
        "note_form": NoteForm(initial={"version": record.version}),
        "overdue": record.is_overdue(timezone.localdate()),
        "has_letter": record.kind in NUMBERED and bool(record.number),
        "can_edit": record.state == State.DRAFT and scoping.can(request.user, scoping.CHANGE, record),
    }, status=status)


def _units(user):
    units = Unit.objects.filter(is_active=True).select_related("division")
    if not user.is_admin:  # the office addresses the units of its own division and below
        units = units.filter(division__path__startswith=scoping.division_prefix(user) or "-")
    return units


def _inputs(data, kind):
    """(common fields, the kind's own fields) from a valid form."""
    details = {name: data[name] for name in actions.DETAIL_FIELDS.get(kind, ())}
    common = {"unit": data["unit"], "tasks": data["task_ids"], "required": data["required"],
              "reason": data["reason"], "reply_by": data["reply_by"]}
    return common, details


def _save(request, form, write):
    """Run `write()`; its refusals go onto the form, field by field. Returns the record or None."""
    try:
        return write()
    except StaleEdit as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
            form.add_error(field if field in form.fields else ("task_ids" if field == "tasks" else None), errors)
    return None


@login_required
def supervision_create(request):
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied(_("当前角色无权新建督办。"))
    form = SupervisionForm(request.POST or None, units=_units(request.user),
                           initial={"task_ids": request.GET.get("task", "")[:20]})
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        common, details = _inputs(form.cleaned_data, kind)
        try:
            record = _save(request, form, lambda: actions.create_supervision(
                acting_user=request.user, kind=kind, **common, **details))
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
            return redirect(repeat.obj)
        if record is not None:
            messages.success(request, _("督办已保存为草稿，核对后下发。"))
            return redirect(record)
    return render(request, "supervision/form.html", {"form": form})


@login_required
def supervision_edit(request, pk):
    record = visible_record(request, pk)
    if not scoping.can(request.user, scoping.CHANGE, record) or record.state != State.DRAFT:
        raise PermissionDenied(_("仅整改办可修改督办草稿。"))
    initial = {"kind": record.kind, "version": record.version,
               "task_ids": ",".join(str(pk) for pk in record.tasks.values_list("pk", flat=True))}
    form = SupervisionForm(request.POST or None, instance=record, units=_units(request.user), initial=initial,
                           editing=True)
    if request.method == "POST" and form.is_valid():
        common, details = _inputs(form.cleaned_data, record.kind)
        saved = _save(request, form, lambda: actions.update_draft(
            acting_user=request.user, record=record, version=form.cleaned_data["version"], **common, **details))
        if saved is not None:
            messages.success(request, _("草稿已保存。"))
            return redirect(saved)
    return render(request, "supervision/form.html", {"form": form, "record": record})


@login_required
@require_POST
def supervision_transition(request, pk, name):
    record = visible_record(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid() or name not in ("issue", "close", "lift"):
        messages.error(request, _("提交的内容有误。"))
        return redirect(record)
    data = form.cleaned_data
    inputs = {"issue": {}, "close": {"note": data["note"]}, "lift": {"reason": data["reason"]}}[name]
    _run(request, getattr(actions, name), _("已完成。"), record=record, version=data["version"], **inputs)
    return redirect(record)


@login_required
@require_POST
def supervision_reply(request, pk):
    record = visible_record(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写回复内容。"))
        return _detail(request, record, reply_form=form, status=400)
    try:
        replied = _run(request, actions.reply, _("回复已提交。"), record=record, text=form.cleaned_data["text"],
                       files=request.FILES.getlist("files"), version=form.cleaned_data["version"])
    except RepeatedSubmission as repeat:
        messages.info(request, str(repeat))
        return redirect(record)
    if not replied:
        # A refused attachment or a record changed meanwhile: the reply stays on the page to send again
        # (on the current version; the files are chosen anew).
        record.refresh_from_db()
        form.data = form.data.copy()
        form.data["version"] = record.version
        return _detail(request, record, reply_form=form, status=400)
    return redirect(record)


def attachment_response(user, pk, file_id):
    """The stored file of a reply attachment, if the record is in the user's reach (else 404)."""
    if not (0 < pk <= BIGINT_MAX and 0 < file_id <= BIGINT_MAX):
        raise Http404  # beyond any stored id (SQLite cannot even bind it)
    attachment = (ReplyAttachment.objects.select_related("file")
                  .filter(reply__supervision__in=Supervision.objects.restrict(user), reply__supervision_id=pk,
                          file_id=file_id).first())
    if attachment is None:
        raise Http404
    return serve_stored(attachment.file, inline=False)


@login_required
def supervision_attachment(request, pk, file_id):
    return attachment_response(request.user, pk, file_id)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def letter_response(record):
    response = HttpResponse(letters.render_letter(record), content_type=DOCX)
    name = f"督办函-{record.number or record.pk}.docx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def supervision_letter(request, pk):
    record = visible_record(request, pk)
    if record.kind not in NUMBERED:
        raise Http404
    return letter_response(record)


@login_required
def letter_template(request):
    if not scoping.may_manage_accounts(request.user):
        raise PermissionDenied(_("仅系统管理员可更换督办函模板。"))
    if request.GET.get("download"):
        response = HttpResponse(letters.template_bytes(), content_type=DOCX)
        response["Content-Disposition"] = content_disposition_header(True, "督办函模板.docx")
        return response
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.replace_letter_template(acting_user=request.user, upload=form.cleaned_data["file"])
        except ValidationError as error:
            for message in messages_of(error):
                form.add_error("file", message)
        else:
            messages.success(request, _("督办函模板已更换。"))
            return redirect("supervision:letter_template")
    return render(request, "supervision/letter_template.html", {"form": form})
