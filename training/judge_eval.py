"""How good is the consistency judge: metrics on the held-out articles' pairs and on hand-labelled claims.

Shared by the training script (it writes the numbers into the model card) and ``bench/judge.py`` (it prints them).
The judge only needs a ``judge(pairs) -> verdicts`` method whose verdicts have ``label``, the three probabilities
and ``margin`` (``evaluator.core.judge.ConsistencyJudge``).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import judge_data as data

MARGINS = (0.0, 0.3, 0.5, 0.7, 0.9)
CLAIMS_CSV = Path("tests/data/claims/pairs.csv")
# where the hand-labelled claims may be: this tree, or the worktree of the helper writing them
CLAIMS_PLACES = (data.ROOT / CLAIMS_CSV, data.ROOT.parent / "wt-claimsdata" / CLAIMS_CSV)


def held_out_pairs(seed: int) -> list[data.Pair]:
    """Generated pairs of the held-out articles only (never trained on)."""
    return data.generate(data.held_out_articles(), seed + 1)


def claims_pairs() -> list[data.Pair]:
    """The hand-labelled (source, clause) pairs, if a copy is reachable; else an empty list."""
    for path in CLAIMS_PLACES:
        if path.is_file():
            with path.open(newline="") as f:
                rows = list(csv.DictReader(f))
            return [data.Pair(r["source"], r["clause"], r["label"].strip(), (r.get("kind") or "").strip() or "-",
                              r.get("rubric", "")) for r in rows if r.get("label", "").strip() in data.LABELS]
    return []


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def metrics(pairs: Sequence[data.Pair], verdicts: Sequence) -> dict:  # noqa: ANN001
    """Macro-F1, contradiction recall by kind, false contradictions by kind, precision at margin thresholds."""
    gold = [p.label for p in pairs]
    pred = [v.label for v in verdicts]
    f1 = {}
    for lab in data.LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        f1[lab] = round(_f1(tp, fp, fn), 3)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # kind -> [flagged contradicted, n]
    for p, v in zip(pairs, verdicts, strict=True):
        by_kind[f"{p.label}:{p.kind}"][0] += v.label == "contradicted"
        by_kind[f"{p.label}:{p.kind}"][1] += 1
    flagged = sum(p == "contradicted" for p in pred)
    right = sum(p == "contradicted" and g == "contradicted" for g, p in zip(gold, pred, strict=True))
    at_margin = {}
    for t in MARGINS:
        hit = [p.label for p, v in zip(pairs, verdicts, strict=True) if v.margin >= t]
        n_contra = sum(g == "contradicted" for g in gold)
        tp = sum(g == "contradicted" for g in hit)
        at_margin[f"{t:.1f}"] = {"precision": round(tp / len(hit), 3) if hit else None,
                                 "recall": round(tp / n_contra, 3) if n_contra else None, "flagged": len(hit)}
    correct = [v for p, v in zip(pairs, verdicts, strict=True) if p.label == "entailed"]
    return {
        "n": len(pairs),
        "macro_f1": round(sum(f1.values()) / len(f1), 3),
        "f1": f1,
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold)), 3),
        "contradicted_precision": round(right / flagged, 3) if flagged else None,
        "contradicted_recall": round(right / max(1, sum(g == "contradicted" for g in gold)), 3),
        "false_contradiction_rate_on_entailed": round(sum(v.label == "contradicted" for v in correct)
                                                      / max(1, len(correct)), 3),
        # share judged "contradicted" per label:kind (recall for contradictions, false alarms for the rest)
        "flagged_by_kind": {k: {"flagged": round(a / n, 3), "n": n} for k, (a, n) in sorted(by_kind.items())},
        "precision_at_margin": at_margin,
    }


def report(judge, held_out: Sequence[data.Pair], *, claims: Sequence[data.Pair] = ()) -> dict:  # noqa: ANN001
    """Metrics on the held-out generated pairs and, when given, on the hand-labelled claims."""
    out = {"held_out": metrics(held_out, judge.judge([(p.premise, p.hypothesis) for p in held_out]))}
    # the claims' rubrics split: held-out articles (the real test) and training articles (seen topics)
    for name, part in (("claims_held_out", [p for p in claims if p.source in data.HELD_OUT_RUBRICS]),
                       ("claims_training_rubrics", [p for p in claims if p.source not in data.HELD_OUT_RUBRICS])):
        if part:
            out[name] = metrics(part, judge.judge([(p.premise, p.hypothesis) for p in part]))
    return out


def format_report(rep: dict) -> list[str]:
    """The report as lines of text (for the log and the bench)."""
    lines = []
    for name, m in rep.items():
        title = {"held_out": "held-out articles (generated pairs)",
                 "claims_held_out": "hand-labelled claims (pairs.csv), held-out rubrics",
                 "claims_training_rubrics": "hand-labelled claims (pairs.csv), rubrics the judge trained on"}
        lines.append(f"== {title.get(name, name)}: {m['n']} pairs")
        lines.append(f"3-way macro-F1 {m['macro_f1']:.3f}  (F1 " + ", ".join(f"{k} {v:.3f}" for k, v in m["f1"].items())
                     + f"); accuracy {m['accuracy']:.3f}")
        lines.append(f"contradicted: precision {m['contradicted_precision']}, recall {m['contradicted_recall']}; "
                     f"correct statements called contradicted {m['false_contradiction_rate_on_entailed']:.3f}")
        lines.append("judged contradicted, by gold label:kind (recall for contradictions, false alarms otherwise):")
        for k, v in m["flagged_by_kind"].items():
            lines.append(f"  {k:<34} {v['flagged']:.3f}  (n={v['n']})")
        lines.append("precision / recall of 'contradicted' when margin >= t:")
        for t, v in m["precision_at_margin"].items():
            lines.append(f"  t={t}  precision {v['precision']}  recall {v['recall']}  flagged {v['flagged']}")
    return lines
