"""Server-made request ids for the audit log; the status of pages whose filters were refused; ids in
the path that no database stores."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from ducha.audit.context import request_context

from .filters import BIGINT_MAX, BIGINT_MIN


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # REMOTE_ADDR, not X-Forwarded-For: a header the client writes is no address.
        with request_context(client_request_id=request.headers.get("X-Request-Id"),
                             remote_addr=request.META.get("REMOTE_ADDR")) as context:
            request.request_id = context.request_id
            response = self.get_response(request)
        response["X-Request-Id"] = context.request_id
        return response


class BadFilterStatusMiddleware:
    """A page that refused its filters (see ducha.core.filters) shows the
    errors over an empty list; it answers 400 so that clients, crawlers and
    monitoring see a refusal, not a success with no rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 200 and getattr(request, "filter_errors", None):
            response.status_code = 400
        return response


class OutOfRangeIdMiddleware:
    """A URL's `<int:…>` part beyond a 64-bit integer names no row: 404 before the view runs.

    Django's int converter takes any run of digits; a lookup with such a number raises OverflowError on
    SQLite (a 500) wherever the ORM does not check the range itself (foreign keys, `__in`). One check here
    covers every view, present and future. The API answers in JSON as DRF does.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if not any(isinstance(v, int) and not BIGINT_MIN <= v <= BIGINT_MAX for v in values):
            return None
        if request.path_info.startswith(("/api/", "/open311/")):
            return JsonResponse({"detail": _("未找到。")}, status=404)
        raise Http404
