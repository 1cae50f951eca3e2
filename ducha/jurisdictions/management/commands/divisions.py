from django.core.management.base import BaseCommand

from ducha.jurisdictions.services import load_divisions


class Command(BaseCommand):
    help = "行政区划 / divisions: `ducha divisions load [--prefix 33]` loads GB/T 2260 codes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="load or update divisions from the bundled dataset")
        load.add_argument("--prefix", default="", help="only codes starting with this (e.g. 33 for 浙江)")

    def handle(self, *args, subcommand, prefix="", **options):
        changed = load_divisions(only_prefix=prefix)
        self.stdout.write(f"行政区划已更新 / divisions loaded: {changed} changed")
