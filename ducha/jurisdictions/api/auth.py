"""API tokens (django-rest-knox): obtain with username and password, list, revoke.

Only the SHA-512 digest of a token is stored; a token expires after
REST_KNOX["TOKEN_TTL"] and ends at logout (API or web) and at a password change."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..actions import users as actions
from . import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
from ..actions.users import token_name


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("用户名"))
    password = serializers.CharField(label=_("密码"), style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="令牌标识（摘要前 16 位，不是令牌本身）/ token id (digest prefix)")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="是否为本次请求所用的令牌 / the token of this request")


def _token_row(token, request):
    current = isinstance(request.auth, AuthToken) and request.auth.digest == token.digest
    return {"id": token_name(token), "created": token.created, "expiry": token.expiry, "current": current}


def _request_id(request):
    return getattr(request._request, "request_id", "")


@extend_schema(summary="获取令牌 / obtain an API token with username and password", tags=["auth"],
               request=CredentialsSerializer,
               responses=inline_serializer("ObtainedToken", {
                   "token": serializers.CharField(), "expiry": serializers.DateTimeField(allow_null=True),
                   "id": serializers.CharField()}))
class TokenView(APIView):
    """用户名与密码换取令牌（有效期见 `expiry`）；之后请求带 `Authorization: Token <token>`。
    连续多次密码错误后账号与地址会被暂时锁定（429）。
    Exchange a username and password for an expiring token, then send `Authorization: Token <token>`.
    Repeated failures lock the username and the address out for a while (429)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = CredentialsSerializer

    def post(self, request):
        serializer = CredentialsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The underlying HttpRequest, so django-axes counts the failure and its
        # middleware turns a lockout into a 429 whatever this view answers.
        user = authenticate(request._request, **serializer.validated_data)
        if user is None:
            raise exceptions.ValidationError({"non_field_errors": [_("用户名或密码不正确。")]})
        token, key = actions.do_create_token(acting_user=user, user=user, request_id=_request_id(request))
        return Response({"token": key, "expiry": token.expiry, "id": token_name(token)})


@extend_schema(summary="注销本令牌 / revoke the token of this request", tags=["auth"], request=None,
               responses={204: None})
class LogoutView(APIView):
    """注销本次请求所用的令牌。Revoke the token this request was made with."""

    def post(self, request):
        if not isinstance(request.auth, AuthToken):
            raise exceptions.ValidationError({"non_field_errors": [_("本次请求未使用令牌。")]})
        actions.do_revoke_tokens(acting_user=request.user, user=request.user, tokens=[request.auth],
                                 reason="api logout", request_id=_request_id(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(summary="注销全部令牌 / revoke every token of the user", tags=["auth"], request=None,
               responses={204: None})
class LogoutAllView(APIView):
    """注销当前用户的全部令牌。Revoke every token of the caller."""

    def post(self, request):
        actions.do_revoke_tokens(acting_user=request.user, user=request.user, reason="api logout all",
                                 request_id=_request_id(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(summary="我的令牌 / the caller's tokens", tags=["auth"], responses=TokenSerializer(many=True))
class TokenListView(APIView):
    """当前用户的有效令牌（只显示标识、创建与过期时间）。The caller's tokens: id, created, expiry."""

    def get(self, request):
        tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
        return Response(TokenSerializer([_token_row(t, request) for t in tokens], many=True).data)


@extend_schema(summary="注销一个令牌 / revoke one of the caller's tokens", tags=["auth"], responses={204: None})
class TokenDetailView(APIView):
    """按标识注销自己的一个令牌。Revoke one of the caller's tokens by its id."""

    def delete(self, request, token_id):
        token = next((t for t in AuthToken.objects.filter(user=request.user) if token_name(t) == token_id), None)
        if token is None:
            raise exceptions.NotFound()
        actions.do_revoke_tokens(acting_user=request.user, user=request.user, tokens=[token], reason="revoked by user",
                                 request_id=_request_id(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
