"""Evidence downloads and thumbnails: only through a report the viewer may read.

`/reports/<report>/evidence/<file>/` (and `…/thumbnail/`): the report must be visible to the user
(ProgressReport.scope_q: whoever may view its task) and the file attached to it; anything else,
including a guessed id, answers 404. Served by ducha.evidence.serving.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from ducha.evidence.serving import serve_stored

from ..models import ReportEvidence


def visible_evidence(user, report_id, file_id):
    """The ReportEvidence link of a report the user may read, or 404."""
    from ..models import ProgressReport

    reports = ProgressReport.objects.restrict(user).filter(pk=report_id)
    return get_object_or_404(ReportEvidence.objects.select_related("file").filter(report__in=reports),
                             report_id=report_id, file_id=file_id)


@login_required
def evidence_download(request, report_id, file_id, thumbnail=False):
    link = visible_evidence(request.user, report_id, file_id)
    return serve_stored(link.file, thumbnail=thumbnail)
