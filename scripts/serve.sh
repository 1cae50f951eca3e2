#!/usr/bin/env bash
# The whole system as `make demo` runs it: the job worker (django-q2) beside the web server (gunicorn).
# Stopping the web server (Ctrl-C) stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}
$BIN/ducha qcluster &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
$BIN/gunicorn ducha.wsgi --bind "127.0.0.1:$PORT" --workers 2 --threads 4 --access-logfile -
