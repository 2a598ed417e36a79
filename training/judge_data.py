"""Training and validation pairs for the consistency judge, generated from the bank's own articles and rubrics.

Every pair is (premise, hypothesis, label, kind): the premise is a source sentence or a key point, the hypothesis a
student-like clause; the label is one of ``LABELS``. Nothing here is hand-copied article text: sentences are read
from ``rubrics/articles/*.txt`` (and ``point:`` / ``misconceptions:`` from ``rubrics/*.yaml``) when the data is made.

How pairs are made (one small function per step):

- **contradicted** -- a fact of the hypothesis is changed: an entity swapped for another of its type (country,
  state, ministry, case, organisation, person, law), a number, year or ordinal changed, a verdict or a direction
  flipped (a word list plus WordNet's antonyms), two same-type names swapped (roles), a negation added to or
  removed from an affirmed claim; and the rubric's own misconceptions against their key point.
- **entailed** -- a clause of the sentence, a synonym swap, a key point against its best source sentence (and the
  reverse), and correct rewordings that use negation, percentages, fractions and verdict words equivalently
  ("not binding" / "advisory", "75%" / "three-fourths", "struck down" / "quashed", "not transparent" / "opaque").
- **unrelated** -- another sentence or key point of the same article about something else.

SemEval-2013 (reference answer vs student answer) is mixed in by ``semeval_pairs``.
"""

from __future__ import annotations

import csv
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

LABELS = ("entailed", "contradicted", "unrelated")
ROOT = Path(__file__).resolve().parents[1]
WORDNET = Path("/usr/share/wordnet")

# rubric id -> article files; the seed article of the first rubric lives in shared/ when present
TRAIN_RUBRICS = ("india_us_defence", "gst-council-federalism", "anti-defection-law", "chandrayaan-3",
                 "green-hydrogen-mission", "upi-digital-payments")
HELD_OUT_RUBRICS = ("collegium-judicial-appointments", "panchayati-raj-73rd-amendment", "unsc-reform-india",
                    "left-wing-extremism", "groundwater-depletion")
SEED_ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    kind: str  # how the pair was made: entity, number, year, ..., clause, synonym, keypoint, para-percent, ...
    source: str  # rubric or article id, or "semeval"


@dataclass(frozen=True)
class Article:
    id: str
    sentences: tuple[str, ...]
    points: tuple[str, ...]  # key points of its rubric (empty for a bare article)
    misconceptions: tuple[tuple[str, str], ...]  # (key point, misconception)


# ---------------------------------------------------------------- reading the sources


def split_sentences(text: str) -> list[str]:
    """Sentences of an article: bullets and headings stripped, 6 to 60 words each."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"^[\s•\-*·]+", "", line).strip()
        if not line:
            continue
        # "Heading: sentence" -> keep the sentence when the heading is a short label
        m = re.match(r"^([A-Z][^:.]{2,40}):\s+(.*)$", line)
        if m and len(m.group(1).split()) <= 5 and not re.search(r"\d", m.group(1)):
            line = m.group(2)
        for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", line):
            s = s.strip()
            n = len(s.split())
            if 6 <= n <= 60 and s[-1:] in ".!?\"”)" and not s.lower().startswith(("from upsc", "prelims", "mains")):
                out.append(s)
    return out


def _rubric_fields(rubric: Path) -> tuple[list[str], list[tuple[str, str]]]:
    data = yaml.safe_load(rubric.read_text())
    points: list[str] = []
    wrong: list[tuple[str, str]] = []
    for q in data.get("questions", []):
        for kp in q.get("key_points", []) or []:
            point = str(kp.get("point", "")).strip()
            if not point:
                continue
            points.append(point)
            for m in kp.get("misconceptions", []) or []:
                wrong.append((point, str(m).strip()))
    return points, wrong


def load_article(rubric_id: str) -> Article:
    """A bank rubric's article sentences, key points and misconceptions."""
    rubric = ROOT / "rubrics" / f"{rubric_id}.yaml"
    data = yaml.safe_load(rubric.read_text())
    texts = [(rubric.parent / data["article_file"]).read_text()]
    if rubric_id == "india_us_defence" and SEED_ARTICLE.is_file():
        texts.append(SEED_ARTICLE.read_text())
    points, wrong = _rubric_fields(rubric)
    sentences = list(dict.fromkeys(s for t in texts for s in split_sentences(t)))
    return Article(rubric_id, tuple(sentences), tuple(points), tuple(wrong))


def load_bare_article(path: Path) -> Article:
    """An article without a reviewed rubric (bench/draft_quality/*/article.txt)."""
    return Article(path.parent.name, tuple(split_sentences(path.read_text())), (), ())


def held_out_articles() -> list[Article]:
    arts = [load_article(r) for r in HELD_OUT_RUBRICS]
    arts += [load_bare_article(p) for p in sorted((ROOT / "bench" / "draft_quality").glob("*/article.txt"))]
    return arts


def train_articles() -> list[Article]:
    return [load_article(r) for r in TRAIN_RUBRICS]


# ---------------------------------------------------------------- lexicons (language, not topic facts)

COUNTRIES = ("India", "China", "Pakistan", "Russia", "Japan", "Australia", "France", "Germany", "Brazil",
             "South Africa", "Nepal", "Bangladesh", "Sri Lanka", "Bhutan", "Myanmar", "Afghanistan", "Iran",
             "Israel", "Saudi Arabia", "the United Kingdom", "the UK", "the US", "the United States", "Canada",
             "Indonesia", "Vietnam", "Singapore", "Maldives", "Egypt", "Nigeria", "Mexico", "Italy", "Spain",
             "South Korea", "Ukraine", "Turkey", "Kenya", "Argentina", "Chile", "Norway", "Sweden", "Oman",
             "Qatar", "the UAE", "Mauritius", "Philippines", "Malaysia", "Thailand", "Kazakhstan", "Poland")
STATES = ("Punjab", "Haryana", "Kerala", "Tamil Nadu", "Karnataka", "Maharashtra", "Gujarat", "Rajasthan",
          "Uttar Pradesh", "Bihar", "West Bengal", "Odisha", "Chhattisgarh", "Jharkhand", "Telangana",
          "Andhra Pradesh", "Madhya Pradesh", "Assam", "Manipur", "Goa", "Delhi", "Himachal Pradesh",
          "Uttarakhand", "Sikkim", "Tripura", "Mizoram", "Nagaland", "Meghalaya", "Arunachal Pradesh")
ORG_WORDS = ("Commission", "Council", "Court", "Authority", "Bank", "Board", "Organisation", "Organization",
             "Agency", "Corporation", "Committee", "Department", "Parliament", "Assembly", "Forum", "Force",
             "Institute", "Centre", "Center", "Union", "Group", "Alliance", "Secretariat", "Tribunal", "Party",
             "Bureau", "Ministry", "Mission", "Scheme", "Programme", "Program", "Dialogue", "Initiative")
LAW_WORDS = ("Act", "Bill", "Schedule", "Amendment", "Treaty", "Agreement", "Accord", "Convention", "Policy")
PERSON_TITLES = ("Justice", "Prime Minister", "President", "Minister", "Chief Justice", "Dr", "Dr.", "Shri",
                 "Secretary", "Governor", "Chairman", "Chairperson", "Speaker", "Mr", "Ms", "Smt")

NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "fifteen", "twenty")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth")
FRACTIONS = {"one-half": 50, "half": 50, "one-third": 33, "two-thirds": 67, "one-fourth": 25, "a quarter": 25,
             "three-fourths": 75, "three-quarters": 75, "one-fifth": 20, "one-tenth": 10, "two-fifths": 40}
PERCENT_WORDS = {50: ("half", "one-half"), 25: ("one-fourth", "a quarter"), 75: ("three-fourths", "three quarters"),
                 33: ("one-third", "a third"), 67: ("two-thirds",), 66: ("two-thirds",), 20: ("one-fifth",),
                 10: ("one-tenth",), 40: ("two-fifths",), 100: ("all",)}

# verdicts: each group says the same thing; the two groups of a row contradict each other
VERDICTS = (
    (("struck down", "invalidated", "quashed", "set aside", "declared unconstitutional", "annulled"),
     ("upheld", "validated", "affirmed", "sustained", "declared constitutional")),
    (("rejected", "turned down", "refused"), ("accepted", "approved", "endorsed")),
    (("unconstitutional",), ("constitutional",)),
    (("illegal", "unlawful"), ("legal", "lawful")),
    (("invalid",), ("valid",)),
    (("dismissed",), ("allowed",)),
    (("acquitted",), ("convicted",)),
    (("repealed", "scrapped", "withdrawn"), ("retained", "kept in force")),
)
# adjectives: "not A" says the same as any of B (and the reverse), "A" contradicts B
NEGATED_EQUIV = (
    ("binding", ("advisory", "recommendatory", "non-binding", "persuasive only")),
    ("transparent", ("opaque",)),
    ("mandatory", ("optional", "voluntary")),
    ("compulsory", ("optional", "voluntary")),
    ("permanent", ("temporary",)),
    ("successful", ("unsuccessful", "a failure")),
    ("sufficient", ("insufficient", "inadequate")),
    ("adequate", ("inadequate", "insufficient")),
    ("independent", ("dependent",)),
    ("effective", ("ineffective",)),
    ("uniform", ("uneven", "non-uniform")),
    ("formal", ("informal",)),
    ("centralised", ("decentralised",)),
    ("possible", ("impossible",)),
    ("new", ("old",)),
    ("direct", ("indirect",)),
    ("enforceable", ("unenforceable",)),
    ("accountable", ("unaccountable",)),
    ("stable", ("unstable",)),
    ("renewable", ("non-renewable",)),
    ("sustainable", ("unsustainable",)),
    ("legal", ("illegal",)),
    ("valid", ("invalid",)),
    ("constitutional", ("unconstitutional",)),
)
NOUN_EQUIV = (  # "lack of X" style: each group says the same thing
    ("lack of transparency", "opacity", "absence of transparency", "little transparency"),
    ("lack of accountability", "absence of accountability", "little accountability"),
    ("lack of", "absence of", "shortage of"),
)

ALIASES = (  # names said in several ways: each group says the same thing
    ("the US", "the United States", "America"),
    ("the Union government", "the Centre", "the central government"),
    ("the Supreme Court", "the apex court"),
    ("the Prime Minister", "the PM"),
    ("per cent", "%"),
)

# directions (inflected forms listed): the two sides contradict each other
_DIRECTION_VERBS = (
    ("increase", "decrease"), ("rise", "fall"), ("grow", "shrink"), ("expand", "contract"),
    ("strengthen", "weaken"), ("improve", "worsen"), ("raise", "lower"), ("accelerate", "slow"),
    ("boost", "cut"), ("widen", "narrow"), ("include", "exclude"), ("allow", "forbid"),
    ("centralise", "decentralise"), ("gain", "lose"), ("succeed", "fail"), ("encourage", "discourage"),
    ("ease", "tighten"), ("support", "oppose"), ("deepen", "weaken"), ("add", "remove"), ("begin", "end"),
)
_IRREGULAR = {"rise": ("rises", "rose", "risen", "rising"), "fall": ("falls", "fell", "fallen", "falling"),
              "grow": ("grows", "grew", "grown", "growing"), "shrink": ("shrinks", "shrank", "shrunk", "shrinking"),
              "forbid": ("forbids", "forbade", "forbidden", "forbidding"), "lose": ("loses", "lost", "lost", "losing"),
              "begin": ("begins", "began", "begun", "beginning"), "cut": ("cuts", "cut", "cut", "cutting"),
              "slow": ("slows", "slowed", "slowed", "slowing"), "fail": ("fails", "failed", "failed", "failing")}
DIRECTION_WORDS = (
    ("higher", "lower"), ("more", "fewer"), ("increase", "decrease"), ("increases", "decreases"),
    ("rise", "fall"), ("largest", "smallest"), ("maximum", "minimum"), ("above", "below"), ("surplus", "deficit"),
    ("gain", "loss"), ("gains", "losses"), ("growth", "decline"), ("positive", "negative"), ("before", "after"),
    ("strong", "weak"), ("stronger", "weaker"), ("high", "low"), ("large", "small"), ("larger", "smaller"),
    ("major", "minor"), ("success", "failure"), ("benefit", "harm"), ("expansion", "contraction"),
    ("upper", "lower"), ("early", "late"), ("earlier", "later"), ("cheaper", "costlier"), ("easier", "harder"),
    ("faster", "slower"), ("better", "worse"), ("most", "least"), ("majority", "minority"), ("import", "export"),
    ("imports", "exports"), ("surge", "slump"), ("strengthened", "weakened"), ("reduced", "increased"),
)
SYNONYMS = (
    ("important", "significant"), ("significant", "important"), ("major", "big"), ("shows", "indicates"),
    ("helps", "aids"), ("aims to", "seeks to"), ("about", "around"), ("nearly", "almost"), ("ensure", "guarantee"),
    ("however", "but"), ("many", "several"), ("because", "since"), ("launched", "started"), ("set up", "established"),
    ("established", "set up"), ("created", "formed"), ("allowed", "permitted"), ("banned", "prohibited"),
    ("required", "needed"), ("began", "started"), ("main", "chief"), ("goal", "aim"), ("target", "goal"),
    ("country", "nation"), ("rapid", "fast"), ("large", "big"), ("key", "central"), ("provides", "gives"),
    ("provide", "give"), ("increase", "rise"), ("reduce", "cut"), ("reduced", "cut"), ("concerns", "worries"),
    ("problem", "issue"), ("problems", "issues"), ("challenge", "difficulty"), ("challenges", "difficulties"),
    ("enough", "sufficient"), ("also", "additionally"), ("said", "stated"), ("argue", "contend"),
    ("argued", "contended"), ("criticised", "faulted"), ("allows", "permits"), ("decision", "ruling"),
    ("scheme", "programme"), ("funds", "money"), ("build", "construct"), ("built", "constructed"),
    ("buy", "purchase"), ("bought", "purchased"), ("use", "utilise"), ("used", "employed"), ("makes", "renders"),
    ("powers", "authority"), ("power", "authority"), ("recent", "latest"), ("areas", "regions"),
    ("areas", "regions"), ("villages", "rural settlements"), ("government", "administration"),
    ("approved", "cleared"), ("announced", "declared"), ("via", "through"), ("ties", "relations"),
    ("partnership", "cooperation"), ("growth", "expansion"), ("weak", "feeble"), ("poor", "weak"),
)
AUX_NEGATABLE = ("is", "are", "was", "were", "has", "have", "had", "can", "will", "would", "should", "must", "may",
                 "could", "does", "do", "did")


def _verb_forms(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    stem = base[:-1] if base.endswith("e") else base
    s = base + ("es" if base.endswith(("sh", "ch", "s", "x")) else "s")
    return (base, s, stem + "ed", stem + "ed", stem + "ing")


@lru_cache(maxsize=1)
def direction_pairs() -> dict[str, tuple[str, ...]]:
    """Word -> words that flip its direction: the lists above, inflected, plus WordNet adjective/verb antonyms."""
    pairs: dict[str, set[str]] = defaultdict(set)

    def add(a: str, b: str) -> None:
        if a != b:
            pairs[a].add(b)
            pairs[b].add(a)

    for a, b in _DIRECTION_VERBS:
        for fa, fb in zip(_verb_forms(a), _verb_forms(b), strict=True):
            add(fa, fb)
    for a, b in DIRECTION_WORDS:
        add(a, b)
    for a, b in wordnet_antonyms():
        add(a, b)
    return {k: tuple(sorted(v)) for k, v in pairs.items()}


@lru_cache(maxsize=4)
def wordnet_antonyms(parts: tuple[str, ...] = ("adj", "verb")) -> tuple[tuple[str, str], ...]:
    """Single-word antonym pairs from WordNet 3.0's data files (`!` pointers), if installed."""
    out: set[tuple[str, str]] = set()
    for pos in parts:
        path = WORDNET / f"data.{pos}"
        if not path.is_file():
            continue
        offsets: dict[str, list[str]] = {}
        lines = [ln for ln in path.read_text(errors="replace").splitlines() if ln and not ln.startswith(" ")]
        for ln in lines:
            f = ln.split(" ")
            n = int(f[3], 16)
            offsets[f[0]] = [re.sub(r"\(.*\)$", "", f[4 + 2 * i]).lower() for i in range(n)]
        for ln in lines:
            f = ln.split(" ")
            n = int(f[3], 16)
            words = offsets[f[0]]
            i = 4 + 2 * n
            for _ in range(int(f[i])):
                sym, off, _pos, st = f[i + 1:i + 5]
                i += 4
                if sym != "!" or off not in offsets:
                    continue
                src, tgt = int(st[:2], 16), int(st[2:], 16)
                if src == 0 or tgt == 0:
                    continue
                a, b = words[src - 1], offsets[off][tgt - 1]
                if "_" not in a and "_" not in b and a.isalpha() and b.isalpha():
                    out.add((a, b))
    return tuple(sorted(out))


# ---------------------------------------------------------------- spans of a sentence

_NUM = r"\d+(?:,\d{2,3})*(?:\.\d+)?"
_CAP = r"[A-Z][A-Za-z&'’\-]*(?:\.[A-Z])?"
_CAPSEQ = rf"{_CAP}(?:\s+(?:of|and|for|the|on|in|de)\s+{_CAP}|\s+{_CAP})*"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    kind: str  # year, number, percent, ordinal, country, state, ministry, case, org, law, person, acronym


def find_spans(s: str) -> list[Span]:
    """Typed spans a contradiction can change: numbers, years, ordinals, named entities by type."""
    spans: list[Span] = []
    for m in re.finditer(rf"\b({_NUM})(\s*(?:%|per cent|percent))", s):
        spans.append(Span(m.start(1), m.end(1), m.group(1), "percent"))
    for m in re.finditer(rf"(?<![\w.(])({_NUM})(?![\w%]|\s*(?:%|per cent|percent))", s):
        v = m.group(1)
        kind = "year" if re.fullmatch(r"(18|19|20)\d\d", v) else "number"
        spans.append(Span(m.start(1), m.end(1), v, kind))
    for m in re.finditer(r"\b(\d+)(st|nd|rd|th)\b", s):
        spans.append(Span(m.start(), m.end(), m.group(), "ordinal"))
    for m in re.finditer(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", s, flags=re.I):
        spans.append(Span(m.start(), m.end(), m.group(), "ordinal"))
    for m in re.finditer(r"\b(" + "|".join(NUMBER_WORDS) + r")\b(?!-)", s, flags=re.I):
        spans.append(Span(m.start(), m.end(), m.group(), "number"))
    for m in re.finditer(r"\b(" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b", s, flags=re.I):
        spans.append(Span(m.start(), m.end(), m.group(), "fraction"))
    for kind, names in (("country", COUNTRIES), ("state", STATES)):
        for m in re.finditer(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                             + r")\b", s):
            spans.append(Span(m.start(), m.end(), m.group(), kind))
    for m in re.finditer(rf"\bMinistry of {_CAPSEQ}", s):
        spans.append(Span(m.start(), m.end(), m.group(), "ministry"))
    for m in re.finditer(rf"\b{_CAPSEQ}\s+(?:v\.|vs\.?|versus)\s+{_CAPSEQ}", s):
        spans.append(Span(m.start(), m.end(), m.group(), "case"))
    for m in re.finditer(rf"\b((?:the\s+)?{_CAPSEQ})(?=\s+(?:case|judgment|verdict)\b)", s):
        spans.append(Span(m.start(1), m.end(1), m.group(1), "case"))
    for m in re.finditer(r"\b(?:" + "|".join(re.escape(t) for t in PERSON_TITLES) + rf")\s+({_CAP}(?:\s+{_CAP})*)",
                         s):
        spans.append(Span(m.start(1), m.end(1), m.group(1), "person"))
    for m in re.finditer(rf"\b{_CAPSEQ}", s):
        text = m.group()
        last = text.split()[-1]
        if len(text.split()) < 2 and last not in ORG_WORDS:
            continue
        if last in ORG_WORDS:
            spans.append(Span(m.start(), m.end(), text, "org"))
        elif last in LAW_WORDS:
            spans.append(Span(m.start(), m.end(), text, "law"))
    for m in re.finditer(r"\b[A-Z][A-Z0-9]{1,6}s?\b", s):
        if not re.fullmatch(r"[IVXLC]+", m.group()):
            spans.append(Span(m.start(), m.end(), m.group(), "acronym"))
    # keep the longest of overlapping spans
    spans.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
    kept: list[Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            continue
        kept.append(sp)
    return kept


ENTITY_KINDS = ("country", "state", "ministry", "case", "org", "law", "person", "acronym")


def entity_pools(articles: list[Article]) -> dict[str, list[str]]:
    """Names of each entity type seen in these articles (the pool swaps draw from)."""
    pools: dict[str, set[str]] = defaultdict(set)
    for a in articles:
        for s in (*a.sentences, *a.points):
            for sp in find_spans(s):
                if sp.kind in ENTITY_KINDS:
                    pools[sp.kind].add(sp.text)
    pools["country"].update(COUNTRIES)
    pools["state"].update(STATES)
    return {k: sorted(v) for k, v in pools.items()}


# ---------------------------------------------------------------- contradictions


def _replace(s: str, sp: Span, new: str) -> str:
    return s[:sp.start] + new + s[sp.end:]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _change_number(v: str, rng: random.Random, *, year: bool) -> str:
    x = float(v.replace(",", ""))
    if year:
        return str(int(x) + rng.choice([-1, 1]) * rng.randint(1, 12))
    choices = [x * rng.choice([2, 3, 0.5]), x + rng.choice([-1, 1]) * max(1, round(x * rng.uniform(0.2, 0.6)))]
    y = rng.choice(choices)
    if y <= 0 or abs(y - x) < 1e-9:
        y = x + rng.randint(1, 9)
    if "." in v:
        return f"{y:.{len(v.split('.')[1])}f}"
    return f"{round(y):,}" if "," in v else str(round(y))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def contradict_value(s: str, rng: random.Random, pools: dict[str, list[str]], kinds: tuple[str, ...]) -> \
        tuple[str, str] | None:
    """Change one number, year, ordinal, fraction or entity (of the given kinds) of the sentence."""
    spans = [sp for sp in find_spans(s) if (("entity" in kinds and sp.kind in ENTITY_KINDS) or sp.kind in kinds
                                            or (sp.kind in ("percent", "fraction") and "number" in kinds))]
    if not spans:
        return None
    sp = rng.choice(spans)
    if sp.kind == "year":
        return _replace(s, sp, _change_number(sp.text, rng, year=True)), "year"
    if sp.kind in ("number", "percent"):
        if sp.text.lower() in NUMBER_WORDS:
            new = rng.choice([w for w in NUMBER_WORDS if w != sp.text.lower()])
            new = new.capitalize() if sp.text[0].isupper() else new
        else:
            new = _change_number(sp.text, rng, year=False)
        return _replace(s, sp, new), "number"
    if sp.kind == "fraction":
        value = FRACTIONS[sp.text.lower()]
        new = rng.choice([f for f, v in FRACTIONS.items() if v != value])
        return _replace(s, sp, new), "number"
    if sp.kind == "ordinal":
        m = re.fullmatch(r"(\d+)(st|nd|rd|th)", sp.text)
        if m:
            n = int(m.group(1))
            new = _ordinal(max(1, n + rng.choice([-3, -2, -1, 1, 2, 3, 10])))
            new = new if new != sp.text else _ordinal(n + 1)
        else:
            new = rng.choice([w for w in ORDINAL_WORDS if w != sp.text.lower()])
            new = new.capitalize() if sp.text[0].isupper() else new
        return _replace(s, sp, new), "ordinal"
    pool = [n for n in pools.get(sp.kind, []) if n.lower() != sp.text.lower() and n.lower() not in s.lower()
            and _initials(n) != sp.text and _initials(sp.text) != n]
    if not pool:
        return None
    return _replace(s, sp, rng.choice(pool)), "entity"


def _word_sub(s: str, table: dict[str, tuple[str, ...]], rng: random.Random) -> str | None:
    keys = sorted(table, key=len, reverse=True)
    hits = [m for m in re.finditer(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b", s, flags=re.I)]
    if not hits:
        return None
    m = rng.choice(hits)
    new = rng.choice(table[m.group().lower()])
    if m.group()[0].isupper():
        new = new[0].upper() + new[1:]
    return s[:m.start()] + new + s[m.end():]


@lru_cache(maxsize=1)
def _verdict_flips() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for a, b in VERDICTS:
        for w in a:
            out[w] = b
        for w in b:
            out[w] = a
    for pos, negs in NEGATED_EQUIV:
        out.setdefault(pos, negs)
        for n in negs:
            out.setdefault(n, (pos,))
    return out


def contradict_verdict(s: str, rng: random.Random) -> str | None:
    return _word_sub(s, _verdict_flips(), rng)


@lru_cache(maxsize=1)
def _hand_directions() -> frozenset[str]:
    words = {w for a, b in _DIRECTION_VERBS for w in (*_verb_forms(a), *_verb_forms(b))}
    return frozenset(words | {w for pair in DIRECTION_WORDS for w in pair})


def contradict_direction(s: str, rng: random.Random) -> str | None:
    """Flip a direction word: the hand list first; WordNet's antonyms only for longer lower-case words."""
    table = direction_pairs()
    lower = {w for w in re.findall(r"(?<![A-Za-z-])[a-z]+(?![A-Za-z-])", s)} & set(table)
    hand = lower & _hand_directions()
    # WordNet's antonyms of short or particle words ("on"/"off", "side"/"bottom") are noise
    words = hand or {w for w in lower if len(w) >= 6 and rng.random() < 0.5}
    if not words:
        return None
    w = rng.choice(sorted(words))
    options = [t for t in table[w] if t in _hand_directions()] if w in _hand_directions() else list(table[w])
    m = rng.choice(list(re.finditer(rf"(?<![A-Za-z-]){w}(?![A-Za-z-])", s)))
    return s[:m.start()] + rng.choice(options or list(table[w])) + s[m.end():]


def contradict_role(s: str, rng: random.Random) -> str | None:
    """Swap two same-type names (or two different numbers) that are not just listed together."""
    spans = find_spans(s)
    cands = []
    for i, a in enumerate(spans):
        for b in spans[i + 1:]:
            same = a.kind == b.kind or {a.kind, b.kind} <= {"percent", "fraction", "number"}
            between = s[a.end:b.start]
            if not same or a.text.lower() == b.text.lower() or a.kind == "year":
                continue
            # names listed together ("A, B and C") swap without changing the meaning
            verbs = [w for w in re.findall(r"\b[a-z][a-z'-]*\b", between) if w not in ("and", "or", "the", "of")]
            if not verbs or len(between.split()) < 2 or "-" in (s[a.end:a.end + 1], s[b.end:b.end + 1]):
                continue
            cands.append((a, b))
    if not cands:
        return None
    a, b = rng.choice(cands)
    return s[:a.start] + b.text + s[a.end:b.start] + a.text + s[b.end:]


def contradict_negation(s: str, rng: random.Random) -> str | None:
    """Add a negation to an affirmed claim, or remove the one a negated claim has."""
    neg = list(re.finditer(r"\b(" + "|".join(AUX_NEGATABLE) + r")\s+not\b|\bcannot\b|\b(\w+)n't\b|\bno longer\b", s))
    if neg and rng.random() < 0.5:
        m = rng.choice(neg)
        t = m.group()
        new = {"cannot": "can", "no longer": "still"}.get(t.lower())
        if new is None:
            new = t[:-4] if t.endswith(" not") else t[:-3]
        return s[:m.start()] + new + s[m.end():]
    if neg or re.search(r"\b(no|not|never|nor|neither|without)\b", s, flags=re.I):
        return None
    aux = [m for m in re.finditer(r"\b(" + "|".join(AUX_NEGATABLE) + r")\b(?!\s+(?:not|no)\b)", s)]
    if not aux:
        return None
    m = rng.choice(aux[:2])
    new = "cannot" if m.group() == "can" else m.group() + " not"
    return s[:m.start()] + new + s[m.end():]


# ---------------------------------------------------------------- entailments


def clauses(s: str) -> list[str]:
    """Shorter statements the sentence entails: parentheticals dropped, split at ';' and contrastive joints."""
    out: set[str] = set()
    base = re.sub(r"\s*\([^)]*\)", "", s).strip()
    if base != s:
        out.add(base)
    for part in re.split(r";\s+|,\s+(?:but|while|whereas|and)\s+|\s+—\s+|:\s+", base):
        part = part.strip(" ,.;:")
        if len(part.split()) >= 5:
            out.add(part[0].upper() + part[1:] + ".")
    m = re.match(r"^(.{25,}?),\s+(?:including|such as|especially|with|which|who|as|after|before|through)\b", base)
    if m:
        out.add(m.group(1) + ".")
    m = re.match(r"^(?:However|Moreover|Further|In \d{4}|By \d{4}|Since \d{4}|In addition|Also),\s+(.*)$", base)
    if m and len(m.group(1).split()) >= 5:
        out.add(m.group(1)[0].upper() + m.group(1)[1:])
    out.discard(s)
    return sorted(out)


def synonym_swap(s: str, rng: random.Random) -> str | None:
    table: dict[str, list[str]] = defaultdict(list)
    for a, b in SYNONYMS:
        table[a].append(b)
    return _word_sub(s, {k: tuple(v) for k, v in table.items()}, rng)


def equivalent_rewording(s: str, rng: random.Random) -> tuple[str, str] | None:
    """A correct rewording that uses negation, a percentage/fraction or a verdict word differently."""
    options: list[tuple[str, str]] = []
    # "not binding" -> "advisory"; "binding" -> "not advisory" is awkward, so only the first direction and its reverse
    for pos, negs in NEGATED_EQUIV:
        m = re.search(rf"\b(not|never)\s+(\w+\s+)?{re.escape(pos)}\b", s)
        if m:
            options.append((s[:m.start()] + (m.group(2) or "") + rng.choice(negs) + s[m.end():], "para-negation"))
        for n in negs:
            m = re.search(rf"\b(is|are|was|were|remain|remains)\s+{re.escape(n)}\b", s)
            if m:
                options.append((s[:m.start()] + f"{m.group(1)} not {pos}" + s[m.end():], "para-negation"))
    for a, b in VERDICTS:
        for group in (a, b):
            for w in group:
                m = re.search(rf"\b{re.escape(w)}\b", s)
                if m:
                    other = rng.choice([g for g in group if g != w] or [w])
                    if other != w:
                        options.append((s[:m.start()] + other + s[m.end():], "para-verdict"))
    for group in NOUN_EQUIV:
        for w in group:
            m = re.search(rf"\b{re.escape(w)}\b", s, flags=re.I)
            if m:
                options.append((s[:m.start()] + rng.choice([g for g in group if g != w]) + s[m.end():],
                                "para-negation"))
                break
    for m in re.finditer(rf"\b({_NUM})\s*(%|per cent|percent)", s):
        v = float(m.group(1).replace(",", ""))
        if v.is_integer() and int(v) in PERCENT_WORDS:
            options.append((s[:m.start()] + rng.choice(PERCENT_WORDS[int(v)]) + s[m.end():], "para-percent"))
        options.append((s[:m.start()] + m.group(1) + rng.choice(["%", " per cent", " percent"]) + s[m.end():],
                        "para-percent"))
    for m in re.finditer(r"\b(" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b", s, flags=re.I):
        v = FRACTIONS[m.group().lower()]
        options.append((s[:m.start()] + rng.choice([f"{v}%", f"{v} per cent", f"about {v}%"]) + s[m.end():],
                        "para-fraction"))
    for m in re.finditer(r"\b(\d+)(st|nd|rd|th)\b", s):
        n = int(m.group(1))
        if 1 <= n <= len(ORDINAL_WORDS):
            options.append((s[:m.start()] + ORDINAL_WORDS[n - 1] + s[m.end():], "para-ordinal"))
    for m in re.finditer(r"\b(" + "|".join(ORDINAL_WORDS) + r")\b", s, flags=re.I):
        options.append((s[:m.start()] + _ordinal(ORDINAL_WORDS.index(m.group().lower()) + 1) + s[m.end():],
                        "para-ordinal"))
    # an adjective said through its negated antonym: "is effective" -> "is not ineffective" (WordNet pairs)
    for m in re.finditer(r"\b(is|are|was|were|remains|remain)\s+([a-z]{5,})\b", s):
        if m.group(2) in ("still", "often", "being", "about", "under", "above", "below", "there"):
            continue
        ants = [b for a, b in wordnet_antonyms(("adj",)) if a == m.group(2) and len(b) >= 4]
        if ants:
            options.append((s[:m.start()] + f"{m.group(1)} not {rng.choice(ants)}" + s[m.end():], "para-negation"))
    # a name said by its acronym or in full: "Full Name (ACR)" -> "ACR" / "Full Name"
    for m in re.finditer(rf"((?:the\s+)?{_CAPSEQ})\s+\(([A-Z][A-Za-z-]{{1,9}})\)", s):
        if _initials(m.group(1).removeprefix("the ")).upper()[:2] == m.group(2)[:2].upper():
            options.append((s[:m.start()] + rng.choice([m.group(2), m.group(1)]) + s[m.end():], "para-alias"))
    for group in ALIASES:
        for w in group:
            m = re.search(rf"\b{re.escape(w)}\b", s)
            if m:
                options.append((s[:m.start()] + rng.choice([g for g in group if g != w]) + s[m.end():], "para-alias"))
                break
    # digits and number words, and a year said with "the year"
    for m in re.finditer(r"\b(" + "|".join(NUMBER_WORDS) + r")\b(?!-)", s):
        n = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
             "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}[m.group()]
        options.append((s[:m.start()] + str(n) + s[m.end():], "para-number"))
    for m in re.finditer(r"\bin ((?:19|20)\d\d)\b", s):
        options.append((s[:m.start()] + f"in the year {m.group(1)}" + s[m.end():], "para-number"))
    # direction words said through a negated antonym: "rose" stays "rose", "higher" -> "not lower"
    for m in re.finditer(r"\b(is|are|was|were)\s+(higher|lower|stronger|weaker|larger|smaller|greater)\b", s):
        flip = {"higher": "lower", "lower": "higher", "stronger": "weaker", "weaker": "stronger", "larger": "smaller",
                "smaller": "larger", "greater": "smaller"}[m.group(2)]
        options.append((s[:m.start()] + f"{m.group(1)} not {flip}" + s[m.end():], "para-negation"))
    options = [(t, k) for t, k in options if t != s]
    return rng.choice(options) if options else None


# ---------------------------------------------------------------- pairs of an article

_STOP = set("the a an of and or to in on for by with as at from is are was were be been this that these those it its "
            "has have had not no which who their there than into also can will would should may".split())


def content(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in _STOP and len(w) > 2}


def coverage(h: str, p: str) -> float:
    """Share of the hypothesis's content words found in the premise."""
    hc = content(h)
    return len(hc & content(p)) / len(hc) if hc else 0.0


def best_source(point: str, sentences: tuple[str, ...]) -> tuple[str, float]:
    scored = [(coverage(point, s), s) for s in sentences]
    cov, s = max(scored) if scored else (0.0, "")
    return s, cov


CONTRADICTIONS = ("entity", "number", "year", "ordinal", "verdict", "direction", "role", "negation")


def contradict(s: str, kind: str, rng: random.Random, pools: dict[str, list[str]]) -> tuple[str, str] | None:
    """One contradiction of the given kind, with the kind actually made, or None when the sentence has no handle."""
    if kind in ("entity", "number", "year", "ordinal"):
        return contradict_value(s, rng, pools, (kind,))
    fn = {"verdict": contradict_verdict, "direction": contradict_direction, "role": contradict_role,
          "negation": contradict_negation}[kind]
    out = fn(s, rng)
    return (out, kind) if out and out != s else None


def article_pairs(a: Article, rng: random.Random, pools: dict[str, list[str]], *, per_sentence: int = 2) -> list[Pair]:
    """All generated pairs of one article (see the module docstring)."""
    pairs: list[Pair] = []
    sents = list(a.sentences)

    def add(p: str, h: str, label: str, kind: str) -> None:
        if p and h and p != h:
            pairs.append(Pair(p, h, label, kind, a.id))

    def hypotheses(s: str) -> list[str]:
        return [s, *clauses(s)]

    # premise, candidate hypotheses: each sentence with its clauses; key point <-> best source sentence
    bases: list[tuple[str, str]] = []
    for s in sents:
        for h in hypotheses(s):
            bases.append((s, h))
    for point in a.points:
        src, cov = best_source(point, a.sentences)
        if cov >= 0.5:
            add(src, point, "entailed", "keypoint")
            for c in clauses(point):
                if coverage(c, src) >= 0.6:
                    add(src, c, "entailed", "keypoint")
                    bases.append((src, c))
            for c in clauses(src):
                if coverage(c, point) >= 0.6:
                    add(point, c, "entailed", "keypoint")
                    bases.append((point, c))
            bases.append((src, point))
        bases.append((point, point))
    for point, wrong in a.misconceptions:
        add(point, wrong, "contradicted", "misconception")

    for premise, h in bases:
        if h != premise:
            add(premise, h, "entailed", "clause")
        # contradictions: up to per_sentence kinds that apply
        kinds = list(CONTRADICTIONS)
        rng.shuffle(kinds)
        made = 0
        for kind in kinds:
            out = contradict(h, kind, rng, pools)
            if out:
                add(premise, out[0], "contradicted", out[1])
                made += 1
                if made >= per_sentence:
                    break
        # entailments that change words
        syn = synonym_swap(h, rng)
        if syn:
            add(premise, syn, "entailed", "synonym")
            syn2 = synonym_swap(syn, rng)
            if syn2 and syn2 != syn:
                add(premise, syn2, "entailed", "synonym")
        eq = equivalent_rewording(h, rng)
        if eq:
            add(premise, eq[0], "entailed", eq[1])
            # the same correct rewording with a fact changed is still wrong
            out = contradict(eq[0], rng.choice(("entity", "number", "year", "verdict")), rng, pools)
            if out and rng.random() < 0.5:
                add(premise, out[0], "contradicted", out[1])

    # unrelated: same article, little content in common
    others = sents + list(a.points)
    for s in sents + list(a.points):
        cands = [o for o in others if o != s and coverage(o, s) < 0.2]
        for o in rng.sample(cands, min(1, len(cands))):
            h = rng.choice(hypotheses(o))
            add(s, h, "unrelated", "unrelated")
        hard = [o for o in others if o != s and 0.2 <= coverage(o, s) < 0.35]
        if hard:
            add(s, rng.choice(hard), "unrelated", "unrelated-near")
    return pairs


def generate(articles: list[Article], seed: int, *, rounds: int = 1,
             pools: dict[str, list[str]] | None = None) -> list[Pair]:
    """Pairs of these articles (entity swaps draw from ``pools``: by default the names in these articles).

    Each round draws new perturbations of the same sentences; repeated pairs are kept once.
    """
    rng = random.Random(seed)
    pools = pools if pools is not None else entity_pools(articles)
    out: list[Pair] = []
    for _ in range(rounds):
        for a in articles:
            out.extend(article_pairs(a, rng, pools))
    # one copy of each (premise, hypothesis): a hypothesis made two ways keeps its first label
    seen: set[tuple[str, str]] = set()
    unique = []
    for p in out:
        key = (p.premise, p.hypothesis)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


# ---------------------------------------------------------------- SemEval-2013

SEMEVAL_LABELS = {"correct": "entailed", "contradictory": "contradicted", "incorrect": "unrelated"}


def semeval_pairs(paths: list[Path], rng: random.Random, limit: int) -> list[Pair]:
    """Reference answer vs student answer from the SemEval-2013 training splits (CC BY-SA), at most ``limit``."""
    rows: list[Pair] = []
    for path in paths:
        with path.open(newline="") as f:
            for r in csv.DictReader(f):
                label = SEMEVAL_LABELS.get(r["label_3way"])
                refs = [x.strip() for x in (r.get("references") or r["reference_answer"]).split("|||") if x.strip()]
                student = r["student_answer"].strip()
                if label and refs and student:
                    # the reference the answer is closest to (Beetle questions have several)
                    ref = max(refs, key=lambda x: coverage(student, x))
                    rows.append(Pair(ref, student, label, "semeval", "semeval"))
    rng.shuffle(rows)
    # contradictory answers are rare: up to 40% of the sample, the rest as they come
    contra = [p for p in rows if p.label == "contradicted"][:int(limit * 0.4)]
    rest = [p for p in rows if p.label != "contradicted"]
    return contra + rest[:limit - len(contra)]
