"""`ducha cases …`: complaint cases from the command line.

Sub-commands: disclose, repeats (ducha.cases.management.outward)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from ducha.cases.management import outward


class Command(BaseCommand):
    help = "信访件 / complaint cases: disclosure tables, repeat proposals."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        outward.add_parsers(sub)

    def handle(self, *args, subcommand, **options):
        try:
            if subcommand in outward.NAMES:
                return outward.run(self, subcommand, options)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("；".join(getattr(error, "messages", None) or [str(error)])) from error
        raise CommandError(f"unknown sub-command {subcommand}")
