"""Input formats for zh-hans, ahead of Django's own (which lead with 2016/09/05).

A form renders a date or a moment it already holds in the first input format, and the pages' date
fields are <input type="date"> / "datetime-local", which show only an ISO value: with Django's order an
edit form showed its saved dates empty and saving it cleared them. Everything else comes from Django's
zh_Hans formats; the other spellings are still accepted."""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2016-09-05', what <input type="date"> shows and sends
    "%Y/%m/%d",
    "%Y年%m月%d日",
]

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M",  # a datetime-local input reads a space as well as a T
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
]
