"""`make bench` / `python -m benchmarks [NAME ...]`: run the benchmark modules.

Each `benchmarks/bench_<name>.py` exposes `main(argv=None)`. With no names,
all run in turn. Extra arguments after `--` go to each module.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def available():
    here = Path(__file__).parent
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1 :]
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        sys.exit(f"unknown benchmark(s) {unknown}; available: {available()}")
    for name in names:
        print(f"== benchmark {name}", flush=True)
        importlib.import_module(f"benchmarks.bench_{name}").main(extra)


if __name__ == "__main__":
    main()
