"""The candidate suggester: n-grams, rule spans and parse spans."""
import pytest
from spacy.util import registry

from hedgewatch.pipeline.suggester import doc_candidates


def test_suggester_includes_long_rule_and_parse_spans(rules_nlp):
    doc = rules_nlp("Two separate sets of Taliban, one in the north and another in the west, claim to own the weapons.")
    cands = doc_candidates(doc, [1, 2], "hw_rules", True, 40)
    span = doc.text.index("Two"), doc.text.index(" to own")
    assert (0, doc.char_span(*span).end) in set(map(tuple, cands.tolist()))
    suggester = registry.misc.get("hedgewatch.candidate_suggester.v1")(sizes=[1, 2])
    ragged = suggester([doc, rules_nlp.make_doc("")])
    assert ragged.lengths.tolist()[1] == 0
    assert ragged.lengths.tolist()[0] == len(cands)


@pytest.mark.parametrize("text,kept,dropped", [
    ("He called it \u201cutterly false\u201d, officials said.", ["\u201cutterly false\u201d", "utterly false", "officials said"], ["false\u201d,", ", officials", "said."]),
    ('Police said: "It is nonsense."', ['"It is nonsense', "It is nonsense"], [": \"It", "nonsense."]),
])
def test_suggester_skips_ngrams_with_punctuation_edges(blank_nlp, text, kept, dropped):
    doc = blank_nlp(text)
    on = {doc[s:e].text for s, e in doc_candidates(doc, [1, 2, 3, 4], None, False, 40, skip_punct_edges=True)}
    off = {doc[s:e].text for s, e in doc_candidates(doc, [1, 2, 3, 4], None, False, 40)}
    assert set(kept) <= on
    assert not set(dropped) & on
    assert set(dropped) <= off  # the default (older saved pipelines) keeps them
    assert on < off


def reference_candidates(doc, sizes, rules_key, max_length, skip_punct_edges):
    """The candidates by their definition, one Python tuple at a time."""
    from hedgewatch.pipeline import syntax

    def edge_ok(t):
        return not (t.is_space or (t.is_punct and t.text not in syntax.WORDS["quotes"]))

    cands = {(i, i + n) for n in sizes for i in range(len(doc) - n + 1)
             if not skip_punct_edges or (edge_ok(doc[i]) and edge_ok(doc[i + n - 1]))}
    for span in doc.spans.get(rules_key, []):
        cands |= {(span.start, span.end), syntax.quoted_extent(doc, span.start, span.end)}
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            cands.add(syntax.source_cue_extent(tok)[:2])
            cands.add(syntax.source_cue_extent(tok, with_addressee=False)[:2])
        elif tok.pos_ in ("NOUN", "PROPN") and syntax.nominal_extent(tok) is not None:
            cands.add(syntax.nominal_extent(tok)[:2])
        elif tok.lower_ in ("according", "citing"):
            cands.add(syntax.prep_extent(tok)[:2])
    return sorted((s, e) for s, e in cands if 0 < e - s <= max_length
                  and not any(syntax.is_line_break(t) for t in doc[s:e]))


@pytest.mark.parametrize("text", [
    "Afghan government spokesman Sediq Sediqi told reporters on Monday that the claims were \u201cutterly false\u201d.",
    "According to CNN, the minister, who said he was not aware of the plan, may resign. Allegations by the opposition followed.",
    "\u201cIt could be,\u201d he said. \u201cBut Moscow has repeatedly denied it,\u201d citing officials.",
    "Lieberman Is a Finalist for F.B.I. Director, Trump Says\n\nPresident Trump, 24 hours from his deadline, told reporters that he was close.",
    "Ok.",
    "",
])
@pytest.mark.parametrize("skip", [True, False])
def test_suggester_matches_its_definition(rules_nlp, text, skip):
    doc = rules_nlp(text)
    got = doc_candidates(doc, [1, 2, 3, 4], "hw_rules", True, 40, skip_punct_edges=skip)
    assert got.dtype.kind == "i" and got.shape[1] == 2
    assert [tuple(r) for r in got.tolist()] == reference_candidates(doc, [1, 2, 3, 4], "hw_rules", 40, skip)


def test_suggester_no_candidate_crosses_a_line(rules_nlp):
    # batch 12: the pre-annotation had one ATTRIBUTION from a headline's "Trump Says" over
    # the paragraph break to the next paragraph's "told reporters"
    doc = rules_nlp("Lieberman Is a Finalist, Trump Says\n\nPresident Trump told reporters that he was close.\nHe said so.")
    cands = doc_candidates(doc, [1, 2, 3, 4], "hw_rules", True, 40)
    assert len(cands)
    for s, e in cands.tolist():
        assert "\n" not in doc[s:e].text
    texts = {doc[s:e].text for s, e in cands.tolist()}
    assert "President Trump told reporters" in texts and "Trump Says" in texts
