"""Panels that apps above the ledger add to the task and plan pages (progress reports, scheduled
progress, warnings, supervision, chronicle…). The ledger knows none of them: each app registers its
panels in AppConfig.ready(), and the page renders them in order.

`render(request, obj)` returns the panel's HTML (render_to_string with the request), or "" to show
nothing. It must apply the one scoping path itself for anything it lists beyond the object.
"""

from dataclasses import dataclass
from typing import Callable

from django.utils.safestring import mark_safe

TASK, PLAN = "task", "plan"
MAIN, SIDE = "main", "side"


@dataclass(frozen=True)
class Panel:
    name: str
    page: str  # TASK or PLAN
    column: str  # MAIN (wide, left) or SIDE (narrow, right)
    order: int
    render: Callable


_PANELS = {}


def register(name, *, page, column, order, render):
    _PANELS[(page, name)] = Panel(name, page, column, order, render)


def render_panels(request, page, obj):
    """{column: [html, …]} for the page, in order."""
    out = {MAIN: [], SIDE: []}
    for panel in sorted((p for p in _PANELS.values() if p.page == page), key=lambda p: p.order):
        html = panel.render(request, obj)
        if html:
            out[panel.column].append(mark_safe(html))  # noqa: S308 - rendered by Django templates
    return out
