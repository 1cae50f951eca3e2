#!/usr/bin/env bash
# Run the whole suite on SQLite, then on PostgreSQL when one answers at
# TEST_DATABASE_URL. REQUIRE_POSTGRES=1 makes a missing PostgreSQL a failure;
# REQUIRE_BROWSER=1 makes a missing chromium a failure of the browser tests.
# The summary says which databases ran and whether the browser tests ran.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
mkdir -p var
ran=()
browser=()
status=0

# How the browser tests (marker `browser`) fared in one run, from its JUnit report.
browser_outcome() {
  $BIN/python - "$1" <<'PY'
import sys
import xml.etree.ElementTree as ET

try:
    # Browser test modules are named test_browser.py or test_*_browser.py.
    cases = [c for c in ET.parse(sys.argv[1]).iter("testcase")
             if any(part.startswith("test_") and part.endswith("browser")
                    for part in c.get("classname", "").split("."))]
except (OSError, ET.ParseError):
    print("no report"); sys.exit()
if not cases:
    print("not run (not selected)"); sys.exit()
failed = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
skipped = [c.find("skipped") for c in cases if c.find("skipped") is not None]
passed = len(cases) - failed - len(skipped)
if skipped and not passed and not failed:
    reason = (skipped[0].get("message") or "").split(":", 1)[-1].strip()
    print(f"SKIPPED ({reason})")
elif failed:
    print(f"FAILED ({failed} failed, {passed} passed, {len(skipped)} skipped)")
else:
    print(f"ran: {passed} passed, {len(skipped)} skipped")
PY
}

run_suite() {  # name, database url, pytest args...
  local name=$1 url=$2 report="var/junit-$1.xml"
  shift 2
  DATABASE_URL="$url" $BIN/python -m pytest --junitxml="$report" -o junit_family=xunit1 "$@"
  local rc=$?
  [ $rc -eq 0 ] && ran+=("$name: passed") || { ran+=("$name: FAILED (exit $rc)"); status=1; }
  browser+=("$name: $(browser_outcome "$report")")
}

echo "== 测试 / tests on SQLite"
run_suite SQLite "sqlite:///$PWD/var/test.sqlite3" "$@"

if DATABASE_URL="$TEST_DATABASE_URL" $BIN/python scripts/pg_ready.py; then
  echo "== 测试 / tests on PostgreSQL ($TEST_DATABASE_URL)"
  run_suite PostgreSQL "$TEST_DATABASE_URL" "$@"
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  ran+=("PostgreSQL: REQUIRED but not reachable at $TEST_DATABASE_URL")
  status=1
else
  ran+=("PostgreSQL: skipped (not reachable at $TEST_DATABASE_URL; set REQUIRE_POSTGRES=1 to fail instead)")
fi

echo
echo "== databases:"
printf '   %s\n' "${ran[@]}"
echo "== browser tests (chromium, marker 'browser'; REQUIRE_BROWSER=${REQUIRE_BROWSER:-0}):"
printf '   %s\n' "${browser[@]}"
exit $status
