"""Plan reading benchmark: parse a 20-page plan (about 16,000 characters).

    python -m benchmarks plan_parse
    python -m benchmarks plan_parse -- --chars 32000 --runs 5
    python -m benchmarks plan_parse -- --traditional   # damaged: Taiwan Traditional + pinyin
    python -m benchmarks plan_parse -- --files         # also from .docx and .pdf bytes

The plan is built by joining the published plans in ducha/plans/tests/data/
(repeated when more text is asked for) up to the requested size at a line
boundary. Reported: the parse of the text (normalise, outline, extraction),
best and median of several runs, and the first (cold) run, which includes
loading OpenCC's dictionaries. Target: <= 1 s per 20-page plan.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "ducha" / "plans" / "tests" / "data"
TARGET_SECONDS = 1.0


def build_plan(chars: int) -> str:
    sources = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    lines = [line for text in sources for line in text.split("\n")]
    out, size = [], 0
    while size < chars:
        for line in lines:
            if size >= chars:
                break
            out.append(line)
            size += len(line) + 1
    return "\n".join(out)


def damage(text: str) -> str:
    import opencc

    damaged = opencc.OpenCC("s2twp").convert(text)
    for word, pinyin in (("區", "qū"), ("環", "huán"), ("黨", "dǎng")):
        damaged = damaged.replace(word, f"{word}({pinyin})")
    return damaged


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench_plan_parse")
    parser.add_argument("--chars", type=int, default=16_000, help="size of the plan (≈800 characters a page)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--traditional", action="store_true", help="parse a Traditional copy with pinyin damage")
    parser.add_argument("--files", action="store_true", help="also time parse_bytes on .docx and .pdf versions")
    args = parser.parse_args(argv)

    text = build_plan(args.chars)
    if args.traditional:
        text = damage(text)
    from ducha.plans.reading import parse_bytes, parse_text

    times = []
    result = None
    for _ in range(args.runs + 1):
        t0 = time.perf_counter()
        result = parse_text(text)
        times.append(time.perf_counter() - t0)
    cold, warm = times[0], times[1:]
    best, median = min(warm), statistics.median(warm)
    pages = len(text) / 800
    print(f"plan of {len(text):,} characters (≈{pages:.0f} A4 pages), script {result['source']['script']}: "
          f"{len(result['sections'])} sections, {len(result['targets'])} targets, "
          f"{len(result['deadlines'])} deadlines, {len(result['counts'])} counts, {len(result['units'])} units")
    print(f"parse: cold {cold:.3f} s, best {best:.3f} s, median {median:.3f} s over {len(warm)} runs "
          f"(target <= {TARGET_SECONDS:.1f} s) -> {'OK' if median <= TARGET_SECONDS else 'TOO SLOW'}")
    if args.files:
        for name, data in _files(text):
            t0 = time.perf_counter()
            parse_bytes(data, name)
            print(f"parse_bytes({name}, {len(data):,} bytes): {time.perf_counter() - t0:.3f} s")
    return median


def _files(text: str):
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    yield "plan.docx", buf.getvalue()
    font = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not font.exists():
        print("(no CJK font for the PDF: apt-get install -y fonts-wqy-zenhei)")
        return
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("wqy", fname=str(font))
    pdf.set_font("wqy", size=12)
    pdf.add_page()
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 8, line.strip().replace("•", ""), new_x="LMARGIN", new_y="NEXT")
    yield "plan.pdf", bytes(pdf.output())


if __name__ == "__main__":
    main()
