"""Server-made request ids for the audit log; the status of pages whose filters were refused."""

from ducha.audit.context import request_context


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
