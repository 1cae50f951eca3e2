"""Replacing the 验收意见表 / 销号申请表 templates, and restoring the default (administrators only)."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import docx_templates, scoping

from ..documents import custom_template_name
from ..models import DocumentKind


def _check(acting_user, kind):
    if not scoping.may_manage_accounts(acting_user):
        raise PermissionDenied(_("仅系统管理员可更换验收文书模板。"))
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": [_("没有这种验收文书。")]})


def _record(acting_user, action, kind, after):
    audit.record(actor=acting_user, action=action, object_type="signoff.template", object_id=kind,
                 object_repr=str(DocumentKind(kind).label), after={"kind": kind, **after})


@transaction.atomic
def replace_document_template(*, acting_user, kind, upload):
    _check(acting_user, kind)
    data = docx_templates.read_checked(upload)
    docx_templates.replace(custom_template_name(kind), data)
    _record(acting_user, "signoff.template", kind, {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})


@transaction.atomic
def restore_document_template(*, acting_user, kind) -> bool:
    """Back to the template shipped with ducha; False (and no entry) when none was replaced."""
    _check(acting_user, kind)
    if not docx_templates.restore_default(custom_template_name(kind)):
        return False
    _record(acting_user, "signoff.template_restore", kind, {"restored": "default"})
    return True
