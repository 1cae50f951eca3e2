"""The upload size cap: settings.DUCHA_MAX_UPLOAD_MB (default 20).

CappedUploadHandler sits first in FILE_UPLOAD_HANDLERS. It refuses a request
whose Content-Length already says it is too large, and stops reading a file
the moment it passes the cap, so a 5 GB POST is never read to its end nor
written to disk: parsing stops there (the fields before the file, such as
the CSRF token, are kept) and the request carries the reason, which the
views ask for with `refusal(request)`.

`check_size(n)` is the same cap for files that do not come through a
request (commands, stored uploads, the importer's own check).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_MB = 20
# Form fields and multipart headers around the file; a request this much over
# the cap may still hold a file within it.
REQUEST_SLACK = 64 * 1024
REFUSAL = "_ducha_upload_refusal"
# A view that takes larger files (evidence) raises the cap for its own request: raise_cap().
CAP = "_ducha_upload_cap"


def max_upload_mb() -> int:
    return int(getattr(settings, "DUCHA_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB))


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


def too_large_message(size=None) -> str:
    if size is None:
        return _("文件超过上限 %(max)s MB，已拒绝。") % {"max": max_upload_mb()}
    return _("文件大小 %(size).1f MB，超过上限 %(max)s MB，已拒绝。") % {
        "size": size / (1024 * 1024), "max": max_upload_mb()}


def check_size(size: int) -> None:
    if size > max_upload_bytes():
        raise ValidationError(too_large_message(size), code="too_large")


def raise_cap(request, per_file: int, per_request: int) -> None:
    """Before the request's body is read: this view takes files up to `per_file` bytes, and a body up to
    `per_request` bytes (ducha.evidence: DUCHA_EVIDENCE_MAX_BYTES per file)."""
    request = getattr(request, "_request", request)
    setattr(request, CAP, (per_file, per_request))


def _caps(request):
    cap = getattr(request, CAP, None) if request is not None else None
    if cap is None:
        return max_upload_bytes(), max_upload_bytes() + REQUEST_SLACK
    return cap


def refusal(request) -> str | None:
    """Why the request's upload was refused (None when it was not)."""
    request = getattr(request, "_request", request)  # a DRF Request wraps Django's
    return getattr(request, REFUSAL, None)


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.announced = content_length
        self.received = 0

    def _refuse(self, size):
        if self.request is not None:
            per_file = _caps(self.request)[0]
            message = too_large_message(size) if per_file == max_upload_bytes() else _(
                "文件超过上限 %(max)s MB，已拒绝。") % {"max": per_file // (1024 * 1024)}
            setattr(self.request, REFUSAL, message)
        raise StopUpload(connection_reset=True)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        per_file, per_request = _caps(self.request)
        announced = getattr(self, "announced", None)
        if announced is not None and announced > per_request:
            self._refuse(None)
        if self.content_length is not None and self.content_length > per_file:
            self._refuse(self.content_length)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > _caps(self.request)[0]:
            self._refuse(None)
        return raw_data

    def file_complete(self, file_size):
        return None
