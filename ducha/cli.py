"""The `ducha` console command: Django's management commands plus the project's own.

`ducha tasks import …`, `ducha audit verify`, `ducha air aqi …` are ordinary
management commands with sub-commands, so one entry point serves both.
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ducha.settings")
    from django.core.management import execute_from_command_line

    from django.db.utils import OperationalError, ProgrammingError

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ducha"
    try:
        execute_from_command_line(argv)
    except (OperationalError, ProgrammingError) as exc:
        if not _missing_table(exc):
            raise
        sys.stderr.write(f"数据库尚未初始化（{str(exc).splitlines()[0]}），请先运行 `ducha migrate` / the database has no tables yet: "
                         f"run `ducha migrate` first\n")
        sys.exit(2)


def _missing_table(exc) -> bool:
    """A command run against a database nobody has migrated: SQLite's "no such table", PostgreSQL's
    undefined table (SQLSTATE 42P01)."""
    cause = exc.__cause__
    return "no such table" in str(exc) or getattr(cause, "sqlstate", None) == "42P01"


if __name__ == "__main__":
    main()
