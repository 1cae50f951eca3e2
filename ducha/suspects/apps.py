from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SuspectsConfig(AppConfig):
    name = "ducha.suspects"
    label = "suspects"
    verbose_name = _("疑似纸面销号")

    def ready(self):
        from . import rules
        from .actions import events  # noqa: F401 - the audit event codes of the suspects app
        from .rules.acceptance import no_onsite_check, self_acceptance
        from .rules.complaints import complaint_soon
        from .rules.files import same_file
        from .rules.texts import similar_text
        from .rules.timing import burst, contradicting_dates, rebound_soon

        rules.register("same_file", _("同一佐证文件用于不同任务"), same_file, order=10)
        rules.register("similar_text", _("材料文字高度相似"), similar_text, order=20)
        rules.register("burst", _("临近时限或督察集中销号"), burst, order=30)
        rules.register("self_acceptance", _("整改单位自行验收"), self_acceptance, order=40)
        rules.register("no_onsite", _("未经现场核查即验收"), no_onsite_check, order=50)
        rules.register("rebound_soon", _("销号后不久即反弹"), rebound_soon, order=60)
        rules.register("dates", _("日期相互矛盾"), contradicting_dates, order=70)
        rules.register("complaint_soon", _("销号后不久同一地点又有信访"), complaint_soon, order=65)
