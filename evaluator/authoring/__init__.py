"""Authoring rubrics: drafting one from an article (or a short reference answer), above the scoring core.

The layer over :mod:`evaluator.core` and :mod:`evaluator.rubrics`: reading an article's structure
(:mod:`.article`), its subject, questions and key points (:mod:`.draft`), keywords (:mod:`.keywords`),
checkable facts (:mod:`.facts`) and its place in the syllabus (:mod:`.syllabus`). Neither the core nor the
rubric model imports it.
"""
