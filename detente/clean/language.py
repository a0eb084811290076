"""Language of the cleaned text: non-English documents are stored and marked, not coded."""

from __future__ import annotations

from functools import lru_cache

from detente.clean.text import OTHER_STOPWORDS

CODED_LANGUAGES = ("en",)  # the languages the analysis and coding stages have models and lexicons for


def not_coded_reason(language: str | None) -> str | None:
    """Why a stored article yields no events: "language es: not coded"; None when it is coded.
    (An undetected language — a headline-length text — is coded as English.)"""
    if language is None or language in CODED_LANGUAGES:
        return None
    return f"language {language}: not coded"


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid, or None for too little text to tell."""
    sample = text[:20_000]
    if len(sample.split()) < 6:
        return None  # a headline-length text: n-gram statistics are a coin toss
    try:
        import py3langid

        code, _score = py3langid.classify(sample)
    except Exception:  # noqa: BLE001 - detection is advisory; never lose a document over it
        return None
    if code != "en" and (_looks_english(sample) or _english_plausible(sample) or _mostly_names(sample)):
        return "en"
    return code


# On a short text (up to SHORT_WORDS words) English is kept when langid gives it at least this
# normalised probability: a one-line headline about West Africa comes out as Nigerian Pidgin
# ("pcm": 0.78, English 0.20; "Nigerian troops killed Boko Haram fighters.": pcm 0.85, English
# 0.046), one about the Philippines as Bikol, while a sentence in another language leaves English
# near 0 (Spanish, French, German, Portuguese, Indonesian, Swahili: < 0.003, names included).
SHORT_WORDS = 60
ENGLISH_PLAUSIBLE = 0.01


def _english_plausible(sample: str) -> bool:
    if len(sample.split()) > SHORT_WORDS:
        return False
    try:
        ranked = dict(_identifier().rank(sample))
    except Exception:  # noqa: BLE001 - advisory, as above
        return False
    return ranked.get("en", 0.0) >= ENGLISH_PLAUSIBLE


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's shipped model with normalised probabilities (its module-level one gives raw scores)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


# English function words: on short texts character n-grams mislabel plain English (a sentence
# naming Ghana and Nigeria comes out as Nigerian Pidgin); a share of these words does not.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an of to in on at for with by from and or but not no is are was were has have had be been "
    "will would could should may might that this these those which who whom whose its their his her "
    "it they he she we said says after before over under between against about into than as".split())


def _looks_english(sample: str, minimum_share: float = 0.2, window: int = 400) -> bool:
    """Short texts only: langid is reliable on long ones, and code-switched pages stay its call.
    Names and numbers belong to no language ("Ghanaian President Kofi Mensah met Nigerian President
    Bola Tinubu on Monday" is two words of English and nine of names): the share is of the others."""
    words = _other_words(sample)
    if not words or len(words) > window:
        return False
    english = sum(w in _ENGLISH_FUNCTION_WORDS for w in words)
    # German capitalises its nouns: what is left of it is function words, mostly not English ones
    return english / len(words) >= minimum_share and english > sum(w in OTHER_STOPWORDS for w in words)


def _other_words(sample: str) -> list[str]:
    """The words of a text that are not names or numbers (function words kept even when capitalised)."""
    words = [w.strip(".,;:!?\"'()[]“”‘’—–-") for w in sample.split()]
    return [w.lower() for w in words if w and (w.lower() in _ENGLISH_FUNCTION_WORDS
                                              or not (w[0].isupper() or w[0].isdigit()))]


# Fewer words than this besides names, none a function word of another language, tell no
# language ("Ghanaian President Kwame Asante met Togolese President Kossi Agbeko.": one word):
# as for a headline-length text, the text is coded as English.
MIN_TELLING_WORDS = 3


def _mostly_names(sample: str) -> bool:
    if len(sample.split()) > SHORT_WORDS:
        return False
    words = _other_words(sample)
    return len(words) < MIN_TELLING_WORDS and not any(w in OTHER_STOPWORDS for w in words)
