"""验收销号 API: applications with their rounds, on-site check, signature and notice (read-only; the steps are
`POST /api/tasks/{id}/transitions/{name}/`), the documents and the case file. Thin: scoping decides."""

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.views import APIView

from ducha.core.api import PageNumberPagination
from ducha.ledger.models import Task

from .. import casefile
from ..models import Application
from ..views.lists import document_response
from .serializers import ApplicationSerializer

TAG = ["signoff"]


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """销号申请 (sign-off applications) of the tasks the user may view; `?task=ID` for one task's."""

    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    pagination_class = PageNumberPagination

    def get_queryset(self):
        found = Application.objects.restrict(self.request.user).select_related("unit").order_by("-id")
        task = self.request.query_params.get("task", "")
        return found.filter(task_id=int(task)) if task.isdigit() else found

    @extend_schema(tags=TAG, summary="验收意见表/销号申请表 (docx)", responses={(200, "application/octet-stream"):
                                                                                OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<kind>opinion|application)")
    def document(self, request, pk=None, kind=None):
        return document_response(self.get_object(), kind)


class CaseFileView(APIView):
    @extend_schema(tags=TAG, summary="一案一档 (zip with manifest)", responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request, id):
        task = get_object_or_404(Task.objects.restrict(request.user), pk=id)
        try:
            out = casefile.build(task)
        except casefile.TooLarge:
            return HttpResponse("一案一档过大，请分申请下载。", status=413)
        return FileResponse(out, as_attachment=True, filename=f"一案一档-{task.number}.zip",
                            content_type="application/zip")
