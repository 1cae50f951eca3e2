from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", include("ducha.api_urls")),
    path("tasks/", include("ducha.ledger.urls")),
    path("plans/", include("ducha.plans.urls")),
    path("quality/", include("ducha.quality.urls")),
    path("audit/", include("ducha.core.urls")),
    path("", include("ducha.overview.urls")),
]
