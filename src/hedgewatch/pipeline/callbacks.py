"""Registered functions that the configs name (besides components and the suggester).

``hedgewatch.init_frozen_transformer.v1``: initialize a frozen transformer.

spaCy does not initialize frozen components (they are meant to be sourced). The
transformer config freezes a *fresh* transformer to use all-MiniLM-L6-v2 as fixed
features, so this ``before_init`` callback loads its weights and links the span
categorizer's listener to it before the rest of the pipeline is initialized. With
``cache_features`` it also caches the transformer's outputs per text for the rest of
the training run (``hedgewatch.pipeline.feature_cache``), so the span head can train
for thousands of steps instead of paying a MiniLM forward pass per step.

``hedgewatch.copy_spans.v1``: an augmenter that copies the gold spans of one key to
another. The corpus holds gold spans under ``sc`` (what users get, scored on the
merger's output); the span categorizer learns from its own key (``hw_model``).
"""
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from .feature_cache import install_feature_cache


@registry.callbacks("hedgewatch.init_frozen_transformer.v1")
def create_init_frozen_transformer(name: str = "transformer", cache_features: bool = False):
    def init_frozen_transformer(nlp: Language) -> Language:
        # frozen components are disabled while spaCy initializes the pipeline, so
        # look in nlp.components (which includes disabled ones), not nlp.pipeline
        components = dict(nlp.components)
        if name in components:
            trf = components[name]
            doc = nlp.make_doc("hello")
            trf.initialize(lambda: [Example(doc, doc)])
            for _, proc in nlp.components:
                if proc is not trf:
                    trf.find_listeners(proc)
            if cache_features:
                # frozen weights: each training/dev text needs one forward pass, not one per epoch
                install_feature_cache(trf)
        return nlp

    return init_frozen_transformer


@registry.augmenters("hedgewatch.copy_spans.v1")
def create_copy_spans(source: str = "sc", target: str = "hw_model") -> Callable[[Language, Example], Iterator[Example]]:
    def copy_spans(nlp: Language, example: Example) -> Iterator[Example]:
        ref = example.reference
        if source in ref.spans:
            ref.spans[target] = list(ref.spans[source])
        yield example

    return copy_spans
