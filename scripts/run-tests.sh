#!/usr/bin/env bash
# Run the whole suite on SQLite, then on PostgreSQL when one answers at
# TEST_DATABASE_URL. REQUIRE_POSTGRES=1 makes a missing PostgreSQL a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
ran=()
status=0

echo "== 测试 / tests on SQLite"
DATABASE_URL="sqlite:///$PWD/var/test.sqlite3" $BIN/python -m pytest "$@"
rc=$?
[ $rc -eq 0 ] && ran+=("SQLite: passed") || { ran+=("SQLite: FAILED (exit $rc)"); status=1; }

if DATABASE_URL="$TEST_DATABASE_URL" $BIN/python scripts/pg_ready.py; then
  echo "== 测试 / tests on PostgreSQL ($TEST_DATABASE_URL)"
  DATABASE_URL="$TEST_DATABASE_URL" $BIN/python -m pytest "$@"
  rc=$?
  [ $rc -eq 0 ] && ran+=("PostgreSQL: passed") || { ran+=("PostgreSQL: FAILED (exit $rc)"); status=1; }
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  ran+=("PostgreSQL: REQUIRED but not reachable at $TEST_DATABASE_URL")
  status=1
else
  ran+=("PostgreSQL: skipped (not reachable at $TEST_DATABASE_URL; set REQUIRE_POSTGRES=1 to fail instead)")
fi

echo
echo "== databases:"
printf '   %s\n' "${ran[@]}"
exit $status
