from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "ducha.plans"
    label = "plans"
