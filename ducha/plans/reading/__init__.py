"""Reading rectification plans (整改方案): plain Python, no Django.

`parse_text`, `parse_path`, `parse_bytes` and `normalize` are the entry points
(see `parse.py`); each step lives in its own module: `normalize` (text
repair), `formats` (txt/docx/pdf/html to text), `outline` (一、/（一）/1. …),
`targets`, `deadlines`, `counts`, `units`, `facts`.
"""

from ducha.plans.reading.normalize import normalize
from ducha.plans.reading.parse import parse_bytes, parse_path, parse_text

__all__ = ["normalize", "parse_bytes", "parse_path", "parse_text"]
