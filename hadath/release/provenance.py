"""The card's sections on where the texts come from, how they are split, under which licenses, and how
to cite them and tell Hadath from the corpora near it."""

from __future__ import annotations

from .counts import Counts, Statistics
from .markdown import n, table

# Text licenses as the metadata writes them → Hugging Face license ids and their deeds.
LICENSES = {"CC-BY-4.0": ("cc-by-4.0", "https://creativecommons.org/licenses/by/4.0/"),
            "CC-BY-SA-4.0": ("cc-by-sa-4.0", "https://creativecommons.org/licenses/by-sa/4.0/")}


def hub_licenses(counts: Counts) -> list[str]:
    """The Hub license ids of the released texts; `other` for a license the Hub has no id for."""
    return sorted({LICENSES[x][0] if x in LICENSES else "other" for x in counts.licenses})


def license_urls(counts: Counts) -> list[str]:
    return sorted({LICENSES[x][1] for x in counts.licenses if x in LICENSES})


def splits_section(statistics: Statistics, covered: str) -> str:
    test = statistics.splits["test"]
    return f"""
## Splits

Splits are by document and frozen: `corpus/splits.json` in the source repository lists the documents of
`train`, `validation` and `test` and says how they were made, and the validator checks that every
document is in exactly one. Validation and test hold real news only:

- `test` is CAMeL Lab's ANERcorp test split (Obeid et al., 2020), the sentences holding the last 25,008
  tokens of ANERcorp, in whole articles ({n(test.documents)} documents), so that results on the classic
  ANERcorp NER benchmark and on Hadath's layers come from the same texts.
- `validation` is the ANERcorp articles holding about the last 12,500 tokens before test.
- `train` is the rest of ANERcorp and every composed text (see *Source data*).

Use them as they are, so that numbers stay comparable. {covered}
"""


def source_section(statistics: Statistics) -> str:
    cols = statistics.columns()
    total = statistics.total()
    rows = [[p, *(c.provenance[p] for _, c in cols)] for p in ("sourced", "composed")]
    sources = [[f"`{s}`", x] for s, x in sorted(total.sources.items(), key=lambda x: (-x[1], x[0]))]
    return "\n\n".join([
        "## Source data and provenance",
        "Each document is either `sourced` (a text published elsewhere; metadata `source` names it) or "
        "`composed` (written for Hadath in news style).",
        "- **ANERcorp** (`anercorp-*`): real Arabic newswire of about 2002–2006, with some encyclopedic "
        "text, from the ANERcorp corpus (Benajiba et al., 2007; CC BY-SA 4.0). Its token stream was turned "
        "into article texts by `scripts/import_anercorp.py`, applying exactly CAMeL Lab's normalizations "
        "plus NFC; article boundaries were decided by reading and are listed, with the reason for each, in "
        "`corpus/sources/anercorp/articles.tsv`. The texts keep the source's spelling. The source gives no "
        "dates: each article's date was estimated from its content and is stored with a precision "
        "(`date_precision`: day, month, year or unknown) and the evidence (`date_evidence`).",
        "- **Composed** texts (train only): news-style articles written for Hadath, most of them fictional "
        "(invented people and organizations in real places); no composed article attributes invented acts "
        "or words to a real, living person. They add examples of rare event subtypes to train, but their "
        "style is more regular than real news and fictional ones describe events that did not happen: "
        "train with them as a supplement, and report results on the real test split.",
        table(["provenance", *(name for name, _ in cols)], rows),
        "Composed documents by factuality: " + (", ".join(
            f"`{k}` {n(v)}" for k, v in sorted(total.factuality.items())) or "none") + ".",
        "Documents per source:",
        table(["source", "documents"], sources),
        *_not_annotated(statistics),
    ])


def _not_annotated(statistics: Statistics) -> list[str]:
    waiting = {split: ids for split, ids in statistics.not_annotated.items() if ids}
    if not waiting:
        return []
    counts = ", ".join(f"{n(len(ids))} in `{split}`" for split, ids in waiting.items())
    return [f"Documents of the source repository not annotated yet ({counts}) are left out of `documents`, "
            "`ner` and `events` until they are; their ANERcorp tokens are in the `anercorp` config, whose "
            "`document_id` then names a document of a later release."]


def license_section(statistics: Statistics, license_link: str | None) -> str:
    total = statistics.total()
    rows = [[f"`{x}`", c] for x, c in sorted(total.licenses.items(), key=lambda x: (-x[1], x[0]))]
    left_out = [i for ids in statistics.left_out.values() for i in ids]
    parts = [
        "## License",
        "This release carries two licenses, document by document (metadata `license`): the ANERcorp texts "
        "(`CC-BY-SA-4.0`) and everything derived from them — their annotations and the `anercorp` config — "
        "are under CC BY-SA 4.0 (credit: Benajiba, Rosso and Benedí, 2007); the composed texts and their "
        "annotations (`CC-BY-4.0`) are under CC BY 4.0." + (f" See `{license_link}`." if license_link else ""),
        "Documents per text license:",
        table(["license", "documents"], rows),
    ]
    if left_out:
        parts.append(f"{n(len(left_out))} document(s) of the source repository whose text license is unknown "
                     f"({', '.join(f'`{i}`' for i in sorted(left_out))}) are not redistributed and are left out "
                     "of this release; they stay in the repository, where `hadath validate` checks them.")
    return "\n\n".join(parts)


def citation_section(version: str) -> str:
    return f"""
## Citation and related corpora

```bibtex
@misc{{hadath,
  title  = {{Hadath: an open Arabic news corpus with gold entity, time and event annotations}},
  note   = {{Release {version}}},
  year   = {{2026}}
}}
```

Cite ANERcorp for its texts and CAMeL Tools for the split: Yassine Benajiba, Paolo Rosso and José Miguel
Benedí Ruiz, "ANERsys: An Arabic Named Entity Recognition System Based on Maximum Entropy", CICLing 2007;
Ossama Obeid et al., "CAMeL Tools: An Open Source Python Toolkit for Arabic Natural Language
Processing", LREC 2020.

**Not WojoodHadath.** Aljabari, Duaibes, Jarrar and Khalilia, "Event-Arguments Extraction Corpus and
Modeling using BERT for Arabic" (ArabicNLP 2024), introduced an Arabic corpus also called Hadath
(WojoodHadath): about 550k tokens of Wojood extended with three event-argument relations (agent,
location, date) between Wojood's event mentions and named entities. This corpus is a different
resource: full ACE 2005 annotation — entity mentions of every kind with coreference, times and values,
and the 33 ACE event subtypes with all their roles, attributes and event coreference — on character
offsets over ANERcorp news, with its own tools. Related corpora: ACE 2005 Multilingual Training Corpus (LDC2006T06; Arabic, licensed
by the LDC), Wojood (Jarrar et al., LREC 2022) and WojoodNER shared tasks (nested Arabic NER), ANERcorp
and CLEANANERCorp (flat Arabic NER), MAVEN (English event detection).
"""


def crosscheck_section(figures: dict | None) -> str:
    if not figures:
        return ""
    rows = [[tag, r["names"], r["found"], r["overlapped"], r["missed"], "—" if r["same_type"] is None else r["same_type"],
             ", ".join(f"{t} {c}" for t, c in r["our_types"].items())] for tag, r in figures["per_tag"].items()]
    verdicts = ", ".join(f"{k} {n(v)}" for k, v in sorted(figures["verdicts"].items())) or "none"
    kinds = ", ".join(f"{k} {n(v)}" for k, v in sorted(figures["kinds"].items())) or "none"
    return "\n\n".join([
        "### Cross-check against ANERcorp's own tags",
        "ANERcorp's PERS/LOC/ORG/MISC names in the annotated validation and test documents, aligned with the "
        "gold mentions (`hadath crosscheck`): *found* means a gold mention with the name's offsets once "
        "proclitics and attached punctuation are set aside, *overlapped* a gold mention with other "
        "boundaries, *same type* the ACE counterpart (PERS: PER; LOC: GPE, LOC, FAC; ORG: ORG or a GPE in its "
        "ORG role). MISC has no ACE counterpart.",
        table(["ANERcorp tag", "names", "found", "overlapped", "missed", "same type", "gold types"], rows),
        f"Gold named mentions: {n(figures['our_named_mentions'])}, of which "
        f"{n(figures['our_named_mentions_without_anercorp_name'])} meet no ANERcorp name. Disagreements: "
        f"{kinds}. Each is reviewed by reading: the gold is fixed where it was wrong, and the rest is recorded "
        f"with its verdict in `corpus/sources/anercorp/crosscheck.tsv` of the source repository "
        f"(`anercorp-error`: ANERcorp's tag is wrong; `convention`: the two schemes differ). By verdict: "
        f"{verdicts}" + (" (`open`: not reviewed yet)." if "open" in figures["verdicts"] else "."),
    ])
