"""Reading a year's arrangement from a small CSV an administrator writes from the State Council's notice:

    日期,类型,节日
    2027-01-01,放假,元旦
    2027-02-07,上班,春节

类型 is 放假 / 休 / holiday or 上班 / 班 / workday. Bounded: at most 64 KB and MAX_DAYS_PER_YEAR rows.
"""

import csv
import datetime as dt
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .actions import MAX_DAYS_PER_YEAR

MAX_BYTES = 64 * 1024
OFF = {"放假", "休", "休息", "holiday", "off"}
ON = {"上班", "班", "调休上班", "workday", "work"}


def read_days(data: bytes):
    """[(date, working, name)] or ValidationError naming the row and column."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": [_("文件过大（最多 64 KB）。")]})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError({"file": [_("无法识别文件编码（应为 UTF-8 或 GB18030 的 CSV）。")]}) from None
    days = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and cells and cells[0] in {"日期", "date"}):
            continue
        if len(days) >= MAX_DAYS_PER_YEAR:
            raise ValidationError({"file": [_("行数过多（最多 %(n)s 个日期）。") % {"n": MAX_DAYS_PER_YEAR}]})
        if len(cells) < 2:
            raise ValidationError({"file": [_("第 %(n)s 行：应有“日期,类型[,节日]”三列。") % {"n": number}]})
        try:
            date = dt.date.fromisoformat(cells[0])
        except ValueError:
            raise ValidationError({"file": [_("第 %(n)s 行“日期”列：%(v)s 不是 YYYY-MM-DD 格式的日期。") % {
                "n": number, "v": cells[0][:20]}]}) from None
        kind = cells[1].lower()
        if kind not in OFF | ON:
            raise ValidationError({"file": [_("第 %(n)s 行“类型”列：应为“放假”或“上班”，而不是“%(v)s”。") % {
                "n": number, "v": cells[1][:20]}]})
        days.append((date, kind in ON, cells[2][:60] if len(cells) > 2 else ""))
    return days
