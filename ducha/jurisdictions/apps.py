from django.apps import AppConfig


class JurisdictionsConfig(AppConfig):
    name = "ducha.jurisdictions"
    label = "jurisdictions"
