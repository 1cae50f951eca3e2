"""Signing in and loading the signed-in user (settings AUTHENTICATION_BACKENDS).

Every request reads more of its user than the row: the scope rules and the page frame read the user's unit,
the unit's division and the scope division. Loaded lazily these were two or three more queries on every
page and API call (an officer's list: 2 of its 11); here they come with the user, in one query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# The relations every request reads (scoping.division_prefix, unit_reach_q, the navigation).
REACH = ("unit__division", "scope")


def with_reach(user):
    """The user as loaded for a request: with REACH in the same query."""
    return get_user_model()._default_manager.select_related(*REACH).get(pk=user.pk)


class UserBackend(ModelBackend):
    """Django's ModelBackend (passwords, permissions), with the session's user loaded with REACH."""

    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related(*REACH).get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
