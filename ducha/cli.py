"""The `ducha` console command: Django's management commands plus the project's own.

`ducha tasks import …`, `ducha audit verify`, `ducha air aqi …` are ordinary
management commands with sub-commands, so one entry point serves both.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ducha"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
