"""The candidate suggester: n-grams, rule spans and parse spans."""
import pytest
from spacy.util import registry

from hedgewatch.pipeline.suggester import doc_candidates


def test_suggester_includes_long_rule_and_parse_spans(rules_nlp):
    doc = rules_nlp("Two separate sets of Taliban, one in the north and another in the west, claim to own the weapons.")
    cands = doc_candidates(doc, [1, 2], "hw_rules", True, 40)
    span = doc.text.index("Two"), doc.text.index(" to own")
    assert (0, doc.char_span(*span).end) in cands
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
