"""Replacing the 督办函 template (administrators only)."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import docx_templates, scoping

from ..letters import CUSTOM_TEMPLATE


@transaction.atomic
def replace_letter_template(*, acting_user, upload):
    if not scoping.may_manage_accounts(acting_user):
        raise PermissionDenied(_("仅系统管理员可更换督办函模板。"))
    data = docx_templates.read_checked(upload)
    docx_templates.replace(CUSTOM_TEMPLATE, data)
    audit.record(actor=acting_user, action="supervision.template", object_type="supervision.template",
                 object_id="letter", object_repr="督办函模板",
                 after={"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
