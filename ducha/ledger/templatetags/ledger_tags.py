"""Template helpers for ledger pages: state badges, sortable headers, query strings."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ducha.ledger.models import TaskState

register = template.Library()


@register.simple_tag
def state_badge(task_or_state, label=None):
    state = getattr(task_or_state, "state", task_or_state)
    if label is None:
        label = TaskState(state).label if state in TaskState.values else state
    return format_html('<span class="badge rounded-pill badge-state-{}">{}</span>', state, label)


@register.simple_tag(takes_context=True)
def sort_header(context, field, label):
    """A column header that sorts by `field`, toggling direction, keeping the other filters."""
    request = context["request"]
    current = request.GET.get("ordering", "")
    if current == field:
        target, icon = "-" + field, "bi-sort-up"
    elif current == "-" + field:
        target, icon = field, "bi-sort-down"
    else:
        target, icon = field, ""
    params = request.GET.copy()
    params["ordering"] = target
    params.pop("page", None)
    title = _("按%(label)s排序") % {"label": label}
    if icon:
        return format_html('<a href="?{}" title="{}" aria-sort="{}">{} <i class="bi {}"></i></a>',
                           params.urlencode(), title, "ascending" if current == field else "descending", label, icon)
    return format_html('<a href="?{}" title="{}">{} <i class="bi bi-arrow-down-up text-body-tertiary small"></i></a>',
                       params.urlencode(), title, label)


@register.simple_tag(takes_context=True)
def page_url(context, number):
    params = context["request"].GET.copy()
    params["page"] = number
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def current_query(context):
    return context["request"].GET.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
