"""Pure reading of complaint-case tables (no Django): case numbers, verdicts, types, figures."""
