"""Replacing the 督办函 template (administrators only)."""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping

from ..letters import CUSTOM_TEMPLATE, check_template

TEMPLATE_MAX = 5 * 1024 * 1024


@transaction.atomic
def replace_letter_template(*, acting_user, upload):
    if not scoping.may_manage_accounts(acting_user):
        raise PermissionDenied(_("仅系统管理员可更换督办函模板。"))
    if upload.size is not None and upload.size > TEMPLATE_MAX:
        raise ValidationError({"file": [_("模板文件过大（最多 5 MB）。")]})
    data = upload.read(TEMPLATE_MAX + 1)
    if len(data) > TEMPLATE_MAX:
        raise ValidationError({"file": [_("模板文件过大（最多 5 MB）。")]})
    try:
        check_template(data)
    except ValueError:
        raise ValidationError({"file": [_("不是有效的 Word（.docx）文件。")]}) from None
    if default_storage.exists(CUSTOM_TEMPLATE):
        default_storage.delete(CUSTOM_TEMPLATE)
    default_storage.save(CUSTOM_TEMPLATE, ContentFile(data))
    audit.record(actor=acting_user, action="supervision.template", object_type="supervision.template",
                 object_id="letter", object_repr="督办函模板",
                 after={"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
