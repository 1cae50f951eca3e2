"""Give every request a server-made id that its audit entries carry."""

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
