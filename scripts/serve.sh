#!/usr/bin/env bash
# The whole system as `make demo` runs it: the job worker (django-q2) beside the web server (gunicorn).
# Stopping the web server (Ctrl-C, or TERM to this script or to its whole process group) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
# The worker gets a process group of its own and is stopped through its main process only: a TERM that
# reaches all of django-q2's processes at once (a signal to this script's group) kills its sentinel in
# the middle of a shared lock and leaves the main process waiting for ever (django-q2 issue #346).
setsid $BIN/ducha qcluster &
worker=$!
$BIN/gunicorn ducha.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --access-logfile - &
web=$!
stopped=0
stop() {
  [ "$stopped" = 1 ] && return
  stopped=1
  kill "$web" 2>/dev/null || true
  kill -TERM "$worker" 2>/dev/null || true
  # The job in hand may finish; after 10 s the worker's whole group goes.
  for _ in $(seq 50); do kill -0 "$worker" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$worker" 2>/dev/null || true
}
# Bash runs a trap only between foreground commands, so both run in the background and the script
# waits; either one ending on its own stops the other.
trap stop EXIT INT TERM
wait -n "$web" "$worker"
