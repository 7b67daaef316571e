"""Korean for the search index: extra index terms so that Pagefind finds parts of Korean words.

Pagefind splits text on spaces and matches every query word as a *prefix* of the indexed
words. Korean writes a compound (평생학습, "lifelong learning") and a noun with its particle
(서울에서, "in Seoul") as one space-separated word, so out of the box `학습` misses 평생학습
and `서울에서` misses 서울. Two small, pure steps fix this:

- index side (`case_terms`, `index_text`): for every Hangul word, its form without a trailing
  particle and its *suffixes* of two syllables or more (평생학습 → 생학습, 학습). With
  Pagefind's prefix matching, the suffixes find every part of the word, which bigrams would
  not (a three-syllable part inside a longer word), with fewer terms (n-2 suffixes against
  n-1 bigrams). City names are added in the other script and without their administrative
  suffix (송파구 → 송파, Songpa-gu → Songpa; 세종특별자치시 → 세종, 세종시).
- query side (assets/search.js): a query word loses a trailing particle (서울에서 → 서울),
  with the same rules, read from `particle_rules()` which the search page carries as JSON.
  The stem is a prefix of the original word, so the original is still found.

Stripping is deliberately cautious (see `strip_particle`), and a wrong strip must never lose a
word: after a particle that also ends many nouns (도, 의, 이, 과, 만) the unstripped word's
suffixes are kept as well (교육제도 → 교육제 is wrong, but 제도 is still indexed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Particles (josa) taken off the end of a word, longest first. The list is short on purpose:
# the case particles, 도/만 and the few stacked forms that are frequent in official prose.
# Measured against the Kiwi morphological analyser on the 3,003 distinct Hangul words of
# konlpy's Korean constitution and bills: 97% of strips are right (1,380 of 1,426; most of the
# rest take off part of a stacked particle, 으로서의 → 으로서, which search does not mind),
# and 91% of the words that end in a particle are stripped.
AFTER_CONSONANT = ("으로부터", "으로서", "으로써", "으로는", "으로도", "으로", "과의", "과", "은", "을", "이")
AFTER_VOWEL = ("로부터", "로서", "로써", "로는", "로도", "로", "와의", "와", "는", "를", "가")
ANYWHERE = ("에서부터", "에서는", "에서도", "에서의", "에게서", "에게는", "에게", "에서", "에는", "에도",
            "에의", "까지", "부터", "의", "에", "도", "만")
# These are also the last syllable of many nouns (제도, 성과, 어린이, 회의, 민주주의): after such a
# strip the whole word's suffixes are indexed too, so a wrong strip loses nothing. Measured
# wrong-strip rates: 도 5 of 10, 만 1 of 2, 이 4 of 82, 의 9 of 269, 과 1 of 74 (but 성과, 결과,
# 학과 end many education words); the other particles were wrong in under 2% of strips.
UNSURE = ("의", "도", "만", "이", "과")
# Words with these endings are verbs or adjectives (운영한다, 협력하여, 제공하는): their parts are
# not what readers search for, and the stem is a prefix that Pagefind finds anyway.
VERB_ENDINGS = ("다", "하여", "하고", "하며", "하는", "되는", "하게")
PARTICLES = tuple(sorted({*AFTER_CONSONANT, *AFTER_VOWEL, *ANYWHERE}, key=lambda p: (-len(p), p)))

# 는 after these is a verb's adnominal ending (하는, 되는, 하려는): 51 of the 63 wrong strips
# of 는 in the measurement.
VERB_STEM_ENDS = ("하", "되", "려")
MIN_STEM = 2  # syllables left after a strip: 국가, 제도, 평가 and 시가 keep their last syllable
MIN_PART = 2  # the shortest suffix indexed: one syllable matches far too much
MAX_PART = 8  # suffixes are cut to this many syllables: a query part is rarely longer

# Administrative suffixes of Korean place names, longest first; then their romanised forms.
ADMIN_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시", "자치구", "시", "군", "구", "도")
SHORT_CITY_SUFFIX = {"특별자치시": "시", "특별시": "시", "광역시": "시"}  # 세종특별자치시 is also 세종시
ROMAN_SUFFIXES = re.compile(r"(?i)[-\s](?:gu|si|gun|do|teukbyeolsi|gwangyeoksi)$")

HANGUL = re.compile(r"[\uac00-\ud7a3]+")  # precomposed syllables
_PUNCTUATION = re.compile(r"[^\w]+")
_TAG = re.compile(r"<[^>]*>")
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|code|del|em|i|ins|mark|s|small|span|strong|sub|sup|u)\b", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def has_final_consonant(syllable: str) -> bool:
    """가 → False, 각 → True: whether a Hangul syllable ends in a consonant (batchim)."""
    return (ord(syllable) - 0xAC00) % 28 != 0


def _ends_in_rieul(syllable: str) -> bool:
    return (ord(syllable) - 0xAC00) % 28 == 8


def _agrees(stem: str, particle: str) -> bool:
    """Korean particles come in pairs chosen by the sound before them: 은/는, 이/가, 을/를,
    과/와, 으로/로. A pair's member that does not fit the stem is not a particle there
    (효과 ends in 과, but 효 has no final consonant, so 과 is part of the noun)."""
    last = stem[-1]
    if particle.startswith("로") and last == "으":
        return False  # 것으로 is 것 + 으로, not 것으 + 로
    if particle == "는" and last in VERB_STEM_ENDS:
        return False  # 활용하는, 선임되는: a verb's ending, not the topic particle
    if particle in AFTER_CONSONANT:
        return has_final_consonant(last)
    if particle in AFTER_VOWEL:
        # 로 also follows ㄹ: 서울로, 도로로
        return not has_final_consonant(last) or (particle.startswith("로") and _ends_in_rieul(last))
    return True


def strip_particle(word: str) -> str:
    """The word without one trailing particle, or the word itself: 서울에서 → 서울,
    평생교육을 → 평생교육, 효과 → 효과 (과 does not follow 효), 국가 → 국가 (too short)."""
    for particle in PARTICLES:
        if word.endswith(particle):
            stem = word[:-len(particle)]
            if len(stem) >= MIN_STEM and HANGUL.fullmatch(stem) and _agrees(stem, particle):
                return stem
    return word


def suffixes(word: str) -> list[str]:
    """평생교육원 → 생교육원, 교육원, 육원: every proper suffix of two syllables or more."""
    return [word[i:i + MAX_PART] for i in range(1, len(word) - MIN_PART + 1)]


def word_terms(word: str) -> list[str]:
    """The extra terms of one Hangul word: its stem without a particle, the stem's suffixes,
    and, after a strip that might be wrong, the whole word's suffixes too. A verb has none."""
    if word.endswith(VERB_ENDINGS):
        return []
    stem = strip_particle(word)
    if stem == word:
        return suffixes(word)
    return [stem, *suffixes(stem), *(suffixes(word) if word[len(stem):] in UNSURE else ())]


def hangul_words(text: str) -> list[str]:
    """The runs of Hangul syllables in a text: "SSEM(송파형 평생학습)" → 송파형, 평생학습."""
    return HANGUL.findall(text)


def place_names(name: str, name_local: str | None) -> list[str]:
    """A city's names in both scripts, also without the administrative suffix:
    ("Songpa-gu", "송파구") → Songpa-gu, Songpa, 송파구, 송파;
    ("Sejong", "세종특별자치시") → Sejong, 세종특별자치시, 세종, 세종시."""
    names = [name]
    short = ROMAN_SUFFIXES.sub("", name)
    if short and short != name:
        names.append(short)
    if name_local:
        names.append(name_local)
        for suffix in ADMIN_SUFFIXES:
            base = name_local[:-len(suffix)]
            if name_local.endswith(suffix) and len(base) >= MIN_STEM:
                names.append(base)
                if suffix in SHORT_CITY_SUFFIX:
                    names.append(base + SHORT_CITY_SUFFIX[suffix])
                break
    return names


def case_terms(texts: Iterable[str], names: Iterable[str] = ()) -> tuple[str, ...]:
    """The extra index terms of a case, known when pages are planned: from its title, summary,
    keywords and the like (texts), and its place's names. In order, without repeats."""
    texts = tuple(texts)
    terms = list(names)
    for text in texts:
        for word in hangul_words(text):
            terms.extend(word_terms(word))
            if len(word) >= MIN_PART:
                terms.append(word)  # a run glued to Latin letters or digits ("AI교육") is not a word yet
    return _unique(terms, _visible_words(texts))


def html_text(html: str) -> str:
    """The text of HTML our Markdown renderer wrote (raw HTML is off, so `<` in text is
    escaped): inline tags vanish (<strong>학습</strong>을 is one word), other tags and
    entities become spaces (entities never hold Hangul)."""
    return _ENTITY.sub(" ", _TAG.sub(lambda tag: "" if _INLINE_TAG.match(tag.group()) else " ", html))


def index_text(terms: Iterable[str], body_html: str = "") -> str:
    """The content of the case page's hidden index-terms element: the planned terms and the
    terms of its rendered body (templates call it as `korean_index(search_terms, body_html)`)."""
    body = html_text(body_html)
    words = hangul_words(body)
    extra = [term for word in words for term in (*word_terms(word), word) if len(term) >= MIN_PART]
    if not terms and not extra:
        return ""
    return " ".join(_unique([*terms, *extra], _visible_words([body])))


def particle_rules() -> dict[str, object]:
    """The particle rules as data, for the search page's script (so the two cannot drift)."""
    return {"afterConsonant": list(AFTER_CONSONANT), "afterVowel": list(AFTER_VOWEL),
            "anywhere": list(ANYWHERE), "verbStemEnds": list(VERB_STEM_ENDS), "minStem": MIN_STEM}


def normalise_query(query: str) -> str:
    """What the search page sends to Pagefind for a query: each Hangul word without a trailing
    particle (the Python twin of search.js's normaliseQuery, for tests)."""
    return " ".join(strip_particle(word) if HANGUL.fullmatch(word) else word for word in query.split())


def _visible_words(texts: Iterable[str]) -> set[str]:
    """The words Pagefind indexes anyway: each space-separated token, and its parts between
    punctuation ("평생학습," → 평생학습)."""
    words: set[str] = set()
    for text in texts:
        words.update(text.split())
        words.update(_PUNCTUATION.split(text))  # whitespace is punctuation too: every token's parts
    return words


def _unique(terms: Iterable[str], skip: set[str]) -> tuple[str, ...]:
    """Terms in first-seen order, once each, leaving out words the page already shows."""
    seen: set[str] = set()
    out = []
    for term in terms:
        if term and term not in seen and term not in skip:
            seen.add(term)
            out.append(term)
    return tuple(out)
