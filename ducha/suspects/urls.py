from django.urls import path

app_name = "suspects"
urlpatterns = []
