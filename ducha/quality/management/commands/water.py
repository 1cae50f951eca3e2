import csv
import io
from fractions import Fraction

from django.core.management.base import BaseCommand, CommandError

from ducha.standards.water import percent, summarize
from ducha.standards.water_csv import (
    RANK_COLUMNS, WaterInputError, classify_sections, rank_cities, read_sections, summary_units, write_classified,
)
from ducha.standards.water_rank import AVERAGING, CWQI_PLACES
from ducha.standards.water_limits import CLASS_LABELS, CLASSES

from ..output import emit


class Command(BaseCommand):
    help = (
        "地表水 / surface water (GB 3838-2002, 环办[2011]22号): "
        "`ducha water classify IN.csv [-o OUT.csv]`, `ducha water summary CLASSIFIED.csv`, "
        "`ducha water rank SECTIONS.csv [-o OUT.csv]`."
    )

    # Pure file-to-file computations: no database, so no system checks (they import the
    # whole REST stack and cost about a second of start-up).
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        c = sub.add_parser(
            "classify",
            help="class, limiting items and exceedance of each section; a result below the detection limit "
            "(0.01L, <0.01, ND(0.01)) counts as half the limit (环办监测函〔2020〕82号); optional column "
            "drinking_source (1/0, 是/否)",
        )
        c.add_argument("input")
        c.add_argument("-o", "--output", help="output CSV (default: standard output)")
        s = sub.add_parser(
            "summary",
            help="Ⅰ–Ⅲ share, 劣Ⅴ share and count, and the verdict of the set. The points of one lake or "
            "reservoir are averaged first and count as one (22号 §二(二)1(2)) when the optional column "
            "water_body names the lake; without it every row counts as a section, because a lake's points "
            "cannot be told from section names without guessing",
        )
        s.add_argument("input")
        r = sub.add_parser(
            "rank",
            help="city water-quality index CWQI (城市地表水环境质量排名技术规定（试行）, 21 items against class Ⅲ, "
            "DO and pH by their own formulas, lake TP 0.05) and ranks; the classify input plus a city column; "
            "rows of one section (months) are averaged first",
        )
        r.add_argument("input")
        r.add_argument("-o", "--output", help="output CSV (default: standard output)")
        r.add_argument("--averaging", choices=list(AVERAGING), default="concentration",
                       help="concentration: mean of each item over the sections, then its index (as restated by "
                       "provinces); index: mean of the sections' single indices")
        r.add_argument("--places", type=int, default=CWQI_PLACES, help="decimals of the reported CWQI (not confirmed)")
        r.add_argument("--ties", choices=["competition", "dense"], default="competition")

    def handle(self, *args, subcommand, **options):
        try:
            getattr(self, f"_{subcommand}")(options)
        except WaterInputError as exc:
            raise CommandError(f"{exc}\n未写入任何数据") from None

    def _classify(self, options):
        sections = read_sections(options["input"])
        results = classify_sections(sections)
        buffer = io.StringIO()
        write_classified(sections, results, buffer)
        # Written only once every row has been classified.
        emit(self, buffer.getvalue(), options["output"], f"{len(sections)} 个断面 / sections")

    def _summary(self, options):
        sections = read_sections(options["input"], need_class=True)
        units = summary_units(sections)
        try:
            summary = summarize((u.water_class, u.values, u.waterbody) for u in units)
        except ValueError as exc:
            raise WaterInputError(str(exc)) from None
        out = self.stdout
        for u in units:
            if u.points > 1:
                out.write(f"{u.name}: {u.points} 个点位，按各指标均值评价为 {CLASS_LABELS[u.water_class]}")
        out.write(f"断面总数: {summary.total}")
        for c in CLASSES:
            out.write(f"{CLASS_LABELS[c]}: {summary.counts[c]} ({percent(Fraction(summary.counts[c], summary.total))}%)")
        out.write(f"Ⅰ～Ⅲ类比例: {percent(summary.good_share)}%")
        out.write(f"劣Ⅴ类: {summary.inferior_v_count} 个 ({percent(summary.inferior_v_share)}%)")
        if summary.method == "mean":
            out.write(f"断面少于5个，按各指标浓度算术平均值评价: {CLASS_LABELS[summary.mean_class]}")
        out.write(f"水质状况: {summary.verdict}")


    def _rank(self, options):
        sections = read_sections(options["input"], extra=("city",))
        rows = rank_cities(sections, averaging=options["averaging"], places=options["places"], ties=options["ties"])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RANK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        emit(self, buffer.getvalue(), options["output"], f"{len(rows)} 个城市")
