"""Parse helpers (pipeline/syntax.py) on en_core_web_sm parses and on docs without a parse."""
import pytest

from hedgewatch.pipeline import syntax


def tok(doc, text):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize("text,cue,extent,source", [
    ("US officials said the talks failed.", "said", "US officials said", "US officials"),
    ("The talks failed, said the minister.", "said", "said the minister", "the minister"),
    ("A spokesman told reporters the deal was off.", "told", "A spokesman told reporters", "A spokesman"),
    ("STOCKHOLM - A national board has concluded that data were fabricated.", "concluded",
     "A national board has concluded", "A national board"),
    # passive: the agent joins the cue
    ("It was confirmed by another official.", "confirmed", "It was confirmed by another official", "It"),
])
def test_source_cue_extent(rules_nlp, text, cue, extent, source):
    doc = rules_nlp(text)
    s, e, src = syntax.source_cue_extent(tok(doc, cue))
    assert doc[s:e].text == extent
    assert src is not None and src.text == source


def test_without_addressee(rules_nlp):
    doc = rules_nlp("A spokesman told reporters the deal was off.")
    s, e, _ = syntax.source_cue_extent(tok(doc, "told"), with_addressee=False)
    assert doc[s:e].text == "A spokesman told"


def test_no_parse_degrades_to_the_cue(blank_nlp):
    doc = blank_nlp("US officials said the talks failed.")
    assert not syntax.has_parse(doc)
    assert syntax.source_cue_extent(doc[2]) == (2, 3, None)
    assert syntax.prep_extent(doc[0]) == (0, 1, None)
    assert syntax.nominal_extent(doc[0]) is None


def test_prep_and_nominal_extents(rules_nlp):
    doc = rules_nlp("The weapons came from Tajikistan, according to newly emerged video.")
    s, e, src = syntax.prep_extent(tok(doc, "according"))
    assert doc[s:e].text == "according to newly emerged video" and src.text == "newly emerged video"
    doc = rules_nlp("The allegations by Afghan officials were rejected.")
    s, e, src = syntax.nominal_extent(tok(doc, "allegations"))
    assert doc[s:e].text == "allegations by Afghan officials" and src.text == "Afghan officials"


@pytest.mark.parametrize("text,start,end,expected", [
    ("He called it “utterly false” today.", 4, 6, (3, 7)),
    ('He called it "utterly false" today.', 4, 6, (3, 7)),
    ("He called it utterly false today.", 3, 5, (3, 5)),
])
def test_quoted_extent(blank_nlp, text, start, end, expected):
    assert syntax.quoted_extent(blank_nlp(text), start, end) == expected


def test_trim_and_words_override(blank_nlp):
    doc = blank_nlp('" officials said , ')
    assert syntax.trim(doc, 0, len(doc)) == (1, 3)
    words = dict(syntax.WORDS, open_quotes=frozenset(), close_quotes=frozenset())
    doc = blank_nlp("He called it “utterly false” today.")
    assert syntax.quoted_extent(doc, 4, 6) == (3, 7)
    assert syntax.quoted_extent(doc, 4, 6, words) == (4, 6)


def test_negation_and_agents(rules_nlp):
    doc = rules_nlp("Officials did not confirm the report.")
    assert syntax.is_negated(tok(doc, "confirm"))
    assert syntax.is_agentive(tok(doc, "Officials"))
    assert not syntax.is_agentive(tok(doc, "report"))


@pytest.mark.parametrize("text", ["He said  it was \u201cfalse.\u201d\n\nThen   nothing. ", "", " leading space", "a\tb\n"])
def test_token_texts_and_doc_text_from_arrays(blank_nlp, text):
    doc = blank_nlp(text)
    assert syntax.token_texts(doc) == [t.text for t in doc]
    assert syntax.doc_text(doc) == doc.text == text


@pytest.mark.parametrize("text,breaks", [
    ("He\xa0said it.", []),
    ("Headline\n\nBody text.", ["\n\n"]),
    ("One  two.", []),
    ("One\r\ntwo.", ["\r\n"]),
])
def test_is_line_break(blank_nlp, text, breaks):
    from hedgewatch.pipeline.syntax import is_line_break

    assert [t.text for t in blank_nlp(text) if is_line_break(t)] == breaks


@pytest.mark.parametrize("text,tags", [
    ('<tweet pic="" author="realDonaldTrump">Many dead.</tweet>', ['<tweet pic="" author="realDonaldTrump">', "</tweet>"]),
    ("<br/>He said so.<p class=lead>", ["<br/>", "<p class=lead>"]),
    ("If x < y and y > z, he said.", []),
    ("Scores: 3<5 and 7>2.", []),
    ("No markup here.", []),
])
def test_markup_tags(blank_nlp, text, tags):
    from hedgewatch.pipeline.syntax import in_markup, markup_tags

    doc = blank_nlp(text)
    ranges = markup_tags(doc)
    assert [text[s:e] for s, e in ranges] == tags
    for tok in doc:  # a token is in markup exactly when it starts inside a tag
        assert in_markup(tok, ranges) == any(s <= tok.idx < e for s, e in ranges)
    assert not any(in_markup(tok, ranges) for tok in doc if tok.text in ("dead", "He", "said", "y", "z"))


@pytest.mark.parametrize("text,form,lemma", [
    ("They’re wrong.", "’re", "be"),
    ("I’m sure of it.", "’m", "be"),
    ("We’ve said so.", "’ve", "have"),
    ("He’ll go.", "’ll", "will"),
    ("It’s true.", "’s", "be"),
    ("They're wrong.", "'re", "be"),  # the straight form is left as spaCy lemmatised it
])
def test_mend_contraction_lemmas(rules_nlp, text, form, lemma):
    from hedgewatch.pipeline.syntax import mend_contraction_lemmas

    doc = rules_nlp.make_doc(text)
    for name, proc in rules_nlp.pipeline:
        if name != "hedgewatch_cue_ruler":
            doc = proc(doc)
    mend_contraction_lemmas(doc)
    assert [t.lemma_ for t in doc if t.text == form] == [lemma]


def test_mend_contraction_lemmas_keeps_the_possessive_and_lemma_less_docs(rules_nlp, blank_nlp):
    from hedgewatch.pipeline.syntax import mend_contraction_lemmas

    doc = rules_nlp("Trump’s wall is not built.")
    assert [t.lemma_ for t in doc if t.text == "’s"] != ["be"]
    bare = blank_nlp("They’re wrong.")
    mend_contraction_lemmas(bare)
    assert not bare.has_annotation("LEMMA")
