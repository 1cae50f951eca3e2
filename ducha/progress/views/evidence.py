"""Evidence downloads and thumbnails: only through a report the viewer may read.

`/reports/<report>/evidence/<file>/` (and `…/thumbnail/`): the report must be visible to the user
(ProgressReport.scope_q: whoever may view its task) and the file attached to it; anything else,
including a guessed id, answers 404. Served with the stored content type, `nosniff`, as an attachment
except images and PDF (inline).
"""

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from ducha.evidence.models import FileKind

from ..models import ReportEvidence

INLINE_KINDS = {FileKind.IMAGE, FileKind.PDF}


def visible_evidence(user, report_id, file_id):
    """The ReportEvidence link of a report the user may read, or 404."""
    from ..models import ProgressReport

    reports = ProgressReport.objects.restrict(user).filter(pk=report_id)
    return get_object_or_404(ReportEvidence.objects.select_related("file").filter(report__in=reports),
                             report_id=report_id, file_id=file_id)


def serve_stored(stored, thumbnail=False):
    """A FileResponse for a StoredFile (or its thumbnail) with the safe headers."""
    if thumbnail:
        if not stored.thumbnail_name:
            raise Http404
        name, content_type, inline = stored.thumbnail_name, "image/jpeg", True
        filename = f"thumbnail-{stored.pk}.jpg"
    else:
        name, content_type = stored.storage_name, stored.content_type
        inline, filename = stored.kind in INLINE_KINDS, stored.original_name or f"file-{stored.pk}"
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def evidence_download(request, report_id, file_id, thumbnail=False):
    link = visible_evidence(request.user, report_id, file_id)
    return serve_stored(link.file, thumbnail=thumbnail)
