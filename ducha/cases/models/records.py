"""What hangs on one case: its allegations (verdicts per allegation) and its complainant, stored apart
and encrypted at rest (ducha.cases.crypto)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .cases import Case, Verdict


class Allegation(models.Model):
    """One allegation of a case that has several, with its own verdict."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allegations")
    order = models.PositiveSmallIntegerField(_("序号"), default=1)
    text = models.TextField(_("反映问题"))
    verdict = models.CharField(_("是否属实"), max_length=8, choices=Verdict.choices, blank=True)
    finding = models.TextField(_("核实情况"), blank=True)

    class Meta:
        ordering = ["case", "order", "id"]
        verbose_name = _("反映问题")
        verbose_name_plural = _("反映问题")


class Complainant(models.Model):
    """The complainant's name and contact, as Fernet tokens (never plain text in the database). Read only
    through ducha.cases.actions.privacy, which checks the reader and audits every view, and, to mask them
    in what is published, ducha.cases.disclosure.known."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="complainant")
    name_token = models.TextField(blank=True, editable=False)
    contact_token = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("信访人")
        verbose_name_plural = _("信访人")

    @property
    def has_contact(self):
        return bool(self.contact_token)
