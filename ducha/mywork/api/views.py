"""/api/my-work/: 我的待办 as data (the same sections, items, counts and links as the page)."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ducha.notifications import todo


class ItemSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    detail = serializers.CharField()
    key = serializers.CharField()


class SectionSerializer(serializers.Serializer):
    code = serializers.CharField(source="section.code")
    label = serializers.CharField(source="section.label")
    total = serializers.IntegerField(help_text="how many in all (a count may stop at 1000: see total_label)")
    total_label = serializers.CharField()
    more_url = serializers.CharField()
    items = ItemSerializer(many=True)


class MyWorkSerializer(serializers.Serializer):
    date = serializers.DateField()
    sections = SectionSerializer(many=True)


class MyWorkView(APIView):
    @extend_schema(summary="我的待办 / what I owe, by section", tags=["my-work"], responses=MyWorkSerializer)
    def get(self, request):
        today = timezone.localdate()
        with todo.batch():
            groups = todo.grouped(request.user, today)
        return Response(MyWorkSerializer({"date": today, "sections": groups}).data)
