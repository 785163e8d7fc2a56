"""The deterministic offline tokenizer and sentence splitter of Hadath.

The README documents this path; the code lives in `hadath.corpus.tokens`.
"""

from .corpus.tokens import CLOSING, SENTENCE_END, count_words, is_word, sentences, tokenize

__all__ = ["CLOSING", "SENTENCE_END", "count_words", "is_word", "sentences", "tokenize"]
