"""The sign-off notices' part of the public site (ducha.public): the section and the objection receipts."""

from django.utils.translation import gettext_lazy as _

from ducha.public import site


def register():
    from .actions.objections import PREFIX
    from .publication import receipt_answer

    site.register(site.Section(
        key="notices", label=_("销号公示"), urls="ducha.signoff.public_urls", url_name="list", order=10,
        icon="bi-megaphone", blurb=_("整改任务验收销号前的公示：整改情况、验收意见、公示期限，可在公示期内提出异议。")))
    site.register_receipt(site.ReceiptKind(prefix=PREFIX, label=_("销号公示异议"), lookup=receipt_answer))
