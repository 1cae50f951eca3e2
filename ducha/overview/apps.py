from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "ducha.overview"
    label = "overview"
    verbose_name = "总览"
