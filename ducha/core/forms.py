"""How every form's widgets are drawn (settings.FORM_RENDERER), and the select searched as typed that every
app's pickers use."""

from django import forms
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


# Bootstrap's class for a widget that sets none, by the template Django draws it with.
_CHECKS = ("django/forms/widgets/checkbox.html", "django/forms/widgets/radio.html",
           "django/forms/widgets/checkbox_select.html",
           # One choice of a list drawn on its own ({{ choice.tag }} in a template).
           "django/forms/widgets/checkbox_option.html", "django/forms/widgets/radio_option.html")
_SELECTS = ("django/forms/widgets/select.html",)
_PLAIN = ("django/forms/widgets/hidden.html", "django/forms/widgets/multiple_hidden.html",
          "django/forms/widgets/multiwidget.html", "django/forms/widgets/splitdatetime.html",
          "django/forms/widgets/splithiddendatetime.html")


def bootstrap_class(widget: dict) -> None:
    """Give a widget that names no class of its own Bootstrap's: form-select for a select, form-check-input
    for a check box and each radio or check box of a choice list, form-control for the rest — so every form's
    fields fit a phone without each form setting them. A class a form sets itself is kept."""
    name = widget.get("template_name", "")
    if name in _PLAIN or widget.get("type") == "hidden":
        return
    if name in _CHECKS:
        for _group, options, _index in widget.get("optgroups", ()):
            for option in options:
                option["attrs"].setdefault("class", "form-check-input")
        if "optgroups" in widget:
            return
        css = "form-check-input"
    else:
        css = "form-select" if name in _SELECTS or "optgroups" in widget else "form-control"
    widget.setdefault("attrs", {}).setdefault("class", css)


class FormRenderer(DjangoTemplates):
    """Django's template renderer; widgets get Bootstrap's classes where they name none (`bootstrap_class`)
    and selects name their empty choice (`name_empty_choice`)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            bootstrap_class(widget)
            if "optgroups" in widget:
                name_empty_choice(widget)
        return super().render(template_name, context, request=request)


class PathSelect(forms.Select):
    """A select whose options carry their division path (data-path), so the page's picker can narrow the
    options to the chosen division and below and search them as typed (ducha.js, select[data-search]).
    The path is `paths[value]`, or `path_of(instance)` for a model choice; the other names the option is
    found by as typed (data-also: a unit's short names, 市住建局) are `also[value]` or `also_of(instance)`."""

    def __init__(self, attrs=None, paths=None, path_of=None, also=None, also_of=None):
        super().__init__(attrs)
        self.paths, self.path_of, self.also, self.also_of = paths or {}, path_of, also or {}, also_of

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)  # ModelChoiceIteratorValue
        modelled = instance is not None
        path = self.path_of(instance) if modelled and self.path_of else self.paths.get(str(value))
        also = self.also_of(instance) if modelled and self.also_of else self.also.get(str(value))
        if path:
            option["attrs"]["data-path"] = path
        if also:
            option["attrs"]["data-also"] = also
        return option


class PathSelectMultiple(PathSelect, forms.SelectMultiple):
    pass


def picker(placeholder, multiple=False, follow=None, path_of=None, also_of=None):
    """A select searched as typed (`placeholder` in its search box); with `follow`, the id of a division
    select whose choice narrows it."""
    attrs = {"class": "form-select" + (" select-tall" if multiple else ""), "data-search": placeholder}
    if follow:
        attrs["data-follow"] = follow
    return (PathSelectMultiple if multiple else PathSelect)(attrs=attrs, path_of=path_of, also_of=also_of)
