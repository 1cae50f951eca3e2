"""Where a file-to-file command puts its result: the output file, written
whole (a reader never sees half of it), or standard output."""

import sys

from ducha.standards.csv_files import write_text_atomic


def emit(command, text: str, output: str | None, note: str) -> None:
    """`text` to `output` (then `note` on standard error) or to standard output."""
    if output:
        write_text_atomic(text, output)
        command.stderr.write(f"{note} -> {output}")
    else:
        sys.stdout.flush()
        command.stdout.write(text, ending="")
