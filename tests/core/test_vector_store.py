"""Specification of rubric vectors kept on disk: read back by a new process instead of encoded again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evaluator.core.embedding import get_encoder
from evaluator.core.stages import recording
from evaluator.core.vector_store import keep_vectors_in

TEXTS = ["A roadmap for defence industrial cooperation, written for this test.", "INDUS-X links start-ups."]


@pytest.fixture
def folder(tmp_path: Path):
    keep_vectors_in(tmp_path)
    yield tmp_path
    keep_vectors_in(None)


def test_kept_vectors_are_read_back_without_a_model_pass(folder: Path) -> None:
    encoder = get_encoder()
    if encoder is None:
        pytest.skip("the sentence model is not installed")
    vectors, tokens = encoder.encode_with_tokens(TEXTS, keep=True)
    assert len(list(folder.glob("*.npz"))) == 1
    encoder.clear_cache()  # as in a new process
    with recording() as times:
        again, again_tokens = encoder.encode_with_tokens(TEXTS, keep=True)
    assert "model" not in times.seconds
    np.testing.assert_array_equal(again, vectors)
    assert [t.shape for t in again_tokens] == [t.shape for t in tokens]
    assert all(np.array_equal(a, b) for a, b in zip(again_tokens, tokens, strict=True))


def test_answers_and_a_program_without_a_folder_keep_nothing(tmp_path: Path, folder: Path) -> None:
    encoder = get_encoder()
    if encoder is None:
        pytest.skip("the sentence model is not installed")
    encoder.encode(["An answer's sentence is never written to disk, for this test."])
    keep_vectors_in(None)
    encoder.encode(["A rubric text with no folder set, for this test."], keep=True)
    assert not list(folder.glob("*.npz"))


def test_a_damaged_file_is_encoded_again(folder: Path) -> None:
    encoder = get_encoder()
    if encoder is None:
        pytest.skip("the sentence model is not installed")
    texts = ["A text whose saved vectors get damaged, for this test."]
    vectors = encoder.encode(texts, keep=True)
    for path in folder.glob("*.npz"):
        path.write_bytes(b"not a numpy file")
    encoder.clear_cache()
    np.testing.assert_array_equal(encoder.encode(texts, keep=True), vectors)
