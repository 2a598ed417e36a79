"""``python -m evaluator calibrate``: agreement of a rubric with mentor marks; ``--fit`` tunes its settings."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from evaluator.agreement.calibrate import (
    DEFAULT_FOLDS,
    CalibrationError,
    CalibrationReport,
    FitResult,
    MarkedAnswer,
    calibration_report,
    check_against,
    fit_settings,
    read_marks_csv,
    score_marked,
)
from evaluator.agreement.metrics import Agreement
from evaluator.cli.common import EXIT_OK, CliError, progress
from evaluator.rubrics.model import load_rubric
from evaluator.rubrics.yaml_edit import bump_version, moved_to, save_version, set_scoring

NAME = "calibrate"
HELP = ("agreement of a rubric with mentor marks; --fit tunes its settings by cross-validation; --learn fits a "
        "calibration to the mentor's scale and saves it beside the rubric")


def add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rubric", required=True, help="rubric YAML file")
    p.add_argument("marks", metavar="MARKS.csv",
                   help="mentor marks: question_id, marks and answer (text) or file (path relative to the CSV)")
    p.add_argument("--fit", metavar="OUT.yaml",
                   help="also tune the rubric's scoring settings by cross-validation and write the tuned copy here")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--top", type=int, default=5, metavar="N", help="list the N largest disagreements (default 5)")
    p.add_argument("--folds", type=int, default=DEFAULT_FOLDS, metavar="K", help="cross-validation folds for --fit")
    p.add_argument("--objective", choices=["mae", "qwk", "pearson"], default="mae",
                   help="what --fit optimises (default: mean absolute error in marks)")
    p.add_argument("--no-semantic", action="store_true", help="keyword and fuzzy matching only (much faster)")
    p.add_argument("--learn", action="store_true",
                   help="fit a calibration on these marks (and --overrides) and save it beside the rubric as "
                        "<rubric>.calibration.json: scoring with the rubric then gives marks on the mentor's scale")
    p.add_argument("--overrides", metavar="DB", help="with --learn: also learn from mentor overrides in this database")


def run(args: argparse.Namespace) -> int:
    rubric_path = Path(args.rubric)
    if args.learn and args.no_semantic:
        raise CliError("--learn fits on the marks the app gives, with semantic matching: drop --no-semantic")
    rubric = load_rubric(rubric_path)
    try:
        items = read_marks_csv(args.marks)
        check_against(items, rubric)
    except CalibrationError as exc:
        raise CliError(str(exc)) from None
    update = {"semantic": False} if args.no_semantic else None
    evaluations = score_marked(items, rubric, update=update, progress=progress("scoring"))
    report = calibration_report(items, evaluations, rubric, top=args.top)
    learned = _learn(args, rubric, items, evaluations) if args.learn else None
    fit = written = None
    if args.fit:
        print(f"fitting {len(items)} answers ({args.folds}-fold cross-validation)…", file=sys.stderr)
        try:
            fit = fit_settings(items, rubric, folds=args.folds, objective=args.objective, semantic=not args.no_semantic)
        except CalibrationError as exc:
            raise CliError(str(exc)) from None
        original = rubric_path.read_text(encoding="utf-8-sig")
        # settings that do not beat the rubric on held-out answers are not worth a change
        tuned = bump_version(set_scoring(original, fit.recommended, source=str(rubric_path)), source=str(rubric_path))
        # a copy in another folder carries its article's text (an article_file must stay under the rubric's folder)
        tuned = moved_to(tuned, rubric, Path(args.fit).parent, rubric_path.parent, source=str(rubric_path))
        written = save_version(args.fit, tuned)
    if args.format == "json":
        data = report.to_dict()
        if fit is not None and written is not None:
            data["fit"] = {**fit.to_dict(), "written": str(written.path), "version": written.version}
        if learned is not None:
            data["calibration"] = {**learned, "before": learned["before"].to_dict(),
                                   "after_cv": learned["after_cv"].to_dict()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_report(report, rubric_title=rubric.title))
        if fit is not None and written is not None:
            print()
            print(format_fit(fit))
            print(f"  wrote {written.path} (version {written.version})"
                  + (f"; previous copy kept at {written.previous}" if written.previous else ""))
        if learned is not None:
            print()
            print(f"Calibration ({learned['answers']} mentor marks; cross-validated by question)")
            print(f"  before: {_agreement_line(learned['before'])}")
            print(f"  after:  {_agreement_line(learned['after_cv'])}")
            print(f"  wrote {learned['written']}: scoring with {rubric_path.name} v{rubric.version} now gives "
                  f"marks {learned['note']}")
    return EXIT_OK


def _learn(args: argparse.Namespace, rubric, items, evaluations) -> dict:  # noqa: ANN001
    """Fit and save the rubric's calibration on the CSV's marks and any overrides; a summary for the report."""
    from evaluator.agreement.calibration import (
        MentorMark,
        TooFewMarks,
        calibration_json,
        calibration_path,
        fit_calibration,
    )
    from evaluator.io.files import write_atomic
    from evaluator.store.users import SYSTEM

    marks = [MentorMark(i.question_id, i.marks, e, Path(args.marks).name) for i, e in zip(items, evaluations)]
    if args.overrides:
        from evaluator.cli.batch import _open_overrides

        from evaluator.store.users import UserStore

        store = _open_overrides(args.overrides)
        update = {"semantic": False} if args.no_semantic else None
        # only the marks of the mentors who own a class that uses this rubric (and the single local user's)
        mentors = UserStore(args.overrides).calibration_mentors(rubric.id) if store is not None else set()
        for o in store.marked_answers(rubric.id, mentors=mentors) if store is not None else []:
            if o.question_id in rubric.question_ids:
                marked = MarkedAnswer(f"override {o.id}", o.question_id, o.answer, o.new_marks)
                evaluation = score_marked([marked], rubric, update=update)[0]
                marks.append(MentorMark(o.question_id, o.new_marks, evaluation, f"overrides by {o.reviewer}"))
    try:
        fit = fit_calibration(marks, rubric, fitted_by=SYSTEM.username)
    except TooFewMarks as exc:
        raise CliError(f"not calibrated: {exc}") from None
    path = calibration_path(args.rubric)
    write_atomic(path, calibration_json(fit.calibration))
    return {"answers": fit.calibration.answers, "before": fit.before, "after_cv": fit.after_cv,
            "written": str(path), "note": fit.calibration.note}


def _agreement_line(a: Agreement) -> str:
    order = a.correlation_note or f"n={a.n}  Pearson {a.pearson:+.3f}  Spearman {a.spearman:+.3f}  QWK {a.qwk:+.3f}"
    return f"{order}  MAE {a.mae:.2f}  within ±1 mark {a.within_one:.0%}"


def format_report(report: CalibrationReport, *, rubric_title: str = "") -> str:
    """The calibration report as text for a terminal."""
    lines = [f"Rubric {report.rubric_id} v{report.rubric_version}" + (f" — {rubric_title}" if rubric_title else ""),
             "", "Agreement with the mentor (all answers)", f"  {_agreement_line(report.overall)}", "",
             "Per question"]
    lines += [f"  {q:<6} {_agreement_line(a)}" for q, a in report.per_question.items()]
    lines += ["", "Per key point (r: correlation of the point's score with the mentor's marks; "
                  "covered in the better- vs lower-marked half)"]
    width = max((len(p.point_id) for p in report.points), default=10)
    for p in report.points:
        if p.correlation_note:  # two answers always correlate +-1: say so instead
            r, warn = "r  n/a", ""
            if p.point_id == next(q.point_id for q in report.points if q.question_id == p.question_id):
                lines.append(f"  {p.question_id:<6} {p.correlation_note} of this question")
        else:
            r = f"r {p.correlation:+.2f}"
            warn = "  <- not telling good from weak answers" if p.separation <= 0 or p.correlation < 0.2 else ""
        lines.append(f"  {p.question_id:<6} {p.point_id:<{width}}  {r}  "
                     f"covered {p.covered_high:4.0%} vs {p.covered_low:4.0%}{warn}")
    lines += ["", f"Largest disagreements ({len(report.disagreements)})"]
    for d in report.disagreements:
        lines.append(f"  {d.key} ({d.question_id}): mentor {d.mentor:g}, evaluator {d.evaluator:g} ({d.difference:+g})")
        lines.append(f"      matched: {', '.join(d.matched) or '—'}")
        if d.partial:
            lines.append(f"      partial: {', '.join(d.partial)}")
        lines.append(f"      missed:  {', '.join(d.missed) or '—'}")
        if d.flags:
            lines.append(f"      flags:   {'; '.join(d.flags)}")
    return "\n".join(lines)


def format_fit(fit: FitResult) -> str:
    """The fit's before/after agreement and the settings it changed."""
    scheme = "folds grouped by question" if fit.grouped else "shuffled folds"
    lines = [f"Fit ({fit.folds}-fold cross-validation, {scheme}; objective {fit.objective})",
             f"  before (rubric as is):     {_agreement_line(fit.before)}",
             f"  after (cross-validated):   {_agreement_line(fit.after_cv)}",
             f"  after (on these answers):  {_agreement_line(fit.after_fit)}"]
    changes = ", ".join(f"{k} {fit.start[k]:g} -> {v:g}" for k, v in fit.changed.items())
    if not fit.changed:
        lines.append("  no setting changed: the rubric's own settings agree best")
    elif fit.improves:
        lines.append(f"  changed: {changes}")
    else:
        lines.append(f"  the best settings on these answers ({changes}) do no better on held-out answers: "
                     "the tuned copy keeps the rubric's settings")
    return "\n".join(lines)
