"""Near-duplicate texts among many: character-shingle MinHash with LSH, verified by exact Jaccard.

Used to find completion reports, progress reports and public notices copied from one task to
another (纸面销号, issue 9) and repeated complaint cases. No Django import.

    pairs = near_duplicates({"t1": text1, "t2": text2, ...}, threshold=0.7)
    -> [Pair(a="t1", b="t2", estimate=0.81, jaccard=0.79), ...]

How a text becomes a set (`shingles`): NFKC (full-width letters and digits to ASCII), lower case,
Traditional characters to Simplified (OpenCC's t2s, the table the plan reader's normaliser uses,
applied character by character and cached: phrasing does not matter to shingles), then everything but CJK characters, letters and digits
dropped (whitespace, punctuation, list markers), and every run of `k` consecutive characters hashed
to 32 bits (a polynomial over the code points, computed in numpy). Two texts are compared by the
Jaccard similarity of these sets: |A ∩ B| / |A ∪ B|.

Finding pairs (`SimilarityIndex`): each set's MinHash signature (datasketch, `num_perm`
permutations) goes into datasketch's MinHashLSH, whose bands are chosen for `threshold`; texts
sharing a band are candidates, and every candidate pair is verified with the exact Jaccard of the
two sets (sorted uint32 arrays, so 100,000 texts fit in a few hundred MB). A pair is returned when
the exact score reaches the threshold. LSH may miss a pair just above the threshold (a false
negative of a few per cent at the threshold, fewer further above it); it never returns a pair
below it.

What it finds on real texts (tests in ducha/similarity/tests/test_similarity.py, on sentences from the
real plans kept in ducha/plans/tests/data): a report copied to another task with the place name,
the date and the figures changed scores 0.6–0.9 with k=3; the same report in Traditional script
scores 1.0; two honest reports written on the same template (same opening and closing phrases,
different measures) score 0.2–0.35. The default threshold 0.5 sits between them.
"""

import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping

import numpy as np
import opencc
from datasketch import MinHash, MinHashLSH


DEFAULT_THRESHOLD = 0.5
DEFAULT_K = 3
DEFAULT_NUM_PERM = 64
# A shingle found in more than this share of the texts added together (and in at least
# COMMON_MIN_TEXTS of them) is template wording, not substance, and is left out.
DEFAULT_COMMON = 0.05
COMMON_MIN_TEXTS = 50
SEED = 20261130

_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF))
# Code point -> the code point it is compared as (0: dropped), and whether it was looked at yet.
_TABLE = np.zeros(0x110000, dtype=np.uint32)
_SEEN = np.zeros(0x110000, dtype=bool)


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fold_char(char: str) -> int:
    """The one character a character is compared as, as a code point (0 for punctuation and spaces)."""
    for c in unicodedata.normalize("NFKC", char).lower():
        code = ord(c)
        if any(lo <= code <= hi for lo, hi in _CJK):
            return ord(_t2s().convert(c)[:1] or c)
        if c.isascii() and c.isalnum():
            return code
    return 0


def _codes(text: str) -> np.ndarray:
    """The text's code points as compared (uint32), punctuation and spaces dropped."""
    raw = np.frombuffer((text or "").encode("utf-32-le"), dtype=np.uint32)
    unseen = np.unique(raw[~_SEEN[raw]])
    for code in unseen.tolist():
        _TABLE[code] = _fold_char(chr(code))
        _SEEN[code] = True
    codes = _TABLE[raw]
    return codes[codes != 0]


def normalize(text: str) -> str:
    """The text as compared: Simplified, half-width, lower case, only CJK characters, letters and digits."""
    return _codes(text).tobytes().decode("utf-32-le")


_MUL = np.uint64(0x9E3779B97F4A7C15)


def shingles(text: str, k: int = DEFAULT_K) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the text's k-character shingles (empty for an empty text)."""
    codes = _codes(text).astype(np.uint64)
    if not len(codes):
        return np.empty(0, dtype=np.uint32)
    if len(codes) < k:  # a text shorter than one shingle is one shingle
        codes = np.concatenate([codes, np.zeros(k - len(codes), dtype=np.uint64)])
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = (h ^ codes[i : i + n]) * _MUL
        h ^= h >> np.uint64(29)
    return np.unique((h >> np.uint64(32)).astype(np.uint32))


def shingles_many(texts: list[str], k: int = DEFAULT_K) -> list[np.ndarray]:
    """`shingles` of each text, the same arrays, computed over all the texts at once (a few numpy operations
    instead of a dozen per text: 45,000 candidate texts of a batch took 1.8 s one by one)."""
    texts = [text or "" for text in texts]
    if not texts:
        return []
    raw = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    unseen = np.unique(raw[~_SEEN[raw]])
    for code in unseen.tolist():
        _TABLE[code] = _fold_char(chr(code))
        _SEEN[code] = True
    codes = _TABLE[raw]
    keep = codes != 0
    owner = np.repeat(np.arange(len(texts), dtype=np.uint64), [len(text) for text in texts])[keep]
    codes = codes[keep].astype(np.uint64)
    # Windows of k characters within one text (the owners sorted: first and last character's owner agree).
    n = max(len(codes) - k + 1, 0)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = (h ^ codes[i : i + n]) * _MUL
        h ^= h >> np.uint64(29)
    inside = owner[:n] == owner[k - 1 :] if n else np.zeros(0, dtype=bool)
    keyed = np.sort((owner[:n][inside] << np.uint64(32)) | (h[inside] >> np.uint64(32)))
    keyed = keyed[np.concatenate(([True], keyed[1:] != keyed[:-1]))] if len(keyed) else keyed  # np.unique hashes: slower
    counts = np.bincount((keyed >> np.uint64(32)).astype(np.int64), minlength=len(texts))
    values = (keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    out = np.split(values, np.cumsum(counts)[:-1])
    lengths = np.bincount(owner.astype(np.int64), minlength=len(texts))
    for i in np.flatnonzero((lengths > 0) & (lengths < k)).tolist():  # shorter than one shingle: padded
        out[i] = shingles(texts[i], k)
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two shingle arrays from `shingles`."""
    if not len(a) or not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def similarity(text_a: str, text_b: str, k: int = DEFAULT_K) -> float:
    """Exact Jaccard similarity of two texts' shingle sets."""
    return jaccard(shingles(text_a, k), shingles(text_b, k))


def _identity(value):
    return int(value)


@lru_cache(maxsize=8)
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme="affine32")


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch's affine32 scheme applies it to each input."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signatures(shingle_sets: list[np.ndarray], num_perm: int = DEFAULT_NUM_PERM) -> list[MinHash]:
    """datasketch MinHashes (affine32 scheme, permutations fixed by SEED) of non-empty shingle arrays.

    The same values as `MinHash.update_batch` with an identity hash function, computed for a
    whole batch in a few numpy operations instead of one call per text
    (ducha/text/tests/test_similarity.py checks they agree)."""
    template = _template(num_perm)
    a, b = template.permutations
    out = []
    for start in range(0, len(shingle_sets), 64):
        batch = shingle_sets[start : start + 64]
        flat = np.concatenate(batch).reshape(-1, 1)
        with np.errstate(over="ignore"):
            permuted = _fmix32(flat) * a + b
        offsets = np.cumsum([0] + [len(s) for s in batch[:-1]])
        for hashvalues in np.minimum.reduceat(permuted, offsets, axis=0):
            out.append(MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, hashvalues=hashvalues,
                               permutations=template.permutations, scheme=template.scheme))
    return out


@dataclass(frozen=True)
class Pair:
    a: Hashable
    b: Hashable
    estimate: float  # MinHash estimate of the Jaccard similarity
    jaccard: float  # exact Jaccard similarity of the shingle sets


@dataclass(frozen=True)
class Match:
    key: Hashable
    estimate: float
    jaccard: float


class SimilarityIndex:
    """Texts added one by one; `query` finds those near a new text, `pairs` all near pairs among them."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K, num_perm: int = DEFAULT_NUM_PERM,
                 common: float | None = DEFAULT_COMMON):
        if not 0 < threshold <= 1:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold, self.k, self.num_perm, self.common = threshold, k, num_perm, common
        self._common = np.empty(0, dtype=np.uint32)  # template shingles learned so far, sorted
        # Above 0.9 datasketch's band choice degenerates (one band); candidates are verified anyway.
        self._lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=num_perm)
        self._sets: dict[Hashable, np.ndarray] = {}
        self._signatures: dict[Hashable, MinHash] = {}
        self._order: dict[Hashable, int] = {}

    def __len__(self):
        return len(self._sets)

    def add(self, key: Hashable, text: str) -> bool:
        """Index a text under a key; False (and nothing indexed) for a text with nothing to compare."""
        return self.add_many([(key, text)]) == 1

    def add_many(self, items: Iterable[tuple[Hashable, str]]) -> int:
        """Index (key, text) items; returns how many had something to compare (the others are skipped)."""
        keys, sets, seen = [], [], set()
        for key, text in items:
            if key in self._sets or key in seen:
                raise ValueError(f"key {key!r} already indexed")
            seen.add(key)
            keys.append(key)
            sets.append(shingles(text, self.k))
        sets = self._without_common(sets, learn=True)
        keys, sets = [k for k, s in zip(keys, sets) if len(s)], [s for s in sets if len(s)]
        for key, shingle_set, minhash in zip(keys, sets, signatures(sets, self.num_perm)):
            self._lsh.insert(key, minhash, check_duplication=False)
            self._sets[key], self._signatures[key] = shingle_set, minhash
            self._order[key] = len(self._order)
        return len(keys)

    def _without_common(self, sets, learn=False):
        """The sets without template shingles; with learn, those of these sets are learned first."""
        if not sets or self.common is None:
            return sets
        flat = np.concatenate(sets)
        if learn:
            values, counts = np.unique(flat, return_counts=True)
            limit = max(self.common * len(sets), COMMON_MIN_TEXTS)
            self._common = np.union1d(self._common, values[counts > limit])
        if not len(self._common):
            return sets
        # _common is sorted: a binary search per shingle, no second sort of the whole batch.
        at = np.minimum(np.searchsorted(self._common, flat), len(self._common) - 1)
        keep = self._common[at] != flat
        bounds = np.cumsum([len(s) for s in sets])[:-1]
        return [part[mask] for part, mask in zip(np.split(flat, bounds), np.split(keep, bounds))]

    def _matches(self, shingle_set, minhash, exclude=None):
        found = []
        for key in self._lsh.query(minhash):
            if key == exclude:
                continue
            score = jaccard(shingle_set, self._sets[key])
            if score >= self.threshold:
                found.append(Match(key, minhash.jaccard(self._signatures[key]), score))
        return sorted(found, key=lambda m: (-m.jaccard, self._order[m.key]))

    def query(self, text: str) -> list[Match]:
        """Indexed texts whose exact similarity to `text` reaches the threshold, the most similar first."""
        shingle_set = self._without_common([shingles(text, self.k)])[0]
        if not len(shingle_set):
            return []
        return self._matches(shingle_set, signatures([shingle_set], self.num_perm)[0])

    def pairs(self) -> list[Pair]:
        """Every near-duplicate pair among the indexed texts, each once (a added before b), best first.

        Candidates are the texts sharing an LSH bucket (read from datasketch's band tables once, rather
        than one query per text); each candidate pair is verified once by its exact Jaccard."""
        candidates = set()
        for table in self._lsh.hashtables:
            for bucket in table.keys():
                members = table.get(bucket)
                if len(members) > 1:
                    ordered = sorted(members, key=self._order.__getitem__)
                    candidates.update((a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:])
        out = []
        for a, b in candidates:
            score = jaccard(self._sets[a], self._sets[b])
            if score >= self.threshold:
                out.append(Pair(a, b, self._signatures[a].jaccard(self._signatures[b]), score))
        return sorted(out, key=lambda p: (-p.jaccard, self._order[p.a], self._order[p.b]))


def near_duplicates(texts: Mapping[Hashable, str] | Iterable[tuple[Hashable, str]],
                    threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K,
                    num_perm: int = DEFAULT_NUM_PERM, common: float | None = DEFAULT_COMMON) -> list[Pair]:
    """Near-duplicate pairs among (key, text) items, verified by exact Jaccard ≥ threshold."""
    index = SimilarityIndex(threshold=threshold, k=k, num_perm=num_perm, common=common)
    index.add_many(texts.items() if isinstance(texts, Mapping) else texts)
    return index.pairs()
