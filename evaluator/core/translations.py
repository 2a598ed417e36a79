"""The feedback's template lines in each language an answer may be written in: English, and Hindi for a Hindi-medium
answer. Only the lines the evaluator writes are translated; what they quote (the rubric's key points and hints, the
student's own words) stays as written.

>>> TEMPLATES["hi"].missing.format(point="The Council has a veto", hint="Name the rule.")
'छूटा हुआ — The Council has a veto। Name the rule.'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FeedbackTemplates:
    """One language's lines; ``{...}`` are filled by :mod:`evaluator.core.feedback`."""

    summary: str
    wrong_count: str
    covered: str
    you_wrote: str
    partial: str
    missing: str
    wrong_prefix: str  # before what a wrong claim says (the claim's own words are the core's, in English)
    correct: str
    wrong_plain: str
    medium_note: str  # said once, for an answer in another language than the rubric's
    terms_example: str  # appended to ``medium_note`` when the question has technical terms to name


TEMPLATES: dict[str, FeedbackTemplates] = {
    "en": FeedbackTemplates(
        summary="{marks}/{max}: {covered} of {total} key points covered, {partial} partly, {missing} missing{wrong}.",
        wrong_count=", {n} wrong",
        covered="Covered — {point}.",
        you_wrote=' You wrote: "{quote}"',
        partial="Develop further — {point}. {hint}",
        missing="Missing — {point}. {hint}",
        wrong_prefix="Wrong — ",
        correct="Correct: {point}.",
        wrong_plain="Wrong — what you wrote contradicts this point. Correct: {point}.",
        medium_note="",
        terms_example="",
    ),
    "hi": FeedbackTemplates(
        summary="{marks}/{max}: {total} में से {covered} मुख्य बिंदु पूरे, {partial} आंशिक, {missing} छूटे हुए{wrong}।",
        wrong_count=", {n} गलत",
        covered="पूरा — {point}।",
        you_wrote=' आपने लिखा: "{quote}"',
        partial="और विकसित करें — {point}। {hint}",
        missing="छूटा हुआ — {point}। {hint}",
        wrong_prefix="गलत — ",
        correct="सही: {point}।",
        wrong_plain="गलत — आपका लिखा इस बिंदु के विपरीत है। सही: {point}।",
        medium_note=("हिंदी माध्यम का उत्तर (Hindi-medium): आपके हर वाक्य की तुलना अंग्रेज़ी मुख्य बिंदुओं से अर्थ के "
                     "आधार पर की गई (एक बहुभाषी मॉडल से); मुख्य बिंदु और सुझाव रूब्रिक की भाषा में उद्धृत हैं।"),
        terms_example=" तकनीकी शब्द रूब्रिक की तरह लिखें, जैसे {terms}।",
    ),
}
