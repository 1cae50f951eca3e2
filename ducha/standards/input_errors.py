"""Bad-input reports of the monitoring-data readers (air, water).

The users are Chinese government staff, so the messages are plain
Simplified Chinese strings here: ducha.standards imports no Django, and no
English catalogue is wanted yet (stdlib gettext could wrap these later).
Each message names the row as a spreadsheet shows it (the header is row 1)
and the column as written in the file, like `ducha tasks import`:
"第 7 行，列 pm25：无法识别的数值“12,5”". A reader collects up to
MAX_ERRORS cells and the total count, then raises once.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_ERRORS = 50


@dataclass(frozen=True, order=True)
class CellError:
    row: int  # 0: not tied to a row (header, whole file)
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row and self.column:
            return f"第 {self.row} 行，列 {self.column}：{self.reason}"
        if self.row:
            return f"第 {self.row} 行：{self.reason}"
        if self.column:
            return f"列 {self.column}：{self.reason}"
        return self.reason


class InputErrors(ValueError):
    """Raised with the first MAX_ERRORS bad cells (in row order) and the total."""

    def __init__(self, errors: str | list[CellError], total: int | None = None):
        if isinstance(errors, str):
            errors = [CellError(0, "", errors)]
        self.errors = sorted(errors, key=lambda e: e.row)[:MAX_ERRORS]
        self.total = max(total or 0, len(errors))
        super().__init__(self.text())

    def text(self) -> str:
        lines = [str(e) for e in self.errors]
        if self.total > len(self.errors):
            lines.append(f"…共 {self.total} 处错误")
        return "\n".join(lines)


class ErrorList:
    """Collects cells in reading order; counts every one, keeps MAX_ERRORS."""

    def __init__(self):
        self.errors: list[CellError] = []
        self.total = 0

    def add(self, row: int, column: str, reason: str) -> None:
        self.total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(CellError(row, column, reason))

    def extend(self, cells: list[CellError], count: int) -> None:
        """Cells of one check (at most MAX_ERRORS of them) out of `count`;
        InputErrors keeps the first MAX_ERRORS rows of all checks."""
        self.total += count
        self.errors.extend(cells)

    def __bool__(self) -> bool:
        return self.total > 0

    def raise_if_any(self, error_class: type[InputErrors], columns=()) -> None:
        """Raises with the cells of each row in the order of `columns` (the
        file's header), so the report reads like the spreadsheet."""
        if self.total:
            place = {c: i for i, c in enumerate(columns)}
            self.errors.sort(key=lambda e: (e.row, place.get(e.column, -1)))
            raise error_class(self.errors, self.total)


def quoted(text) -> str:
    return f"“{'' if text is None else text}”"
