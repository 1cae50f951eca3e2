"""The files of an application, for whoever may read the application (its task's readers): the evidence it
was filed with and the on-site check's photos. A file id not attached to that application answers 404,
whatever else it may be attached to."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404

from ducha.core.filters import BIGINT_MAX
from ducha.evidence.models import StoredFile
from ducha.evidence.serving import serve_stored

from ..models import Application


@login_required
def application_file(request, pk, file_id, thumbnail=False):
    if not (0 < pk <= BIGINT_MAX and 0 < file_id <= BIGINT_MAX):
        raise Http404
    application = Application.objects.restrict(request.user).filter(pk=pk)
    attached = Q(pk__in=application.values("evidence__file_id")) | Q(
        pk__in=application.values("onsite__photos__file_id"))
    stored = StoredFile.objects.filter(attached, pk=file_id).first()
    if stored is None:
        raise Http404
    return serve_stored(stored, thumbnail=thumbnail)

