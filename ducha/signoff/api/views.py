"""验收销号 API: applications with their rounds, on-site check, signature and notice (read-only; the steps are
`POST /api/tasks/{id}/transitions/{name}/`), the documents and the case file. Thin: scoping decides."""

from dataclasses import asdict

from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.core.api import PageNumberPagination
from ducha.ledger.models import Task

from .. import casefile, longterm, publication
from ..filtersets import ApplicationFilterSet
from ..models import Application
from ..views.lists import document_response
from .serializers import ApplicationSerializer, PeriodicChecksSerializer

TAG = ["signoff"]


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """销号申请 (sign-off applications) of the tasks the user may view; `?task=ID` for one task's."""

    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet
    pagination_class = PageNumberPagination

    def get_queryset(self):
        return Application.objects.restrict(self.request.user).select_related("unit").order_by("-id")

    @extend_schema(tags=TAG, summary="验收意见表/销号申请表 (docx)", responses={(200, "application/octet-stream"):
                                                                                OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<kind>opinion|application)", filterset_class=None)
    def document(self, request, pk=None, kind=None):
        return document_response(self.get_object(), kind)


class PeriodicChecksView(APIView):
    """长期坚持任务销号后的定期检查：各期起止、是否报送、下次期限（不在定期检查中的任务 under_check=false）。"""

    @extend_schema(tags=TAG, summary="长期坚持任务定期检查 / periodic checks", responses=PeriodicChecksSerializer)
    def get(self, request, id):
        task = get_object_or_404(Task.objects.restrict(request.user), pk=id)
        found = longterm.checks([task.pk]).get(task.pk)
        body = {"under_check": found is not None, "signed_off_on": None, "months": None, "next_due": None,
                "checks": []}
        if found is not None:
            body.update(signed_off_on=found.signed_off_on, months=found.months, next_due=found.next_due,
                        checks=[asdict(c) for c in found.checks])
        return Response(PeriodicChecksSerializer(body).data)


class CaseFileView(APIView):
    @extend_schema(tags=TAG, summary="一案一档 (zip with manifest)", responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request, id):
        task = get_object_or_404(Task.objects.restrict(request.user), pk=id)
        try:
            out = casefile.build(task, objections=publication.reads_objector(request.user, task))
        except casefile.TooLarge:
            return HttpResponse("一案一档过大，请分申请下载。", status=413)
        return FileResponse(out, as_attachment=True, filename=f"一案一档-{task.number}.zip",
                            content_type="application/zip")
