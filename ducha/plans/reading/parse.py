"""Entry points: a plan's text, file or bytes in, the proposed structure out.

The result is a plain dict (JSON-ready) with exactly these keys: source
{format, script, repairs}, title, issuer, date, sections, targets, deadlines,
counts, units. Every extracted item carries `text`, the cleaned sentence it
came from, an exact substring of the cleaned text. A person confirms each
item; nothing here writes anywhere.
"""

from pathlib import Path

from ducha.plans.reading import sentences as sentence_mod
from ducha.plans.reading.counts import find_counts
from ducha.plans.reading.deadlines import find_deadlines
from ducha.plans.reading.facts import document_facts, document_year, is_report
from ducha.plans.reading.formats import UnreadableDocument, extract
from ducha.plans.reading.normalize import detect_script, normalize
from ducha.plans.reading.outline import outline
from ducha.plans.reading.targets import find_targets
from ducha.plans.reading.units import find_units

__all__ = ["UnreadableDocument", "analyse", "parse_bytes", "parse_path", "parse_text"]


def analyse(text: str, *, fmt: str = "txt", known_units=None) -> tuple[str, dict]:
    """(clean_text, result): the parse together with the text its `text` fields point into."""
    script = detect_script(text)
    clean, repairs = normalize(text)
    facts = document_facts(clean)
    report = is_report(facts["title"], clean)
    year = document_year(facts, clean, report=report)
    sections = outline(clean)
    sentences = sentence_mod.split(clean)
    sentence_mod.assign_years(sentences, sections, year)
    deadlines = find_deadlines(sentences)
    result = {
        "source": {"format": fmt, "script": script, "repairs": repairs},
        "title": facts["title"],
        "issuer": facts["issuer"],
        "number": facts["number"],
        "date": facts["date"].isoformat() if facts["date"] else None,
        "sections": [s.as_dict() for s in sections],
        "targets": find_targets(sentences, year, report=report),
        "deadlines": [{"date": d["date"].isoformat() if d["date"] else None, "kind": d["kind"], "text": d["text"]}
                      for d in deadlines],
        "counts": find_counts(sentences),
        "units": find_units(sentences, known_units),
    }
    return clean, result


def parse_text(text: str, *, fmt: str = "txt", known_units=None) -> dict:
    """Parse a plan's text (as extracted from any format)."""
    return analyse(text, fmt=fmt, known_units=known_units)[1]


def parse_bytes(data: bytes, filename: str, *, known_units=None) -> dict:
    """Parse an uploaded file; the format comes from the file name's extension.

    Raises UnreadableDocument (a ValueError) with a Chinese message for an
    unsupported, empty, damaged or text-less file.
    """
    fmt, text = extract(data, filename)
    return parse_text(text, fmt=fmt, known_units=known_units)


def parse_path(path, *, known_units=None) -> dict:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableDocument(f"无法打开文件“{path}”：{exc.strerror or exc}") from exc
    return parse_bytes(data, path.name, known_units=known_units)
