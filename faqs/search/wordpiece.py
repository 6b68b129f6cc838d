"""BERT's uncased tokenizer, as the sentence model was trained with it (faqs/search/meaning.py): text to the ids
of its vocabulary's word pieces ("molestation" -> "mole", "##sta", "##tion").

Written out here rather than taken from a tokenizer library (which would bring a client for a model hub this
site must never call): clean the text, lower-case it, drop accents, split at spaces, punctuation and CJK
characters, then cut each word into the longest pieces the vocabulary has, greedily from the left. The same
steps, in the same order, as BertTokenizer; tests/test_search_meaning.py holds it to the reference's ids.
"""

import unicodedata
from functools import lru_cache
from pathlib import Path

UNKNOWN, FIRST, LAST = "[UNK]", "[CLS]", "[SEP]"
# The model reads at most this many pieces of a text, the two markers included (its max_seq_length).
MAX_PIECES = 256
MAX_WORD_CHARACTERS = 100
CAPITAL_SIGMA, SIGMA = "\u03a3", "\u03c3"
CJK = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)  # fmt: skip


class WordPiece:
    def __init__(self, vocabulary_file):
        words = Path(vocabulary_file).read_text(encoding="utf-8").splitlines()
        self.ids = {word: n for n, word in enumerate(words)}
        self.pieces_of = lru_cache(maxsize=100_000)(self._pieces_of)

    def encode(self, text):
        """[CLS] id, the ids of the text's pieces (as many as fit), [SEP] id."""
        pieces = [piece for word in words(text) for piece in self.pieces_of(word)]
        return [self.ids[FIRST], *pieces[: MAX_PIECES - 2], self.ids[LAST]]

    def _pieces_of(self, word):
        if len(word) > MAX_WORD_CHARACTERS:
            return (self.ids[UNKNOWN],)
        pieces, start = [], 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else f"##{word[start:end]}"
                if piece in self.ids:
                    pieces.append(self.ids[piece])
                    start = end
                    break
            else:
                return (self.ids[UNKNOWN],)  # a word the pieces cannot spell is unknown as a whole
        return tuple(pieces)


def words(text):
    """The text's words and punctuation marks, each alone, lower case, without accents."""
    found, current = [], []
    for character in normalised(text):
        if character == " " or is_punctuation(character) or is_cjk(character):
            if current:
                found.append("".join(current))
                current = []
            if character != " ":
                found.append(character)
        else:
            current.append(character)
    if current:
        found.append("".join(current))
    return found


def normalised(text):
    """As BertNormalizer: control and unassigned characters gone, every kind of space a plain one, accents
    dropped (decomposed, then the marks left out), then lower case."""
    kept = []
    for character in text:
        category = unicodedata.category(character)
        if character in "\t\n\r" or category in ("Zs", "Zl", "Zp"):
            kept.append(" ")
        elif character not in "\x00\ufffd" and category not in ("Cc", "Cf", "Co", "Cs"):
            kept.append(character)
    decomposed = unicodedata.normalize("NFD", "".join(kept))
    # Letter by letter, as the reference does: str.lower() alone would end a word's capital sigma in a final one.
    return (
        "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        .replace(CAPITAL_SIGMA, SIGMA)
        .lower()
    )


def is_punctuation(character):
    code = ord(character)
    return (
        33 <= code <= 47
        or 58 <= code <= 64
        or 91 <= code <= 96
        or 123 <= code <= 126
        or (unicodedata.category(character).startswith("P"))
    )


def is_cjk(character):
    code = ord(character)
    return any(low <= code <= high for low, high in CJK)
