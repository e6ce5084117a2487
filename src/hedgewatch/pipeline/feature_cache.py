"""Cache a frozen transformer's outputs per document text while training.

The transformer config uses all-MiniLM-L6-v2 as frozen features: its weights never
change during training, so every epoch recomputes exactly the same ``doc._.trf_data``
for the same training and dev documents. On 2 CPU cores that forward pass is nearly
all of a training step's cost, which capped training at ~100 steps. With the cache the
first epoch pays for the forward passes once and every later step only trains the span
head, so the span categorizer can train for thousands of steps.

The cache is installed on the component *instance* by the ``before_init`` callback
(``hedgewatch.init_frozen_transformer.v1`` with ``cache_features = true``): it is not
part of the component's config or its saved data, so a pipeline loaded with
``spacy.load`` never caches (no unbounded memory in a long-running service).
"""
from typing import Callable, Dict, Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import minibatch


def install_feature_cache(component, max_docs: int = 100_000) -> Dict[str, object]:
    """Wrap ``component.pipe`` so each distinct document text runs through the model once.

    Returns the cache (text -> TransformerData) so callers can inspect or clear it.
    """
    cache: Dict[str, object] = {}
    original: Callable[..., Iterator[Doc]] = component.pipe

    def cached_pipe(stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(stream, batch_size):
            batch = list(batch)
            todo = [doc for doc in batch if doc.text not in cache]
            if todo:
                for doc in original(todo, batch_size=max(1, len(todo))):
                    if len(cache) < max_docs:
                        cache[doc.text] = doc._.trf_data
            done = {id(doc) for doc in todo}
            for doc in batch:
                if id(doc) not in done:
                    doc._.trf_data = cache[doc.text]
            yield from batch

    component.pipe = cached_pipe
    component._hw_feature_cache = cache
    return cache
