"""Word lists the claim checks use: negation, privative verbs, opposites, places, titles, organisations.

Plain data, all lowercase lemmas as :func:`evaluator.core.text.lemma` gives them. A list is written
for the register of UPSC answers and current-affairs articles; each entry is a word a student uses
to deny, reverse or attribute a claim.
"""

from __future__ import annotations

import re

# Month names and their short forms, as a date writes them ("since May 2019", "4 January 2023", "Sept 12").
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec"})
# Words that deny what follows them in their clause ("not by the PMO", "no roadmap", "never revived").
NEGATORS = frozenset({
    "not", "n't", "no", "never", "neither", "nor", "none", "nothing", "nobody", "nowhere", "without", "lack",
    "hardly", "barely", "scarcely", "rarely", "seldom", "absence", "cannot", "bina", "nahi", "nahin", "mat",
})
# Hindi typed in Latin letters puts the verb, and its "nahi", last: the denial reaches back ("ally nahi hai")
DENY_BACKWARD = frozenset({"nahi", "nahin", "mat"})
HINDI_BREAKS = frozenset({"aur", "lekin", "magar", "par", "kyunki", "kyonki", "jo", "ki", "balki", "jabki"})
# Two-word denials: "away from China", "instead of buying", "rather than imports"
NEGATOR_PAIRS = frozenset({("away", "from"), ("instead", "of"), ("rather", "than"), ("free", "from"), ("free", "of")})
# where the denial of a two-word denial ends: "away from China towards trusted partners"
PAIR_SCOPE_ENDS = frozenset({"towards", "toward", "to", "into", "and", "or", "for", "in", "by", "with"})

# Verbs that deny their object ("refused to co-produce", "avoids an alliance") or, in the passive, their
# subject ("DTTI was scrapped").
PRIVATIVES = frozenset({
    "fail", "refuse", "decline", "deny", "reject", "avoid", "abandon", "scrap", "cancel", "halt", "suspend",
    "terminate", "shelve", "withdraw", "exclude", "oppose", "block", "prevent", "abolish", "forgo", "shun",
    "resist", "veto", "ban", "bar", "discontinue", "dismantle", "stall", "freeze", "collapse", "lapse", "exempt",
    "replace", "drop", "eliminate", "remove", "skip", "omit", "bypass", "spare",
})
# Clauses that do not claim what they deny: a condition ("if it is not initialised") or a contrast with
# something else ("whereas a while loop may not execute").
UNASSERTED_CLAUSES = frozenset({"if", "unless", "whether", "whereas", "unlike", "while", "when", "otherwise"})
# "give up", "pull out of", "rule out", "walk away from", "do away with": privative only with their particle
PHRASAL_PRIVATIVES = {"give": "up", "pull": "out", "rule": "out", "walk": "away", "call": "off"}

# Word pairs that only look like negation ("not only ... but also", "no doubt", "never before").
NOT_NEGATING = frozenset({
    ("not", "only"), ("not", "just"), ("not", "merely"), ("not", "least"), ("no", "doubt"), ("no", "less"),
    ("no", "wonder"), ("no", "matter"), ("never", "before"), ("not", "to"), ("without", "doubt"), ("none", "other"),
    ("no", "sooner"), ("nothing", "less"),
    # limits, not denials: "must not exceed 2 kg", "no more than a third", "not less than 20%"
    ("not", "exceed"), ("not", "more"), ("no", "more"), ("not", "less"), ("not", "beyond"), ("not", "above"),
    ("not", "below"), ("no", "fewer"), ("not", "fewer"), ("not", "over"), ("not", "under"),
})
# A denial right before these says "less", not "none": "not all 29 subjects", "do not collect enough taxes"
PARTIAL_QUANTIFIERS = frozenset({
    "all", "every", "fully", "enough", "always", "entirely", "completely", "sufficiently", "adequately", "wholly",
})
# Prepositions after which a privative verb's object has ended ("replace coking coal | for reducing iron ore");
# "of" continues it ("scrapped the import of arms").
OBJECT_ENDS = frozenset({
    "for", "with", "by", "in", "on", "at", "from", "to", "as", "through", "into", "under", "via", "towards",
    "toward", "because", "since", "after", "before", "during", "despite", "amid", "across", "against",
})

# Words that end a negation's scope: a new clause starts ("not by the PMO but by the defence ministries").
CLAUSE_STARTERS = frozenset({
    "but", "however", "whereas", "while", "although", "though", "yet", "instead", "rather", "unlike", "except",
    "which", "who", "whom", "whose", "because", "since", "so", "thus", "hence", "therefore", "when", "where",
    "after", "before", "until", "unless", "if", "despite", "moreover", "furthermore",
})
CLAUSE_PUNCTUATION = frozenset({";", ":", "—", "–", "--", ".", "!", "?"})  # brackets are asides inside a clause
AUXILIARIES = frozenset({
    "be", "is", "are", "was", "were", "been", "being", "have", "has", "had", "do", "does", "did", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must",
})

# Opposite directions of change or evaluation, each pair both ways after loading (lemmas).
_OPPOSITE_PAIRS = (
    ("increase", "decrease"), ("increase", "reduce"), ("increase", "cut"), ("increase", "lower"), ("raise", "lower"),
    ("raise", "reduce"), ("rise", "fall"), ("rise", "decline"), ("grow", "shrink"), ("grow", "decline"),
    ("expand", "shrink"), ("expand", "contract"), ("expand", "curtail"), ("boost", "hurt"), ("boost", "hamper"),
    ("boost", "weaken"), ("strengthen", "weaken"), ("strengthen", "undermine"), ("deepen", "weaken"),
    ("deepen", "undermine"), ("deepen", "dilute"), ("consolidate", "weaken"), ("bolster", "weaken"),
    ("enhance", "reduce"), ("enhance", "diminish"), ("accelerate", "slow"), ("accelerate", "delay"),
    ("accelerate", "stall"), ("speed", "slow"), ("speed", "delay"), ("expedite", "delay"), ("expedite", "slow"),
    ("fast", "slow"), ("faster", "slower"), ("quick", "slow"), ("revive", "stall"), ("revive", "kill"),
    ("revitalise", "stall"), ("revitalize", "stall"), ("support", "oppose"), ("support", "undermine"),
    ("favour", "oppose"), ("favor", "oppose"), ("enable", "prevent"), ("enable", "hinder"), ("allow", "forbid"),
    ("allow", "prohibit"), ("allow", "restrict"), ("permit", "prohibit"), ("ease", "tighten"), ("relax", "tighten"),
    ("loosen", "tighten"), ("open", "closed"), ("open", "close"), ("free", "restricted"), ("include", "exclude"),
    ("inclusive", "exclusive"), ("more", "less"), ("more", "fewer"), ("higher", "lower"), ("high", "low"),
    ("greater", "smaller"), ("greater", "lesser"), ("improve", "worsen"), ("improve", "deteriorate"),
    ("gain", "lose"), ("success", "failure"), ("succeed", "fail"), ("benefit", "harm"), ("strong", "weak"),
    ("stronger", "weaker"), ("robust", "weak"), ("positive", "negative"), ("cooperation", "rivalry"),
    ("cooperate", "compete"), ("ally", "rival"), ("trust", "distrust"), ("trust", "mistrust"),
    ("connected", "disconnected"), ("connect", "disconnect"), ("complete", "incomplete"), ("closed", "opened"),
    ("same", "different"), ("attract", "repel"), ("conductor", "insulator"), ("series", "parallel"),
    ("direct", "indirect"), ("top", "bottom"), ("before", "after"), ("first", "last"), ("early", "late"),
    ("maximum", "minimum"), ("increasing", "decreasing"), ("add", "remove"), ("gain", "loss"),
    ("export", "import"), ("buyer", "seller"), ("inside", "outside"), ("on", "off"), ("heat", "cool"),
    ("hot", "cold"), ("warm", "cool"), ("light", "dark"), ("absorb", "reflect"), ("push", "pull"),
    ("upward", "downward"), ("up", "down"),
)
OPPOSITES: dict[str, frozenset[str]] = {}
for _a, _b in _OPPOSITE_PAIRS:
    OPPOSITES[_a] = OPPOSITES.get(_a, frozenset()) | {_b}
    OPPOSITES[_b] = OPPOSITES.get(_b, frozenset()) | {_a}
# opposites too common to mean a reversal on their own: only counted next to the same object word
WEAK_OPPOSITES = frozenset({"on", "off", "up", "down", "before", "after", "first", "last", "more", "less", "top",
                            "bottom", "high", "low", "early", "late", "same", "different", "direct", "indirect"})

# Countries and their adjectives, to one name each (lowercase word or word run as it appears in text).
COUNTRIES: dict[str, str] = {
    "india": "india", "indian": "india", "bharat": "india",
    "us": "us", "usa": "us", "u.s": "us", "america": "us", "american": "us", "united states": "us",
    "washington": "us",
    "china": "china", "chinese": "china", "beijing": "china", "prc": "china",
    "russia": "russia", "russian": "russia", "moscow": "russia",
    "ussr": "ussr", "soviet union": "ussr", "soviet": "ussr",
    "japan": "japan", "japanese": "japan", "tokyo": "japan",
    "australia": "australia", "australian": "australia",
    "pakistan": "pakistan", "pakistani": "pakistan",
    "france": "france", "french": "france",
    "uk": "uk", "britain": "uk", "british": "uk", "united kingdom": "uk", "england": "uk",
    "germany": "germany", "german": "germany",
    "israel": "israel", "israeli": "israel",
    "iran": "iran", "iranian": "iran",
    "sri lanka": "sri lanka", "sri lankan": "sri lanka",
    "maldives": "maldives", "bangladesh": "bangladesh", "nepal": "nepal", "bhutan": "bhutan",
    "myanmar": "myanmar", "afghanistan": "afghanistan", "afghan": "afghanistan",
    "saudi arabia": "saudi arabia", "saudi": "saudi arabia", "uae": "uae", "emirates": "uae",
    "brazil": "brazil", "brazilian": "brazil", "south africa": "south africa", "canada": "canada",
    "canadian": "canada", "korea": "korea", "korean": "korea", "taiwan": "taiwan", "taiwanese": "taiwan",
    "vietnam": "vietnam", "indonesia": "indonesia", "singapore": "singapore", "philippines": "philippines",
    "ukraine": "ukraine", "ukrainian": "ukraine", "italy": "italy", "italian": "italy", "spain": "spain",
    "egypt": "egypt", "nigeria": "nigeria", "kenya": "kenya", "mexico": "mexico", "argentina": "argentina",
    "turkey": "turkey", "turkish": "turkey", "qatar": "qatar", "oman": "oman", "mauritius": "mauritius",
    "seychelles": "seychelles", "european union": "eu", "eu": "eu", "europe": "eu", "european": "eu",
}
# India's states and union territories, to one name each (lowercase word run as it appears in text); only names
# that cannot be read as anything else ("UP", "MP" and "Bengal" alone are left out).
INDIAN_STATES: dict[str, str] = {
    "andhra pradesh": "andhra pradesh", "arunachal pradesh": "arunachal pradesh", "assam": "assam", "bihar": "bihar",
    "chhattisgarh": "chhattisgarh", "goa": "goa", "gujarat": "gujarat", "haryana": "haryana",
    "himachal pradesh": "himachal pradesh", "jharkhand": "jharkhand", "karnataka": "karnataka", "kerala": "kerala",
    "madhya pradesh": "madhya pradesh", "maharashtra": "maharashtra", "manipur": "manipur", "meghalaya": "meghalaya",
    "mizoram": "mizoram", "nagaland": "nagaland", "odisha": "odisha", "orissa": "odisha", "punjab": "punjab",
    "rajasthan": "rajasthan", "sikkim": "sikkim", "tamil nadu": "tamil nadu", "telangana": "telangana",
    "tripura": "tripura", "uttar pradesh": "uttar pradesh", "uttarakhand": "uttarakhand",
    "uttaranchal": "uttarakhand", "west bengal": "west bengal", "andaman and nicobar islands": "andaman and nicobar",
    "andaman and nicobar": "andaman and nicobar", "chandigarh": "chandigarh",
    "dadra and nagar haveli and daman and diu": "dadra and nagar haveli and daman and diu", "delhi": "delhi",
    "jammu and kashmir": "jammu and kashmir", "j&k": "jammu and kashmir", "ladakh": "ladakh",
    "lakshadweep": "lakshadweep", "puducherry": "puducherry", "pondicherry": "puducherry",
}
# Public bodies, regulators, agencies and groupings, to one name each: written as each alias appears in text; an
# alias in capitals (an acronym) is read only in capitals ("ECI", not "eci"). A ministry or department named in
# full ("Ministry of New and Renewable Energy", "the Power Ministry") is read by its own pattern
# (:mod:`evaluator.core.values`); the acronyms of ministries are here. Names that are also common words or that name
# two bodies ("ED" alone, "UPSC" the exam) are left out.
BODIES: dict[str, tuple[str, ...]] = {
    # India: regulators, financial and payment bodies
    "rbi": ("RBI", "Reserve Bank of India", "Reserve Bank"),
    "sebi": ("SEBI", "Securities and Exchange Board of India"),
    "irdai": ("IRDAI", "IRDA", "Insurance Regulatory and Development Authority"),
    "pfrda": ("PFRDA", "Pension Fund Regulatory and Development Authority"),
    "trai": ("TRAI", "Telecom Regulatory Authority of India"),
    "cci": ("CCI", "Competition Commission of India", "Competition Commission"),
    "npci": ("NPCI", "National Payments Corporation of India", "National Payments Corporation"),
    "iba": ("IBA", "Indian Banks' Association", "Indian Banks Association", "Indian Bankers Association"),
    "nabard": ("NABARD", "National Bank for Agriculture and Rural Development"),
    "sidbi": ("SIDBI", "Small Industries Development Bank of India"),
    "cerc": ("CERC", "Central Electricity Regulatory Commission"),
    "cea": ("CEA", "Central Electricity Authority"),
    "seci": ("SECI", "Solar Energy Corporation of India", "Solar Energy Corporation"),
    "bis": ("BIS", "Bureau of Indian Standards"),
    "ireda": ("IREDA", "Indian Renewable Energy Development Agency"),
    "bee": ("BEE", "Bureau of Energy Efficiency"),
    "ntpc": ("NTPC", "National Thermal Power Corporation"),
    "sbi": ("SBI", "State Bank of India", "State Bank"),
    # India: constitutional and statutory bodies, investigators, tribunals
    "election commission": ("ECI", "Election Commission of India", "Election Commission"),
    "state election commission": ("State Election Commission", "State Election Commissions"),
    "cag": ("CAG", "Comptroller and Auditor General", "Comptroller and Auditor-General"),
    "finance commission": ("Finance Commission", "Union Finance Commission", "Central Finance Commission",
                           "Finance Commission of India"),
    "state finance commission": ("State Finance Commission", "State Finance Commissions", "SFC", "SFCs"),
    "gst council": ("GST Council", "Goods and Services Tax Council"),
    "niti aayog": ("NITI Aayog", "NITI"),
    "planning commission": ("Planning Commission",),
    "nhrc": ("NHRC", "National Human Rights Commission"),
    "ngt": ("NGT", "National Green Tribunal"),
    "cpcb": ("CPCB", "Central Pollution Control Board"),
    "caqm": ("CAQM", "Commission for Air Quality Management"),
    "cgwa": ("CGWA", "Central Ground Water Authority", "Central Groundwater Authority"),
    "cgwb": ("CGWB", "Central Ground Water Board", "Central Groundwater Board"),
    "cwc": ("CWC", "Central Water Commission"),
    "law commission": ("Law Commission", "Law Commission of India"),
    "inter-state council": ("Inter-State Council", "Inter State Council", "Interstate Council"),
    "lokpal": ("Lokpal",),
    "cvc": ("CVC", "Central Vigilance Commission"),
    "cbi": ("CBI", "Central Bureau of Investigation"),
    "nia": ("NIA", "National Investigation Agency"),
    # central armed police forces and the Army ("NSG" left out: the Nuclear Suppliers Group too; "Army" alone a
    # common word)
    "crpf": ("CRPF", "Central Reserve Police Force"),
    "bsf": ("BSF", "Border Security Force"),
    "itbp": ("ITBP", "Indo-Tibetan Border Police", "Indo Tibetan Border Police"),
    "cisf": ("CISF", "Central Industrial Security Force"),
    "ssb": ("SSB", "Sashastra Seema Bal"),
    "assam rifles": ("Assam Rifles",),
    "indian army": ("Indian Army",),
    "enforcement directorate": ("Enforcement Directorate",),
    "data protection board": ("Data Protection Board", "Data Protection Board of India"),
    "supreme court": ("Supreme Court", "Apex Court"),
    "high court": ("High Court", "High Courts"),
    "parliament": ("Parliament",),
    "lok sabha": ("Lok Sabha",),
    "rajya sabha": ("Rajya Sabha",),
    "union cabinet": ("Union Cabinet", "Cabinet Committee on Security", "CCS"),
    "pmo": ("PMO", "Prime Minister's Office"),
    "nsa": ("National Security Adviser", "National Security Advisor"),
    # India: defence, space, science and security agencies and firms
    "isro": ("ISRO", "Indian Space Research Organisation", "Indian Space Research Organization"),
    "drdo": ("DRDO", "Defence Research and Development Organisation", "Defence Research and Development Organization"),
    "hal": ("HAL", "Hindustan Aeronautics", "Hindustan Aeronautics Limited"),
    "bel": ("BEL", "Bharat Electronics", "Bharat Electronics Limited"),
    "bdl": ("BDL", "Bharat Dynamics", "Bharat Dynamics Limited"),
    "idex": ("iDEX", "IDEX", "Innovations for Defence Excellence"),
    "in-space": ("IN-SPACe", "IN-SPACE", "Indian National Space Promotion and Authorization Centre"),
    "nsil": ("NSIL", "NewSpace India Limited"),
    "cert-in": ("CERT-In", "CERT-IN", "Indian Computer Emergency Response Team"),
    "ncsc": ("National Cyber Security Coordinator",),
    "nciipc": ("NCIIPC", "National Critical Information Infrastructure Protection Centre"),
    "ntro": ("NTRO", "National Technical Research Organisation"),
    "nscs": ("NSCS", "National Security Council Secretariat"),
    "nsc": ("National Security Council",),
    "defence cyber agency": ("Defence Cyber Agency", "Defense Cyber Agency"),
    "nasscom": ("NASSCOM", "Nasscom"),
    # ministries by their acronyms (the full names are read by pattern)
    "ministry:new renewable energy": ("MNRE",),
    "ministry:electronics information technology": ("MeitY", "MEITY"),
    "ministry:home": ("MHA",),
    "ministry:external": ("MEA",),
    "ministry:defence": ("MoD",),
    "ministry:finance": ("MoF",),
    "ministry:environment forest climate change": ("MoEFCC", "MoEF"),
    "ministry:jal shakti": ("MoJS",),
    "ministry:health family welfare": ("MoHFW",),
    "ministry:petroleum natural gas": ("MoPNG",),
    "ministry:tribal": ("MoTA",),
    "ministry:panchayati raj": ("MoPR",),
    # other countries' agencies
    "diu": ("DIU", "Defense Innovation Unit", "Defence Innovation Unit"),
    "pentagon": ("Pentagon",),
    "nasa": ("NASA",),
    "jaxa": ("JAXA",),
    "roscosmos": ("Roscosmos",),
    "cnsa": ("CNSA", "China National Space Administration"),
    "esa": ("ESA", "European Space Agency"),
    # international organisations and groupings
    "un": ("UN", "United Nations", "UNO"),
    "unsc": ("UNSC", "UN Security Council", "United Nations Security Council", "Security Council"),
    "unga": ("UNGA", "UN General Assembly", "United Nations General Assembly", "General Assembly"),
    "wto": ("WTO", "World Trade Organization", "World Trade Organisation"),
    "imf": ("IMF", "International Monetary Fund"),
    "world bank": ("World Bank",),
    "adb": ("ADB", "Asian Development Bank"),
    "aiib": ("AIIB", "Asian Infrastructure Investment Bank"),
    "ndb": ("New Development Bank", "BRICS Bank"),
    "jica": ("JICA", "Japan International Cooperation Agency"),
    "nato": ("NATO",),
    "g20": ("G20", "G-20", "Group of Twenty"),
    "g7": ("G7", "G-7"),
    "g4": ("G4", "G-4"),
    "brics": ("BRICS",),
    "sco": ("SCO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization"),
    "quad": ("Quad", "Quadrilateral Security Dialogue", "QUAD"),
    "asean": ("ASEAN",),
    "saarc": ("SAARC",),
    "bimstec": ("BIMSTEC",),
    "african union": ("African Union",),
    "arab league": ("Arab League", "League of Arab States"),
    "european union": ("European Union",),
    "oic": ("OIC", "Organisation of Islamic Cooperation", "Organization of Islamic Cooperation"),
    "g77": ("G77", "G-77", "Group of 77"),
    "nam": ("Non-Aligned Movement", "Non Aligned Movement"),
    "opec": ("OPEC",),
    "oecd": ("OECD",),
    "icj": ("ICJ", "International Court of Justice"),
    "unhrc": ("UNHRC", "UN Human Rights Council", "Human Rights Council"),
    "unesco": ("UNESCO",),
    "unicef": ("UNICEF",),
    "undp": ("UNDP",),
    "unep": ("UNEP",),
    "ilo": ("ILO", "International Labour Organization", "International Labour Organisation"),
    "fao": ("FAO", "Food and Agriculture Organization", "Food and Agriculture Organisation"),
    "iaea": ("IAEA", "International Atomic Energy Agency"),
    "iea": ("IEA", "International Energy Agency"),
    "isa": ("International Solar Alliance",),
    "unfccc": ("UNFCCC",),
    "ipcc": ("IPCC",),
    "fatf": ("FATF", "Financial Action Task Force"),
    "who": ("WHO", "World Health Organization", "World Health Organisation"),
    "uniting for consensus": ("Uniting for Consensus", "UfC", "Coffee Club"),
    "l.69": ("L.69", "L69"),
}
DEMONYMS = frozenset({
    "indian", "american", "chinese", "russian", "soviet", "japanese", "australian", "pakistani", "french", "british",
    "german", "israeli", "iranian", "sri lankan", "afghan", "saudi", "brazilian", "canadian", "korean", "taiwanese",
    "ukrainian", "italian", "turkish", "european",
})
# Words that make a country a party to a term: "China into the Quad", "a member of", "including Russia".
MEMBERSHIP = frozenset({"into", "member", "join", "joined", "include", "including", "with", "of", "between", "among",
                        "partner", "party", "participant", "bilateral", "trilateral", "joint", "jointly"})
# Titles that name the person after them ("President Biden", "PM Modi", "Secretary Austin").
TITLES = frozenset({
    "president", "pm", "prime", "minister", "secretary", "chancellor", "premier", "senator", "governor",
    "general", "admiral", "chief", "nsa", "ambassador", "mr", "mrs", "ms", "dr", "justice", "judge", "king", "queen",
})
# Words that may stand between a title and the name ("Secretary of Defence Mark Esper", "Minister of State X").
TITLE_MODIFIERS = frozenset({"of", "defence", "defense", "state", "foreign", "home", "external", "affairs", "vice",
                             "the", "us", "u.s", "indian", "american", "deputy", "general", "national", "security"})
# Head nouns of organisations ("the defence ministries", "Prime Minister's Office", "the Pentagon").
ORGANISATION_HEADS = frozenset({
    "ministry", "office", "department", "council", "commission", "agency", "army", "navy", "parliament",
    "court", "committee", "board", "authority", "bureau", "corporation", "organisation", "organization",
    "institute", "pentagon", "cabinet", "secretariat", "congress", "senate", "directorate", "command", "house",
    "unit", "force", "forces",
})
# Words before a country that make it the one opposed, not a party ("to counter China", "concern over China").
OPPOSITION = frozenset({
    "counter", "against", "contain", "containment", "balance", "counterbalance", "check", "deter", "curb", "confront",
    "rival", "threat", "worry", "worried", "concern", "concerned", "over", "assertive", "aggression", "from",
    "away", "dependence", "beyond", "versus", "vs", "challenge", "pressure", "coercion",
})
# Verbs of a beginning: a year binds to a term only through one ("launched in 2015", "started by X in 2019").
CREATION_VERBS = frozenset({
    "launch", "start", "establish", "set", "found", "create", "announce", "begin", "introduce", "adopt", "sign",
    "form", "conclude", "inaugurate", "unveil", "initiate", "institute", "since", "operationalise", "operationalize",
    "birth", "inception", "incept", "ink", "enact", "pass", "approve", "constitute", "give", "grant", "confer",
    "accord", "designate", "recognise", "recognize", "declare", "name", "elevate",
})
# Verbs that bind an agent to what it does ("run by", "launched by", "led by").
AGENT_VERBS = frozenset({
    "run", "steer", "oversee", "overseen", "lead", "led", "manage", "monitor", "direct", "head", "launch", "start",
    "establish", "create", "found", "set", "sign", "chair", "coordinate", "control", "govern", "administer",
    "fund", "finance", "host", "organise", "organize", "initiate", "propose", "announce", "unveil",
})

# Common Hindi function words as typed in Latin letters: enough of them mark an answer as Hinglish.
HINGLISH_WORDS = frozenset({
    "hai", "hain", "tha", "thi", "the", "ka", "ki", "ke", "ko", "se", "mein", "me", "par", "aur", "ya", "bhi", "nahi",
    "nahin", "yeh", "ye", "woh", "wo", "ek", "kya", "kyunki", "kyonki", "lekin", "magar", "jo", "jab", "tab", "toh",
    "to", "karna", "karne", "karta", "karti", "karte", "kiya", "kiye", "gaya", "gayi", "gaye", "raha", "rahi", "rahe",
    "hota", "hoti", "hote", "hoga", "hogi", "wala", "wali", "wale", "liye", "sath", "saath", "dono", "desh", "bahut",
    "apne", "apni", "unke", "unki", "iske", "iski", "uske", "uski", "isse", "usse", "kaafi", "zyada", "kam", "abhi",
    "sirf", "tak", "dwara", "taaki", "agar", "jaise", "iska", "uska", "hua", "hui", "hue",
})

DEVANAGARI = re.compile("[\u0900-\u097f]")  # the script Hindi is written in

# Hindi (Devanagari) function words: a Hindi answer's prose is told from a list of terms by them, as an
# English one's by English stop words, and they carry no point's content
HINDI_STOP_WORDS = frozenset({
    "और", "के", "की", "का", "में", "है", "हैं", "से", "को", "पर", "ने", "यह", "वह", "एक", "भी", "तथा", "या", "कि",
    "जो", "इस", "उस", "ये", "वे", "था", "थी", "थे", "हो", "होता", "होती", "होते", "होगा", "होगी", "गया", "गई", "गए",
    "किया", "किए", "करने", "करता", "करती", "करते", "कर", "करना", "लिए", "साथ", "बीच", "द्वारा", "तक", "अपने", "अपनी",
    "अपना", "इसे", "उसे", "इन", "उन", "जिस", "जिन", "जिसमें", "जिससे", "रहा", "रही", "रहे", "सकता", "सकती", "सकते",
    "नहीं", "ही", "तो", "अब", "जब", "तब", "यदि", "बहुत", "कुछ", "सभी", "कई", "ओर", "वाले", "वाली", "वाला", "जैसे",
    "प्रति", "हुई", "हुआ", "हुए", "इसके", "उसके", "इसकी", "उसकी", "इसका", "उसका", "इससे", "उससे", "एवं", "व", "हेतु",
    "रूप", "बने", "बना", "बनी", "दिया", "दी", "दिए", "गयी", "अर्थात", "यानी", "आदि", "कोई", "किसी", "सबसे", "अधिक",
})
# structure markers in Hindi (the English ones are in evaluator/core/structure.py)
HINDI_CONCLUSION_MARKERS = ("निष्कर्ष", "आगे की राह", "आगे का रास्ता", "अतः", "अंततः", "इस प्रकार", "समग्र रूप से",
                            "कुल मिलाकर", "आवश्यकता है", "चाहिए")
HINDI_COUNTER_MARKERS = ("लेकिन", "परंतु", "परन्तु", "किंतु", "किन्तु", "हालांकि", "हालाँकि", "चुनौती", "चुनौतियां",
                         "चुनौतियाँ", "चिंता", "सीमा", "आलोचना", "बाधा", "जोखिम", "फिर भी", "बावजूद", "दूसरी ओर",
                         "तनाव", "मतभेद")
HINDI_EXPLANATION_MARKERS = ("क्योंकि", "जिससे", "द्वारा", "माध्यम से", "इसलिए", "ताकि", "के कारण", "अर्थात",
                             "यानी", "सहायक", "मदद", "फलस्वरूप", "परिणामस्वरूप")
