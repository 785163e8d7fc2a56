"""`hadath lint`: one small document per consistency check, with the exact finding expected."""

from pathlib import Path

from hadath.corpus.files import Layout, write_document, write_json_atomic
from hadath.corpus.draft import anchor
from hadath.cli import main
from hadath.corpus.lint import lint

HEADER = "date: 2026-01-28\nsource: composed\nprovenance: composed\nfactuality: fictional\nlicense: CC-BY-4.0\n"


def corpus(tmp_path: Path, *drafts: tuple[str, str, str]) -> Path:
    layout = Layout(tmp_path)
    ids = []
    for doc_id, text, annotations in drafts:
        write_document(layout, anchor(f"id: {doc_id}\n{HEADER}===== text =====\n{text}\n"
                                      f"===== annotations =====\n{annotations}\n"))
        ids.append(doc_id)
    write_json_atomic(layout.splits_path, {"train": ids, "validation": [], "test": []})
    return tmp_path


def test_name_left_unannotated_even_behind_a_proclitic(tmp_path):
    root = corpus(tmp_path, ("901_a", "زار [سامر]{M1} عمان. ثم التقى وسامر بهم.",
                             "E1 PER Individual SPC\nM1 E1 NAM"))
    [f] = lint(root)
    assert (f.check, f.key) == ("name-unannotated", "سامر@25")


def test_name_inside_a_longer_word_is_not_a_finding(tmp_path):
    root = corpus(tmp_path, ("901_a", "زار [سامر]{M1} ثم السامرون.", "E1 PER Individual SPC\nM1 E1 NAM"))
    assert lint(root) == []


def test_trigger_unannotated(tmp_path):
    root = corpus(tmp_path, ("901_a", "بعد [اللقاء]{EM1} الأول جاء اللقاء الثاني.",
                             "EV1 Contact:Meet\nEM1 EV1 realis=actual tense=past"))
    [f] = lint(root)
    assert (f.check, f.key, f.message) == ("trigger-unannotated", "اللقاء@21",
                                          "'اللقاء' at [21, 27) is not annotated here")


def test_argument_in_another_paragraph(tmp_path):
    root = corpus(tmp_path, ("901_a", "[سامر]{M1} وصل.\n\nو[اعتقل]{EM1} أمس.",
                             "E1 PER Individual SPC\nM1 E1 NAM\nEV1 Justice:Arrest-Jail\n"
                             "EM1 EV1 realis=actual tense=past Person=M1"))
    [f] = lint(root)
    assert (f.check, f.key) == ("argument-far", "EM1/Person/M1")


def test_time_without_value(tmp_path):
    root = corpus(tmp_path, ("901_a", "وصل [ذات يوم]{V1}.", "V1 TIME DATE -"))
    [f] = lint(root)
    assert (f.check, f.key) == ("time-without-value", "V1")


def test_surface_with_two_types_across_documents(tmp_path):
    root = corpus(tmp_path,
                  ("901_a", "انسحبت [القوات]{M1}.", "E1 PER Group SPC\nM1 E1 NOM"),
                  ("902_b", "أعلنت [القوات]{M1}.", "E1 ORG Government SPC\nM1 E1 NOM"))
    [f] = lint(root)
    assert (f.document, f.check, f.key) == ("*", "surface-type-conflict", "القوات")
    assert f.message == "'القوات' is ORG in 902_b:M1; PER in 901_a:M1"


def test_exceptions_accept_reviewed_findings_and_flag_stale_ones(tmp_path, capsys):
    root = corpus(tmp_path, ("901_a", "وصل [ذات يوم]{V1}.", "V1 TIME DATE -"))
    assert main(["lint", str(root)]) == 1
    write_json_atomic(root / "corpus" / "lint-exceptions.json", {"exceptions": [
        {"document": "901_a", "check": "time-without-value", "key": "V1", "reason": "no anchor in the text"}]})
    assert main(["lint", str(root)]) == 0
    write_json_atomic(root / "corpus" / "lint-exceptions.json", {"exceptions": [
        {"document": "901_a", "check": "time-without-value", "key": "V1", "reason": "ok"},
        {"document": "901_a", "check": "argument-far", "key": "EM9/Place/M1", "reason": "old"}]})
    capsys.readouterr()
    assert main(["lint", str(root)]) == 1
    assert "matches no finding; remove it" in capsys.readouterr().out


def test_the_corpus_lints_clean():
    assert main(["lint", str(Path(__file__).parent.parent)]) == 0


def test_preposition_fused_with_the_article(tmp_path):
    root = corpus(tmp_path, ("901_a", "وقال مصدر لالوكالة إن الوضع هادئ، وقال آخر للوكالة ذلك.", ""))
    [f] = lint(root)
    assert (f.check, f.key) == ("preposition-article-fused", "لال@10")
    assert f.message == "'لالوكالة' at 10 writes ل before ال; expected لل"


def test_framing_pronoun_without_a_mention(tmp_path):
    root = corpus(tmp_path, ("901_a", "من جهتها، أعلنت [الرابطة]{M1} الإضراب. ومن جانب[ه]{M3}، رد [الوزير]{M2}.",
                             "E1 ORG Non-Governmental SPC\nE2 PER Individual SPC\nM1 E1 NOM\nM2 E2 NOM\nM3 E2 PRO"))
    [f] = lint(root)
    assert (f.check, f.key) == ("framing-pronoun-unannotated", "من جهتها@0")
    assert f.message == "'ها' at [6, 8) in 'من جهتها' is no PRO mention"


def test_person_name_for_two_differently_described_entities(tmp_path):
    root = corpus(tmp_path,
                  ("901_a", "قال [المتحدث]{M1} [حيدر الساعدي]{M2} إن الوضع هادئ.",
                   "E1 PER Individual SPC\nM1 E1 NOM\nM2 E1 NAM"),
                  ("902_b", "التقى [الوزير]{M1} [حيدر جواد الساعدي]{M2} نظيره.",
                   "E1 PER Individual SPC\nM1 E1 NOM\nM2 E1 NAM"),
                  ("903_c", "وقال [المتحدث]{M1} [حيدر الساعدي]{M2} أيضا.",
                   "E1 PER Individual SPC\nM1 E1 NOM\nM2 E1 NAM"))
    [f] = lint(root)
    assert (f.document, f.check, f.key) == ("*", "person-name-reused", "حيدر الساعدي")
    assert "902_b 'حيدر جواد الساعدي' (وزير)" in f.message


def test_one_name_with_one_description_is_not_a_finding(tmp_path):
    root = corpus(tmp_path,
                  ("901_a", "قال [المتحدث]{M1} [حيدر الساعدي]{M2}.", "E1 PER Individual SPC\nM1 E1 NOM\nM2 E1 NAM"),
                  ("902_b", "قال [المتحدث]{M1} [حيدر الساعدي]{M2}.", "E1 PER Individual SPC\nM1 E1 NOM\nM2 E1 NAM"))
    assert lint(root) == []


def test_trigger_left_out_of_a_parallel_construction(tmp_path):
    root = corpus(tmp_path, ("901_a", "انفجرت العبوة، ما أدى إلى [مقتل]{EM1} جندي. وأطلق مسلحون النار، ما أدى إلى احتراق شاحنة.",
                             "EV1 Life:Die\nEM1 EV1 realis=actual tense=past"))
    [f] = lint(root)
    assert (f.check, f.key) == ("parallel-trigger-unannotated", "ما أدى إلى احتراق@68")
    assert f.message == "'احتراق' at [68, 74) follows 'ما أدى إلى' as the trigger 'مقتل' does, but is no trigger"


SOURCED = "date: 2006-09\ndate_precision: month\nsource: ANERcorp\nprovenance: sourced\nfactuality: reported\n" \
          "license: CC-BY-SA-4.0\n"


def test_sourced_spelling_and_unannotated_documents_are_passed_over(tmp_path):
    layout = Layout(tmp_path)
    write_document(layout, anchor(f"id: anercorp-000001\n{SOURCED}===== text =====\nقال مصدر لالوكالة إن "
                                  "[سامر]{M1} وصل.\n===== annotations =====\nE1 PER Individual SPC\nM1 E1 NAM\n"))
    write_document(layout, anchor(f"id: anercorp-000002\n{SOURCED}===== text =====\nمن جهته قال سامر ذلك.\n"
                                  "===== annotations =====\n"))
    write_json_atomic(layout.splits_path, {"train": ["anercorp-000001", "anercorp-000002"], "validation": [],
                                           "test": []})
    assert lint(tmp_path) == []  # the source's لال stays; 000002 is not annotated yet
