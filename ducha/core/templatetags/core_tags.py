"""Template helpers for the page frame (navigation)."""

from django import template

from ducha.core import scoping

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_permissions(context):
    """What the navigation may offer the current user; the rules stay in scoping."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"add_tasks": bool(user is not None and scoping.role_allows(user, scoping.ADD)),
            "audit_log": bool(user is not None and scoping.may_read_audit_log(user))}


# Query parameters that are not filters: the page, the order, the search words (shown outside the panel).
NOT_FILTERS = frozenset({"page", "ordering", "q"})


@register.simple_tag(takes_context=True)
def active_filters(context):
    """How many filters of a list page are set (the count its 筛选 button shows on a phone, where the
    panel is folded)."""
    request = context.get("request")
    if request is None:
        return 0
    return sum(1 for key, values in request.GET.lists() if key not in NOT_FILTERS and any(values))
