from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from ducha.core.views.favicon import favicon

admin.site.site_header = _("督察整改 · 系统管理")
admin.site.site_title = _("督察整改系统管理")
admin.site.index_title = _("系统管理")

urlpatterns = [
    path("favicon.ico", favicon),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("ducha.jurisdictions.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("ducha.api_urls")),
    path("public/", include("ducha.public.urls")),
    path("", include("ducha.progress.urls")),
    path("tasks/", include("ducha.ledger.urls")),
    path("plans/", include("ducha.plans.urls")),
    path("dispatch/", include("ducha.dispatch.urls")),
    path("supervision/", include("ducha.supervision.urls")),
    path("signoff/", include("ducha.signoff.urls")),
    path("cases/", include("ducha.cases.urls")),
    path("chronicle/", include("ducha.chronicle.urls")),
    path("warnings/", include("ducha.warnings.urls")),
    path("revisits/", include("ducha.revisits.urls")),
    path("suspects/", include("ducha.suspects.urls")),
    path("quality/", include("ducha.quality.urls")),
    path("audit/", include("ducha.core.urls")),
    path("calendar/", include("ducha.holidays.urls")),
    path("cases/stats/", include("ducha.cases.stats_urls")),
    path("open311/v2/", include("ducha.cases.open311.urls")),
    path("notifications/", include("ducha.notifications.urls")),
    path("overview/", include("ducha.overview.urls")),
    path("", include("ducha.mywork.urls")),
]

handler400 = "ducha.core.errors.bad_request"
handler404 = "ducha.core.errors.not_found"
handler500 = "ducha.core.errors.server_error"
