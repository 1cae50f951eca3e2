"""The bell in the page frame: the signed-in user's unread count, counted once per request."""

from django import template

from ducha.notifications.actions import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or not getattr(user, "is_authenticated", False):
        return 0
    if not hasattr(request, "_ducha_unread"):
        request._ducha_unread = unread_count(user)
    return request._ducha_unread
