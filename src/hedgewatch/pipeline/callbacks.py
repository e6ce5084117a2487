"""``hedgewatch.init_frozen_transformer.v1``: initialize a frozen transformer.

spaCy does not initialize frozen components (they are meant to be sourced). The
transformer config freezes a *fresh* transformer to use all-MiniLM-L6-v2 as fixed
features, so this ``before_init`` callback loads its weights and links the span
categorizer's listener to it before the rest of the pipeline is initialized.
"""
from spacy.language import Language
from spacy.training import Example
from spacy.util import registry


@registry.callbacks("hedgewatch.init_frozen_transformer.v1")
def create_init_frozen_transformer(name: str = "transformer"):
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
        return nlp

    return init_frozen_transformer
