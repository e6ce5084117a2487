import json

import pytest
from spacy.tokens import DocBin

from conftest import run_script
from hedgewatch.project.corpus import CorpusError, read_corpus_docs


def write(path, lines):
    path.write_text("".join(l + "\n" for l in lines), encoding="utf8")
    return path


GOOD = json.dumps({
    "text": "Russia could be arming the Taliban, officials said.",
    "spans": [{"start": 7, "end": 15, "label": "HEDGE"}, {"start": 36, "end": 50, "label": "ATTRIBUTION"}],
    "meta": {"source": "x"},
})


def test_convert_good_file(tmp_path, blank_nlp):
    src = write(tmp_path / "c.jsonl", [GOOD, "", GOOD])
    out = tmp_path / "docs.spacy"
    res = run_script("convert.py", out, src)
    assert res.returncode == 0, res.stderr
    docs = list(DocBin().from_disk(out).get_docs(blank_nlp.vocab))
    assert len(docs) == 2
    assert [(s.text, s.label_) for s in docs[0].spans["sc"]] == [("could be", "HEDGE"), ("officials said", "ATTRIBUTION")]
    assert docs[0].user_data["meta"]["source"] == "x"


@pytest.mark.parametrize(
    "bad_line,needle",
    [
        ('{"text": "Russia could be arming", "spans": [{"start": 8, "end": 15, "label": "HEDGE"}]}', "'ould be'"),
        ('{"text": "Russia could", "spans": [{"start": 0, "end": 99, "label": "HEDGE"}]}', "outside the text"),
        ('{"text": "Russia could", "spans": [{"start": 0, "end": 6, "label": "GUESS"}]}', "unknown label"),
        ('{"text": "Russia could", "spans": [{"start": 0, "label": "HEDGE"}]}', "needs 'start', 'end' and 'label'"),
        ('{"text": "Russia could"', "malformed JSON"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"text": "   ", "spans": []}', "empty 'text'"),
    ],
)
def test_convert_bad_line_names_file_and_line(tmp_path, bad_line, needle):
    src = write(tmp_path / "bad.jsonl", [GOOD, bad_line])
    out = tmp_path / "docs.spacy"
    res = run_script("convert.py", out, src)
    assert res.returncode == 1
    assert "bad.jsonl:2:" in res.stderr
    assert needle in res.stderr
    assert not out.exists(), "no partial output"


def test_convert_non_utf8_and_binary(tmp_path, blank_nlp):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(GOOD.encode() + b"\n" + '{"text": "caf\xe9"}'.encode("latin-1") + b"\n")
    with pytest.raises(CorpusError, match=r"latin1.jsonl:2: not UTF-8"):
        read_corpus_docs(blank_nlp, [bad])
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\x01\x02garbage")
    with pytest.raises(CorpusError, match=r"bin.jsonl:1: binary"):
        read_corpus_docs(blank_nlp, [binary])


def test_convert_does_not_overwrite_input(tmp_path):
    src = write(tmp_path / "c.jsonl", [GOOD])
    before = src.read_bytes()
    run_script("convert.py", tmp_path / "out.spacy", src)
    assert src.read_bytes() == before


def test_committed_corpus_is_valid(blank_nlp):
    from conftest import CORPUS

    docs = read_corpus_docs(blank_nlp, [CORPUS / "seeds.jsonl", CORPUS / "extra.jsonl"])
    seeds = [d for d in docs if d.user_data["meta"].get("story")]
    assert len(seeds) == 5
    for d in seeds:
        assert len(d.spans["sc"]) > 10
