"""Where an article sits in the UPSC Mains syllabus: its General Studies paper and topics, from its words.

Each topic has cue words (lemmas, or phrases of lemmas); an article's topics are those whose cues
it uses most, counting the site's category line, the title and the "Mains level" line five times
over the body. The paper is the one whose topics score highest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from evaluator.core.text import analyse
from evaluator.rubrics.model import GsPaper

HEADLINE_WEIGHT = 5  # a cue in the category, title or "Mains level" line counts this many times
MAX_TOPICS = 3
MIN_TOPIC_SHARE = 0.25  # a topic scoring less than this share of the best one is not listed

# topic -> (paper, cue lemmas and lemma phrases)
TOPICS: dict[str, tuple[GsPaper, tuple[str, ...]]] = {
    "history": ("GS I", ("history", "freedom struggle", "colonial", "ancient", "medieval", "dynasty",
                         "national movement")),
    "art and culture": ("GS I", ("culture", "heritage", "temple", "art form", "dance", "painting", "literature")),
    "society": ("GS I", ("society", "women", "caste", "urbanisation", "population", "communalism", "secularism",
                         "regionalism", "globalisation")),
    "geography": ("GS I", ("geography", "monsoon", "earthquake", "cyclone", "mineral", "river", "landform",
                           "ocean current")),
    "polity": ("GS II", ("constitution", "constitutional", "amendment", "article", "parliament", "legislature",
                         "legislator", "speaker", "schedule", "fundamental right", "president", "governor", "polity",
                         "election", "election commission", "disqualification")),
    "judiciary": ("GS II", ("judiciary", "judicial", "supreme court", "high court", "judge", "collegium", "bench",
                            "judgment", "justice")),
    "federalism": ("GS II", ("federalism", "centre-state", "cooperative federalism", "fiscal federalism",
                             "gst council", "finance commission", "inter-state", "state list", "union list")),
    "governance": ("GS II", ("governance", "panchayat", "local body", "decentralisation", "devolution",
                             "accountability", "transparency", "gram sabha", "scheme", "welfare", "e-governance")),
    "international relations": ("GS II", ("foreign policy", "united nations", "security council", "bilateral",
                                          "multilateral", "diplomacy", "treaty", "veto", "g20", "quad", "brics",
                                          "international", "partnership", "defence partnership")),
    "social justice": ("GS II", ("health", "education", "poverty", "tribal", "scheduled tribe", "vulnerable section",
                                 "hunger", "nutrition")),
    "economy": ("GS III", ("economy", "economic", "gdp", "tax", "gst", "revenue", "fiscal", "investment", "inflation",
                           "banking", "payment", "market", "finance", "budget", "subsidy", "trade")),
    "industry and infrastructure": ("GS III", ("industry", "manufacturing", "infrastructure", "industrial policy",
                                               "semiconductor", "electronics", "supply chain", "logistics")),
    "agriculture": ("GS III", ("agriculture", "farmer", "crop", "paddy", "wheat", "irrigation", "msp",
                               "minimum support price", "procurement", "stubble")),
    "energy": ("GS III", ("energy", "hydrogen", "electrolyser", "renewable", "solar", "fuel", "power", "coal",
                          "energy transition", "decarbonisation")),
    "science and technology": ("GS III", ("science", "technology", "space", "isro", "satellite", "lunar", "rover",
                                          "mission", "research", "digital", "chip", "innovation", "launch vehicle")),
    "environment": ("GS III", ("environment", "pollution", "air quality", "climate", "emission", "biodiversity",
                               "groundwater", "water", "conservation", "aquifer", "carbon")),
    "internal security": ("GS III", ("internal security", "extremism", "insurgency", "terrorism", "naxal", "maoist",
                                     "security force", "cyber", "cyber security", "border", "money laundering",
                                     "police", "attack")),
    "disaster management": ("GS III", ("disaster", "flood", "drought", "cyclone", "resilience", "ndma")),
    "ethics": ("GS IV", ("ethics", "ethical", "integrity", "probity", "attitude", "emotional intelligence",
                         "conscience", "value", "moral")),
}


def classify(headlines: Sequence[str], body: str) -> tuple[GsPaper | None, list[str]]:
    """The GS paper and up to three topics of an article, from its headline lines and its body.

    >>> classify(["Polity Watch: Parliament", "The anti-defection law"], "The Speaker decides disqualification ...")
    ('GS II', ['polity'])
    >>> classify([], "")
    (None, [])
    """
    scores: Counter[str] = Counter()
    for text, weight in [(h, HEADLINE_WEIGHT) for h in headlines if h] + [(body, 1)]:
        lemmas = [t.lemma for t in analyse(text).words]
        joined = f" {' '.join(lemmas)} "
        for topic, (_, cues) in TOPICS.items():
            hits = sum(joined.count(f" {' '.join(t.lemma for t in analyse(cue).words)} ") for cue in cues)
            if hits:
                scores[topic] += weight * hits
    if not scores:
        return None, []
    papers: Counter[str] = Counter()
    for topic, score in scores.items():
        papers[TOPICS[topic][0]] += score
    paper = papers.most_common(1)[0][0]
    best = max(scores[t] for t in scores if TOPICS[t][0] == paper)
    topics = [t for t, s in scores.most_common() if TOPICS[t][0] == paper and s >= MIN_TOPIC_SHARE * best]
    return paper, topics[:MAX_TOPICS]  # type: ignore[return-value]
