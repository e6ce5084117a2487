"""A tiny training run of each config into tmp_path, then spacy.load in a fresh
process outside the repository (entry points, self-contained pipeline)."""
import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, run_script, train  # noqa: F401  (tiny_corpus is a conftest fixture)

TEXT = "Russia could be arming the Taliban, US officials said, but Moscow has repeatedly denied the claims."

LOAD = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
spans = [{"text": s.text, "label": s.label_} for s in doc.spans["sc"]]
rules = [s.label_ for s in doc.spans["hw_rules"]]
prof = doc._.certainty_profile
for s in doc.spans["sc"]:
    if s.label_ == "ATTRIBUTION":
        s._.source, s._.cue, s._.content, s._.source_kind
    if s.label_ == "DENIAL":
        s._.denier, s._.denied
    if s.label_ == "HEDGE":
        s._.speaker
print(json.dumps({"pipe_names": nlp.pipe_names, "spans": spans, "rules": rules, "profile": prof,
                  "lookups": nlp.vocab.lookups.tables}))
"""


def load_elsewhere(model, cwd):
    res = subprocess.run([sys.executable, "-c", LOAD, str(model), TEXT], capture_output=True, text=True, cwd=cwd)
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_tiny_cpu_training_loads_in_fresh_process(tiny_corpus, tmp_path):
    train("cpu.cfg", tmp_path / "out", tiny_corpus)
    model = tmp_path / "out" / "model-last"
    for part in ("hedgewatch_cue_ruler/patterns.jsonl", "spancat/model", "parser/model", "config.cfg"):
        assert (model / part).exists(), part
    out = load_elsewhere(model, tmp_path)
    assert out["pipe_names"][-5:] == ["spancat", "hedgewatch_merger", "hedgewatch_noise", "hedgewatch_resolver", "hedgewatch_profile"]
    assert "lexeme_norm" in out["lookups"], "sourcing must keep en_core_web_sm's lexeme_norm"
    assert {"HEDGE", "ATTRIBUTION", "DENIAL"} <= set(out["rules"])
    assert set(out["profile"]) >= {"counts", "per_1000_words", "hedged_sentence_share", "denials"}


def test_tiny_transformer_training_is_self_contained(tiny_corpus, tmp_path):
    pytest.importorskip("spacy_transformers")
    asset = tmp_path / "minilm"
    assert run_script("export_model.py", asset).returncode == 0
    train("trf.cfg", tmp_path / "out", tiny_corpus, "--paths.transformer_model", str(asset))
    shutil.rmtree(asset)  # the saved pipeline must not need the original weights
    out = load_elsewhere(tmp_path / "out" / "model-last", tmp_path)
    assert out["pipe_names"][0] == "transformer"
