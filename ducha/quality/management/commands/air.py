"""`ducha air aqi`, `ducha air evaluate` and `ducha air rank`: thin wrappers over ducha.standards."""

import sys
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from ducha.standards.air_aqi_csv import AqiInputError, aqi_csv, write_atomic
from ducha.standards.air_bulk import HourlyDataError
from ducha.standards.air_evaluate import COLUMNS, evaluate_hourly_period
from ducha.standards.air_rank import WEIGHTS
from ducha.standards.air_rank_csv import RankInputError, cut_lists, rank_file, to_csv

from ..output import emit


def _cell(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return str(v)
    return str(v)


class Command(BaseCommand):
    help = "空气质量 / air quality: HJ 633 daily AQI and HJ 663 period evaluation."

    # Pure file-to-file computations: no database, so no system checks (they import the
    # whole REST stack and cost about a second of start-up).
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        a = sub.add_parser("aqi", help="daily AQI of station-days (HJ 633-2012 / HJ 633-2026)")
        a.add_argument("input")
        a.add_argument("-o", "--output", help="output CSV (default: standard output)")
        a.add_argument("--standard", choices=["auto", "2012", "2026"], default="auto")
        e = sub.add_parser("evaluate", help="period evaluation from hourly data (HJ 663, GB 3095)")
        e.add_argument("input")
        e.add_argument(
            "--period",
            required=True,
            help="2025, 2025-03, 2025-Q2, 2025-01-01..2025-06-30, or 2025-YTD: year to date, from 1 January to "
            "--until or, without it, to the last day with a valid daily value (each month the period touches "
            "must meet the monthly count rule)",
        )
        e.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD", help="last day of a YYYY-YTD period")
        e.add_argument("--by", choices=["station", "city"], default="station")
        e.add_argument("--standard", choices=["auto", "2012", "2026"], default="auto", help="HJ 633 edition for daily AQI")
        e.add_argument("--limits", choices=["2012", "2026", "2026-final"], help="GB 3095 limit set (default: in force at the period end)")
        e.add_argument("-o", "--output", help="output CSV (default: standard output)")
        r = sub.add_parser(
            "rank",
            help="composite index (single indices Ci/Si rounded to 2 decimals, then summed) and ranks of cities "
            "(环办监测〔2018〕19号 as published); input city,period,so2,no2,pm10,pm25,co,o3_8h or the output of "
            "`ducha air evaluate --by city`",
        )
        r.add_argument("input")
        r.add_argument("-o", "--output", help="output CSV (default: standard output)")
        r.add_argument("--rules", choices=["auto", "2018", "2026"], default="auto",
                       help="2018: GB 3095-2012 limits; 2026: GB 3095-2026 limits; auto: by the period's end")
        r.add_argument("--ties", choices=["competition", "dense"], default="competition",
                       help="equal indices share a rank; competition skips the next ranks (1,1,3), dense not (1,1,2)")
        r.add_argument("--top", type=int, metavar="N",
                       help="also print the best and worst N of each period, every city tied at the cut included")
        r.add_argument("--weights", choices=list(WEIGHTS), default="equal",
                       help="pm25x3-no2x2-o3x2: a weighting attributed to the 2026 rules, not confirmed")

    def handle(self, *args, subcommand, **opts):
        if subcommand == "rank":
            return self._rank(opts)
        try:
            if subcommand == "aqi":
                df = aqi_csv(opts["input"], opts["output"], opts["standard"])
                if not opts["output"]:
                    self.stdout.write(df.write_csv(), ending="")
                return
            rows, first, last = evaluate_hourly_period(
                opts["input"], opts["period"], until=opts["until"], by=opts["by"], standard=opts["standard"],
                limit_set=opts["limits"],
            )
        except (AqiInputError, HourlyDataError, ValueError, OSError) as exc:
            # the readers list up to 50 bad cells by row and column, in Chinese (standards.input_errors)
            raise CommandError(f"{exc}\n未写入任何数据") from None
        import polars as pl

        self.stderr.write(f"period {first}..{last}")
        df = pl.DataFrame({c: [_cell(r[c]) for r in rows] for c in COLUMNS}, schema={c: pl.String for c in COLUMNS})
        if opts["output"]:
            write_atomic(df, opts["output"])
        else:
            sys.stdout.flush()
            self.stdout.write(df.write_csv(), ending="")

    def _rank(self, opts):
        try:
            table = rank_file(opts["input"], rules=opts["rules"], ties=opts["ties"], weights=opts["weights"])
        except (RankInputError, OSError) as exc:
            raise CommandError(f"{exc}\n未写入任何数据") from None
        emit(self, to_csv(table), opts["output"], f"{len(table)} 行")
        if opts["top"]:
            for line in cut_lists(table, opts["top"]):
                self.stderr.write(line)
