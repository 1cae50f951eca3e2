from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "ducha.public"
    label = "public"
    verbose_name = _("公开网站")

    def ready(self):
        from django.core.signals import request_finished

        from . import ratelimit

        request_finished.connect(ratelimit.settle, dispatch_uid="ducha.public.ratelimit.settle")
