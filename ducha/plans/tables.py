"""Task-list tables inside a plan's text (plain Python, no Django).

The reader writes a table of a .docx as its header row ("序号\t整改目标\t…")
followed by one labelled line per row ("序号：1；整改目标：…；责任单位：…。").
`text_tables` gives each table back as a grid, so its columns are read by the
ledger importer's header reading like any spreadsheet's.
"""

import re

# Cells of the header row: tab-separated as written, or two spaces apart once the text is cleaned.
_CELL_GAP = re.compile(r"\t| {2,}")
_HEADER = re.compile(r"^\S+(?:(?:\t| {2,})\S+){2,}$", re.M)


def _row(line: str, header: list[str]) -> list[str] | None:
    values, names = {}, set(header)
    for part in re.split(r"[；;]", line.rstrip("。")):
        label, sep, value = part.partition("：")
        if sep and label.strip() in names:
            values[label.strip()] = value.strip()
        elif values and part:  # a "；" inside a cell: it continues the last one
            last = next(reversed(values))
            values[last] += "；" + part
    return [values.get(name, "") for name in header] if values else None


def text_tables(text: str) -> list[tuple[list, dict]]:
    """[(grid, {grid row index: offset of its line in text})] of the labelled tables in text."""
    out = []
    for m in _HEADER.finditer(text or ""):
        header = [cell.strip() for cell in _CELL_GAP.split(m.group())]
        grid, offsets, at = [header], {}, m.end() + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            line = text[at:end]
            row = _row(line, header) if line.startswith(header[0] + "：") or "：" in line[:12] else None
            if row is None:
                break
            offsets[len(grid)] = at
            grid.append(row)
            at = end + 1
        if len(grid) > 1:
            out.append((grid, offsets))
    return out
