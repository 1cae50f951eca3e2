"""Shared REST API behaviour: errors as JSON naming each field, pagination,
and the scoped viewset every app's API builds on."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, mixins, pagination, serializers, viewsets
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from ducha.core import scoping
from ducha.core.actions import RepeatedSubmission, StaleEdit
from ducha.core.parsers import refusal_message


def validation_errors(error: DjangoValidationError):
    """A Django ValidationError in DRF's shape: {field: [messages]}."""
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == NON_FIELD_ERRORS else key): messages
            for key, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


class RepeatedSubmissionSerializer(serializers.Serializer):
    detail = serializers.CharField()
    id = serializers.IntegerField(help_text="先前提交所建记录的 id / the id of what the first submission created")


# The answer of a create endpoint guarded by ducha.core.actions.refuse_repeat, for its schema.
REPEATED = {409: OpenApiResponse(RepeatedSubmissionSerializer,
                                 description="相同内容刚刚已提交，未重复记录 / the same submission again, nothing written")}


def exception_handler(exc, context):
    """Services raise Django's ValidationError and PermissionDenied; the API
    answers them as DRF would answer its own: 400 {field: [messages]} and
    403 {"detail": message}."""
    if isinstance(exc, StaleEdit):
        # If-Match named an older version (or a form's version was stale): 412, with what to reload.
        response = drf_exception_handler(exceptions.APIException(str(exc)), context)
        response.status_code = 412
        response.data = {"detail": str(exc), "version": exc.current}
        response["ETag"] = etag(exc.obj, exc.current)
        return response
    if isinstance(exc, RepeatedSubmission):
        # The same POST again (a retry after a lost answer): 409, naming what the first one created.
        response = drf_exception_handler(exceptions.APIException(str(exc)), context)
        response.status_code = 409
        response.data = {"detail": str(exc), "id": exc.obj.pk}
        return response
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_errors(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, SuspiciousOperation):
        # Too many query fields, a malformed multipart body...: Django would
        # answer an HTML 400 page; the API answers JSON like any other refusal.
        exc = exceptions.ParseError(refusal_message(exc))
    elif isinstance(exc, Http404):
        # Django's "No Task matches the given query." is English and names the model; DRF's own is translated.
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


def etag(obj, version=None):
    return f'"{obj._meta.model_name}-{obj.pk}-v{obj.version if version is None else version}"'


class MalformedIfMatch(StaleEdit):
    """An If-Match header naming none of this object's ETags ("2", a tag of another object): a 412 like
    any stale edit, whose message shows the form expected (the current tag) rather than a version."""

    def __init__(self, obj):
        super().__init__(obj, None, obj.version)
        self.args = (_("If-Match 应为本对象的 ETag，如 %(etag)s（当前为第 %(current)s 版）。")
                     % {"etag": etag(obj), "current": obj.version},)


def if_match_version(request, obj):
    """The version an If-Match header names for this object: None when absent or "*", else an int.
    A header naming no tag of this object is refused here (MalformedIfMatch, a 412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    prefix = f'"{obj._meta.model_name}-{obj.pk}-v'
    for tag in (t.strip().removeprefix("W/") for t in header.split(",")):
        number = tag[len(prefix):-1]
        # ASCII digits only and few of them: int() refuses "²" and numbers of more than 4,300 digits.
        if tag.startswith(prefix) and tag.endswith('"') and number.isascii() and number.isdigit() and len(
                number) <= 18:
            return int(number)
    raise MalformedIfMatch(obj)


class PageNumberPagination(pagination.PageNumberPagination):
    """`page` and `page_size` are checked like filters: anything but a whole
    number in range is a 400 naming the parameter (DRF would answer a 404 for
    `page=abc` and silently use the default for `page_size=-1`)."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def _number(self, request, name, label, maximum):
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        try:
            value = int(raw) if raw.isascii() and raw.isdigit() else None
        except ValueError:  # int() refuses more than 4,300 digits
            value = None
        if value is None or not 1 <= value <= maximum:
            raise exceptions.ValidationError(
                {name: [_("%(label)s：应为 1 到 %(max)s 之间的整数。") % {"label": label, "max": maximum}]})
        return value

    def get_page_size(self, request):
        size = self._number(request, self.page_size_query_param, _("每页条数"), self.max_page_size)
        return size if size is not None else self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        # 2**63 - 1: page numbers past any real list still fit the database's integers.
        self._number(request, self.page_query_param, _("页码"), 2**63 - 1)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            bounds = {self.page_query_param: 2**63 - 1, self.page_size_query_param: self.max_page_size}
            if parameter["name"] in bounds:
                parameter["schema"].update(minimum=1, maximum=bounds[parameter["name"]])
        return parameters


class VersionTagMixin:
    """Answers about one versioned object carry its ETag ("case-122-v2"), the tag an If-Match names:
    the object the view looked up (get_object), at the version its answer shows."""

    def get_object(self):
        self._object = super().get_object()
        return self._object

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        obj = getattr(self, "_object", None)
        data = getattr(response, "data", None)  # a file (an export) has none
        if obj is not None and hasattr(obj, "version") and response.status_code < 300 and isinstance(
                data, dict) and "version" in data:
            response["ETag"] = etag(obj, response.data["version"])
        return response


class ScopedViewSet(VersionTagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
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

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("update", "partial_update") and "pk" in self.kwargs:
            obj = getattr(self, "_object", None)
            if obj is not None and hasattr(obj, "version"):
                context["expected_version"] = if_match_version(self.request, obj)
        return context

    def create(self, request, *args, **kwargs):
        if not scoping.role_allows(request.user, scoping.ADD):
            raise exceptions.PermissionDenied("当前角色无权新建。")
        return super().create(request, *args, **kwargs)


class ServiceSerializerMixin:
    """Serializers whose save() goes through a service with the acting user."""

    @property
    def acting(self):
        return {"acting_user": self.context["request"].user}

    @property
    def expected_version(self):
        """The version named by the request's If-Match header (None: no condition)."""
        return self.context.get("expected_version")
