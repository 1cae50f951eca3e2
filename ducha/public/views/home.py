"""The public home page (the registered sections) and the receipt lookup. No sign-in, nothing internal."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .. import receipts, site


@require_safe
def home(request):
    return render(request, "public/home.html", {"sections": site.sections()})


@require_safe
@never_cache
def receipt_lookup(request):
    """?number=YY-2026-4830-1275 → what the kind's lookup lets the public see, or a plain error."""
    typed = request.GET.get("number", "")
    number, answer, error = receipts.normalise(typed), None, ""
    if typed.strip():
        kind = site.receipt_kind(receipts.prefix_of(number))
        if not number or not receipts.is_valid(number):
            error = _("受理编号格式不正确，请核对后重新输入（例如 YY-2026-4830-1275）。")
        elif kind is None or (answer := kind.lookup(number)) is None:
            error = _("没有查到受理编号为 %(number)s 的记录。") % {"number": number}
    return render(request, "public/receipt.html", {
        "typed": typed[: receipts.MAX_INPUT], "number": number, "answer": answer, "error": error})
