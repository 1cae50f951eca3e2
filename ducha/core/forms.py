"""How every form's widgets are drawn (settings.FORM_RENDERER)."""

from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext as _

DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]  # "---------", also ModelChoiceField's default empty_label


def name_empty_choice(widget: dict) -> None:
    """Give a select's empty choice a name instead of Django's dashes: 请选择… where a value is required,
    （无） where none is. A label a form sets itself (全部, 不是更正, …) is kept."""
    for _group, options, _index in widget["optgroups"]:
        for option in options:
            if option["value"] in ("", None) and option["label"] == DJANGO_EMPTY_LABEL:
                option["label"] = _("请选择…") if widget.get("required") else _("（无）")


class FormRenderer(DjangoTemplates):
    """Django's template renderer; select widgets name their empty choice (`name_empty_choice`)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict) and "optgroups" in widget:
            name_empty_choice(widget)
        return super().render(template_name, context, request=request)
