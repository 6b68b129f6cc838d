"""Turning text into the words search compares: what someone typed, and what the index holds.

Everything a reader types goes through `clean_query` first: it never raises, whatever the input. Words are then
taken with a plain pattern (letters and digits), and search looks them up in its own index: nothing the reader
types ever reaches a database as a query.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

MAX_QUERY_LENGTH = 200
MAX_WORD_LENGTH = 40

# The Snowball list of English stop words (PostgreSQL's 'english'), plus the shapes
# contractions take once their apostrophe is gone ("don't" -> "don t", "dont"), the words that frame a
# question rather than say what it is about ("I want", "do I need to"), and the fillers of a spoken sentence
# ("what it's really like", "does she even know anything").
_STOP_WORDS = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above below to from up down in
    out on off over under again further then once here there when where why how all any both each few more most
    other some such no nor not only own same so than too very s t can will just don should now
    d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn
    weren won wouldn dont doesnt didnt cant wont isnt arent wasnt werent havent hasnt hadnt shouldnt wouldnt
    couldnt im ive youre theyre id would could may might must shall also get got please want wants need needs
    like really actually even ever anything something thing things
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff]")
# A word is letters and digits: not underscores (Markdown emphasis), nor anything else.
TOKEN = re.compile(r"[^\W_]+")
# The Snowball stemmer for every word search compares: Porter's, as SQLite's FTS5 used.
STEMMER = "porter"


def clean_query(raw):
    """What the reader typed, made safe to show and search: no control characters (PostgreSQL refuses NUL), no
    private-use characters (excerpts use them as markers), single spaces, at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    text = CONTROL_CHARACTERS.sub(" ", text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def words(text):
    """Lower-case words, split as the index splits them: "Clare's" -> "clare", "s";
    "non-molestation" -> "non", "molestation"; "don't" -> "don", "t". Over-long "words" (pasted junk) are
    dropped. The lone "s" of a possessive is a stop word, but inside a phrase it keeps the words' positions
    ("children s services" matches "Children's Services")."""
    return [w for w in TOKEN.findall(text.lower()) if len(w) <= MAX_WORD_LENGTH]


def key(word):
    """A looser form of a word for matching synonyms: "orders" and "order", "clares" and "clare" agree."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def is_stop_word(word):
    return word in STOP_WORDS or len(word) == 1


@lru_cache(maxsize=50_000)
def stem(word):
    """`word` (lower case) as search compares it: diacritics folded (as FTS5's remove_diacritics did), then
    stemmed. Cached: the content's vocabulary is small, and Snowball in pure Python is not quick."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return snowballstemmer.stemmer(STEMMER).stemWord(folded)
