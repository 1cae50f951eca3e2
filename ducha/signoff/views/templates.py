"""The administrator's page for the 验收意见表 and 销号申请表 templates: download the one in use, upload a
replacement, restore the default. Thin: the actions check who and what."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import docx_templates, scoping, uploads

from .. import actions, documents
from ..forms import DocumentTemplateForm
from ..models import DocumentKind

PLACEHOLDERS = " ".join("{{%s}}" % name for name in documents.PLACEHOLDERS)


def _admin_only(request):
    if not scoping.may_manage_accounts(request.user):
        raise PermissionDenied(_("仅系统管理员可更换验收文书模板。"))


def _kind(kind):
    if kind not in DocumentKind.values:
        raise Http404
    return kind


@login_required
def document_templates(request):
    _admin_only(request)
    return _page(request)


def _page(request, kind=None, form=None):
    """Both templates; `form`: the upload of `kind` refused, shown with its errors."""
    rows = [{"kind": k, "label": label, "replaced": docx_templates.is_replaced(documents.custom_template_name(k)),
             "form": form if k == kind and form is not None else DocumentTemplateForm(prefix=k)}
            for k, label in DocumentKind.choices]
    return render(request, "signoff/document_templates.html", {"rows": rows, "placeholders": PLACEHOLDERS},
                  status=400 if form is not None else 200)


@login_required
def document_template_download(request, kind):
    _admin_only(request)
    response = HttpResponse(documents.template_bytes(_kind(kind)), content_type=docx_templates.DOCX)
    response["Content-Disposition"] = content_disposition_header(True, f"{DocumentKind(kind).label}模板.docx")
    return response


@login_required
@require_POST
def document_template_upload(request, kind):
    _admin_only(request)
    kind = _kind(kind)
    form = DocumentTemplateForm(request.POST, request.FILES, prefix=kind)
    refused = uploads.refusal(request)
    if refused:
        form.is_valid()
        form.add_error(None, refused)
    elif form.is_valid():
        try:
            actions.replace_document_template(acting_user=request.user, kind=kind, upload=form.cleaned_data["file"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("%(kind)s模板已更换。") % {"kind": DocumentKind(kind).label})
            return redirect("signoff:document_templates")
    return _page(request, kind, form)


@login_required
@require_POST
def document_template_restore(request, kind):
    _admin_only(request)
    kind = _kind(kind)
    label = DocumentKind(kind).label
    if actions.restore_document_template(acting_user=request.user, kind=kind):
        messages.success(request, _("%(kind)s已恢复为默认模板。") % {"kind": label})
    else:
        messages.info(request, _("%(kind)s使用的已是默认模板。") % {"kind": label})
    return redirect("signoff:document_templates")
