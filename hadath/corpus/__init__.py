"""The corpus: the data model, the ontology and the JSON Schemas, validation and lint, the draft format,
texts, tokens, offsets and TIMEX3 values, where a corpus keeps its files, and the ANERcorp source.

The ground layer: it imports nothing else of `hadath`.
"""
