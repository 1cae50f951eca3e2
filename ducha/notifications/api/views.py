"""/api/notifications/: the user's own notifications (nobody else's, whatever the role: another's id is a
404), the unread count for the bell, and marking read."""

import django_filters as df
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ducha.core.api import PageNumberPagination
from ducha.core.filters import BoundedFilterSet

from .. import actions
from ..models import Notification
from .serializers import MarkedSerializer, NotificationSerializer, UnreadCountSerializer

TAG = "notifications"


class NotificationFilterSet(BoundedFilterSet):
    unread = df.BooleanFilter(label=_("仅未读"), field_name="read_at", lookup_expr="isnull")
    kind = df.CharFilter(label=_("类别"), max_length=48)

    class Meta:
        model = Notification
        fields = []


@extend_schema_view(
    list=extend_schema(summary="我的通知 / my notifications, newest first", tags=[TAG]),
    retrieve=extend_schema(summary="一条通知 / one of my notifications", tags=[TAG]),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    pagination_class = PageNumberPagination
    filterset_class = NotificationFilterSet
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return actions.own(self.request.user).order_by("-created_at", "-id")

    @extend_schema(summary="未读数 / unread count (the bell)", tags=[TAG], responses=UnreadCountSerializer)
    @action(detail=False, methods=["get"], url_path="unread-count", pagination_class=None, filterset_class=None)
    def unread_count(self, request):
        return Response({"unread": actions.unread_count(request.user)})

    @extend_schema(summary="标为已读 / mark read", tags=[TAG], request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"], url_path="read", pagination_class=None, filterset_class=None)
    def read(self, request, pk=None):
        notification = actions.mark_read(acting_user=request.user, notification_id=int(pk))
        return Response(NotificationSerializer(notification).data)

    @extend_schema(summary="全部标为已读 / mark all read", tags=[TAG], request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", pagination_class=None, filterset_class=None)
    def read_all(self, request):
        return Response({"marked": actions.mark_all_read(acting_user=request.user)})
