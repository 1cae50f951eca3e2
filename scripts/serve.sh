#!/usr/bin/env bash
# The whole system as `make demo` runs it: the job worker (django-q2) beside the web server (gunicorn).
# Stopping the web server (Ctrl-C) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
$BIN/ducha qcluster &
worker=$!
$BIN/gunicorn ducha.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --access-logfile - &
web=$!
# Ctrl-C or TERM stops both at once (bash runs a trap only between foreground commands, so both run in
# the background and the script waits); either one ending on its own stops the other.
trap 'kill "$web" "$worker" 2>/dev/null || true' EXIT INT TERM
wait -n "$web" "$worker"
