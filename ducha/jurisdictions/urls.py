from django.urls import path

from . import views

app_name = "account"

urlpatterns = [
    path("password/", views.PasswordChangeView.as_view(), name="password"),
    path("tokens/", views.tokens, name="tokens"),
]
