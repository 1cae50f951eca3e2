"""The unit picker every form that names a unit uses: searched as typed by its name or a short name (市住建局),
each unit with its division (a county's 住建局 and the city's read apart), its options carrying the division
path a division select can narrow them by (ducha.core.forms.picker)."""

from django.utils.translation import gettext_lazy as _

from ducha.core.forms import picker

SEARCH = _("输入单位名称筛选")


def unit_label(unit):
    return f"{unit.name} · {unit.division.name}"


def unit_aliases(unit):
    """A unit's short names (市住建局, 市发改委) as one line: typed, they find it too."""
    return " ".join((unit.aliases or "").split())


def unit_picker(multiple=False, follow=None):
    return picker(SEARCH, multiple=multiple, follow=follow, path_of=lambda unit: unit.division.path,
                  also_of=unit_aliases)


def pick_units(form, *names, follow=None):
    """Give the form's model choice fields `names` the unit picker and labels (their querysets should
    select_related("division"))."""
    for name in names:
        field = form.fields[name]
        widget = unit_picker(multiple=getattr(field.widget, "allow_multiple_selected", False), follow=follow)
        widget.is_required, widget.choices = field.widget.is_required, field.choices
        field.widget, field.label_from_instance = widget, unit_label


def offer_units(form, units, *names, empty_for=()):
    """The same for plain choice fields `names` (a unit's id as the value, widget unit_picker): `units`
    with their labels, division paths and short names; the fields in `empty_for` start with an empty
    choice."""
    units = list(units)
    choices = [(u.pk, unit_label(u)) for u in units]
    paths = {str(u.pk): u.division.path for u in units}
    also = {str(u.pk): unit_aliases(u) for u in units}
    for name in names:
        field = form.fields[name]
        field.choices = ([("", "—")] if name in empty_for else []) + choices
        field.widget.paths, field.widget.also = paths, also
