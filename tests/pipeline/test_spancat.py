"""hedgewatch_spancat: the same span groups as spaCy's spancat, built from arrays; the
factory, and a round trip through to_disk / spacy.load."""
import numpy
import pytest
import spacy
from spacy.pipeline.spancat import SpanCategorizer

from hedgewatch.pipeline.spancat import ArraySpanCategorizer

LABELS = ["HEDGE", "ATTRIBUTION", "DENIAL"]


@pytest.fixture
def nlp():
    return spacy.blank("en")


def _spancat(nlp, threshold=0.05, max_positive=None, label_weights=None):
    config = {"threshold": threshold, "max_positive": max_positive, "label_weights": label_weights or {}}
    pipe = nlp.add_pipe("hedgewatch_spancat", config=config)
    for label in LABELS:
        pipe.add_label(label)
    return pipe


def _group(group):
    return [(s.start, s.end, s.label_) for s in group], numpy.asarray(group.attrs["scores"])


@pytest.mark.parametrize("threshold,max_positive,seed", [
    (0.05, None, 0),
    (0.5, None, 1),
    (0.99, None, 2),   # almost nothing kept
    (1.01, None, 3),   # nothing kept: spaCy's empty float64 scores array
    (0.3, 1, 4),       # max_positive: spaCy's own path
])
def test_same_span_group_as_spacy(nlp, threshold, max_positive, seed):
    pipe = _spancat(nlp, threshold, max_positive)
    doc = nlp.make_doc("Officials said the report could be false , but Moscow denied it . " * 3)
    rng = numpy.random.default_rng(seed)
    starts = rng.integers(0, len(doc) - 4, size=200)
    indices = numpy.stack([starts, starts + rng.integers(1, 4, size=200)], axis=1).astype("i")
    scores = rng.random((200, len(LABELS)), dtype="f")
    ours = _group(pipe._make_span_group_multilabel(doc, indices, scores.copy()))
    theirs = _group(SpanCategorizer._make_span_group_multilabel(pipe, doc, indices, scores.copy()))
    assert ours[0] == theirs[0]
    assert ours[1].dtype == theirs[1].dtype
    numpy.testing.assert_array_equal(ours[1], theirs[1])
    if threshold < 1:
        assert ours[0]


def test_no_candidates(nlp):
    pipe = _spancat(nlp)
    doc = nlp.make_doc("Nothing here .")
    group = pipe._make_span_group_multilabel(doc, numpy.zeros((0, 2), dtype="i"), numpy.zeros((0, 3), dtype="f"))
    assert len(group) == 0


def test_factory_defaults(nlp):
    pipe = nlp.add_pipe("hedgewatch_spancat")
    assert isinstance(pipe, ArraySpanCategorizer)
    assert pipe.key == "hw_model"
    assert nlp.get_pipe_meta("hedgewatch_spancat").assigns == ["doc.spans"]


def test_round_trip(nlp, tmp_path):
    pipe = _spancat(nlp, threshold=0.0)
    nlp.initialize()
    text = "Officials said it could be false ."
    doc = nlp(text)
    before = [(s.start, s.end, s.label_) for s in doc.spans["hw_model"]]
    nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    assert isinstance(nlp2.get_pipe("hedgewatch_spancat"), ArraySpanCategorizer)
    assert nlp2.get_pipe("hedgewatch_spancat").cfg["threshold"] == 0.0
    doc2 = nlp2(text)
    assert [(s.start, s.end, s.label_) for s in doc2.spans["hw_model"]] == before
    assert before


def test_large_batches_predict_in_pieces(nlp):
    """A pipeline batch above MAX_PREDICT_BATCH gives each doc the spans and scores it
    gets alone."""
    from hedgewatch.pipeline.spancat import MAX_PREDICT_BATCH

    _spancat(nlp, threshold=0.0)
    nlp.initialize()
    texts = [f"Officials said {i} claims could be false ." for i in range(MAX_PREDICT_BATCH + 7)]
    batched = list(nlp.pipe(texts, batch_size=1000))
    alone = [nlp(t) for t in texts]
    for a, b in zip(batched, alone):
        ga, gb = _group(a.spans["hw_model"]), _group(b.spans["hw_model"])
        assert ga[0] == gb[0] and ga[0]
        numpy.testing.assert_allclose(ga[1], gb[1], rtol=1e-6)


def _loss_inputs(nlp, pipe):
    """One doc, its candidates, fixed scores, and a gold HEDGE and DENIAL span."""
    from spacy.tokens import Span
    from spacy.training import Example

    doc = nlp.make_doc("Moscow denied it , but it could be true .")
    ref = nlp.make_doc(doc.text)
    ref.spans[pipe.key] = [Span(ref, 1, 2, label="DENIAL"), Span(ref, 6, 8, label="HEDGE")]
    eg = Example(doc, ref)
    candidates = pipe.suggester([doc])
    scores = pipe.model.ops.asarray(numpy.full((len(candidates.data), len(LABELS)), 0.4, dtype="f"))
    return [eg], (candidates, scores)


@pytest.mark.parametrize("weights,denial_factor", [({}, 1.0), ({"DENIAL": 10.0}, 10.0), ({"HEDGE": 3.0}, 1.0)])
def test_label_weights_scale_positive_gradients(nlp, weights, denial_factor):
    pipe = _spancat(nlp, label_weights=weights)
    nlp.initialize()
    examples, spans_scores = _loss_inputs(nlp, pipe)
    _, d = pipe.get_loss(examples, spans_scores)
    _, base = SpanCategorizer.get_loss(pipe, examples, spans_scores)
    d, base = numpy.asarray(d), numpy.asarray(base)
    k = {label: i for i, label in enumerate(pipe.labels)}
    positive = base < 0
    assert positive[:, k["DENIAL"]].sum() == 1 and positive[:, k["HEDGE"]].sum() == 1
    # the gold DENIAL span's gradient is scaled; negatives are not
    numpy.testing.assert_allclose(d[positive[:, k["DENIAL"]], k["DENIAL"]], base[positive[:, k["DENIAL"]], k["DENIAL"]] * denial_factor)
    numpy.testing.assert_array_equal(d[~positive], base[~positive])
    hedge_factor = weights.get("HEDGE", 1.0)
    numpy.testing.assert_allclose(d[positive[:, k["HEDGE"]], k["HEDGE"]], base[positive[:, k["HEDGE"]], k["HEDGE"]] * hedge_factor)


def test_label_weights_saved_and_checked(nlp, tmp_path):
    _spancat(nlp, label_weights={"DENIAL": 4.0})
    nlp.initialize()
    nlp.to_disk(tmp_path / "p")
    assert spacy.load(tmp_path / "p").get_pipe("hedgewatch_spancat").cfg["label_weights"] == {"DENIAL": 4.0}
    with pytest.raises(ValueError, match="label_weights"):
        spacy.blank("en").add_pipe("hedgewatch_spancat", config={"label_weights": {"DENIAL": 0}})


def test_label_weights_name_a_label(nlp):
    pipe = _spancat(nlp, label_weights={"DENAIL": 3.0})
    nlp.initialize()
    examples, spans_scores = _loss_inputs(nlp, pipe)
    with pytest.raises(ValueError, match="DENAIL"):
        pipe.get_loss(examples, spans_scores)
