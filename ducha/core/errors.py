"""Error pages that answer API clients in JSON.

Django's own 400/404/500 answers are HTML pages; under /api/ a client reads
JSON, and the schema promises {"detail": message} (see ducha.core.schema).
A path that matches no route (/api/tasks/abc/) never reaches DRF, so the
exception handler cannot answer it: these handlers do.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults

from ducha.core.parsers import DJANGO_REFUSALS, refusal_message


def _is_api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": refusal_message(exception)}, status=400)
    # Rendered without the request, as Django's own page is (a refused Host must not be read again); a form
    # too large or with too many fields is named, anything else stays unexplained.
    detail = refusal_message(exception) if isinstance(exception, DJANGO_REFUSALS) else ""
    return HttpResponseBadRequest(loader.get_template("400.html").render({"detail": detail}))


def _is_public(request):
    return request.path.startswith("/public/")


def not_found(request, exception):
    if _is_api(request):
        return JsonResponse({"detail": _("未找到。")}, status=404)
    if _is_public(request):  # a visitor of the public site, not a signed-in member of staff
        return render(request, "public/404.html", status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return JsonResponse({"detail": _("服务器内部错误。")}, status=500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A form sent with a stale or missing CSRF token (open too long, signed in again in another window,
    cookies off): say so in words a user acts on, not Django's page about CSRF and DEBUG."""
    if _is_api(request):
        return JsonResponse({"detail": _("页面已失效，请刷新后重新提交。")}, status=403)
    if _is_public(request):
        home = reverse("public:home")
    else:
        home = reverse("mywork:start") if request.user.is_authenticated else reverse("login")
    return render(request, "403_csrf.html", {"home": home}, status=403)
