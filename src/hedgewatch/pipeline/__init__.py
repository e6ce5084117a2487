"""The pipeline layer: everything ``spacy.load`` needs and nothing else.

Components (registered through the ``spacy_factories`` entry points, so a saved
pipeline loads in a process that never imports hedgewatch):

- ``hedgewatch_cue_ruler`` (:mod:`.cue_ruler`): lexicon + syntax rules -> ``doc.spans["hw_rules"]``
- ``hedgewatch_merger`` (:mod:`.merger`): span categorizer scores + rule spans -> ``doc.spans["sc"]``
- ``hedgewatch_resolver`` and ``hedgewatch_profile`` (:mod:`.resolver`): source, cue,
  content, denier, denied, speaker and the certainty profile

and their helpers: :mod:`.syntax` (parse helpers), :mod:`.resolution` (resolution logic),
:mod:`.profile` (profile logic), :mod:`.lexicon` (the lexicon and word-list data in
``lexicons/``), :mod:`.extensions` (the ``._`` attributes), :mod:`.suggester`,
:mod:`.lookups`, :mod:`.callbacks` (registered functions that configs name).

Importing this package imports spaCy only: no typer, trafilatura, lxml or torch.
"""
