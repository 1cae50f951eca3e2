"""Chronicle pages: the task panel (latest 10), the full printable page per task and per plan with the
office's entry form, and the docx export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission
from ducha.ledger.models import Plan, Task

from .. import actions
from ..exporting import by_month, export_docx, title_of
from ..forms import EntryForm, WithdrawForm
from ..models import ChronicleEntry
from ..sources import timeline

PANEL_SIZE = 10
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MODELS = {"task": Task, "plan": Plan}


def _panel(request, subject, kind):
    events = timeline(subject, request.user)
    return render_to_string("chronicle/panel.html", {
        # Names of their own: the page's test client reads every template's context as one.
        "chronicle_kind": kind, "chronicle_subject": subject,
        "chronicle_events": list(reversed(events[-PANEL_SIZE:])), "chronicle_count": len(events),
    }, request=request)


def task_panel(request, task):
    return _panel(request, task, "task")


def plan_panel(request, plan):
    return _panel(request, plan, "plan")


def _subject(request, kind, pk):
    model = MODELS.get(kind)
    if model is None:
        from django.http import Http404

        raise Http404
    return get_object_or_404(model.objects.restrict(request.user), pk=pk)


@login_required
def chronicle_page(request, kind, pk):
    return _page(request, kind, _subject(request, kind, pk))


def _page(request, kind, subject, form=None, status=200):
    """The chronicle page; `form` is a refused entry, shown again with what the office wrote."""
    events = timeline(subject, request.user)
    is_office = scoping.can_in_division(request.user, scoping.ADD, subject.division)
    entries = (ChronicleEntry.objects.restrict(request.user).filter(**{kind: subject}, withdrawn_at__isnull=True)
               if is_office else [])
    return render(request, "chronicle/page.html", {
        "subject": subject, "kind": kind, "title": title_of(subject), "months": by_month(events),
        "is_office": is_office, "form": (form or EntryForm()) if is_office else None, "entries": entries,
        "back": reverse(f"ledger:{kind}_detail", args=[subject.pk]),
    }, status=status)


@login_required
def chronicle_docx(request, kind, pk):
    subject = _subject(request, kind, pk)
    response = HttpResponse(export_docx(subject, timeline(subject, request.user)), content_type=DOCX)
    number = getattr(subject, "display_number", "") or getattr(subject, "code", "") or subject.pk
    response["Content-Disposition"] = content_disposition_header(True, f"整改工作大事记-{number}.docx")
    return response


def _errors(request, error):
    for messages_ in getattr(error, "message_dict", {"": error.messages}).values():
        for message in messages_:
            messages.error(request, message)


def _form_errors(request, form):
    """Each refusal of the form after its field's label (the page's form is gone after the redirect)."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}：{message}" if label else message)


@login_required
@require_POST
def chronicle_add(request, kind, pk):
    subject = _subject(request, kind, pk)
    form = EntryForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return _page(request, kind, subject, form=form, status=400)
    try:
        actions.add_entry(acting_user=request.user, subject=subject, **form.cleaned_data)
    except ValidationError as error:
        # Refused (a date in the future, say): what was written stays in the form beside the message.
        _errors(request, error)
        return _page(request, kind, subject, form=form, status=400)
    except RepeatedSubmission as repeat:
        messages.info(request, str(repeat))
        return redirect(reverse("chronicle:page", args=[kind, subject.pk]) + f"#entry-{repeat.obj.pk}")
    messages.success(request, _("大事记已记录。"))
    return redirect("chronicle:page", kind=kind, pk=subject.pk)


@login_required
@require_POST
def chronicle_withdraw(request, entry_id):
    entry = get_object_or_404(ChronicleEntry.objects.restrict(request.user), pk=entry_id)
    form = WithdrawForm(request.POST)
    kind, subject = ("task", entry.task) if entry.task_id else ("plan", entry.plan)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            actions.withdraw_entry(acting_user=request.user, entry=entry, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("已撤回。"))
    return redirect("chronicle:page", kind=kind, pk=subject.pk)
