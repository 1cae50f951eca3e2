from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "ducha.quality"
    label = "quality"
