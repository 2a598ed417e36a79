"""Specification of the word frequency table: the same log probabilities as spaCy's, whichever form is loaded."""

from __future__ import annotations

import pytest
import srsly

from evaluator.core.frequencies import HashedTable, _rows, _source, frequencies
from evaluator.core.text import RARE_LOG_PROBABILITY, log_probability


@pytest.fixture(scope="module")
def source() -> dict[str, float]:
    return srsly.read_gzip_json(_source())


@pytest.mark.parametrize("word", ["the", "world", "treaty", "geospatial", "co-production", "India", "श्रम", ""])
def test_the_loaded_table_gives_spacys_value_or_none(source: dict[str, float], word: str) -> None:
    assert frequencies().get(word) == source.get(word)


def test_a_hashed_table_finds_its_words_and_nothing_else() -> None:
    table = HashedTable(_rows({"treaty": -12.6868638992, "the": -3.5287666321, "roadmap": -15.25}))
    assert (table.get("treaty"), table.get("the"), table.get("roadmap")) == (-12.6868638992, -3.5287666321, -15.25)
    assert table.get("Treaty") is None and table.get("") is None and len(table) == 3


def test_a_word_no_list_knows_is_rare() -> None:
    assert log_probability("qzxvbnotaword") == RARE_LOG_PROBABILITY
