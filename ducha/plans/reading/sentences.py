"""Sentences of the cleaned text, with their place and the year they speak of.

A sentence ends at 。！？； or the end of a paragraph (line). Its `text` is an
exact slice of the cleaned text, so a review page can highlight it.

The year a sentence speaks of is, in order: one it states itself ("2021年，…",
"到2022年", "到“十四五”末"); one stated earlier in the same paragraph
("到2020年，…达到81%。…无劣Ⅴ类水体断面。"); one in the heading of a section
holding it; the document's year.
"""

import re
from dataclasses import dataclass

from ducha.plans.reading.outline import Section, enclosing

_END = re.compile(r"[。！？；]+|\n")

# The five-year plans (十三五 = 2016–2020); "到十四五末" means the end of 2025.
FIVE_YEAR_PLANS = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_FIVE_YEAR = re.compile(r"[“\"']?(十[一二三四五六]五)[”\"']?(?:规划)?(?:末|期末|时期末)")
# A base year ("比2015年下降", "较2017-2018年") is not the year a sentence speaks of.
# The start of a change ("自2014年23.5降低至2016年20.0") is not it either.
_YEAR = re.compile(r"(?<![\d.])(?<![比较自由从])(?<![比较]\d{4}[-—～至])((?:19|20)\d{2})\s*年(?!以来|来|间|代|度以来)")


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    line: int  # 1-based line (paragraph) of the cleaned text
    year: int | None = None  # the year it speaks of, after context


def split(clean_text: str) -> list[Sentence]:
    sentences = []
    line = 1
    pos = 0
    for m in _END.finditer(clean_text + "\n"):
        chunk_end = m.end() if m.group() != "\n" else m.start()
        chunk_end = min(chunk_end, len(clean_text))
        raw = clean_text[pos:chunk_end]
        stripped = raw.strip()
        if stripped:
            start = pos + raw.index(stripped)
            sentences.append(Sentence(stripped, start, start + len(stripped), line))
        if m.group() == "\n":
            line += 1
        pos = m.end()
    return sentences


def stated_year(text: str) -> int | None:
    """The year a piece of text names as its horizon, if any."""
    m = _FIVE_YEAR.search(text)
    if m:
        return FIVE_YEAR_PLANS[m.group(1)]
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


_RELATIVE = re.compile(r"(?<![比较同])(?:(去年|上一年)|(今年|本年度?|当年))")


def _relative_year(text: str, doc_year: int | None) -> int | None:
    """"去年" is the year before the document's, "今年" its own (a report of 2021 on 2020)."""
    m = _RELATIVE.search(text) if doc_year else None
    if not m:
        return None
    return doc_year - 1 if m.group(1) else doc_year


def assign_years(sentences: list[Sentence], sections: list[Section], doc_year: int | None) -> None:
    """Set each sentence's `year` from itself, its paragraph, its sections, the document."""
    carried_line, carried = None, None
    for s in sentences:
        own = stated_year(s.text) or _relative_year(s.text, doc_year)
        if s.line != carried_line:
            carried_line, carried = s.line, None
        if own:
            carried = own
            s.year = own
            continue
        if carried:
            s.year = carried
            continue
        for section in reversed(enclosing(sections, s.line)):
            y = stated_year(section.heading)
            if y:
                s.year = y
                break
        else:
            s.year = doc_year


def in_quotes(text: str, index: int) -> bool:
    """Whether position `index` of `text` lies inside “…” (a slogan such as “两个维护”)."""
    opened = text.rfind("“", 0, index)
    return opened >= 0 and text.find("”", opened, index) < 0
