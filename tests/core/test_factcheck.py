"""Specification of the claim checks: a claim is wrong only against a declared fact, and a correct claim never is.

Each row is a sentence an examiner would mark, with the verdict the rubric's declared facts must give it. The
facts are written here (the bank's own are checked on the bank's answers); the sentences are written for these
tests, many of them the kinds that the word rules used to call wrong: "not binding", "75%", "struck it down",
"from 1952 to 1967", "Articles 83 and 172".
"""

from __future__ import annotations

import pytest

from evaluator import evaluate
from evaluator.core.factcheck import check_facts
from evaluator.core.text import analyse
from evaluator.rubrics.model import Fact, parse_rubric

FACTS: dict[str, Fact] = {
    "binding": Fact(subject=["Mohit Minerals"], attribute="binding on legislatures", kind="yes-no", values=["no"],
                    cues=["binding", "mandatory"]),
    "union-weight": Fact(subject=["Union", "Centre"], attribute="share of the votes", kind="number",
                         values=["one-third"], cues=["vote", "votes", "weight", "share"]),
    "states-weight": Fact(subject=["states", "all states"], attribute="share of the votes", kind="number",
                          values=["two-thirds"], cues=["vote", "votes", "weight", "weightage", "share"]),
    "majority": Fact(subject=["decision", "decisions"], attribute="majority needed", kind="number",
                     values=["three-fourths"], cues=["majority"]),
    "njac-verdict": Fact(subject=["NJAC"], attribute="verdict", kind="verdict", values=["struck down"]),
    "njac-case": Fact(subject=["NJAC"], attribute="struck down in", kind="name", values=[["Fourth Judges case"]],
                      others=[["Second Judges case"], ["Third Judges case"]]),
    "njac-chair": Fact(subject=["NJAC", "National Judicial Appointments Commission"], attribute="chairperson",
                       kind="name", values=[["CJI as chair", "chaired by the CJI"]],
                       others=[["Law Minister as chair", "chaired by the Law Minister"]]),
    "polls": Fact(subject=["dissolution"], attribute="time to hold elections", kind="name", values=[["six months"]],
                  others=[["a year", "one year"]], cues=["polls", "elections"]),
    "njac-year": Fact(subject=["NJAC"], attribute="year struck down", kind="year", values=["2015"],
                      cues=["struck", "invalidated", "quashed"]),
    "gst-amendment": Fact(subject=["GST"], attribute="amendment", kind="ordinal", values=["101"], cues=["amendment"]),
    "malabar": Fact(subject=["Malabar"], attribute="participants", kind="country",
                    values=[["India"], ["United States"], ["Japan"], ["Australia"]],
                    cues=["include", "includes", "with", "among", "participants", "joined"]),
    "simultaneous": Fact(subject=["simultaneous elections"], attribute="held until", kind="year",
                         values=["1952", "1967"], cues=["held", "until", "till"]),
    "sessions": Fact(subject=["sessions"], attribute="articles", kind="article", values=["85", "174"],
                     cues=["article", "articles"]),
    "chabahar": Fact(subject=["Chabahar"], attribute="developed by", kind="country", values=[["India"], ["Iran"]],
                     cues=["run", "runs", "operate", "operates", "developed", "develops", "built"]),
    "ally": Fact(subject=["India"], attribute="treaty ally of the US", kind="yes-no", values=["no"],
                 cues=["treaty ally", "treaty alliance", "mutual-defence treaty", "mutual defence treaty"]),
    "dtti": Fact(subject=["DTTI"], attribute="scrapped", kind="yes-no", values=["no"], cues=["scrapped", "abolished"]),
    "dtti-revived": Fact(subject=["DTTI"], attribute="revived", kind="yes-no", values=["yes"], cues=["revived"]),
    "indus": Fact(subject=["INDUS-X"], attribute="launched by the visit", kind="yes-no", values=["yes"],
                  cues=["launch"]),
    "petroleum": Fact(subject=["petroleum"], attribute="under GST", kind="yes-no", values=["no"],
                      cues=["brought under GST"]),
    "chair": Fact(subject=["GST Council"], attribute="chair", kind="name", values=[["Union Finance Minister"]],
                  others=[["Prime Minister"]], cues=["chaired", "chairs"]),
    "p5": Fact(subject=["permanent members"], attribute="members", kind="country",
               values=[["US"], ["UK"], ["France"], ["Russia"], ["China"]], cues=["namely", "are"]),
    "naxalbari": Fact(subject=["Naxalbari"], attribute="state", kind="state", values=[["West Bengal"]],
                      cues=["in", "lies", "located"]),
    "npci": Fact(subject=["NPCI"], attribute="promoted by", kind="body", values=[["RBI"], ["Indian Banks' Association"]],
                 others=[["SEBI"]], cues=["promoted", "promoter", "promoters", "set up", "founded", "backed"]),
    "upi-year": Fact(subject=["UPI"], attribute="launch year", kind="year", values=["2016"],
                     cues=["launched", "set up"]),
    "npci-year": Fact(subject=["NPCI"], attribute="year set up", kind="year", values=["2008"], cues=["set up"]),
    "nodal-ministry": Fact(subject=["Green Hydrogen Mission"], attribute="nodal ministry", kind="body",
                           values=[["Ministry of New and Renewable Energy"]],
                           cues=["nodal", "implemented", "implements", "run", "runs", "led", "steered", "under"]),
    "ministries": Fact(subject=["ministries"], attribute="constitutional article", kind="article",
                       values=["75", "164"]),
    "paragraph-6": Fact(subject=["Paragraph 6"], attribute="who decides", kind="name", values=[["Speaker", "Chairman"]],
                        others=[["Election Commission"]], cues=["decide", "decides", "decided"]),
    "groundwater-rank": Fact(subject=["India"], attribute="rank in groundwater use", kind="name",
                             values=[["largest user", "largest extractor"]], others=[["behind China"]],
                             cues=["groundwater"]),
    "balwant": Fact(subject=["Balwant Rai Mehta"], attribute="tiers", kind="name", values=[["three tiers"]],
                    others=[["two tiers"]]),
    "ashok": Fact(subject=["Ashok Mehta"], attribute="tiers", kind="name", values=[["two tiers"]],
                  others=[["three tiers"]]),
    "launcher": Fact(subject=["Chandrayaan-3"], attribute="launch vehicle", kind="name", values=[["LVM3"]],
                     others=[["PSLV"]]),
    "second-judges": Fact(subject=["Second Judges case"], attribute="consultation means concurrence", kind="yes-no",
                          values=["yes"], cues=["concurrence"]),
    "river-boards": Fact(subject=["River Boards Act"], attribute="board created", kind="yes-no", values=["no"],
                         cues=["created"]),
    "council-votes": Fact(subject=["decisions"], attribute="votes needed", kind="number", values=["9", "15", "5"],
                          cues=["votes"]),
    "dtti-name": Fact(subject=["DTTI", "Defence Technology and Trade Initiative"], attribute="full name", kind="name",
                      values=[["Defence Technology and Trade Initiative"]],
                      others=[["Defence Trade and Technology Initiative"]]),
    "evidence-act": Fact(subject=["Indian Evidence Act"], attribute="year of the Act", kind="year", values=["1872"]),
    "atal-support": Fact(subject=["Atal Bhujal Yojana"], attribute="external support", kind="body",
                         values=[["World Bank"]], cues=["supported", "backed"]),
    "atal-year": Fact(subject=["Atal Bhujal Yojana"], attribute="launch year", kind="year", values=["2019"],
                      cues=["launched", "began"]),
    "selection-chair": Fact(subject=["Selection Committee"], attribute="chair", kind="name",
                            values=[["Prime Minister", "PM"]], others=[["Speaker"], ["Chief Justice of India", "CJI"]],
                            cues=["chair", "chaired", "heads"]),
    "outlay": Fact(subject=["outlay"], attribute="initial outlay", kind="number", values=["19,744 crore"]),
    "soft-land": Fact(subject=["India"], attribute="rank among soft-landers", kind="name",
                      values=[["fourth country", "fourth nation"]], others=[["first nation ever to land"]]),
    "net-zero": Fact(subject=["net zero", "net-zero"], attribute="target year", kind="year", values=["2070"]),
    "moon": Fact(subject=["Indian on the Moon"], attribute="target year", kind="year", values=["2040"]),
    "ban-act": Fact(subject=["banned as a terrorist organisation"], attribute="under which Act", kind="name",
                    values=[["UAPA"]], others=[["under POTA"]]),
}


def verdicts(sentence: str) -> dict[str, str]:
    facts = [(name, 0, fact) for name, fact in FACTS.items()]
    return {f.point_id: f.verdict for f in check_facts(analyse(sentence), facts)}


@pytest.mark.parametrize(("sentence", "expected"), [
    # correct statements, written the ways that used to be called wrong
    ("In Mohit Minerals, the Supreme Court held that the Council's recommendations are not binding.",
     {"binding": "right"}),
    ("Mohit Minerals made the recommendations non-binding and persuasive.", {"binding": "right"}),
    ("The Union holds one-third of the votes and the states two-thirds.",
     {"union-weight": "right", "states-weight": "right"}),
    ("The Centre has a 33% share of the weight in the Council.", {"union-weight": "right"}),
    ("Every decision needs a 75% majority of the weighted votes.", {"majority": "right"}),
    ("Decisions need a three-fourths majority.", {"majority": "right"}),
    ("The Supreme Court struck it down in 2015, and the NJAC was invalidated.", {"njac-verdict": "right"}),
    ("In the Fourth Judges case (2015) the court struck down the NJAC.",
     {"njac-verdict": "right", "njac-case": "right", "njac-year": "right"}),
    ("The NJAC was meant to replace the collegium, but was quashed in 2015.",
     {"njac-verdict": "right", "njac-year": "right"}),
    ("GST came with the Constitution (One Hundred and First Amendment) Act.", {"gst-amendment": "right"}),
    ("Simultaneous elections were held from 1952 to 1967.", {"simultaneous": "right"}),
    ("The sessions are summoned under Articles 85 and 174.", {"sessions": "right"}),
    ("Malabar now includes Japan and Australia with India and the US.", {"malabar": "right"}),
    ("India is not a treaty ally of the US.", {"ally": "right"}),
    ("Not Russia but Japan joined Malabar, which includes India and the US.", {"malabar": "right"}),
    # affirmative wrong claims, without negation words
    ("In Mohit Minerals the court held the recommendations binding on the states.", {"binding": "wrong"}),
    ("The Union holds two-thirds of the votes in the Council.", {"union-weight": "wrong"}),
    ("Decisions need a simple majority of 51% of the votes.", {"majority": "wrong"}),
    ("The NJAC was upheld by a Constitution Bench.", {"njac-verdict": "wrong"}),
    ("The NJAC was struck down in the Second Judges case.", {"njac-verdict": "right", "njac-case": "wrong"}),
    ("GST was brought in by the 122nd Amendment.", {"gst-amendment": "wrong"}),
    ("Malabar now includes Russia.", {"malabar": "wrong"}),
    ("China runs the port of Chabahar.", {"chabahar": "wrong"}),
    ("India became a treaty ally of the US through a mutual defence treaty.", {"ally": "wrong"}),
    ("The uprising began in 1967 at Naxalbari in West Bengal.", {"naxalbari": "right"}),
    ("Naxalbari lies in the north of West Bengal.", {"naxalbari": "right"}),
    ("Naxalbari is a village in Andhra Pradesh.", {"naxalbari": "wrong"}),
    ("Naxalbari, in Orissa, saw the first revolt.", {"naxalbari": "wrong"}),
    # a subject brought in by "with" does not own what its clause said before it
    ("The movement spread from Bihar to Odisha, with Naxalbari in its past.", {}),
    ("The movement spread to Bihar, and Naxalbari is in Odisha.", {"naxalbari": "wrong"}),
    # a body listed with the right one as what the cue says is claimed; one named beside it in another role is not
    ("The Green Hydrogen Mission is run by the MNRE and the Ministry of Power.", {"nodal-ministry": "wrong"}),
    ("The Green Hydrogen Mission is run by the MNRE, with the Ministry of Power setting the standard.",
     {"nodal-ministry": "right"}),
    ("NPCI was promoted by the RBI and the Indian Banks' Association.", {"npci": "right"}),
    # what others claim or what the answer calls false is not claimed; a holding the answer reports is
    ("Critics claimed that the NJAC was upheld, but the Court struck it down.", {}),
    ("It is a myth that GST came with the 122nd Amendment; it was the 101st.", {}),
    ("Contrary to the popular belief that Malabar includes Russia, its navies are India, the US, Japan and "
     "Australia.", {}),
    ("The Court held that the NJAC was upheld by Parliament's will.", {"njac-verdict": "wrong"}),
    # "not" right before a value denies it, whatever it pairs with ("not abolished", "not every", "not only")
    ("The NJAC was not upheld by the Court.", {}),
    ("Decisions need three-fourths of the votes, not a simple majority of 51%.", {"majority": "right"}),
    # a yes-no cue before the subject and a comma is said of what precedes it
    ("Japan is a treaty ally of the US, unlike India.", {}),
    ("Unlike Pakistan, India is a treaty ally of the US.", {"ally": "wrong"}),
    ("Paragraph 6\n- Decides: the Speaker or the Chairman\n- Not: the Election Commission, which advises on other "
     "disqualifications", {"paragraph-6": "right"}),
    ("NJAC\n- A common myth: upheld by a Constitution Bench.\n- In fact: struck down in 2015.",
     {"njac-verdict": "right", "njac-year": "right"}),
    ("Sessions\n- Not: Articles 83 and 172\n- Summoned under Articles 85 and 174", {"sessions": "right"}),
    ("Decisions need a three-fourths majority rather than a simple majority of 51%.", {"majority": "right"}),
    ("Decisions need a simple majority of 51% rather than three-fourths.", {"majority": "wrong"}),
    ("The NJAC was struck down in 2015; it is often confused with the Second Judges case's collegium.",
     {"njac-verdict": "right", "njac-year": "right"}),
    # a value that a denial is said of is not claimed
    ("Malabar: four navies (India, the US, Japan and Australia); Russia is not a participant.", {}),
    ("Malabar includes India, the US, Japan and Australia, while Russia has never joined it.", {"malabar": "right"}),
    # "not-" and "no-" opening a compound deny nothing; an apposition describes the agent before it
    ("NPCI, a not-for-profit company promoted by the RBI and SEBI, runs UPI.", {"npci": "wrong"}),
    ("UPI is run by NPCI, a not-for-profit set up in 2008 by the RBI and the Indian Banks' Association.",
     {"npci": "right", "npci-year": "right"}),
    # a capitalised word inside a name is no verb that starts a clause ("Banks" in "Indian Banks' Association")
    ("Launched in 2016 by NPCI, a company promoted by SEBI and the Indian Banks' Association, UPI grew fast.",
     {"npci": "wrong", "upi-year": "right"}),
    ("UPI was set up in 2008 by NPCI.", {"upi-year": "wrong", "npci-year": "right"}),
    # a verdict written around its object, or as a judgment on legality
    ("The Court struck the NJAC down in 2015.", {"njac-verdict": "right", "njac-year": "right"}),
    ("The Constitution Bench held the NJAC unconstitutional.", {"njac-verdict": "right"}),
    ("The Constitution Bench held the NJAC valid.", {"njac-verdict": "wrong"}),
    ("The Court endorsed the NJAC as constitutional.", {"njac-verdict": "wrong"}),
    ("The Court held the NJAC not valid.", {}),
    # a value belongs to the subject before it; a note's label names the attribute for its line
    ("The Union holds two-thirds and all states together one-third of the votes.",
     {"union-weight": "wrong", "states-weight": "wrong"}),
    ("The Union holds one-third and all states together two-thirds of the votes.",
     {"union-weight": "right", "states-weight": "right"}),
    ("- Votes: the Union holds two-thirds.", {"union-weight": "wrong"}),
    ("Voting weight: the Union holds one-third.", {"union-weight": "right"}),
    ("- Quorum: the Union holds two-thirds.", {}),
    # a label and what it names, in brackets after the subject; "It" opening a sentence names the subject before
    ("GST (amendment: the 122nd) came in 2017.", {"gst-amendment": "wrong"}),
    ("GST (amendment: the 101st) came in 2017.", {"gst-amendment": "right"}),
    ("The NJAC replaced the collegium. It was upheld by a Constitution Bench.", {"njac-verdict": "wrong"}),
    ("The NJAC replaced the collegium. It was struck down in 2015.",
     {"njac-verdict": "right", "njac-year": "right"}),
    ("The NJAC replaced the collegium.\n\nIt was upheld by a Constitution Bench.", {}),
    # a bullet under a short heading that names one subject speaks of it, unless the bullet names its own
    # members named before their group: "X is a member of", "X and Y make up"; a denial or another group is no claim
    ("Russia is a member of Malabar alongside India.", {"malabar": "wrong"}),
    ("India, the US, Japan and Australia make up Malabar.", {"malabar": "right"}),
    ("Russia is not a member of Malabar.", {}),
    ("Russia and China form the core of a bloc that opposes Malabar.", {}),
    ("Malabar\n- Participants: India, the US, Japan and Russia.", {"malabar": "wrong"}),
    ("Chabahar\n- Members: India, the US and Russia.", {}),  # a label of members, for a fact that is not of members
    # a note's label gives a name fact's role ("Chair: the Law Minister" says "Law Minister as chair"); a heading
    # that names several facts' subjects by the same words speaks of them all; a label that denies ("Not:") says
    # what is not so
    ("NJAC\n- Chair: the Law Minister.", {"njac-chair": "wrong"}),
    ("NJAC\n- Chair: the CJI.\n- Members: the Law Minister and two eminent persons.", {"njac-chair": "right"}),
    ("NJAC\n- Members: the Law Minister and two judges.", {}),
    ("NJAC\n- Not: chaired by the Law Minister.\n- Struck down in 2015.",
     {"njac-verdict": "right", "njac-year": "right"}),
    ("The NJAC had the Law Minister as chair.", {"njac-chair": "wrong"}),
    # a wrong value in brackets that close before the subject is said of what the brackets follow (a right one is
    # still read: "In the Fourth Judges case (2015) the court struck down the NJAC"); a share of a value is
    # another value ("half a year" is not "a year")
    ("Resisted (from 1993 onwards) and then struck down, the NJAC is history.", {}),
    ("The NJAC (struck down in 2014) is history.", {"njac-verdict": "right", "njac-year": "wrong"}),
    ("After dissolution, polls are due within six months (half a year).", {"polls": "right"}),
    ("After dissolution, polls are due within half a year.", {}),
    ("After dissolution, polls are due within a year.", {"polls": "wrong"}),
    # "the" and the head of a subject's proper name, a few sentences on, names it; not across another name with that
    # head, nor as the start of a name
    ("Parliament set up the NJAC. It was soon challenged. In the end, the commission had the Law Minister as chair.",
     {"njac-chair": "wrong"}),
    ("Parliament set up the NJAC. Courts heard it. The Sarkaria Commission is older: the commission had the Law "
     "Minister as chair.", {}),
    ("The Green Hydrogen Mission was approved in 2023. The mission is run by the Ministry of Power.",
     {"nodal-ministry": "wrong"}),
    ("The Green Hydrogen Mission was approved in 2023. The Mission for Power is run by the Ministry of Power.", {}),
    # the head of a name with a small word in it comes before that word: "the Moon" is not "an Indian on the Moon"
    ("India aims to put an Indian on the Moon by 2040. The 2008 orbiter found water on the Moon.", {"moon": "right"}),
    ("India aims to put an Indian on the Moon by 2040. The Indian is to land by 2035.", {"moon": "wrong"}),
    ("The Green Hydrogen Mission was approved in 2023. One. Two. Three. Four. The mission is run by the Power "
     "Ministry.", {}),
    # a claim that ends in a colon is no label that denies
    ("DTTI was never revived: iCET gave it no momentum.", {"dtti-revived": "wrong"}),
    ("- Myth: DTTI was scrapped.", {}),
    # a participle after the subject's own verb describes a noun of that predicate, not the subject
    ("UPI works through bank rails set up in 2019.", {}),
    ("UPI grew fast and was launched in 2019.", {"upi-year": "wrong"}),
    ("UPI, launched in 2019, grew fast.", {"upi-year": "wrong"}),
    # a subject written as a label owns what follows its colon, not what the clause said before it
    ("Advised by the Union Finance Minister, the body (GST Council: chaired by the Prime Minister) met.",
     {"chair": "wrong"}),
    ("Advised by the Prime Minister, the body (GST Council: chaired by the Union Finance Minister) met.",
     {"chair": "right"}),
    # a clause opened by "while", "although" or "when" ends at its comma once it has its verb: the main clause after
    # it is asserted; the opened clause is not, and "if" keeps its consequence unasserted
    ("While reforms stalled, the NJAC was upheld.", {"njac-verdict": "wrong"}),
    ("Although the government objected, the NJAC was struck down.", {"njac-verdict": "right"}),
    ("While the NJAC was upheld in some accounts, the record says otherwise.", {}),
    ("If reforms had stalled, the NJAC would be upheld.", {}),
    # "The" and a later word of the subject's name, opening the next sentence, names it as "It" does
    ("The GST Council met twice. The Council is chaired by the Prime Minister.", {"chair": "wrong"}),
    ("The GST Council met twice. The Council is chaired by the Union Finance Minister.", {"chair": "right"}),
    ("The GST Council met twice. The Prime Minister chaired a cabinet meeting.", {}),
    # a subject nearer the value owns it only if its fact could say so here: as the clause's subject, or with one of
    # its cues in the clause, not as an object whose fact's cues are absent
    ("Decisions gave the states a two-thirds majority.", {"majority": "wrong"}),
    ("Decisions need a three-fourths majority, and the states hold two-thirds of the votes.",
     {"majority": "right", "states-weight": "right"}),
    # "also" inside a clause does not start another ("Moreover, ..." and "Furthermore, ..." do)
    ("The GST Council also is chaired by the Prime Minister.", {"chair": "wrong"}),
    ("The GST Council is not chaired by the Prime Minister, and it also meets often.", {}),
    # a subject named inside a longer one is not named: the heading, or the sentence before "It", names the longer
    ("GST Council\n- Chaired by the Prime Minister.", {"chair": "wrong"}),
    ("The GST Council meets often. It is chaired by the Prime Minister.", {"chair": "wrong"}),
    ("The GST Council meets often. It is chaired by the Union Finance Minister.", {"chair": "right"}),
    # a group's members said with a verb of membership, whatever cues its fact lists
    ("Ties deepen through Malabar, which brings together India, the US, Japan and Russia.", {"malabar": "wrong"}),
    ("Malabar unites India, the US, Japan and Australia.", {"malabar": "right"}),
    ("Chabahar brings together India, the US and Russia.", {}),  # not a fact of members
    ("**Malabar:**\n- Participants: India, the US, Japan and Australia.", {"malabar": "right"}),
    ("NJAC\n\n- Upheld by a Constitution Bench.\n- Meant to replace the collegium.", {"njac-verdict": "wrong"}),
    ("NJAC\n- Struck down in 2015 by a Constitution Bench.", {"njac-verdict": "right", "njac-year": "right"}),
    ("Malabar\n- Chabahar is run by India and Iran.", {"chabahar": "right"}),
    ("Malabar and Chabahar\n- Participants: India, the US, Japan and Russia.", {}),
    # the first paragraph under the heading speaks of it (its first clause), and ends the run: the bullets after it
    # are not the heading's
    ("Malabar\nThe exercise began as a bilateral drill with the US.\n- Participants: India, Japan and Russia.",
     {"malabar": "right"}),
    ("Malabar\nThe exercise began as a drill with Russia.", {"malabar": "wrong"}),
    ("Malabar\n\nBegun as a drill with Russia, it grew.", {"malabar": "wrong"}),
    ("Malabar\nChabahar is run by India and Iran.", {"chabahar": "right"}),
    ("Malabar\nThe exercise began with the US. Russia joined later.", {"malabar": "right"}),
    ("The NJAC was the body meant to replace the collegium.\n- Upheld by a Constitution Bench.", {}),
    ("The NJAC came with GST. It was upheld by a Constitution Bench.", {}),  # "it": the NJAC or GST?
    # advice before the value asserts nothing; a modal after it does not undo what was said
    ("The Union should hold two-thirds of the votes.", {}),
    ("In Mohit Minerals the court held the recommendations binding, which states may resent.", {"binding": "wrong"}),
    ("GST came with the 122nd Amendment, which states could not block.", {"gst-amendment": "wrong"}),
    ("GST came with the 122nd Amendment in May 2017.", {"gst-amendment": "wrong"}),  # the month, not a modal
    # a cue that is itself a denial, a denial of the object, a second predicate, a list after "namely"
    ("DTTI was not scrapped; it was revived.", {"dtti": "right"}),
    ("DTTI was not scrapped but revived.", {"dtti": "right", "dtti-revived": "right"}),
    ("DTTI was not revived but scrapped.", {"dtti": "wrong", "dtti-revived": "wrong"}),
    ("iCET replaced DTTI, which was abolished in 2016.", {"dtti": "wrong"}),
    ("The visit did not launch INDUS-X.", {"indus": "wrong"}),
    ("The GST Council was created under Article 279A and is chaired by the Prime Minister.", {"chair": "wrong"}),
    ("There are five permanent members, namely the US, the UK, France, Russia and Germany.", {"p5": "wrong"}),
    # a body: an acronym or its full name, a ministry by its subject words; another body alone, or one the fact
    # names as wrong, is wrong; the subject itself, a body the clause gives beside the right one, are not
    ("NPCI was promoted by the Reserve Bank of India and the Indian Banks' Association.", {"npci": "right"}),
    ("NPCI, set up by the RBI with the IBA, runs UPI under MeitY's rules.", {"npci": "right"}),
    ("The National Payments Corporation of India (NPCI) was set up by the RBI.", {"npci": "right"}),
    ("NPCI was promoted by SEBI and the Indian Banks' Association.", {"npci": "wrong"}),
    ("NPCI was set up by NITI Aayog.", {"npci": "wrong"}),
    ("The Green Hydrogen Mission is implemented by MNRE.", {"nodal-ministry": "right"}),
    ("The Green Hydrogen Mission is run by the Renewable Energy Ministry, with the Ministry of Power's help.",
     {"nodal-ministry": "right"}),
    ("The Green Hydrogen Mission is steered by the Ministry of Power.", {"nodal-ministry": "wrong"}),
    ("The Green Hydrogen Mission, under the Power Ministry, began in 2023.", {"nodal-ministry": "wrong"}),
    ("The Green Hydrogen Mission was approved by the Union Cabinet.", {}),
    # a subject that is the object of one predicate owns no value of the next ("..., and ... barred ...")
    ("The 91st Amendment capped ministries at 15% and, through Article 361B, barred defectors from paid posts.", {}),
    ("The 91st Amendment capped ministries under Article 361B.", {"ministries": "wrong"}),
    # a label's verbs are no predicate: the subject after it owns what its own verbs say
    ("Why it fell short: ministries grew and rest on Article 361B.", {"ministries": "wrong"}),
    ("Why it fell short: ministries grew and rest on Articles 75 and 164.", {"ministries": "right"}),
    ("Article 361B caps ministries.", {"ministries": "wrong"}),
    # a small number in a name either way; a rank before a superlative makes another value
    ("Under Paragraph Six the Election Commission decides disqualification petitions.", {"paragraph-6": "wrong"}),
    ("The Speaker decides under Paragraph 6.", {"paragraph-6": "right"}),
    ("India is the world's second-largest user of groundwater.", {"groundwater-rank": "wrong"}),
    ("India is the largest extractor of groundwater in the world.", {"groundwater-rank": "right"}),
    # regression: a name's capitalised words ("Boards", "Act") are no verbs, so "The River Boards Act, 1956" and what
    # follows the comma are one clause (the river wrong-facts answer's claim was read as saying nothing)
    ("The River Boards Act, 1956 has created boards for every river basin.", {"river-boards": "wrong"}),
    ("Not a single board has been created under the River Boards Act, 1956.", {"river-boards": "right"}),
    ("Create river basin organisations under the River Boards Act.", {}),  # advice, and not the cue's form
    # a value listed beside the subject is not said of it
    ("Naxalbari, Andhra Pradesh and Orissa lie in the red corridor.", {}),
    ("Revolts broke out in Naxalbari and Andhra Pradesh.", {}),
    ("Revolts broke out in Naxalbari, in Andhra Pradesh.", {"naxalbari": "wrong"}),
    ("Malabar includes India, the US, Japan and Russia.", {"malabar": "wrong"}),
    # a value before a comma and the next subject belongs to the one before; a relative clause before the subject
    # speaks of an earlier noun
    ("Balwant Rai Mehta recommended three tiers, Ashok Mehta two tiers.", {"balwant": "right", "ashok": "right"}),
    ("Balwant Rai Mehta recommended two tiers, Ashok Mehta three tiers.", {"balwant": "wrong", "ashok": "wrong"}),
    ("Unlike Chandrayaan-1, which was launched on the PSLV, Chandrayaan-3 used LVM3.", {"launcher": "right"}),
    ("Chandrayaan-3 was launched on the PSLV.", {"launcher": "wrong"}),
    # "rarely" and "seldom" deny like "hardly"
    ("In Mohit Minerals the court held the recommendations rarely binding.", {"binding": "right"}),
    ("Mohit Minerals held that the recommendations are seldom mandatory.", {"binding": "right"}),
    # a day of the month is no quantity
    ("Decisions taken on 4 January need a majority of the weighted votes.", {}),
    ("Since January 4, decisions need a three-fourths majority.", {"majority": "right"}),
    # a number in figures or words: any other number of its kind is wrong, unless an allowed one stands beside it;
    # "one" is not read (a pronoun as often) unless a scale follows it ("one million"), nor a word that opens an
    # ordinal, a fraction or a year in words
    ("Decisions need 9 votes, including those of the 5 permanent members.", {"council-votes": "right"}),
    ("Decisions need 10 votes.", {"council-votes": "wrong"}),
    ("Decisions need ten votes.", {"council-votes": "wrong"}),
    ("Decisions need nine votes, including those of the five permanent members.", {"council-votes": "right"}),
    ("Decisions need one vote more than half.", {}),
    ("Decisions need one million votes.", {"council-votes": "wrong"}),
    ("Decisions need one of the permanent members and nine votes.", {"council-votes": "right"}),
    ("Decisions need twenty-first century votes.", {}),
    ("Decisions taken in nineteen sixty-five need votes.", {}),
    ("Decisions need two-thirds of the votes.", {}),  # a share is not weighed against a count
    # a subject that lists the right expansion reads only the wrong ones; a subject phrase with a privative verb
    # ("banned as ...") is not a denied subject
    ("The DTTI (Defence Trade and Technology Initiative) began in 2012.", {"dtti-name": "wrong"}),
    ("The Defence Technology and Trade Initiative (DTTI) began in 2012.", {}),
    ("The CPI (Maoist) was banned as a terrorist organisation under POTA.", {"ban-act": "wrong"}),
    ("The CPI (Maoist) was banned as a terrorist organisation under the UAPA.", {"ban-act": "right"}),
    # what no fact covers, or what asserts nothing, is unverified: no verdict
    ("Petroleum should be brought under GST gradually.", {}),
    ("The Second Judges case reversed S.P. Gupta, which had held that consultation was not concurrence.", {}),
    ("The collegium lacks transparency.", {}),
    ("If the NJAC had been upheld, the executive would have had a say.", {}),
    # a body, country or state written as the subject's owner says whose it is, as a cue would; "those who say"
    # attributes what follows
    ("The Ministry of Power's Green Hydrogen Mission targets five million tonnes.", {"nodal-ministry": "wrong"}),
    ("MNRE's Green Hydrogen Mission targets five million tonnes.", {"nodal-ministry": "right"}),
    ("India's Green Hydrogen Mission targets five million tonnes.", {}),
    ("Bihar's Naxalbari saw the first revolt.", {"naxalbari": "wrong"}),
    ("West Bengal's Naxalbari saw the first revolt.", {"naxalbari": "right"}),
    ("The NJAC was struck down in 2015, and those who say it fell in 2014 are mistaken.",
     {"njac-verdict": "right", "njac-year": "right"}),
    # a "when" or "whereas" clause states what it says happened; "if", "unless", "whether" and "while" do not
    ("When the NJAC was struck down in 2017, the collegium returned.", {"njac-verdict": "right", "njac-year": "wrong"}),
    ("Whereas the NJAC was struck down in 2014, the collegium stayed.", {"njac-verdict": "right", "njac-year": "wrong"}),
    ("If the NJAC was struck down in 2017, the collegium would return.", {}),
    ("Unlike Malabar, the RIC grouping is with Russia.", {}),
    ("Was the NJAC upheld?", {}),
    ("Malabar was held in 2020 off Visakhapatnam.", {}),
    # "May" inside a sentence or next to a number is the month ("in May twenty fifteen"), a modal only otherwise; a
    # subject written as half of a hyphenated modifier ("India-US Malabar") leaves the heading to the name it
    # modifies; labelled lines without a bullet's mark are a heading's notes, and a label with nothing after it is
    # a heading of its own; a note's label gives its role only to the note's first sentence
    ("UPI was launched in May twenty fifteen.", {"upi-year": "wrong"}),
    ("UPI was launched in May, twenty sixteen.", {"upi-year": "right"}),
    ("May UPI be launched abroad in 2030?", {}),
    ("India-US Malabar exercise\n- Participants: India, the US, Japan and Russia.", {"malabar": "wrong"}),
    ("UPI\nScale: billions of payments a month.\nOrigin: launched in 2015.", {"upi-year": "wrong"}),
    ("UPI:\n- Launched in 2016.\nNPCI:\n- Set up in 2016.", {"upi-year": "right", "npci-year": "wrong"}),
    ("NJAC\n- Chair: the CJI. The Law Minister sat on the NJAC too.", {"njac-chair": "right"}),
    # each sentence of the first paragraph under a heading speaks of it, unless it opens on a subject of its own
    ("Malabar\nThe drill began in 1992. Its latest edition was joined by India, the US, Japan and Russia.",
     {"malabar": "wrong"}),
    ("Malabar\nThe drill began in 1992. Chabahar is run by India and Iran.", {"chabahar": "right"}),
    # a name right after its cue is what the cue says, whatever other names the clause adds
    ("The GST Council is chaired by the Prime Minister, with the Union Finance Minister as a member.",
     {"chair": "wrong"}),
    ("The GST Council is chaired by the Union Finance Minister, with the Prime Minister kept informed.",
     {"chair": "right"}),
    # an article listed beside a subject is another topic, not the subject's article
    ("Article 74 and the ministries\n- Size: capped at 15% of the House.", {}),
    ("The ministries rest on Article 74.", {"ministries": "wrong"}),
    # values paired with names by their order, or by a table's columns, are not read; a semicolon ends a verbless
    # item; a year before a noun is that noun's
    ("The Balwant Rai Mehta (1957) and Ashok Mehta (1977-78) committees proposed three tiers and two tiers "
     "respectively.", {}),
    ("Balwant Rai Mehta and Ashok Mehta: the first proposed two tiers; the second, three tiers.", {}),
    ("NPCI | set up | 2010\nUPI | launched | 2016", {}),
    ("Malabar exercise joined by Japan in 2015; Russia and China drill separately.", {"malabar": "right"}),
    ("The 2010 report set up the case for UPI.", {}),
    ("UPI was set up in 2010.", {"upi-year": "wrong"}),
    # a quotation is what someone says
    ('"UPI was launched in 2010," some write; the year was 2016.', {}),
    ("UPI was launched in 2010, some write.", {"upi-year": "wrong"}),
    # a share of what the subject itself holds is not its share
    ("All states together need three-eighths (37.5%) of their combined weight to block.", {}),
    ("All states together hold three-eighths of the weight.", {"states-weight": "wrong"}),
    # a law is named by its year, never by a day: a full date is the day of what was done to it
    ("The new codes replaced the IPC and the Indian Evidence Act on 1 July 2024.", {}),
    ("The Indian Evidence Act was repealed on July 1, 2024.", {}),
    ("The Indian Evidence Act, 1882 governed proof in courts.", {"evidence-act": "wrong"}),
    ("The Indian Evidence Act was enacted on 15 March 1882.", {"evidence-act": "wrong"}),
    # a body as the agent of a compound names who backs it; a cue in the past names its other past form
    ("The Atal Bhujal Yojana is an ADB-supported scheme.", {"atal-support": "wrong"}),
    ("The Atal Bhujal Yojana, a World Bank-backed scheme, trusts villagers.", {"atal-support": "right"}),
    ("The Atal Bhujal Yojana was begun in December 2021.", {"atal-year": "wrong"}),
    ("The Atal Bhujal Yojana, begun in 2019, begins with water budgets.", {"atal-year": "right"}),
    ("The Atal Bhujal Yojana begins its third phase in 2026.", {}),
    # a relative clause after a subject says what it is, whatever the main clause did to it
    ("iCET replaced the DTTI, which was scrapped.", {"dtti": "wrong"}),
    ("iCET replaced the DTTI, which was never scrapped.", {"dtti": "right"}),
    ("iCET did not replace the DTTI.", {}),
    # a phrase that opens a bullet is not the bullet's subject: the heading's subject still is
    ("The ministries\n- Under Article 74, they are capped at 15% of the House.", {"ministries": "wrong"}),
    ("The ministries\n- Under Articles 75 and 164, they are capped at 15% of the House.", {"ministries": "right"}),
    # a subject in brackets names the source of what the brackets follow, not of the rest of the clause
    ("Three tiers spread after a call for two tiers (Ashok Mehta).", {"ashok": "right"}),
    ("Three tiers spread, unlike the earlier plan (Ashok Mehta).", {}),
    ("Ashok Mehta urged three tiers.", {"ashok": "wrong"}),
    # the member a cue marks in brackets is the one it names
    ("A Selection Committee made up of the Prime Minister (chair), the Speaker and the CJI.",
     {"selection-chair": "right"}),
    ("A Selection Committee made up of the CJI (chair), the Speaker and the Prime Minister.",
     {"selection-chair": "wrong"}),
    # "cr" is crore; an ordinal in digits is the ordinal in words
    ("The Mission's outlay is ₹19,744 cr.", {"outlay": "right"}),
    ("The Mission's outlay is Rs 1,974 cr.", {"outlay": "wrong"}),
    ("India became the 4th nation to soft-land.", {"soft-land": "right"}),
    # values set beside names by a table's tabs or a timeline's arrows are not read
    ("NPCI\tset up\t2010\nUPI\tlaunched\t2010", {}),
    ("2010 -> UPI launched -> crash -> 2016", {}),
    ("UPI was launched in 2010.", {"upi-year": "wrong"}),
    # a reason after ", as" is a clause of its own; a possessive owns its own noun; a count counts its own noun
    ("Malabar includes India and Japan, as Russia and China hold drills of their own.", {"malabar": "right"}),
    ("India, the US and Japan joined Malabar against China's rise.", {"malabar": "right"}),
    ("Malabar now includes Russia's navy.", {"malabar": "wrong"}),
    ("Decisions need votes from three regional groups.", {}),
    ("Decisions need three votes.", {"council-votes": "wrong"}),
    # a year after "before" or "after" is a point of reference
    ("UPI was launched four years before 2020.", {}),
    ("UPI was launched in 2020, after demonetisation.", {"upi-year": "wrong"}),
    # a year in brackets after another name is that name's; a participle after another name and a comma describes it
    ("UPI was launched on the lines of the Watal Committee report (2010).", {}),
    ("UPI (2010) was launched to simplify payments.", {"upi-year": "wrong"}),
    ("UPI is distinct from the Aadhaar Payment Bridge, launched in 2010.", {}),
    # a share of what another holds; a law's year is not a month's
    ("The states need more than three-eighths of the states' weight to block a proposal.", {}),
    ("Since January 2020, the Indian Evidence Act has been read with new rules.", {}),
    # a subject that is part of a longer name, a label over a note that opens on a name of its own, and another's
    # target are not the subject's
    ("The UPI Roadmap for Digital Payments was set up in 2010.", {}),
    ("UPI as soft power: The Watal Committee Report was set up in 2010.", {}),
    ("The IMO's 2023 strategy targets net-zero shipping emissions by 2050.", {}),
    ("India's net-zero target is 2050.", {"net-zero": "wrong"}),
    # "since" a year, a count's date, one judge's opinion and a national figure are not the subject's
    ("UPI, the first such system since 2010, was launched to simplify payments.", {}),
    ("India adopted net zero, with 90 crore users by 2050, as a national aim.", {}),
    ("In the Fourth Judges case the dissent, Justice Chelameswar, upheld the NJAC.", {"njac-case": "right"}),
    ("The Supreme Court upheld the NJAC.", {"njac-verdict": "wrong"}),
    ("Decisions need votes of 60% nationally.", {}),
])
def test_a_claim_is_judged_only_against_a_declared_fact(sentence: str, expected: dict[str, str]) -> None:
    assert verdicts(sentence) == expected


RUBRIC = """
id: claims-spec
title: Claims specification
questions:
  - id: Q1
    text: Examine the working of the GST Council as a forum of cooperative federalism.
    directive: examine
    marks: 10
    word_limit: 150
    key_points:
      - id: union-veto
        title: The Union's veto
        point: The Union has one-third of the votes and decisions need a three-fourths majority, so it has a veto.
        keywords: [[one-third, one third], [three-fourths, 75%], [veto]]
        facts:
          - {subject: [Union, Centre], attribute: share of the votes, kind: number, values: [one-third],
             cues: [votes, vote, weight], source: the Union has one-third of the weighted votes}
      - id: mohit-minerals
        title: Mohit Minerals
        point: In Mohit Minerals the Supreme Court held that the Council's recommendations are not binding.
        keywords: [[Mohit Minerals], [not binding, persuasive]]
        facts:
          - {subject: [Mohit Minerals], attribute: binding on legislatures, kind: yes-no, values: ['no'],
             cues: [binding]}
"""


def test_a_wrong_claim_costs_its_point_and_its_feedback_quotes_the_student_and_the_source() -> None:
    question = parse_rubric(RUBRIC).question("Q1")
    result = evaluate("The GST Council is a forum of the Union and the states. The Union holds two-thirds of the "
                      "votes, and decisions need three-fourths, which gives it a veto.", question)
    point = next(p for p in result.points if p.id == "union-veto")
    assert point.status == "contradicted" and point.score == 0
    wrong = [c for c in result.claims if c.verdict == "wrong"]
    assert [(c.point_id, c.wrote) for c in wrong] == [("union-veto", "two-thirds")]
    line = next(f.message for f in result.feedback if f.kind == "contradicted")
    assert "you wrote two-thirds" in line and "the source gives one-third" in line
    assert "the Union has one-third of the weighted votes" in line


def test_a_correct_claim_is_verified_and_costs_nothing() -> None:
    question = parse_rubric(RUBRIC).question("Q1")
    result = evaluate("The GST Council is a forum of the Union and the states. The Union holds one-third of the "
                      "votes, and decisions need three-fourths, which gives it a veto. In Mohit Minerals the court "
                      "held its recommendations not binding.", question)
    assert {c.verdict for c in result.claims} == {"verified"}
    assert not [p for p in result.points if p.status == "contradicted"]
    assert not [f for f in result.feedback if f.kind == "contradicted"]


def test_a_letter_that_folds_to_ascii_is_read_not_a_crash() -> None:
    # "İ" lower-cases to two characters: the country lexicon is keyed by the folded name
    assert verdicts("Malabar now includes İndia and Japan.") == {"malabar": "right"}
    assert verdicts("Malabar now includes İran.") == {"malabar": "wrong"}
