"""Storing an uploaded file: its type found from its content, its SHA-256 computed while it streams,
its size bounded, its bytes kept through Django's storage API.

Memory does not grow with the file: Django spools uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a
temporary file, and this module reads it in chunks.
"""

import hashlib
import uuid
import zipfile

import puremagic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from .models import FileKind, StoredFile

CHUNK = 1024 * 1024
HEAD = 8192

# Media types accepted, by kind (found from the content; the name is not trusted).
IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
VIDEO_TYPES = {"video/mp4": ".mp4", "video/quicktime": ".mov"}
OFFICE_TYPES = {
    "word": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "xl": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


def max_bytes() -> int:
    return int(getattr(settings, "DUCHA_EVIDENCE_MAX_BYTES", 50 * 1024 * 1024))


def _zip_kind(fileobj):
    """A zip container: docx, xlsx or a plain zip of documents."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        fileobj.seek(0)
    tops = {name.split("/", 1)[0] for name in names}
    if "[Content_Types].xml" in tops:
        for top, (mime, ext) in OFFICE_TYPES.items():
            if top in tops:
                return (FileKind.WORD if top == "word" else FileKind.EXCEL), mime, ext
    return FileKind.ZIP, "application/zip", ".zip"


def sniff(fileobj):
    """(kind, media type, extension) from the content, or a ValidationError saying what it seems to be."""
    fileobj.seek(0)
    head = fileobj.read(HEAD)
    fileobj.seek(0)
    if not head:
        raise ValidationError({"file": [_("文件为空。")]})
    if head.startswith(b"%PDF-"):
        return FileKind.PDF, "application/pdf", ".pdf"
    if head.startswith(b"PK\x03\x04"):
        found = _zip_kind(fileobj)
        if found:
            return found
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        matches = []
    for match in matches:
        if match.mime_type in IMAGE_TYPES:
            return FileKind.IMAGE, match.mime_type, IMAGE_TYPES[match.mime_type]
        if match.mime_type in VIDEO_TYPES:
            return FileKind.VIDEO, match.mime_type, VIDEO_TYPES[match.mime_type]
    seems = matches[0].name if matches else _("未知类型")
    raise ValidationError({"file": [_("不支持的文件类型（按内容识别为：%(seems)s）。可上传图片、PDF、Word、Excel、"
                                      "zip 压缩包或短视频。") % {"seems": seems}]})


def store_upload(uploaded_file, *, acting_user) -> StoredFile:
    """Check, hash and store one upload; returns the saved StoredFile (call inside the action's
    transaction; the stored bytes of a rolled-back action are orphans a cleanup job removes)."""
    limit = max_bytes()
    if uploaded_file.size is not None and uploaded_file.size > limit:
        raise ValidationError({"file": [_("文件“%(name)s”超过大小上限 %(mb)s MB。") % {
            "name": uploaded_file.name, "mb": limit // (1024 * 1024)}]})
    kind, content_type, ext = sniff(uploaded_file)
    digest, size = hashlib.sha256(), 0
    for chunk in uploaded_file.chunks(CHUNK):
        size += len(chunk)
        if size > limit:
            raise ValidationError({"file": [_("文件“%(name)s”超过大小上限 %(mb)s MB。") % {
                "name": uploaded_file.name, "mb": limit // (1024 * 1024)}]})
        digest.update(chunk)
    uploaded_file.seek(0)
    sha = digest.hexdigest()
    name = default_storage.save(f"evidence/{sha[:2]}/{uuid.uuid4().hex}{ext}", uploaded_file)
    return StoredFile.objects.create(
        sha256=sha, size=size, kind=kind, content_type=content_type,
        original_name=(uploaded_file.name or "")[:255], storage_name=name, uploaded_by=acting_user)
