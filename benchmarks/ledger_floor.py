"""The floor of a ledger list request: what Django and DRF cost around a query, without ducha.

For each case bench_ledger times, a floor request goes through the same middleware, session and
authentication to a minimal view that reads the same number of task rows with one plain query
(no scoping, no filterset, no related rows) and writes them:

- HTML: a Django view rendering the rows with a ten-line template (no base page, no filter panel);
- API: a DRF APIView (the project's authentication and permission classes) returning them as JSON.

bench_ledger prints, beside each case, the floor's p50 and the floor ratio: (case SQL + the floor's
time outside its own SQL) / case SQL, the best ratio server/SQL any view could reach for that case's
SQL on this machine, at this load. A case's ratio far above its floor ratio is ducha's own work.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from rest_framework.response import Response
from rest_framework.views import APIView

FIELDS = ("id", "number", "target", "measures", "deadline", "state", "progress", "category", "updated_at")

_TEMPLATE = """<table>{% for t in rows %}<tr data-task-id="{{ t.id }}"><td>{{ t.number }}</td><td>{{ t.target }}</td>
<td>{{ t.measures|truncatechars:40 }}</td><td>{{ t.deadline|date:"Y-m-d" }}</td><td>{{ t.state }}</td>
<td>{{ t.progress }}%</td><td>{{ t.category }}</td><td>{{ t.updated_at|date:"m-d H:i" }}</td></tr>
{% endfor %}</table>"""


def _rows(request):
    from ducha.ledger.models import Task

    n = max(0, min(int(request.GET.get("n", 50)), 500))
    return list(Task.objects.order_by("deadline", "id").values(*FIELDS)[:n])


@login_required
def floor_page(request):
    template = engines["django"].from_string(_TEMPLATE)
    return HttpResponse(template.render({"rows": _rows(request)}, request))


class FloorApi(APIView):
    def get(self, request):
        return Response({"count": 0, "results": _rows(request)})


urlpatterns = [
    path("floor/page/", floor_page),
    path("floor/api/", FloorApi.as_view()),
    path("", include("ducha.urls")),
]


def floor_url(kind, rows):
    return f"/floor/{'api' if kind == 'api' else 'page'}/?n={rows}"


def rows_in(response, kind):
    """How many task rows a case's response holds."""
    if kind == "api":
        data = response.json()
        return len(data["results"] if isinstance(data, dict) else data)
    return response.content.count(b"<tr data-task-id=")
