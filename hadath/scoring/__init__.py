"""Scoring: span sets and their readers (gold, predictions, CoNLL), one-to-one matching, metrics, the
scoring of mentions and events, significance, inter-annotator agreement and the evaluation report.

Imports only from `hadath.corpus`.
"""
