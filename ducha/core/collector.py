"""Pausing Python's cyclic garbage collector for a bulk job (no Django import).

A ledger import builds some hundred thousand objects (rows read, drafts, model instances, audit
payloads) that all live until the import ends. With the collector's default thresholds a young
collection runs every 700 allocations and each older one walks everything that survived, the
import's own objects included: about a fifth of a 10,000-row import in a process that has not tuned
its collector (the `tasks` command; the web process tunes it once, ducha.wsgi.tune_gc). Reference
counting still frees every object without a cycle; cycles made meanwhile wait for the next collection.
"""

import contextlib
import gc


@contextlib.contextmanager
def paused():
    """Run the block with the cyclic collector off, then turn it back on if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
