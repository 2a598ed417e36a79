"""Scoring settings: every tunable number, with its default, in one place.

A rubric may override any of them under ``scoring:`` (for the whole rubric) or
per question; the evaluator never reads a magic number from anywhere else.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ScoringSettings(BaseModel):
    """How signals turn into statuses and marks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    covered_threshold: float = Field(0.6, gt=0, le=1, description="point score at or above which a key point is covered")
    partial_threshold: float = Field(0.3, ge=0, lt=1, description="point score at or above which a key point is partial")
    fuzzy_chars_per_edit: int = Field(5, ge=2, le=50, description="one typo (edit) allowed per this many letters of a keyword, at most 3")
    semantic: bool = Field(True, description="use sentence embeddings to credit paraphrase")
    semantic_floor: float = Field(0.35, ge=-1, lt=1, description="cosine at which semantic credit starts")
    semantic_full: float = Field(0.65, gt=-1, le=1, description="cosine that earns full semantic credit")
    alignment_floor: float = Field(0.6, ge=-1, lt=1, description="token alignment recall at which semantic credit starts")
    alignment_full: float = Field(0.85, gt=-1, le=1.01, description="token alignment recall that earns full semantic credit")
    specific_words_full: int = Field(5, ge=0, le=30, description="content words, beyond the question's own, a sentence needs for full semantic credit (0: no such check)")
    semantic_contrast: float = Field(1.0, ge=0, le=3, description="how much a sentence's closeness to the other key points lowers its credit")
    keyword_weight: float = Field(0.6, ge=0, le=1, description="share of keywords (vs similarity) in a point's blended score")
    depth_exponent: float = Field(1.0, ge=0, le=3, description="how strongly content is scaled by length relative to the limit (0 = not at all)")
    full_depth_share: float = Field(0.85, gt=0, le=2, description="share of the word limit at which an answer can be fully developed")
    off_topic_share: float = Field(0.25, ge=0, lt=1, description="share of sentences near a key point below which an answer earns nothing")
    on_topic_share: float = Field(0.45, gt=0, le=1, description="share of sentences near a key point that earns full credit")
    coherence_weight: float = Field(1.0, ge=0, le=1, description="how much a bare keyword list (low prose coherence) scales the marks; 0 for short factual answers")
    copied_question_factor: float = Field(0.15, ge=0, le=1, description="content credit kept by an answer that restates the question")
    other_question_margin: float = Field(0.1, ge=0, le=1, description="share of full marks by which another question of the rubric must suit an answer better to ask whether the right one was picked")
    structure_share: float = Field(0.25, ge=0, le=1, description="share of marks that rewards structure and directive fit")
    top_share: float = Field(0.7, gt=0, le=1, description="share of full marks that a flawless answer earns (UPSC norm)")
    length_tolerance: float = Field(0.1, ge=0, le=1, description="fraction over the word limit tolerated without penalty")
    overlength_penalty: float = Field(0.5, ge=0, le=5, description="mark fraction lost per 100% over the tolerated length")
    min_english_share: float = Field(0.5, ge=0, le=1, description="share of words that must be English to score the answer")
    max_chars: int = Field(30_000, gt=0, description="longest answer scored, in characters")
    max_words: int = Field(5_000, gt=0, description="longest answer scored, in words")

    @model_validator(mode="after")
    def _ordered(self) -> ScoringSettings:
        if self.partial_threshold >= self.covered_threshold:
            raise ValueError("partial_threshold must be below covered_threshold")
        if self.semantic_floor >= self.semantic_full:
            raise ValueError("semantic_floor must be below semantic_full")
        if self.off_topic_share >= self.on_topic_share:
            raise ValueError("off_topic_share must be below on_topic_share")
        if self.alignment_floor >= self.alignment_full:
            raise ValueError("alignment_floor must be below alignment_full")
        return self


DEFAULT_SETTINGS = ScoringSettings()
