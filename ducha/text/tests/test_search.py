from ducha.text.search import index_text, query_phrases


def test_two_character_words_are_tokens():
    doc = index_text("开展扬尘污染专项整治")
    (tokens, prefix), = query_phrases("扬尘")
    assert not prefix and tokens[0] in doc.split()


def test_longer_phrase_is_a_run_of_bigrams():
    (tokens, _), = query_phrases("污水管网")
    assert len(tokens) == 3
    assert " ".join(tokens) in index_text("修复破损污水管网")
    assert " ".join(tokens) not in index_text("污水处理厂和供水管网")


def test_full_width_and_case_fold():
    assert index_text("ＰＭ２．５") == index_text("pm2.5")


def test_single_character_is_a_prefix_query():
    (tokens, prefix), = query_phrases("尘")
    assert prefix and len(tokens) == 1


def test_characters_of_the_third_plane_are_searchable():
    # CJK Extension G (U+30000…) and H (U+31350…): 𰻞 (biáng) of 𰻞𰻞面 and a name character of Ext H
    # were treated as separators, so a task or a case naming them could not be found by them.
    doc = index_text("城西𰻞𰻞面馆油烟直排", "\U00031350\u59d3")
    for query in ("𰻞𰻞", "𰻞面", "\U00031350\u59d3"):
        (tokens, prefix), = query_phrases(query)
        assert not prefix and " ".join(tokens) in doc, query
