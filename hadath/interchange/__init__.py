"""Interchange with annotators' tools: brat, Label Studio and CoNLL columns, the static viewer and
machine suggestions.

Imports from `hadath.corpus`, `hadath.scoring` and `hadath.release`, and the time-expression baseline of
`hadath.baselines` (suggestions run it); nothing in `hadath.baselines` imports from here.
"""
