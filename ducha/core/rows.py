"""Helpers for pages that show many rows: what does not depend on the row is worked out once per page."""

from django.urls import reverse

# A pk that no URL pattern rewrites, to reverse a URL once and fill in each row's pk.
_PK = 2_147_483_647


def url_with_pk(name):
    """`reverse(name, args=[pk])` for many pks: reversed once, then filled in per row."""
    before, after = reverse(name, args=[_PK]).split(str(_PK))
    return lambda pk: f"{before}{pk}{after}"
