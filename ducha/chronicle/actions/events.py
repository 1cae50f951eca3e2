from django.utils.translation import gettext_lazy as _

from ducha.audit import events

events.register("chronicle.add", _("新增大事记"), update=False)
events.register("chronicle.withdraw", _("撤回大事记"), update=False)
