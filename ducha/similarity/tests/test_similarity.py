"""Near-duplicate detection on real-looking texts: paragraphs of the real plans the plan-reading tests keep
(ducha/plans/tests/data, so a clone with nothing beside it runs this too) wrapped in the template a completion report uses (开头/结尾 the same in every report)."""

import re
from pathlib import Path

import opencc
import pytest

from ducha.similarity import SimilarityIndex, near_duplicates, normalize, shingles, similarity

PLANS = Path(__file__).resolve().parents[2] / "plans" / "tests" / "data"


def _paragraphs():
    found = []
    for path in sorted(PLANS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 120:
                found.append(line)
    return found


PARAGRAPHS = _paragraphs()
assert len(PARAGRAPHS) >= 60, f"the plan texts are missing from {PLANS}"
HEAD = "{place}关于督察反馈问题整改完成情况的报告。根据整改方案要求，我单位高度重视，成立工作专班，现将整改情况报告如下："
TAIL = "经自查，整改任务已全部完成，建立长效监管机制，达到验收销号条件，特申请验收销号。联系人：{person}，电话：{phone}。"


def report(paragraph, place="丽水市莲都区", person="张伟", phone="0578-2123456"):
    return HEAD.format(place=place) + paragraph + TAIL.format(person=person, phone=phone)


def rewrite_facts(text):
    """The copy a lazy unit files for another task: other place, other people, other numbers and dates."""
    text = text.replace("丽水", "衢州").replace("莲都", "柯城").replace("天门", "潜江").replace("衢州市", "金华市")
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 7), text)


def test_normalize_drops_punctuation_space_and_folds_width_and_script():
    assert normalize("整改 到位，ＰＭ２．５ 达标！") == "整改到位pm25达标"
    assert normalize("環境保護督察") == "环境保护督察"


def test_traditional_copy_is_the_same_text():
    text = report(PARAGRAPHS[5])
    assert similarity(text, opencc.OpenCC("s2t").convert(text)) == 1.0


def test_copied_report_with_other_place_names_and_numbers_is_found():
    original = report(PARAGRAPHS[8])
    copy = report(rewrite_facts(PARAGRAPHS[8]), place="衢州市柯城区", person="李娜", phone="0570-3098765")
    assert similarity(original, copy) >= 0.5


def test_honest_reports_on_the_same_template_are_not_near_duplicates():
    scores = [similarity(report(a), report(b, place="衢州市柯城区"))
              for a, b in zip(PARAGRAPHS[::2][:15], PARAGRAPHS[1::2][:15])]
    assert max(scores) < 0.5, scores


def test_near_duplicates_among_many_finds_exactly_the_planted_pairs():
    texts = {f"honest-{i}": report(p, place=f"第{i}号单位") for i, p in enumerate(PARAGRAPHS[:40])}
    texts["copy-of-3"] = report(rewrite_facts(PARAGRAPHS[3]), place="衢州市柯城区")
    texts["copy-of-17"] = report(rewrite_facts(PARAGRAPHS[17]), place="衢州市柯城区")
    pairs = near_duplicates(texts, threshold=0.5)
    assert {(p.a, p.b) for p in pairs} == {("honest-3", "copy-of-3"), ("honest-17", "copy-of-17")}
    assert all(p.jaccard >= 0.5 and 0 < p.estimate <= 1 for p in pairs)


def test_threshold_is_configurable():
    a = report(PARAGRAPHS[3])
    b = report(rewrite_facts(PARAGRAPHS[3]), place="衢州市柯城区")
    score = similarity(a, b)
    assert near_duplicates({"a": a, "b": b}, threshold=min(1.0, score + 0.05)) == []
    assert len(near_duplicates({"a": a, "b": b}, threshold=score - 0.05)) == 1


def test_index_query_returns_the_similar_texts_best_first():
    index = SimilarityIndex(threshold=0.5)
    for i, p in enumerate(PARAGRAPHS[:20]):
        index.add(i, report(p))
    matches = index.query(report(rewrite_facts(PARAGRAPHS[7]), place="衢州市柯城区"))
    assert [m.key for m in matches] == [7]
    with pytest.raises(ValueError):
        index.add(7, "再次")


def test_empty_and_short_texts():
    assert len(shingles("")) == 0 and len(shingles("，。 ")) == 0
    assert similarity("", "") == 0.0
    assert similarity("达标", "达标") == 1.0
    assert near_duplicates({"a": "", "b": ""}) == []


def test_batched_signatures_equal_datasketch_update_batch():
    from datasketch import MinHash

    from ducha.similarity import SEED, signatures

    sets = [shingles(report(p)) for p in PARAGRAPHS[:70]]  # more than one batch of 64
    for shingle_set, minhash in zip(sets, signatures(sets, num_perm=64)):
        plain = MinHash(num_perm=64, seed=SEED, hashfunc=int, scheme="affine32")
        plain.update_batch(shingle_set.tolist())
        assert (plain.hashvalues == minhash.hashvalues).all()


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_shingles_of_many_texts_at_once_equal_one_by_one(k):
    from ducha.similarity import shingles_many

    texts = ["", "达", "达标", "达标了", "，。 ", None, "ＡＢｃ１２", "測試文本，简体", "a,b", *PARAGRAPHS[:40],
             *(rewrite_facts(p) for p in PARAGRAPHS[:10]), "x"]
    many = shingles_many(texts, k)
    assert len(many) == len(texts)
    for text, batched in zip(texts, many):
        single = shingles(text or "", k)
        assert batched.dtype == single.dtype and batched.tolist() == single.tolist(), text
    assert shingles_many([]) == []
