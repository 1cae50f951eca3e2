"""Word templates an administrator may replace (督办函, 验收意见表, 销号申请表…): the template in use (the
uploaded replacement in storage, else the default shipped with the app), an upload checked to be a real
.docx, and restoring the default. Who may do it and the audit entry are each app's action's.
"""

import io

import docx
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from . import sandbox

TEMPLATE_MAX = 5 * 1024 * 1024
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def current(name, default_path) -> bytes:
    """The replacement stored under `name`, or the default file."""
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as fh:
            return fh.read()
    return default_path.read_bytes()


def is_replaced(name) -> bool:
    return default_storage.exists(name)


def check_docx(data: bytes):
    """Raise ValueError unless `data` is a Word document python-docx can open."""
    if not data.startswith(b"PK\x03\x04"):
        raise ValueError("not a zip archive")
    try:
        docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - any parse failure means "not a usable template"
        raise ValueError(str(error)) from None
    return True


def read_checked(upload) -> bytes:
    """The upload's bytes, read no further than the cap, opened as a Word document in the sandbox (a crafted
    archive may not take the worker down). ValidationError on the field "file" otherwise."""
    too_large = ValidationError({"file": [_("模板文件过大（最多 %(max)s MB）。") % {"max": TEMPLATE_MAX // (1024 * 1024)}]})
    if upload.size is not None and upload.size > TEMPLATE_MAX:
        raise too_large
    data = upload.read(TEMPLATE_MAX + 1)
    if len(data) > TEMPLATE_MAX:
        raise too_large
    try:
        sandbox.run(check_docx, data)
    except (ValueError, sandbox.SandboxFailed):
        raise ValidationError({"file": [_("不是有效的 Word（.docx）文件。")]}) from None
    return data


def replace(name, data: bytes):
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def restore_default(name) -> bool:
    """Delete the replacement; False when there was none."""
    if not default_storage.exists(name):
        return False
    default_storage.delete(name)
    return True
