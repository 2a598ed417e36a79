"""Scoring settings: every number the marks depend on, with its default and its allowed range, in one place.

A rubric may override any of them under ``scoring:`` (for the whole rubric) or per question;
the evaluator never reads a number from anywhere else. The fields are grouped as the marks
pipeline uses them: matching a key point, statuses, red flags, structure checks, marks.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class ScoringSettings(BaseModel):
    """How signals turn into statuses and marks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- statuses --------------------------------------------------------------------------------------------------
    covered_threshold: float = Field(0.6, gt=0, le=1, description="point score at or above which a key point is covered")
    partial_threshold: float = Field(0.3, ge=0, lt=1, description="point score at or above which a key point is partial")

    # --- keyword signal --------------------------------------------------------------------------------------------
    concepts_needed: float = Field(0.75, gt=0, le=1, description="share of a point's keyword concepts that earns the full keyword score")
    fuzzy_chars_per_edit: int = Field(5, ge=2, le=50, description="one typo (edit) allowed per this many letters of a keyword")
    fuzzy_max_edits: int = Field(3, ge=0, le=10, description="most typos allowed in one keyword")
    fuzzy_min_chars: int = Field(5, ge=1, le=50, description="shorter keywords must be written exactly")
    fuzzy_cost_per_edit: float = Field(0.1, ge=0, le=1, description="share of a keyword hit lost per typo")
    negated_credit: float = Field(0.5, ge=0, le=1, description="share of a keyword hit kept when the keyword is denied")

    # --- contradiction signal --------------------------------------------------------------------------------------
    contradicted_share: float = Field(0.5, gt=0, le=1, description="share of the clauses about a point that contradict it at which the point is contradicted")
    judge_alignment: float = Field(0.6, ge=-1, le=1, description="cosine from which an answer sentence is about a key point closely enough for the consistency judge to read it against the point")
    judge_pairs: int = Field(0, ge=0, le=100, description="most (point, sentence) pairs the consistency judge reads per answer, the closest first; 0 (the default) turns it off: measured on held-out articles it is not precise enough to mark a claim wrong, and each pair costs 3-7 ms")
    judge_confirm: float = Field(1.01, ge=0, le=1.01, description="margin of 'contradicted' over the judge's other labels from which a sentence is wrong without a declared fact; above 1 (the default): never, as no margin was measured precise (evaluator/models/judge/README.md)")
    judge_check: float = Field(0.3, ge=0, le=1.01, description="margin from which the judge's reading is a 'check' in the mentor's review queue, at no cost in marks (above 1: never)")
    wrong_claims_penalty: float = Field(0.6, ge=0, le=1, description="most of the marks an answer can lose to its wrong claims (an examiner still credits the structure of a fluent answer whose facts are wrong)")
    wrong_claim_cost: float = Field(0.3, ge=0, le=1, description="share of the marks each wrong claim costs (a claim is wrong only against a declared fact or a confirmed reading of the judge): examiners mark down an answer whose facts are wrong, and the checks find only some of them. 0.3 chosen on the claim sets (278 answers): against 0.2, Spearman rose on all five sets and no correct answer lost marks, none being called wrong; the cap stays at 0.6, as 0.7 put a bank sample's wrong-facts answer below its examiner's range")

    # --- meaning and alignment signals -----------------------------------------------------------------------------
    semantic: bool = Field(True, description="use sentence embeddings to credit paraphrase")
    semantic_floor: float = Field(0.35, ge=-1, lt=1, description="cosine at which semantic credit starts")
    semantic_full: float = Field(0.65, gt=-1, le=1, description="cosine that earns full semantic credit")
    alignment_floor: float = Field(0.6, ge=-1, lt=1, description="token alignment recall at which semantic credit starts")
    alignment_full: float = Field(0.85, gt=-1, le=1.01, description="token alignment recall that earns full semantic credit")
    specific_information_full: float = Field(3.0, ge=0, le=30, description="information (rare words and details beyond the question's own) a sentence needs for full meaning credit (0: no such check)")
    development_floor: float = Field(0.5, ge=0, le=1, description="most credit a key point earns when made in passing, with nothing specific (1: no development check)")
    development_full: float = Field(6.0, gt=0, le=50, description="information in the point's best sentence that lets it earn full credit: a point named in passing is not a point developed")
    semantic_contrast: float = Field(1.0, ge=0, le=3, description="how much a sentence's closeness to the other key points lowers its credit")
    topic_background: float = Field(0.35, ge=-1, le=1, description="cosine of unrelated sentences on the same subject; closeness to other points above it lowers credit")
    max_specificity_bonus: float = Field(0.1, ge=0, le=1, description="most a sentence's similarity can rise for being far from the other key points")

    # --- blending signals into a point score -----------------------------------------------------------------------
    keyword_weight: float = Field(0.6, ge=0, le=1, description="share of keywords (vs meaning) in a point's blended score")

    # --- red flags -------------------------------------------------------------------------------------------------
    off_topic_share: float = Field(0.25, ge=0, lt=1, description="share of sentences near a key point below which an answer earns nothing")
    on_topic_share: float = Field(0.45, gt=0, le=1, description="share of sentences near a key point that earns full credit")
    topic_points: int = Field(3, ge=1, le=50, description="how many best-fitting key points measure whether an answer is on the question's subject")
    topic_floor: float = Field(0.45, ge=-1, lt=1, description="cosine between an answer and its best-fitting key points (mean over topic_points) at or below which it is off the subject: an essay on a neighbouring subject sits near the key points' domain, not near any of them")
    topic_full: float = Field(0.53, gt=-1, le=1, description="that mean cosine from which the answer is fully on the subject")
    off_topic_warning: float = Field(0.5, ge=0, le=1, description="relevance below which the feedback warns that the answer is off the question")
    coherence_weight: float = Field(1.0, ge=0, le=1, description="how much a bare keyword list (low prose coherence) scales the marks; 0 for short factual answers")
    coherence_stop_floor: float = Field(0.12, ge=0, lt=1, description="share of function words at which prose coherence starts")
    coherence_stop_full: float = Field(0.30, gt=0, le=1, description="share of function words that reads as full prose")
    list_separator_share: float = Field(0.25, ge=0, le=5, description="commas, semicolons and line breaks per word above which short sentences read as a list")
    list_sentence_words: int = Field(25, ge=1, le=500, description="sentences shorter than this (words, on average) can read as a list")
    list_coherence_cap: float = Field(0.3, ge=0, le=1, description="highest coherence of an answer that reads as a list")
    keyword_list_stop_share: float = Field(0.15, ge=0, le=1, description="share of function words below which an answer is a bare keyword list")
    keyword_list_min_words: int = Field(5, ge=1, le=1000, description="fewest words for an answer to be called a keyword list")
    copied_question_factor: float = Field(0.15, ge=0, le=1, description="content credit kept by an answer that restates the question")
    copied_question_length: float = Field(2.5, gt=0, le=50, description="an answer longer than this many times the question is never a mere restatement")
    copied_question_similarity: float = Field(80, ge=0, le=100, description="token-set similarity (0-100) to the question from which an answer may be a restatement")
    copied_question_new_share: float = Field(0.3, ge=0, le=1, description="share of new content words below which an answer restates the question")
    wrong_question_factor: float = Field(0.3, ge=0, le=1, description="relevance kept by an answer that covers another question of the rubric clearly better")
    wrong_question_ratio: float = Field(0.65, gt=0, le=1, description="an answer is for another question only if it covers this one at most this share as well as that one")
    wrong_question_margin: float = Field(0.25, ge=0, le=1, description="coverage (0-1) by which another question of the rubric must suit an answer better for the answer to be marked as written for it: questions on one article share much")
    other_questions_scored: int = Field(5, ge=1, le=100, description="other questions of a rubric scored in full to see whether the answer was written for one of them: those whose particular words the answer uses most")
    copied_run_words: int = Field(20, ge=8, le=200, description="words in a run copied verbatim from the source article for it to count as pasted: facts restated exactly share shorter runs with any source")
    copied_credit: float = Field(0.7, ge=0, le=1, description="share of a key point's credit kept when its only evidence is text copied from the source article")
    copied_flag_share: float = Field(0.2, ge=0, le=1, description="share of the answer copied from the source from which it is flagged")
    hinglish_factor: float = Field(0.5, ge=0, le=1, description="share of the marks kept by an answer in Hinglish (romanised Hindi), whose content is still marked")
    hinglish_latin_share: float = Field(0.9, ge=0, le=1, description="share of words in Latin letters from which a non-English answer can be Hinglish")
    hinglish_word_share: float = Field(0.1, ge=0, le=1, description="share of common Hindi words (hai, aur, ke...) that makes a Latin-letter answer Hinglish")
    hindi_script_share: float = Field(0.5, ge=0, le=1, description="share of words in Devanagari from which an answer is scored as written in Hindi (against the English rubric, by the multilingual encoder)")
    crosslingual_offset: float = Field(-3.592, ge=-10, le=10, description="a Hindi sentence's e5 cosine to a key point is mapped to offset + scale x cosine, MiniLM's scale for the same content in English (bench/crosslingual_fit.py)")
    crosslingual_scale: float = Field(4.89, gt=0, le=20, description="see crosslingual_offset")
    crosslingual_topic_floor: float = Field(0.85, ge=0, le=1, description="a Hindi answer's topic: mean e5 cosine of the whole answer to the question and to the centre of its key points, at which it reads as topic_floor (off the question)")
    crosslingual_topic_full: float = Field(0.875, ge=0, le=1, description="... and at which it reads as topic_full (on the question)")
    crosslingual_topic_chars: int = Field(3000, ge=100, le=100_000, description="characters of a Hindi answer read as a whole for its topic (e5 reads 512 word pieces)")
    crosslingual_max_sentences: int = Field(100, ge=1, le=10_000, description="distinct sentences of a Hindi answer compared with the key points (e5 takes ~50 ms a sentence); a 250-word answer has 15-25")
    crosslingual_max_pieces: int = Field(2000, ge=512, le=100_000, description="word pieces of a Hindi answer's sentences encoded at most, each sentence cut to e5's window of 512 (e5's time grows with them); a 250-word Hindi answer has about 500, a 1,000-word one 2,000: later sentences are not compared")
    other_question_floor: float = Field(0.3, ge=0, le=1, description="least content score (0-1) an answer must earn on another question to count as written for it: an off-topic essay that brushes one point of another question is not an answer to it")
    repeat_min_words: int = Field(4, ge=1, le=100, description="shorter sentences are not counted as repeated (headings, 'Thus, ...')")
    repeat_similarity: float = Field(90, ge=50, le=100, description="similarity (0-100) to an earlier sentence at which a sentence repeats it")
    padding_penalty: float = Field(0.2, ge=0, le=1, description="share of the marks lost by an answer that is all repetition (in proportion below)")
    spelling_tolerance: float = Field(0.03, ge=0, le=1, description="share of misspelt words tolerated (names and rare terms) before language costs marks")
    spelling_full: float = Field(0.2, gt=0, le=1, description="share of misspelt words, beyond the tolerance, that costs the whole spelling penalty")
    spelling_penalty: float = Field(0.2, ge=0, le=1, description="share of the marks lost by an answer full of misspellings")
    min_english_share: float = Field(0.5, ge=0, le=1, description="share of words that must be English to score the answer")
    language_min_words: int = Field(8, ge=1, le=1000, description="plain lowercase words needed before the vocabulary (not only the script) decides the language")

    # --- structure checks ------------------------------------------------------------------------------------------
    check_pass_score: float = Field(0.99, gt=0, le=1, description="a graded check (directive fit) at or above this passes")
    paragraph_min_words: int = Field(6, ge=1, le=100, description="shorter paragraphs are headings or fragments, not introduction, body or conclusion")
    length_tolerance: float = Field(0.1, ge=0, le=1, description="fraction over the word limit tolerated without penalty")
    overlength_penalty: float = Field(0.2, ge=0, le=5, description="mark fraction lost per 100% over the tolerated length")
    overlength_floor: float = Field(0.5, ge=0, lt=1, description="share of the marks the length factor cannot take away")
    short_share: float = Field(0.7, gt=0, le=1, description="share of the word limit below which an answer is short")
    short_floor_share: float = Field(0.2, ge=0, lt=1, description="share of the word limit at or below which the length check scores 0")
    intro_max_share: float = Field(0.4, gt=0, le=1, description="largest share of the answer's words an introduction may take")
    intro_min_sentences: int = Field(4, ge=1, le=50, description="sentences from which a two-paragraph answer earns part of the introduction credit")
    intro_merged_credit: float = Field(0.5, ge=0, le=1, description="introduction credit when the opening is not set apart")
    body_min_units: int = Field(2, ge=1, le=20, description="body paragraphs or bullets that make a full body")
    body_min_sentences: int = Field(6, ge=1, le=50, description="sentences with which a single body paragraph makes a full body")
    body_unsplit_sentences: int = Field(5, ge=1, le=50, description="sentences from which an unsplit body earns part of the credit")
    body_unsplit_credit: float = Field(0.6, ge=0, le=1, description="body credit for enough sentences in one block")
    body_fragment_credit: float = Field(0.2, ge=0, le=1, description="body credit for a few sentences, at most")
    body_fragment_sentences: int = Field(4, ge=1, le=50, description="sentences that earn the whole fragment credit")
    conclusion_min_sentences: int = Field(3, ge=1, le=50, description="sentences an answer needs before it can conclude")
    conclusion_unmarked_credit: float = Field(0.3, ge=0, le=1, description="conclusion credit when the closing paragraph has no concluding words")
    critical_counter_markers: int = Field(2, ge=1, le=20, description="counter-argument words a critical directive needs for full balance")
    critical_balance_share: float = Field(0.5, ge=0, le=1, description="share of a critical directive's score for balance (the rest is the verdict)")
    explain_markers: int = Field(4, ge=1, le=50, description="explanation words (because, which enables...) an explanatory directive needs")
    discuss_dimensions: int = Field(5, ge=1, le=50, description="paragraphs (plus one per sentences_per_dimension) a discuss directive needs")
    sentences_per_dimension: int = Field(4, ge=1, le=50, description="sentences that count as one more dimension of a discussion")
    discuss_balance_share: float = Field(0.3, ge=0, le=1, description="share of a discuss directive's score for noting a limitation")
    length_check_weight: float = Field(0.2, ge=0, le=10, description="weight of the length check in the structure score")
    introduction_check_weight: float = Field(0.15, ge=0, le=10, description="weight of the introduction check in the structure score")
    body_check_weight: float = Field(0.15, ge=0, le=10, description="weight of the body check in the structure score")
    conclusion_check_weight: float = Field(0.2, ge=0, le=10, description="weight of the conclusion check in the structure score")
    directive_check_weight: float = Field(0.3, ge=0, le=10, description="weight of the directive check in the structure score")

    # --- marks -----------------------------------------------------------------------------------------------------
    depth_exponent: float = Field(0.0, ge=0, le=3, description="how strongly content is scaled by length relative to the limit (0 = not at all)")
    full_depth_share: float = Field(0.85, gt=0, le=2, description="share of the word limit at which an answer can be fully developed")
    substance_floor: float = Field(0.7, ge=0, le=1, description="share of the content credit kept by an answer of generalities, with nothing specific (1: no substance check)")
    substance_full: float = Field(5.0, gt=0, le=50, description="information per sentence (rare words, names, years, figures) of a fully substantiated answer")
    structure_share: float = Field(0.25, ge=0, le=1, description="share of marks that rewards structure and directive fit")
    structure_full_content: float = Field(0.5, gt=0, le=1, description="content score from which structure earns its full share (below, in proportion)")
    top_share: float = Field(0.7, gt=0, le=1, description="share of full marks that a flawless answer earns (UPSC norm)")
    marks_exponent: float = Field(1.0, gt=0, le=3, description="above 1, marks grow faster than content: thin answers are spread out from good ones")

    # --- refusals --------------------------------------------------------------------------------------------------
    max_chars: int = Field(30_000, gt=0, description="longest answer scored, in characters")
    max_words: int = Field(5_000, gt=0, description="longest answer scored, in words")

    @model_validator(mode="after")
    def _ordered(self) -> ScoringSettings:
        pairs = (("partial_threshold", "covered_threshold"), ("semantic_floor", "semantic_full"),
                 ("off_topic_share", "on_topic_share"), ("topic_floor", "topic_full"), ("alignment_floor", "alignment_full"),
                 ("coherence_stop_floor", "coherence_stop_full"), ("short_floor_share", "short_share"))
        for low, high in pairs:
            if getattr(self, low) >= getattr(self, high):
                raise ValueError(f"{low} must be below {high}")
        if self.check_weight_total <= 0:
            raise ValueError("at least one structure check needs a weight above 0")
        return self

    @property
    def check_weights(self) -> dict[str, float]:
        """Weight of each structure check in the structure score, by check name."""
        return {"length": self.length_check_weight, "introduction": self.introduction_check_weight,
                "body": self.body_check_weight, "conclusion": self.conclusion_check_weight,
                "directive": self.directive_check_weight}

    @property
    def check_weight_total(self) -> float:
        return sum(self.check_weights.values())

    def for_ocr(self) -> ScoringSettings:
        """These settings for an answer read by OCR from a photo or scan: its spelling is not marked, as OCR's
        misreads cannot be told from the student's (the student page, ``score`` and ``batch`` all use this)."""
        return self.model_copy(update={"spelling_tolerance": 1.0})


DEFAULT_SETTINGS = ScoringSettings()
