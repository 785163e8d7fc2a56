from hypothesis import given
from hypothesis import strategies as st

from hadath.corpus.tokens import is_word, sentences, tokenize


def words(text):
    return [text[s:e] for s, e in tokenize(text)]


def test_punctuation_is_split_and_clitics_stay_attached():
    assert words("وقال د. سمير، إن «المشروع» جديد!") == [
        "وقال", "د", ".", "سمير", "،", "إن", "«", "المشروع", "»", "جديد", "!"]


def test_diacritics_tatweel_and_digits_stay_inside_tokens():
    text = "كَتَبَ الـــطالب ١٤ عاما و٣٫٥ مليون و1,000 دولار هٰذا"
    assert words(text) == ["كَتَبَ", "الـــطالب", "١٤", "عاما", "و٣٫٥", "مليون", "و1,000", "دولار", "هٰذا"]


def test_offsets_are_code_points_into_the_text():
    text = "  حلب؟"
    assert tokenize(text) == [(2, 5), (5, 6)]
    assert tokenize(text, 3) == [(3, 5), (5, 6)]


def test_is_word():
    assert is_word("١٤") and is_word("ـ") and not is_word("،") and not is_word("«")


def test_sentences_end_at_terminal_punctuation_and_line_breaks():
    text = 'قال: "انتهى." ثم عاد؟! نعم\nسطر 3.5 جديد'
    assert [text[s:e] for s, e in sentences(text)] == ['قال: "انتهى."', "ثم عاد؟!", "نعم", "سطر 3.5 جديد"]


def test_an_opening_quote_starts_the_next_sentence():
    text = 'انتهى. "بداية" جديدة.'
    assert [text[s:e] for s, e in sentences(text)] == ["انتهى.", '"بداية" جديدة.']


@given(st.text(alphabet="ابت َُ ـ١2.,؟!\n «»\"", max_size=40))
def test_tokens_cover_every_non_space_character_once(text):
    spans = tokenize(text)
    covered = [i for s, e in spans for i in range(s, e)]
    assert covered == [i for i, ch in enumerate(text) if not ch.isspace()]
    inside = [i for s, e in sentences(text) for i in range(s, e)]
    assert set(covered) <= set(inside) and len(inside) == len(set(inside))


@given(st.text(alphabet="ابت َُ ـ١2.,؟!\n «»\"", max_size=40))
def test_count_words_counts_the_word_tokens(text):
    from hadath.corpus.tokens import count_words

    assert count_words(text) == sum(is_word(text[s:e]) for s, e in tokenize(text))
