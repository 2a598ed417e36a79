"""The architecture as a test: which layer may import which, and no import circles.

Imports are read from the source with :mod:`ast` (every ``import`` and ``from ... import``, at the top
of a module or inside a function), so a cycle hidden in a function-level import is found too.
``from evaluator.cli import score`` counts as an import of the module ``evaluator.cli.score``.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "evaluator"
# what each layer of the package may import from the package (its own layer always)
ALLOWED: dict[str, set[str]] = {
    "evaluator.core.results": set(),
    "evaluator.core.settings": set(),
    # io.files: reading a rubric or article is a bounded read of a regular file
    # rubrics.parsed_store: a rubric validated once is read back as JSON by the next process
    "evaluator.rubrics.model": {"evaluator.core.settings", "evaluator.core.values", "evaluator.core.lexicon",
                                "evaluator.io.files", "evaluator.rubrics.parsed_store"},
    "evaluator.core.values": {"evaluator.core.lexicon"},
    "evaluator.core.lexicon": set(),
    "evaluator.core": {"evaluator.rubrics.model"},
    # the rubric model, validation, YAML editing and the bank sit below the core (only its settings); saving a
    # rubric writes a file
    "evaluator.rubrics": {"evaluator.core.settings", "evaluator.io.files"},
    # the bank's search, which question an answer fits and OCR's vocabulary read text with the core: above it
    "evaluator.rubrics.bank": {"evaluator.core", "evaluator.rubrics", "evaluator.io"},
    "evaluator.rubrics.matching": {"evaluator.core", "evaluator.rubrics", "evaluator.io"},
    "evaluator.rubrics.vocabulary": {"evaluator.core", "evaluator.rubrics", "evaluator.io"},
    # drafting a rubric from an article reads text with the core and builds the rubric model: above both
    "evaluator.authoring": {"evaluator.core", "evaluator.rubrics"},
    "evaluator.views": {"evaluator.core", "evaluator.rubrics"},
    "evaluator.io": {"evaluator.batch.rows"},
    "evaluator.store": {"evaluator.core", "evaluator.rubrics", "evaluator.batch.rows"},
    # the short-answer benchmark drafts its rubrics from reference answers
    "evaluator.agreement": {"evaluator.core", "evaluator.rubrics", "evaluator.io", "evaluator.authoring.short_answer"},
    # a batch applies the rubric's calibration on mentor marks (the monotone model is agreement's) and
    # writes feedback sheets (views)
    "evaluator.batch": {"evaluator.core", "evaluator.rubrics", "evaluator.io", "evaluator.store", "evaluator.views",
                        "evaluator.agreement.calibration", "evaluator.agreement.metrics"},
    "evaluator.runtime": {"evaluator.core", "evaluator.rubrics.parsed_store"},
    "evaluator.cli": {"evaluator"},
    "evaluator": {"evaluator.core", "evaluator.rubrics"},  # the front door
}
SHELL_ONLY = ("streamlit", "ui", "tqdm")  # the core and the libraries under it never draw a page or a progress bar


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@lru_cache(maxsize=1)
def imports() -> dict[str, set[str]]:
    """Each module of the package and the modules (or top-level packages, outside it) it imports."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                for alias in node.names:
                    found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
        graph[name] = found
    return graph


def layer_of(module: str) -> str:
    """The most specific key of ``ALLOWED`` that ``module`` falls under."""
    return max((k for k in ALLOWED if module == k or module.startswith(k + ".")), key=len)


def test_there_are_no_import_circles() -> None:
    graph = {m: {d for d in deps if d in graph_keys()} for m, deps in imports().items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for dep in sorted(graph[m]):
            if state.get(dep) == 1:
                cycle = path[path.index(dep):] + [dep]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        path.pop()
        state[m] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def graph_keys() -> set[str]:
    return set(modules())


@pytest.mark.parametrize("module", sorted(modules()))
def test_each_module_imports_only_from_its_own_or_lower_layers(module: str) -> None:
    layer = layer_of(module)
    allowed = ALLOWED[layer]
    for dep in imports()[module]:
        if not dep.startswith("evaluator"):
            assert dep.split(".")[0] not in SHELL_ONLY or layer in ("evaluator.cli", "evaluator.batch"), \
                f"{module} imports {dep}: only shells draw pages or progress bars"
            continue
        if dep == "evaluator" and layer != "evaluator.cli":
            pytest.fail(f"{module} imports the front door 'evaluator': import the module it needs")
        own = dep == layer or dep.startswith(layer + ".")
        assert own or any(dep == a or dep.startswith(a + ".") for a in allowed), \
            f"{module} ({layer}) imports {dep}, which is not in a layer it may use: {sorted(allowed) or 'none'}"


@pytest.mark.parametrize("layer", ["evaluator.core", "evaluator.rubrics"])
def test_neither_the_core_nor_the_rubric_model_imports_the_drafter(layer: str) -> None:
    offenders = sorted(f"{m} -> {d}" for m, deps in imports().items()
                       if m == layer or m.startswith(layer + ".")
                       for d in deps if d == "evaluator.authoring" or d.startswith("evaluator.authoring."))
    assert not offenders, f"{layer} sits below evaluator.authoring: {offenders}"


def test_no_module_imports_by_string() -> None:
    offenders = [m for m, p in modules().items() if "__import__(" in p.read_text(encoding="utf-8")]
    assert not offenders
