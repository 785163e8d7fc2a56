"""The features of every release config, declared once, with a description of every field.

`documents` is the public contract: its field names never change (fields may be added at the end of a
struct). `ner` and `events` hold one row per sentence. Offsets are half-open code-point offsets into the
document text; token offsets are half-open indices into the row's `tokens`.
"""

from __future__ import annotations

from functools import lru_cache

from datasets import ClassLabel, Features, List, Value

from ..corpus.anercorp import TAGS as ANERCORP_TAGS
from ..corpus.ontology import load_ontology

CONFIGS = ("documents", "ner", "events", "anercorp")
DEFAULT_CONFIG = "documents"
# Every release has these; `anercorp` only when the corpus holds the ANERcorp source.
CORPUS_CONFIGS = ("documents", "ner", "events")

_S = Value("string")
_I = Value("int32")


def _strings(*names: str) -> dict:
    return {n: _S for n in names}


def ner_labels() -> list[str]:
    """BIO labels over the ontology's entity types, `O` first."""
    return ["O", *(f"{p}-{t}" for t in load_ontology().entity_types for p in ("B", "I"))]


def _documents() -> Features:
    entity_mention = {**_strings("id", "entity_id", "type", "subtype", "mention_type"),
                      "start": _I, "end": _I, "text": _S, "head_start": _I, "head_end": _I, "gpe_role": _S}
    entity = {**_strings("id", "type", "subtype", "entity_class"), "mention_ids": List(_S)}
    value_mention = {**_strings("id", "type", "subtype"), "start": _I, "end": _I,
                     **_strings("text", "normalized", "timex_type", "mod")}
    argument = {"role": _S, "ref_id": _S, "start": _I, "end": _I, "text": _S}
    event_mention = {**_strings("id", "event_id", "type"), "trigger_start": _I, "trigger_end": _I,
                     **_strings("trigger_text", "realis", "polarity", "genericity", "tense", "modality"),
                     "arguments": List(argument)}
    event = {"id": _S, "type": _S, "mention_ids": List(_S)}
    return Features({
        **_strings("id", "text", "language", "date", "title", "source", "provenance", "license"),
        "entity_mentions": List(entity_mention),
        "entities": List(entity),
        "value_mentions": List(value_mention),
        "event_mentions": List(event_mention),
        "events": List(event),
        "topics": List(_S),
        "factuality": _S,
        "story": _S,
        "text_sha256": _S,
        "date_precision": _S,
        "date_evidence": _S,
    })


def _sentence_fields() -> dict:
    return {"document_id": _S, "sentence_index": _I, "start": _I, "end": _I, "text": _S,
            "tokens": List(_S), "token_starts": List(_I), "token_ends": List(_I)}


def _ner() -> Features:
    tags = ClassLabel(names=ner_labels())
    return Features({**_sentence_fields(), "ner_tags": List(tags), "mention_tags": List(tags)})


def _events() -> Features:
    mention = {**_strings("id", "entity_id", "kind", "type", "subtype", "mention_type"),
               "start": _I, "end": _I, "text": _S, "token_start": _I, "token_end": _I}
    argument = {"role": _S, "ref_id": _S, "start": _I, "end": _I, "text": _S, "token_start": _I, "token_end": _I}
    event_mention = {**_strings("id", "event_id", "type"), "trigger_start": _I, "trigger_end": _I,
                     "trigger_text": _S, "trigger_token_start": _I, "trigger_token_end": _I,
                     **_strings("realis", "polarity", "genericity", "tense", "modality"),
                     "arguments": List(argument)}
    return Features({**_sentence_fields(), "entity_mentions": List(mention), "event_mentions": List(event_mention)})


def _anercorp() -> Features:
    return Features({"id": _S, "sentence_index": _I, "document_id": _S, "tokens": List(_S),
                     "ner_tags": List(ClassLabel(names=list(ANERCORP_TAGS))),
                     "token_starts": List(_I), "token_ends": List(_I), "source_lines": List(_I)})


@lru_cache(maxsize=None)
def features(config: str) -> Features:
    return {"documents": _documents, "ner": _ner, "events": _events, "anercorp": _anercorp}[config]()


# Descriptions for the card's field tables, by dotted path ("a.b" is field b of each item of list a).
DESCRIPTIONS = {
    "documents": {
        "id": "document id, also the file name in the corpus",
        "text": "the exact text; every offset points into it",
        "language": "ISO 639-1 code (`ar`)",
        "date": "document creation date (ISO 8601), the anchor of relative times",
        "title": "headline, or null",
        "source": "the outlet, `unknown`, or `composed`",
        "provenance": "`sourced` (published elsewhere) or `composed` (written for Hadath)",
        "license": "license of the text (annotations are CC BY 4.0)",
        "entity_mentions": "entity mentions, nested ones included",
        "entity_mentions.id": "mention id, unique in the document",
        "entity_mentions.entity_id": "the entity (coreference cluster) it belongs to",
        "entity_mentions.type": "ACE entity type",
        "entity_mentions.subtype": "ACE entity subtype",
        "entity_mentions.mention_type": "`NAM`, `NOM` or `PRO`",
        "entity_mentions.start": "extent start",
        "entity_mentions.end": "extent end (exclusive)",
        "entity_mentions.text": "`text[start:end]`",
        "entity_mentions.head_start": "head start, or null when no head is marked",
        "entity_mentions.head_end": "head end (exclusive), or null",
        "entity_mentions.gpe_role": "role of a GPE mention (`GPE`, `ORG`, `PER`, `LOC`), or null",
        "entities": "entities (coreference clusters of entity mentions)",
        "entities.id": "entity id",
        "entities.type": "ACE entity type",
        "entities.subtype": "ACE entity subtype",
        "entities.entity_class": "`SPC`, `GEN`, `NEG` or `USP`",
        "entities.mention_ids": "ids of its mentions, in text order",
        "value_mentions": "time expressions and other values",
        "value_mentions.id": "value mention id",
        "value_mentions.type": "`TIME`, `Numeric`, `Contact-Info`, `Crime`, `Sentence` or `Job-Title`",
        "value_mentions.subtype": "value subtype, or null",
        "value_mentions.start": "start",
        "value_mentions.end": "end (exclusive)",
        "value_mentions.text": "`text[start:end]`",
        "value_mentions.normalized": "TIMEX3 value of a TIME, normalized form of another value, or null",
        "value_mentions.timex_type": "TIMEX3 type of a TIME (`DATE`, `TIME`, `DURATION`, `SET`), else null",
        "value_mentions.mod": "TIMEX3 modifier of a TIME, or null",
        "event_mentions": "event mentions",
        "event_mentions.id": "event mention id",
        "event_mentions.event_id": "the event (coreference cluster) it belongs to",
        "event_mentions.type": "ACE event type and subtype, `Type:Subtype`",
        "event_mentions.trigger_start": "trigger start",
        "event_mentions.trigger_end": "trigger end (exclusive)",
        "event_mentions.trigger_text": "`text[trigger_start:trigger_end]`",
        "event_mentions.realis": "`actual`, `generic` or `other`",
        "event_mentions.polarity": "`positive` or `negative`",
        "event_mentions.genericity": "`specific` or `generic`",
        "event_mentions.tense": "`past`, `present`, `future` or `unspecified`",
        "event_mentions.modality": "`asserted` or `other`",
        "event_mentions.arguments": "arguments",
        "event_mentions.arguments.role": "ACE role",
        "event_mentions.arguments.ref_id": "id of the entity or value mention that fills it",
        "event_mentions.arguments.start": "start of the filler",
        "event_mentions.arguments.end": "end of the filler (exclusive)",
        "event_mentions.arguments.text": "text of the filler",
        "events": "events (coreference clusters of event mentions)",
        "events.id": "event id",
        "events.type": "`Type:Subtype`",
        "events.mention_ids": "ids of its mentions, in text order",
        "topics": "topic tags",
        "factuality": "`reported` or `fictional` for composed texts, else null",
        "story": "story tag shared by documents about the same story, or null",
        "text_sha256": "SHA-256 of the UTF-8 text",
        "date_precision": "how much of `date` is known: `day`, `month`, `year` or `unknown` (then `date` is null)",
        "date_evidence": "why the date is what it is, for dates estimated from the text, or null",
    },
    "ner": {
        "document_id": "the document",
        "sentence_index": "position of the sentence in the document, from 0",
        "start": "sentence start in the document text",
        "end": "sentence end (exclusive)",
        "text": "the sentence text",
        "tokens": "tokens (Hadath tokenizer: punctuation split, diacritics kept)",
        "token_starts": "start of each token in the document text",
        "token_ends": "end of each token (exclusive)",
        "ner_tags": "BIO tags of the outermost named (`NAM`) mentions, by entity type",
        "mention_tags": "BIO tags of the outermost mentions of any kind (`NAM`, `NOM`, `PRO`)",
    },
    "events": {
        "document_id": "the document",
        "sentence_index": "position of the sentence in the document, from 0",
        "start": "sentence start in the document text",
        "end": "sentence end (exclusive)",
        "text": "the sentence text",
        "tokens": "tokens",
        "token_starts": "start of each token in the document text",
        "token_ends": "end of each token (exclusive)",
        "entity_mentions": "entity and value mentions in the sentence (argument fillers)",
        "entity_mentions.id": "mention id",
        "entity_mentions.entity_id": "entity id, or null for a value",
        "entity_mentions.kind": "`entity` or `value`",
        "entity_mentions.type": "entity or value type",
        "entity_mentions.subtype": "subtype, or null",
        "entity_mentions.mention_type": "`NAM`, `NOM`, `PRO`, or null for a value",
        "entity_mentions.start": "start in the document text",
        "entity_mentions.end": "end in the document text (exclusive)",
        "entity_mentions.text": "covered text",
        "entity_mentions.token_start": "first token",
        "entity_mentions.token_end": "token end (exclusive), widened to whole tokens",
        "event_mentions": "event mentions whose trigger is in the sentence",
        "event_mentions.id": "event mention id",
        "event_mentions.event_id": "event id",
        "event_mentions.type": "`Type:Subtype`",
        "event_mentions.trigger_start": "trigger start in the document text",
        "event_mentions.trigger_end": "trigger end (exclusive)",
        "event_mentions.trigger_text": "trigger text",
        "event_mentions.trigger_token_start": "first trigger token",
        "event_mentions.trigger_token_end": "trigger token end (exclusive)",
        "event_mentions.realis": "realis",
        "event_mentions.polarity": "polarity",
        "event_mentions.genericity": "genericity",
        "event_mentions.tense": "tense",
        "event_mentions.modality": "modality",
        "event_mentions.arguments": "arguments",
        "event_mentions.arguments.role": "ACE role",
        "event_mentions.arguments.ref_id": "id of the filler, an entity or value mention of the document",
        "event_mentions.arguments.start": "filler start in the document text",
        "event_mentions.arguments.end": "filler end (exclusive)",
        "event_mentions.arguments.text": "filler text",
        "event_mentions.arguments.token_start": "first filler token, or null when the filler is in another sentence",
        "event_mentions.arguments.token_end": "filler token end (exclusive), or null likewise",
    },
    "anercorp": {
        "id": "`anercorp-s` and the sentence index",
        "sentence_index": "position of the sentence in ANERcorp (CAMeL Lab's sentences), from 0",
        "document_id": "the Hadath document holding the sentence",
        "tokens": "ANERcorp's own tokens (CAMeL Lab's normalizations)",
        "ner_tags": "ANERcorp's own IOB2 tags (PERS, LOC, ORG, MISC), not Hadath's gold",
        "token_starts": "start of each token in the document text",
        "token_ends": "end of each token (exclusive)",
        "source_lines": "line of each token in the ANERcorp source file",
    },
}


def field_paths(config: str) -> list[tuple[str, str]]:
    """(dotted path, type name) of every field of a config, in declaration order."""
    out: list[tuple[str, str]] = []

    def walk(prefix: str, feature) -> None:
        if isinstance(feature, dict):
            for name, sub in feature.items():
                walk(f"{prefix}{name}", sub)
            return
        if isinstance(feature, List):
            inner = feature.feature
            if isinstance(inner, dict):
                out.append((prefix, "list of struct"))
                for name, sub in inner.items():
                    walk(f"{prefix}.{name}", sub)
                return
            out.append((prefix, f"list of {_type_name(inner)}"))
            return
        out.append((prefix, _type_name(feature)))

    walk("", dict(features(config)))
    return out


def _type_name(feature) -> str:
    if isinstance(feature, ClassLabel):
        return f"class label ({feature.num_classes})"
    return feature.dtype
