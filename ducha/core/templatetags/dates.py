"""Dates on a page: `{{ value|datetag }}` writes <time datetime="2026-12-31">2026-12-31</time>, and the stylesheet
keeps a <time> on one line, so a narrow table cell or phone card never breaks a date at its hyphens.

`{{ value|datetag:"Y-m-d H:i" }}` takes any format of Django's date filter. The value may be a date, a datetime
(shown in the current time zone) or an ISO 8601 string; None and "" give "" (so |default works), and any other
text (a deadline written as words) is shown as it is."""

import datetime as dt

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html

register = template.Library()


def _parse(text):
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            return parse(text.strip())
        except ValueError:
            pass
    return None


@register.filter(expects_localtime=True)
def datetag(value, fmt="Y-m-d"):
    if isinstance(value, str):
        value = _parse(value) or value
        if isinstance(value, str):
            return value
    if not isinstance(value, dt.date):
        return ""
    text = date_filter(value, fmt)
    if not text:
        return ""
    stamp = value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    return format_html('<time datetime="{}">{}</time>', stamp, text)
