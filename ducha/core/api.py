"""Shared REST API behaviour: errors as JSON naming each field, pagination,
and the scoped viewset every app's API builds on."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, mixins, pagination, viewsets
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from ducha.core import scoping


def validation_errors(error: DjangoValidationError):
    """A Django ValidationError in DRF's shape: {field: [messages]}."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): messages
            for key, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


def exception_handler(exc, context):
    """Services raise Django's ValidationError and PermissionDenied; the API
    answers them as DRF would answer its own: 400 {field: [messages]} and
    403 {"detail": message}."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        # Django's "No Task matches the given query." is English and names the model; DRF's own is translated.
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """List, retrieve, create and update (PUT, PATCH) through the one scoping path.

    Rows come from `Model.objects.restrict(user, "view")`, so an object
    outside the user's reach is a 404. Changing a visible object the user may
    not change is a 403 before any input is looked at; creating anything
    needs a role that may add (the service then checks where).
    """

    pagination_class = PageNumberPagination
    related = ()
    prefetch = ()

    def base_queryset(self):
        return self.queryset.model.objects.restrict(self.request.user, scoping.VIEW)

    def get_queryset(self):
        qs = self.base_queryset()
        if self.related:
            qs = qs.select_related(*self.related)
        if self.prefetch:
            qs = qs.prefetch_related(*self.prefetch)
        return qs

    def check_object_permissions(self, request, obj):
        super().check_object_permissions(request, obj)
        if self.action in ("update", "partial_update"):
            scoping.require(request.user, scoping.CHANGE, obj)

    def create(self, request, *args, **kwargs):
        if not scoping.role_allows(request.user, scoping.ADD):
            raise exceptions.PermissionDenied("当前角色无权新建。")
        return super().create(request, *args, **kwargs)


class ServiceSerializerMixin:
    """Serializers whose save() goes through a service with the acting user."""

    @property
    def acting(self):
        request = self.context["request"]
        return {"acting_user": request.user, "request_id": getattr(request, "request_id", "")}
