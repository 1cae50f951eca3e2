"""大事记 API: a task's or plan's timeline (GET) and the office's manual entries (POST)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.core.api import REPEATED
from ducha.ledger.models import Plan, Task

from .. import actions
from ..sources import timeline


class ChronicleEventSerializer(serializers.Serializer):
    date = serializers.DateField()
    title = serializers.CharField()
    detail = serializers.CharField()
    kind = serializers.CharField(help_text="audit / progress / supervision / manual …")
    url = serializers.CharField()


class ChronicleEntryCreateSerializer(serializers.Serializer):
    date = serializers.DateField()
    title = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")


class ChronicleEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    text = serializers.CharField()


class _Timeline(APIView):
    model = None

    def subject(self, request, id):
        return get_object_or_404(self.model.objects.restrict(request.user), pk=id)

    def get(self, request, id):
        return Response(ChronicleEventSerializer(timeline(self.subject(request, id), request.user), many=True).data)

    def post(self, request, id):
        subject = self.subject(request, id)
        form = ChronicleEntryCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        entry = actions.add_entry(acting_user=request.user, subject=subject, **form.validated_data)
        return Response(ChronicleEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


def _schema(cls, what):
    get = extend_schema(tags=["chronicle"], summary=f"{what}大事记 / timeline", responses=ChronicleEventSerializer(many=True))
    post = extend_schema(tags=["chronicle"], summary=f"记录{what}大事记（整改办）/ add a manual entry",
                         request=ChronicleEntryCreateSerializer,
                         responses={201: ChronicleEntrySerializer, 400: OpenApiResponse(description="字段错误"),
                                    403: OpenApiResponse(description="仅整改办"),
                                    404: OpenApiResponse(description="不存在"), **REPEATED})
    cls.get = get(cls.get)
    cls.post = post(cls.post)
    return cls


@lambda cls: _schema(cls, "任务")
class TaskTimelineView(_Timeline):
    model = Task


@lambda cls: _schema(cls, "方案")
class PlanTimelineView(_Timeline):
    model = Plan
