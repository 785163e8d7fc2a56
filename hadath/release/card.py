"""The dataset card (`README.md` of a release): YAML metadata for the Hub and a body for readers.

Every number in it comes from `Statistics` or the written files; nothing is typed in by hand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from datasets import DatasetInfo, SplitDict, SplitInfo

from ..corpus.files import SPLITS
from ..corpus.ontology import load_ontology
from .counts import ALIGNMENT, Counts, Statistics
from .features import CONFIGS, DEFAULT_CONFIG, DESCRIPTIONS, features, field_paths
from .markdown import n as _n
from .markdown import table as _table
from .stats import MIN_TEST_MENTIONS
from .provenance import crosscheck_section, citation_section, hub_licenses, license_section, source_section, splits_section

PRETTY_NAME = "Hadath"
TAGS = ["arabic", "news", "named-entity-recognition", "event-extraction", "event-argument-extraction",
        "coreference", "timex3", "ace-2005"]


@dataclass
class ConfigFiles:
    """What was written for one config: files, rows and bytes per split."""
    files: dict[str, list[str]] = field(default_factory=dict)     # split -> paths relative to the release
    num_examples: dict[str, int] = field(default_factory=dict)
    num_bytes: dict[str, int] = field(default_factory=dict)
    download_size: int = 0


@dataclass
class CardInput:
    version: str
    statistics: Statistics
    configs: dict[str, ConfigFiles]
    example: dict
    tools: dict[str, str]
    changes: str | None = None
    license_link: str | None = None
    agreement: list | None = None   # `agreement.corpus_agreement`: one entry per sample
    results: str | None = None      # the baseline table of `hadath benchmark` (BASELINES.md)
    crosscheck: dict | None = None  # `crosscheck.card_figures`: ANERcorp's names against the gold


def size_category(n: int) -> str:
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
              (10_000_000, "1M<n<10M")]
    return next((name for limit, name in bounds if n < limit), "n>10M")


def configs_of(card: CardInput) -> list[str]:
    """The configs this release has, in their fixed order."""
    return [c for c in CONFIGS if c in card.configs]


def metadata(card: CardInput) -> dict:
    total = card.statistics.total()
    licenses = hub_licenses(total)
    meta = {"pretty_name": PRETTY_NAME, "license": licenses[0] if len(licenses) == 1 else licenses}
    if "other" in licenses:
        meta["license_name"] = "hadath-data"
        if card.license_link:
            meta["license_link"] = card.license_link
    meta.update({
        "language": ["ar"],
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "size_categories": [size_category(total.documents)],
        "tags": TAGS,
        "configs": [{"config_name": c, **({"default": True} if c == DEFAULT_CONFIG else {}),
                     "data_files": [{"split": s, "path": card.configs[c].files[s]} for s in card.configs[c].files]}
                    for c in configs_of(card)],
        "dataset_info": [_dataset_info(c, card.configs[c]) for c in configs_of(card)],
    })
    return meta


def _dataset_info(config: str, files: ConfigFiles) -> dict:
    splits = SplitDict()
    for s in files.files:
        splits.add(SplitInfo(name=s, num_bytes=files.num_bytes[s], num_examples=files.num_examples[s]))
    info = DatasetInfo(features=features(config), splits=splits, download_size=files.download_size,
                       dataset_size=sum(files.num_bytes.values()), config_name=config)
    return info._to_yaml_dict()


def render(card: CardInput) -> str:
    front = yaml.safe_dump(metadata(card), allow_unicode=True, sort_keys=False, width=1000)
    parts = (part(card).strip() for part in _SECTIONS)
    return f"---\n{front}---\n\n" + "\n\n".join(p for p in parts if p) + "\n"


# Body ---------------------------------------------------------------------------------------------



def _per_split(card: CardInput, label: str, value) -> list:
    return [label, *(value(c) for _, c in card.statistics.columns())]


def _header(card: CardInput, first: str) -> list[str]:
    return [first, *(name for name, _ in card.statistics.columns())]


def _summary(card: CardInput) -> str:
    t = card.statistics.total()
    return f"""
# {PRETTY_NAME} (حدث) {card.version}

Hadath is an open corpus of Modern Standard Arabic news with gold stand-off annotations of entities
(ACE 2005 types and subtypes; named, nominal and pronoun mentions, nested, with coreference), time
expressions normalized as TIMEX3, values, and events (the 33 ACE 2005 event subtypes with their
arguments, attributes and event coreference), all on exact character offsets.

This release holds {_n(t.documents)} documents ({_n(t.words)} words) with \
{_n(sum(t.entity_mentions.values()))} entity mentions, {_n(sum(t.value_mentions.values()))} time and value \
mentions and {_n(sum(t.event_mentions.values()))} event mentions, in the configs `documents` (the \
default, one row per document), `ner` and `events` (one row per sentence){_anercorp_note(card)}.

```python
from datasets import load_dataset

documents = load_dataset("<this repository>", revision="v{card.version}")            # the default config
ner = load_dataset("<this repository>", "ner", revision="v{card.version}")
```
"""


def _anercorp_note(card: CardInput) -> str:
    if "anercorp" not in card.configs:
        return ""
    return (", and `anercorp`: the classic ANERcorp NER benchmark, CAMeL Lab's train and test sentences with "
            "ANERcorp's own PERS/LOC/ORG/MISC tags, each token placed in its Hadath document")


def _tasks(card: CardInput) -> str:
    return """
## Supported tasks and scoring

- **Named entity recognition** (`ner` config): BIO tags of the outermost named mentions by entity type
  (`ner_tags`), and of the outermost mentions of any kind (`mention_tags`).
- **Entity mention detection and coreference** (`documents`): mention extents and heads, types and
  subtypes, mention types, entities as clusters of mentions.
- **Time expression recognition and normalization** (`documents.value_mentions`): TIMEX3 type, value, mod.
- **Event extraction** (`events`, `documents`): triggers with their subtype, arguments with their role,
  event attributes (realis, polarity, genericity, tense, modality) and event coreference.

Score predictions with `hadath evaluate` from the Hadath tools in the source repository. Write one JSON
line per document, `{"id", "entity_mentions": [{"start", "end", "type"}], "value_mentions": [{"start",
"end", "type", "normalized"}], "event_mentions": [{"type", "trigger_start", "trigger_end", "arguments":
[{"role", "start", "end"}]}]}`, on half-open code-point offsets into `text`, then run

    hadath evaluate --predictions predictions.jsonl --gold path/to/this/release --split test

It scores on exact character offsets, so results do not depend on a tokenizer: entity mentions under
the strict, exact, partial and type schemas (per type and mention type), time values with their
normalized values, triggers and arguments (all roles, and the 22-role ACE view), each headline F1 with a
95% bootstrap interval over documents; CoNLL token/tag predictions on the `ner` tokens are read too
(`--bio-policy strict` equals seqeval's strict IOB2). The report records this release's version and the
digest of its `SHA256SUMS`; report the version (`revision="vX.Y.Z"`) with every number.
"""


def _languages(card: CardInput) -> str:
    return """
## Languages

Modern Standard Arabic (`ar`), news register. Texts are stored exactly as received after one
normalization at ingest (byte-order mark removed, line ends LF, Unicode NFC); diacritics, tatweel and
Eastern Arabic digits are kept as written.
"""


def _example_json(row: dict, items: int = 2, chars: int = 400) -> str:
    """The row as JSON, one list item a line; lists cut after `items` items, long strings shortened."""
    lines = []
    for key, value in row.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            shown = [json.dumps(v, ensure_ascii=False) for v in value[:items]]
            if len(value) > items:
                shown.append(json.dumps(f"... {len(value) - items} more", ensure_ascii=False))
            lines.append(f"  {json.dumps(key)}: [\n" + ",\n".join(f"    {x}" for x in shown) + "\n  ]")
        else:
            if isinstance(value, str) and len(value) > chars:
                value = value[:chars] + f"... ({len(value) - chars} more characters)"
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}"


def _structure(card: CardInput) -> str:
    rows = [[f"`{c}`", *(card.configs[c].num_examples.get(s, 0) for s in SPLITS),
             sum(card.configs[c].num_examples.values())] for c in configs_of(card)]
    parts = ["## Dataset structure", "Rows per config and split:", _table(["config", *SPLITS, "total"], rows)]
    if card.example:
        parts += [f"An example row of `documents` (the shortest document, `{card.example['id']}`; long lists "
                  "cut after two items):",
                  "```json\n" + _example_json(card.example) + "\n```"]
    parts += ["Offsets are half-open code-point offsets into the document `text`: "
             "`text[start:end] == mention text`. Token offsets (`token_start`, `token_end`) are half-open "
             "indices into the row's `tokens`. Rows are sorted by document id (and sentence index); mentions are in "
              "text order, entities and events in the order of the annotation file."]
    for config in configs_of(card):
        parts.append(f"### `{config}`")
        parts.append(_table(["field", "type", "meaning"],
                            [[f"`{path}`", kind, DESCRIPTIONS[config].get(path, "")]
                             for path, kind in field_paths(config)], numeric=False))
    labels = features("ner")["ner_tags"].feature.names
    parts.append(f"`ner_tags` and `mention_tags` use {len(labels)} labels: " + ", ".join(f"`{x}`" for x in labels) + ".")
    if "anercorp" in card.configs:
        parts.append("`anercorp.ner_tags` are ANERcorp's own tags, not Hadath's gold (ANERcorp has known label "
                     "errors; see the cross-check in the source repository): " + ", ".join(
                         f"`{x}`" for x in features("anercorp")["ner_tags"].feature.names) + ".")
    return "\n\n".join(parts)


def _splits(card: CardInput) -> str:
    onto = load_ontology()
    total, test = card.statistics.total(), card.statistics.splits["test"]
    missing_events = [t for t in onto.event_types if total.event_mentions[t] and not test.event_mentions[t]]
    missing_entities = [t for t in onto.entity_types
                        if any(n for (k, _), n in total.entity_mentions.items() if k == t)
                        and not any(n for (k, _), n in test.entity_mentions.items() if k == t)]
    covered = (f"The test split holds {sum(1 for t in onto.event_types if test.event_mentions[t])} of the "
               f"{sum(1 for t in onto.event_types if total.event_mentions[t])} event subtypes that the corpus has"
               + (f"; missing: {', '.join(missing_events)}." if missing_events else ", all of them.")
               + " Entity types in the corpus but not in test: "
               + (", ".join(missing_entities) if missing_entities else "none") + ".")
    return splits_section(card.statistics, covered)


def _source(card: CardInput) -> str:
    return source_section(card.statistics)


def _annotation(card: CardInput) -> str:
    onto = load_ontology()
    return f"""
## Annotation

Annotators write each article as a draft with inline marks; `hadath anchor` computes every offset from
it, so no offset is typed by hand, and `hadath validate` checks the result (spans against the text,
types against the ontology, references, splits) before any release: this release was built only
because the corpus passed it. The guidelines follow ACE 2005 (entities v5.6, events v5.4.3) as set out
in `schema/GUIDELINES.md` of the source repository; the inventory is `schema/ontology.json`
(`{onto.raw['name']}` version {onto.version}).

{_agreement(card)}

{crosscheck_section(card.crosscheck)}
"""


_SAMPLE_NAMES = {"composed": "composed articles", "anercorp-test": "ANERcorp test", "anercorp-train": "ANERcorp train"}


def _agreement(card: CardInput) -> str:
    samples = card.agreement or []
    if not samples:
        return "Inter-annotator agreement has not been measured for this release."
    names = [_SAMPLE_NAMES.get(a["name"], a["name"]) for a in samples]
    rows = [[f"entity mentions, {level}", *(f"{a['entities'][level]['f1']:.3f}" for a in samples)]
            for level in ("strict", "exact", "partial", "type")]
    rows.append(["values, strict", *(f"{a['values']['f1']:.3f}" for a in samples)])
    rows += [[name, *(f"{a['events']['all'][level]['f1']:.3f}" for a in samples)] for name, level in (
        ("triggers, identification", "trigger_identification"), ("triggers, classification", "trigger_classification"),
        ("arguments, identification", "argument_identification"),
        ("arguments, classification", "argument_classification"))]
    rows.append(["Cohen's kappa, entity type per token", *(f"{a['token_kappa']['kappa']:.3f}" for a in samples)])
    rows.append(["tokens compared for kappa", *(_n(a["token_kappa"]["tokens"]) for a in samples)])
    listing = "\n".join(f"- {name}: {len(a['ids'])} documents ({', '.join(f'`{i}`' for i in a['ids'])}), "
                        f"`{a['command']}`" for name, a in zip(names, samples))
    return "\n\n".join([
        "### Agreement\n\nThese documents were annotated a second time, independently, from the raw text and the "
        "guidelines alone; the source repository keeps both annotations. Agreement of the two annotations "
        "before adjudication (F1 does not depend on which one is the reference), computed by the command "
        "shown; the disagreements were then adjudicated into the gold and the new decisions written into the "
        "guidelines:",
        listing,
        _table(["measure", *names], rows)])


def _results(card: CardInput) -> str:
    if not card.results:
        return ""
    return "## Baseline results\n\n" + card.results.strip()


def _statistics(card: CardInput) -> str:
    onto = load_ontology()
    cols = card.statistics.columns()
    overview = [
        _per_split(card, "documents", lambda c: c.documents),
        _per_split(card, "sentences", lambda c: c.sentences),
        _per_split(card, "tokens", lambda c: c.tokens),
        _per_split(card, "words", lambda c: c.words),
        _per_split(card, "characters", lambda c: c.characters),
        _per_split(card, "entities", lambda c: c.entities),
        _per_split(card, "entity mentions", lambda c: sum(c.entity_mentions.values())),
        *(_per_split(card, f"entity mentions {m}", lambda c, m=m: c.mention_types[m]) for m in onto.mention_types),
        _per_split(card, "time mentions", lambda c: c.time_mentions()),
        _per_split(card, "other value mentions", lambda c: c.other_values()),
        _per_split(card, "events", lambda c: c.events),
        _per_split(card, "event mentions", lambda c: sum(c.event_mentions.values())),
        _per_split(card, "event arguments", lambda c: c.arguments),
    ]
    entity_rows = []
    for t in onto.entity_types:
        entity_rows.append([f"**{t}**", *(sum(n for (k, _), n in c.entity_mentions.items() if k == t) for _, c in cols)])
        entity_rows += [[f"{t}:{s}", *(c.entity_mentions[(t, s)] for _, c in cols)]
                        for s in onto.entity_subtypes(t) if cols[-1][1].entity_mentions[(t, s)]]
    value_rows = [[f"TIME ({x})", *(c.timex_types[x] for _, c in cols)] for x in onto.timex_types]
    for t in onto.value_types:
        if t == "TIME":
            continue
        for s in onto.value_subtypes(t) or [""]:
            value_rows.append([f"{t}:{s}" if s else t, *(c.value_mentions[(t, s)] for _, c in cols)])
    test = card.statistics.splits["test"]
    event_rows = [[t, *(c.event_mentions[t] for _, c in cols),
                   "scorable" if test.event_mentions[t] >= MIN_TEST_MENTIONS else "too rare to score alone"]
                  for t in onto.event_types]
    return "\n\n".join([
        "## Statistics",
        "Computed from the data by the build. Words are tokens holding a letter or a digit (punctuation "
        "excluded); tokens and sentences come from the Hadath tokenizer (`hadath/corpus/tokens.py`).",
        _table(_header(card, "count"), overview),
        "### Entity mentions per type and subtype",
        "Every entity type is listed; subtypes only where the corpus has a mention of them.",
        _table(_header(card, "type"), entity_rows),
        "### Time and value mentions",
        _table(_header(card, "type"), value_rows),
        "### Event mentions per subtype",
        f"All 33 subtypes of the ontology, so that the missing ones show. A subtype with fewer than "
        f"{MIN_TEST_MENTIONS} mentions in test is too rare to score alone: one mention moves its F1 by whole "
        "points, so report it only within the overall figures.",
        _table([*_header(card, "subtype"), "in test"], event_rows),
    ])


_ALIGNMENT_LABELS = {
    "entity_mentions_widened": "entity mentions widened to whole tokens",
    "value_mentions_widened": "value mentions widened to whole tokens",
    "triggers_widened": "event triggers widened to whole tokens",
    "sentences_joined": "sentence breaks removed because a span crossed them",
    "named_mentions_crossing": "named mentions left out of `ner_tags` (they cross another after widening)",
    "mentions_crossing": "mentions left out of `mention_tags` (likewise)",
    "arguments_outside_sentence": "`events` arguments whose filler is in another sentence (token offsets null)",
}


def _alignment(card: CardInput) -> str:
    rows = [_per_split(card, _ALIGNMENT_LABELS[k], lambda c, k=k: c.alignment[k]) for k in ALIGNMENT]
    return "\n\n".join([
        "### Token alignment in `ner` and `events`",
        "Gold spans are on characters; a span that begins or ends inside a token (a proclitic such as و or "
        "ب before a name, a pronoun suffix after a trigger) is widened to whole tokens, as Wojood and "
        "ANERcorp do. The character offsets in `documents` and `events` stay exact.",
        _table(_header(card, "spans"), rows),
    ])


def _limitations(card: CardInput) -> str:
    t = card.statistics.total()
    return f"""
## Limitations and biases

- Size: {_n(t.documents)} documents, {_n(card.statistics.splits['test'].documents)} of them in `test`;
  scores on a small test split carry wide confidence intervals, and rare subtypes have few or no examples
  (see the tables above).
- Register and topics: news in Modern Standard Arabic only; no dialects, social media or speech. Topics
  follow the news agenda of the sources and of the composed texts (documents per topic tag:
  {_topics(t)}).
- Composed texts ({_n(t.provenance['composed'])} of {_n(t.documents)}, all in `train`) are written for the
  corpus; their style may be more regular than published news, and fictional ones describe events that
  did not happen.
- ANERcorp texts keep their source's spelling (`علي` for `على`, missing hamzas) and a few articles begin
  or end inside a story where the source runs two together (see `articles.tsv`); their dates are
  estimates, some known only to the month or year.
- Word-level views (`ner`, `events`) widen character spans to tokens, so a proclitic is tagged with the
  name it precedes; use `documents` for exact spans.
"""


def _topics(counts: Counts) -> str:
    ranked = sorted(counts.topics.items(), key=lambda x: (-x[1], x[0]))
    return ", ".join(f"{name} {_n(n)}" for name, n in ranked) or "none"


def _license(card: CardInput) -> str:
    return license_section(card.statistics, card.license_link)


def _citation(card: CardInput) -> str:
    return citation_section(card.version)


def _version(card: CardInput) -> str:
    tools = ", ".join(f"{k} {v}" for k, v in card.tools.items())
    changes = card.changes.strip() if card.changes else "No change log was found beside the corpus."
    return f"""
## Version

Release {card.version}, built by `hadath build` with {tools}. The same corpus and these versions give
byte-identical files; `SHA256SUMS` lists the checksum of every file and `croissant.json` describes the
release in Croissant 1.1.

### Changes since the previous release

{changes}
"""


_SECTIONS = [_summary, _tasks, _results, _languages, _structure, _splits, _source, _annotation, _statistics, _alignment,
             _limitations, _license, _citation, _version]


def changes_of(changelog: Path, version: str) -> str | None:
    """The CHANGELOG section of `version`, or of `Unreleased`, without its heading."""
    if not changelog.is_file():
        return None
    text = changelog.read_text(encoding="utf-8")
    for name in (re.escape(version), "Unreleased"):
        m = re.search(rf"^## \[?v?{name}\]?[^\n]*\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
        if m:
            return m.group(1).replace("\n### ", "\n#### ").strip()
    return None
