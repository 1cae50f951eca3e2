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
