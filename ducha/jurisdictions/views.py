"""The signed-in user's own account: password and API tokens."""

import secrets

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from knox.models import AuthToken

from .actions import users as actions
from .actions.users import token_name


class PasswordChangeView(auth_views.PasswordChangeView):
    """Old password, new one twice, Django's validators plus the Chinese common-password list."""

    template_name = "jurisdictions/password_change.html"
    success_url = reverse_lazy("account:password")

    def form_valid(self, form):
        revoked = actions.do_set_password(acting_user=self.request.user, user=form.user,
                                          password=form.cleaned_data["new_password1"],
                                          request_id=getattr(self.request, "request_id", ""))
        # This session stays signed in; every other session of the user ends at its next request.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("密码已修改。其他设备上的登录已失效，已注销 %(n)d 个 API 令牌。") % {"n": revoked})
        return redirect(self.success_url)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """The user's API tokens: create one (shown once), revoke one or all."""
    request_id = getattr(request, "request_id", "")
    new_token = None
    if request.method == "POST":
        op = request.POST.get("op")
        if op == "create" and not _fresh(request):
            # The page that showed a new token, reloaded (the browser sends the same post again): one click,
            # one token.
            messages.info(request, _("该创建请求已处理，未再创建令牌。需要新令牌请点击“创建令牌”。"))
            return redirect("account:tokens")
        if op == "create":
            token, new_token = actions.do_create_token(acting_user=request.user, user=request.user,
                                                       request_id=request_id)
            messages.success(request, _("已创建令牌 %(id)s。令牌只显示这一次，请立即复制保存。") % {"id": token_name(token)})
        elif op == "revoke":
            chosen = [t for t in AuthToken.objects.filter(user=request.user)
                      if token_name(t) == request.POST.get("token")]
            if actions.do_revoke_tokens(acting_user=request.user, user=request.user, tokens=chosen,
                                        reason="revoked by user", request_id=request_id):
                messages.success(request, _("令牌已注销。"))
            else:
                messages.error(request, _("未找到该令牌（可能已过期或已注销）。"))
            return redirect("account:tokens")
        elif op == "revoke_all":
            n = actions.do_revoke_tokens(acting_user=request.user, user=request.user, reason="revoked by user",
                                         request_id=request_id)
            messages.success(request, _("已注销全部 %(n)d 个令牌。") % {"n": n})
            return redirect("account:tokens")
    rows = [(token_name(t), t) for t in AuthToken.objects.filter(user=request.user).order_by("-created")]
    request.session[_CREATE_KEY] = nonce = secrets.token_urlsafe(16)
    return render(request, "jurisdictions/tokens.html", {"rows": rows, "new_token": new_token, "nonce": nonce})


# The create button carries a one-time value from the page it was on: a post sent again carries a used one.
_CREATE_KEY = "tokens_create"


def _fresh(request):
    expected = request.session.pop(_CREATE_KEY, None)
    return bool(expected) and secrets.compare_digest(expected, request.POST.get("nonce", ""))
