"""`datetag` writes a date as <time datetime=…>, which the stylesheet keeps on one line."""

import datetime as dt

from django.template import Context, Template
from django.utils import timezone


def render(source, **values):
    return Template("{% load dates %}" + source).render(Context(values))


def test_a_date_is_a_time_element():
    assert render("{{ d|datetag }}", d=dt.date(2026, 12, 31)) == '<time datetime="2026-12-31">2026-12-31</time>'


def test_a_datetime_is_shown_in_the_local_time_zone():
    moment = dt.datetime(2026, 12, 31, 16, 30, tzinfo=dt.timezone.utc)  # 00:30 next day in Asia/Shanghai
    with timezone.override("Asia/Shanghai"):
        html = render('{{ t|datetag:"Y-m-d H:i" }}', t=moment)
    assert html == '<time datetime="2027-01-01T00:30+08:00">2027-01-01 00:30</time>'


def test_other_formats_and_iso_strings():
    assert render('{{ d|datetag:"Y年n月j日" }}', d=dt.date(2026, 3, 5)) == '<time datetime="2026-03-05">2026年3月5日</time>'
    assert render("{{ d|datetag }}", d="2026-03-05") == '<time datetime="2026-03-05">2026-03-05</time>'


def test_nothing_falls_through_to_default_and_words_stay_words():
    assert render('{{ d|datetag|default:"—" }}', d=None) == "—"
    assert render('{{ d|datetag|default:"—" }}', d="") == "—"
    assert render("{{ d|datetag }}", d="2022年底前<完成>") == "2022年底前&lt;完成&gt;"
