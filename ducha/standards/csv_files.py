"""Reading a CSV table and writing an output whole, for the command front ends."""

from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


# Bounds: the tables read here (sections, stations) have hundreds or
# thousands of rows and short cells. A file with a megabyte-long cell or
# millions of rows is not one; it is refused by row before it fills memory.
MAX_ROWS = 100_000
MAX_FIELD_CHARS = 10_000


def read_table(path, error_class: type[Exception],
               max_rows: int = MAX_ROWS) -> tuple[list[str], list[dict[str, str]]]:
    """Header (names stripped) and rows of a UTF-8 CSV; `error_class` for a
    missing file, another encoding, an over-long cell or too many rows, in
    Chinese like the cell errors."""
    previous = csv.field_size_limit(MAX_FIELD_CHARS)  # process-wide: restored below
    reader = None
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = []
            for row in reader:
                if len(rows) == max_rows:
                    raise error_class(f"第 {reader.line_num} 行：文件超过 {max_rows} 行数据，请分批处理")
                rows.append(row)
    except UnicodeDecodeError:
        raise error_class(f"文件不是 UTF-8 编码的文本：{path}") from None
    except FileNotFoundError:
        raise error_class(f"文件不存在：{path}") from None
    except csv.Error:
        line = reader.line_num + 1 if reader is not None else 1  # the line being read when it failed
        raise error_class(f"第 {line} 行：单元格超过 {MAX_FIELD_CHARS} 个字符（或引号不成对）") from None
    finally:
        csv.field_size_limit(previous)
    return header, rows


@contextmanager
def atomic_output(out):
    """A temporary path beside `out`, renamed to `out` when the block ends
    without an error (removed otherwise): a reader never sees half a file."""
    out = Path(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent or ".", prefix=f".{out.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_text_atomic(text: str, out) -> None:
    with atomic_output(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
