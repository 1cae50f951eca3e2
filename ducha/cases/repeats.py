"""Finding repeat complaints (重复件) among all cases of all rounds.

Two ways a later case repeats an earlier one:
- it cites the earlier case's number in its text (reason `cited`, score 1);
- it is about the same place (same division, or either unrouted) and its text is near-identical:
  character-shingle Jaccard ≥ the threshold (reason `similar`, the exact Jaccard as score).

Texts are compared with ducha.similarity (shingles, datasketch MinHash signatures, exact Jaccard).
To compare a batch with every earlier case without loading them, each case's signature is cut into
BANDS bands of ROWS values and each band hashed, with the case's place (its county; the inspection's
division while unrouted), to a 63-bit key stored in RepeatBand (indexed):
earlier cases sharing a band with a new one are the candidates, verified by the exact Jaccard of the
two texts. With 32 bands of 4 and at least MIN_SHARED = 2 bands in common, a pair at Jaccard 0.6 becomes a
candidate with probability ≈ 0.94, at 0.7 ≈ 0.9996, at 0.8 ≈ 1 (one shared band alone is mostly template
wording shared by unrelated complaints); pairs below the threshold (DUCHA_CASE_REPEAT_THRESHOLD, default
0.6: copies with names, dates and figures changed score 0.6–0.9) are never proposed.
"""

from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from ducha.cases.models import Case, RepeatBand
from ducha.cases.reading.numbers import CITED
from ducha.db.bulk import insert_rows
from ducha import similarity

BANDS, ROWS = 32, 4
# Candidates share at least this many bands: one shared band is mostly template wording ("群众多次反映").
MIN_SHARED = 2
DEFAULT_THRESHOLD = 0.6
NUM_PERM = BANDS * ROWS
CHUNK = 900  # values per IN (…) list, under SQLite's variable limit


def threshold():
    return float(getattr(settings, "DUCHA_CASE_REPEAT_THRESHOLD", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Found:
    case_id: int
    earlier_id: int
    reason: str
    score: float


_MUL = np.uint64(0x9E3779B97F4A7C15)


def bands_of(shingle_sets, places=None):
    """For each non-empty shingle set, its BANDS band keys (non-negative 63-bit ints): the ROWS MinHash
    values of each band mixed with the band's index and the case's place (its division's id), so that only
    cases of the same place share keys (vectorised over all sets at once)."""
    if not shingle_sets:
        return []
    places = np.asarray(places if places is not None else [0] * len(shingle_sets), dtype=np.uint64)
    values = np.stack([m.hashvalues for m in similarity.signatures(shingle_sets, NUM_PERM)]).astype(np.uint64)
    values = values.reshape(len(shingle_sets), BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * _MUL
        keys = np.broadcast_to(keys, values.shape[:2]) ^ (places[:, None] * np.uint64(0xC2B2AE3D27D4EB4F))
        for row in range(ROWS):
            keys = (keys ^ values[:, :, row]) * _MUL
            keys ^= keys >> np.uint64(29)
    return (keys >> np.uint64(1)).astype(np.int64).tolist()


def fingerprint(cases):
    """Store the band keys of `cases` ([(pk, summary, place)]) that have none yet. Returns the shingles by pk."""
    pks = [pk for pk, _text, _place in cases]
    places = {pk: place for pk, _text, place in cases}
    done = set()
    for start in range(0, len(pks), CHUNK):
        done.update(RepeatBand.objects.filter(case_id__in=pks[start:start + CHUNK]).values_list("case_id", flat=True))
    sets = dict(zip(pks, similarity.shingles_many([text for _pk, text, _place in cases])))
    todo = [pk for pk in pks if pk not in done and len(sets[pk])]
    rows = [(pk, key) for pk, keys in zip(todo, bands_of([sets[pk] for pk in todo], [places[pk] for pk in todo])) for key in keys]
    # In key order, the rows go into the (band, case) index page after page instead of all over it: a batch's
    # 160,000 keys among 10 million took 2.7 s in arrival order.
    rows.sort(key=itemgetter(1))
    with transaction.atomic():
        insert_rows(RepeatBand, ["case", "band"], rows)
    return sets


def _is_earlier(a, b):
    """Is case row a (transferred_on, pk) earlier than b?"""
    return (a[0], a[1]) < (b[0], b[1])


def _cited(new):
    """Cases whose number a new case cites: {new pk: [earlier pks]}."""
    wanted = {}
    for pk, _date, _division, text in new:
        for number in set(CITED.findall(text or "")):
            wanted.setdefault(number, []).append(pk)
    found = {}
    numbers = list(wanted)
    for start in range(0, len(numbers), CHUNK):
        for earlier, number in Case.objects.filter(number__in=numbers[start:start + CHUNK]).values_list("pk", "number"):
            for pk in wanted[number]:
                if pk != earlier:
                    found.setdefault(pk, []).append(earlier)
    return found


def _candidates(new_pks):
    """{new pk: set of other pks sharing at least MIN_SHARED bands}, for the new cases with stored bands.

    The database joins each new case's band rows with every other case's rows of the same keys (the
    (band, case) index alone) and counts the shared bands per pair: a batch of 5,000 shares 600,000 band rows
    with 300,000 earlier cases, of which some 50,000 pairs remain, so only those leave the database."""
    table = connection.ops.quote_name(RepeatBand._meta.db_table)
    out = {}
    with connection.cursor() as cursor:
        for start in range(0, len(new_pks), CHUNK):
            chunk = new_pks[start:start + CHUNK]
            cursor.execute(
                f"SELECT n.case_id, o.case_id FROM {table} n JOIN {table} o ON o.band = n.band "
                f"WHERE n.case_id IN ({', '.join(['%s'] * len(chunk))}) AND o.case_id <> n.case_id "
                f"GROUP BY n.case_id, o.case_id HAVING COUNT(*) >= %s", [*chunk, MIN_SHARED])
            for pk, other in cursor.fetchall():
                out.setdefault(pk, set()).add(other)
    return out


def find(cases):
    """Repeats of `cases` (a Case queryset) among all earlier cases: a list of Found, best first per case."""
    fields = ("pk", "transferred_on", "division_id", "summary")
    new = list(cases.order_by().values_list(*fields, "inspection__division_id"))
    if not new:
        return []
    sets = fingerprint([(pk, text, division or home) for pk, _d, division, text, home in new])
    new = [row[:4] for row in new]
    rows = {row[0]: row for row in new}
    cited = _cited(new)
    candidates = _candidates(list(rows))
    others = {o for group in candidates.values() for o in group} | {o for g in cited.values() for o in g}
    others = list(others - set(rows))
    for start in range(0, len(others), CHUNK):
        for row in Case.objects.filter(pk__in=others[start:start + CHUNK]).values_list(*fields):
            rows[row[0]] = row
    missing = [pk for pk in rows if pk not in sets]
    sets.update(zip(missing, similarity.shingles_many([rows[pk][3] for pk in missing])))
    limit, out = threshold(), []

    for pk, _date, division, _text in new:
        me = (rows[pk][1], pk)
        seen = set()
        for earlier in cited.get(pk, []):
            if earlier in rows and _is_earlier((rows[earlier][1], earlier), me) and earlier not in seen:
                seen.add(earlier)
                out.append(Found(pk, earlier, "cited", 1.0))
        for other in sorted(candidates.get(pk, ())):
            row = rows.get(other)
            if row is None or other in seen or not _is_earlier((row[1], other), me):
                continue
            if division and row[2] and row[2] != division:
                continue
            score = similarity.jaccard(sets[pk], sets[other])
            if score >= limit:
                out.append(Found(pk, other, "similar", round(score, 3)))
    return out


def signed_off(earlier_ids):
    """Which of these cases had their task signed off (a repeat of them is a possible rebound)."""
    from ducha.ledger.models import TaskState

    ids = list(earlier_ids)
    found = set()
    for start in range(0, len(ids), CHUNK):
        found.update(Case.objects.filter(Q(pk__in=ids[start:start + CHUNK]), task__state=TaskState.SIGNED_OFF)
                     .values_list("pk", flat=True))
    return found
