from hadath.corpus.draft import anchor
from hadath.corpus.splitting import assign

HEADER = "date: 2026-01-28\nsource: Example\nprovenance: sourced\nfactuality: reported\nlicense: CC-BY-4.0\n"
COMPOSED = "date: 2026-01-28\nsource: composed\nprovenance: composed\nfactuality: fictional\nlicense: CC-BY-4.0\n"


def doc(doc_id: str, trigger: str, event_type: str, story: str | None = None, header: str = HEADER):
    extra = f"story: {story}\n" if story else ""
    return anchor(f"id: {doc_id}\n{header}{extra}===== text =====\nثم [{trigger}]{{EM1}} أمس.\n"
                  f"===== annotations =====\nEV1 {event_type}\nEM1 EV1 realis=actual tense=past\n")


def test_test_gets_every_label_and_stories_stay_together():
    docs = [doc("901_a", "اعتقل", "Justice:Arrest-Jail", "s1"), doc("902_b", "أفرج", "Justice:Release-Parole", "s1"),
            doc("903_c", "التقى", "Contact:Meet"), doc("904_d", "التقى", "Contact:Meet"),
            doc("905_e", "هاجم", "Conflict:Attack"), *[doc(f"9{i}_x", "التقى", "Contact:Meet") for i in range(10, 20)]]
    splits = assign(docs, {"train": [], "validation": [], "test": []})
    test = set(splits["test"])
    assert {"901_a", "902_b", "905_e"} <= test  # the story's two labels and the only attack
    assert len({"903_c", "904_d"} & test) + sum(f"9{i}_x" in test for i in range(10, 20)) == 1
    assert sorted(i for ids in splits.values() for i in ids) == sorted(d.id for d in docs)


def test_existing_assignments_never_move():
    docs = [doc("901_a", "اعتقل", "Justice:Arrest-Jail"), doc("902_b", "هاجم", "Conflict:Attack")]
    splits = assign(docs, {"train": ["901_a"], "validation": [], "test": []})
    assert splits == {"train": ["901_a"], "validation": [], "test": ["902_b"]}


def test_composed_documents_go_to_train_and_stories_join_their_split():
    docs = [doc("901_a", "هاجم", "Conflict:Attack", header=COMPOSED), doc("902_b", "اعتقل", "Justice:Arrest-Jail", "s1"),
            doc("903_c", "أفرج", "Justice:Release-Parole", "s1")]
    splits = assign(docs, {"train": [], "validation": [], "test": ["902_b"], "method": "by hand"})
    assert splits == {"train": ["901_a"], "validation": [], "test": ["902_b", "903_c"], "method": "by hand"}
