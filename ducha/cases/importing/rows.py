"""Reading the body rows of a complaint-case table into case specifications, every problem collected
with its row, column and reason (ducha.ledger.importing.rows.RowError).

- Rows broken by PDF flattening (a row with no serial and no number, continuing the one above) are
  joined back onto the row above, cell by cell.
- Texts in Traditional script are normalised to Simplified (ducha.plans.reading.normalize.to_simplified);
  the words as delivered are kept per column in `original`.
- What bad conversions leave in mirrored tables is removed first, as the plan reader does: pinyin glued
  after characters (興賓區(qū)), replacement characters, lone "?" around a cell ("? ? ? D4500…").
- Total rows (合计/小计) and blank rows are skipped.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ducha.cases.reading.numbers import parse_number
from ducha.cases.reading.values import count_of, split_types, state_of, strip_conversion_junk, verdict_of, yuan_of
from ducha.ledger.importing.rows import RowError
from ducha.plans.reading.normalize import (
    SIMPLIFIED,
    detect_script,
    drop_replacement_characters,
    strip_pinyin,
    to_simplified,
)

from .headers import COUNT_FIELDS, EXTRA_FIELDS, label

TEXT_FIELDS = ("summary", "area", "place", "units_text", "types", "channel", "investigation", "handling",
               "accountability", "goal", "category", "remark")
TEXT_LIMITS = {"area": 200, "types": 200, "channel": 32}
_TOTAL = re.compile(r"^(合计|小计|总计|共计)")
_ASCII_END = re.compile(r"[A-Za-z0-9]$")


@dataclass(eq=False)
class CaseSpec:
    row: int
    values: dict = field(default_factory=dict)
    original: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    type_words: list = field(default_factory=list)
    complainant: tuple = ("", "")

    @property
    def key(self):
        """What identifies the case in its batch: its number, else its serial, else its row."""
        return self.values.get("number") or (f"#{self.values['serial']}" if self.values.get("serial") else
                                             f"@{self.row}")


def repaired(text):
    """A cell without the damage of a bad conversion (pinyin brackets, U+FFFD, lone question marks)."""
    if not text:
        return text
    text = strip_pinyin(drop_replacement_characters(text)[0])[0]
    return strip_conversion_junk(text)


def join_broken_rows(grid, header):
    """[(spreadsheet row number, cells)] with continuation rows folded into the row above."""
    anchors = [header.by_field[f] for f in ("serial", "number") if f in header.by_field]
    rows = []
    for index in range(header.body_start, len(grid)):
        cells = list(grid[index]) + [""] * (len(header.names) - len(grid[index]))
        if not any(cells):
            continue
        continuation = rows and anchors and not any(cells[i] for i in anchors)
        if continuation:
            previous = rows[-1][1]
            for i, value in enumerate(cells):
                if value and i < len(previous) and value != previous[i]:
                    glue = " " if _ASCII_END.search(previous[i]) and value[:1].isascii() else ""
                    previous[i] = f"{previous[i]}{glue}{value}"
            continue
        rows.append((index + 1, cells))
    return rows


class RowReader:
    def __init__(self, header, errors, sample_text):
        self.header = header
        self.errors = errors
        self.fine_unit = header.fine_unit()
        self.convert = detect_script(sample_text) != SIMPLIFIED

    def _error(self, row, field_name, reason):
        self.errors.append(RowError(row, self.header.column_name(field_name), reason))

    def _cells(self, row, cells, spec):
        found = {}
        for i, name in self.header.columns.items():
            delivered = cells[i] if i < len(cells) else ""
            value = repaired(delivered)
            if self.convert and value:
                value = to_simplified(value)[0]
            if value != delivered and name in TEXT_FIELDS:
                spec.original[label(name)] = delivered
            found[name] = value
        return found

    def read(self, row, cells):
        spec = CaseSpec(row=row)
        cells = self._cells(row, cells, spec)
        first = next((v for v in cells.values() if v), "")
        if _TOTAL.match(first.replace(" ", "")):
            return None
        v = spec.values
        serial = cells.get("serial", "")
        if serial:
            v["serial"] = count_of(serial)
            if v["serial"] is None:
                self._error(row, "serial", _("序号“%(v)s”不是数字。") % {"v": serial[:20]})
        number = parse_number(cells.get("number", ""))
        if len(number.raw) > 64:
            self._error(row, "number", _("受理编号过长（最多 64 个字符）。"))
        v.update(number_raw=number.raw, number=number.number, is_key=number.is_key, number_channel=number.channel,
                 number_round=number.round, number_province=number.province, number_date=number.date,
                 number_serial=number.serial)
        if cells.get("key", "") in ("是", "重点件", "√", "Y"):
            v["is_key"] = True
        v["summary"] = cells.get("summary", "")
        if not v["summary"]:
            self._error(row, "summary", _("问题内容为空。"))
        for name in ("area", "channel", "investigation", "handling", "accountability"):
            v[{"area": "area_text"}.get(name, name)] = cells.get(name, "")
        v["rectification_goal"] = cells.get("goal", "")
        v["type_text"] = cells.get("types", "")
        for name, limit in TEXT_LIMITS.items():
            if len(cells.get(name, "")) > limit:
                self._error(row, name, _("内容过长（最多 %(n)s 个字符）。") % {"n": limit})
        spec.type_words = split_types(v["type_text"])
        self._verdict_and_state(row, cells, v)
        self._figures(row, cells, v)
        spec.extra = {self.header.column_name(f): cells[f] for f in EXTRA_FIELDS if cells.get(f)}
        spec.complainant = (cells.get("complainant_name", "")[:64], cells.get("complainant_contact", "")[:64])
        return spec

    def _verdict_and_state(self, row, cells, v):
        text = cells.get("verdict", "")
        verdict = verdict_of(text)
        if verdict is None:
            self._error(row, "verdict", _("“%(v)s”不是核实结论（应为属实、基本属实、部分属实、不属实或是、否）。")
                        % {"v": text[:20]})
        v["verdict"], v["verdict_text"] = verdict or "", text[:32]
        text = cells.get("state", "")
        state = state_of(text)
        if state is None:
            self._error(row, "state", _("“%(v)s”不是办结状态（应为已办结、阶段性办结或正在办理）。") % {"v": text[:20]})
        v["state"] = state or "handling"

    def _figures(self, row, cells, v):
        for name in COUNT_FIELDS:
            text = cells.get(name, "")
            count = count_of(text)
            if count is None:
                self._error(row, name, _("“%(v)s”不是数字。") % {"v": text[:20]})
            v[name] = count or 0
        text = cells.get("fine", "")
        fine = yuan_of(text, self.fine_unit)
        if fine is None:
            self._error(row, "fine", _("罚款“%(v)s”不是金额。") % {"v": text[:20]})
        v["fine_yuan"] = fine if fine is not None else 0
        for name in ("latitude", "longitude"):
            text = cells.get(name, "")
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                value = None
            limit = 90 if name == "latitude" else 180
            if value is None or abs(value) > limit:
                self._error(row, name, _("“%(v)s”不是有效的坐标。") % {"v": text[:20]})
            else:
                v[name] = round(value, 6)
