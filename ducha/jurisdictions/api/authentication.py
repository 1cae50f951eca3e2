"""The API's token check (settings REST_FRAMEWORK DEFAULT_AUTHENTICATION_CLASSES).

Its own module: DRF imports it while loading its views, so it imports no view."""

from django.utils.translation import gettext as _
from knox import auth as knox_auth
from rest_framework import exceptions

from ..backends import with_reach


class TokenAuthentication(knox_auth.TokenAuthentication):
    """knox's token check with its refusals in Chinese (a token that has expired is gone, as a revoked one)."""

    def authenticate(self, request):
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed as error:
            raise exceptions.AuthenticationFailed(_("认证令牌无效或已过期。")) from error

    def validate_user(self, auth_token):
        """The token's user as a session's user is loaded (backends.REACH in one query), when the request will
        read more than the row: one query instead of one for the unit and one for its division."""
        user = auth_token.user
        if user.unit_id is not None or user.scope_id is not None:
            auth_token.user = with_reach(user)
        return super().validate_user(auth_token)
