"""Reading a CSV table and writing an output whole, for the command front ends."""

from __future__ import annotations

import csv
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


def read_table(path, error_class: type[Exception]) -> tuple[list[str], list[dict[str, str]]]:
    """Header (names stripped) and rows of a UTF-8 CSV; `error_class` for a
    missing file or another encoding, in Chinese like the cell errors."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            reader.fieldnames = header
            rows = list(reader)
    except UnicodeDecodeError:
        raise error_class(f"文件不是 UTF-8 编码的文本：{path}") from None
    except FileNotFoundError:
        raise error_class(f"文件不存在：{path}") from None
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
