"""/favicon.ico: pages that link no icon (the Django admin's) ask for it there."""

from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request):
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))
