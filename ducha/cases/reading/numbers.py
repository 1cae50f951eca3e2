"""Complaint case numbers (受理编号), kept verbatim and parsed when their form is known.

Known forms:
- `D3ZJ202406110042`: channel letter (D 电话, X 来信/网络), round, province abbreviation, yyyymmdd, serial;
- `X330000201806150031`: the older form with the six-digit province code instead of round and abbreviation.
A trailing `*` (also full-width ＊) marks a key case (重点件). Other forms (bare serials, 访受〔2021〕0601007号)
are kept as they are with nothing parsed.
"""

import datetime as dt
import re
from dataclasses import dataclass

_NEW = re.compile(r"^(?P<channel>[DX])(?P<round>\d{1,2}?)(?P<province>[A-Z]{2,3})(?P<date>\d{8})(?P<serial>\d{3,5})$")
_OLD = re.compile(r"^(?P<channel>[DX])(?P<province>\d{6})(?P<date>\d{8})(?P<serial>\d{3,5})$")
_STAR = re.compile(r"[*＊]+$")


@dataclass(frozen=True)
class CaseNumber:
    raw: str
    number: str
    is_key: bool = False
    channel: str = ""
    round: int | None = None
    province: str = ""
    date: dt.date | None = None
    serial: str = ""


def _date(text):
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def parse_number(raw: str) -> CaseNumber:
    """The number without its key-case star and, when the form is known, its parts."""
    raw = (raw or "").strip()
    text = re.sub(r"\s+", "", raw)
    is_key = bool(_STAR.search(text))
    number = _STAR.sub("", text)
    upper = number.upper()
    for pattern in (_NEW, _OLD):
        match = pattern.match(upper)
        if not match:
            continue
        date = _date(match["date"])
        if date is None:
            continue
        parts = match.groupdict()
        return CaseNumber(raw=raw, number=number, is_key=is_key, channel=parts["channel"],
                          round=int(parts["round"]) if parts.get("round") else None, province=parts["province"],
                          date=date, serial=parts["serial"])
    return CaseNumber(raw=raw, number=number, is_key=is_key)


# A case text citing an earlier case number (for repeats and links).
CITED = re.compile(r"[DX]\d{1,2}[A-Z]{2,3}\d{11,13}|[DX]\d{18,20}")
