"""``hedgewatch.source_lookups.v1``: restore the lexeme_norm table of a sourced pipeline.

Sourcing components from en_core_web_sm copies their weights but not the vocab's
lookups. Its tagger, parser and NER use NORM features computed with ``lexeme_norm``,
so the table must come along, or the frozen components see different features than
they were trained on. spaCy's own ``spacy.LookupsDataLoader.v1`` needs
spacy-lookups-data; this loader reads the table from the installed source pipeline.
"""

from typing import List

from spacy.lookups import Lookups
from spacy.util import get_package_path, registry


@registry.misc("hedgewatch.source_lookups.v1")
def create_source_lookups(package: str, tables: List[str]) -> Lookups:
    source = Lookups().from_disk(get_package_path(package) / _data_dir(package) / "vocab")
    lookups = Lookups()
    for name in tables:
        if not source.has_table(name):
            raise ValueError(f"{package} has no lookups table '{name}' (has {source.tables})")
        lookups.set_table(name, source.get_table(name))
    return lookups


def _data_dir(package: str) -> str:
    path = get_package_path(package)
    subdirs = [p.name for p in path.iterdir() if p.is_dir() and (p / "config.cfg").exists()]
    if not subdirs:
        raise ValueError(f"no pipeline data directory inside {path}")
    return sorted(subdirs)[-1]
