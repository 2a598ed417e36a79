"""Words a drafted keyword must not consist of: places, months, currencies and units.

A student shows a point by naming its idea ("export controls", "capital intensity"), not by naming
where or when it happened ("Gujarat", "December") or how much it cost ("crore", "USD"). These lists
are what the drafter checks a candidate keyword against. They are deliberately plain lists of
lowercase words and names, easy to extend.
"""

from __future__ import annotations

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})

# money, quantities and units of measure; and words that only count ("lakh farmers", "crore rupees")
QUANTITIES = frozenset({
    "rs", "inr", "usd", "eur", "gbp", "rupee", "rupees", "dollar", "dollars", "euro", "euros", "yen", "yuan",
    "crore", "crores", "lakh", "lakhs", "million", "millions", "billion", "billions", "trillion", "trillions",
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "per", "cent", "percent", "percentage",
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "metre", "metres", "meter", "meters", "cm", "mm",
    "kg", "kgs", "kilogram", "kilograms", "tonne", "tonnes", "ton", "tons", "mt", "mmt", "mtpa", "gram", "grams",
    "hectare", "hectares", "acre", "acres", "sq", "litre", "litres", "liter", "liters", "bcm",
    "mw", "gw", "kw", "kwh", "mwh", "gwh", "twh", "watt", "watts", "megawatt", "megawatts", "gigawatt", "gigawatts",
    "nm", "ghz", "mhz", "gb", "tb", "mbps", "gbps",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
    "decade", "decades", "century", "centuries", "fy", "yoy",
})

_COUNTRIES = """
afghanistan albania algeria andorra angola antigua argentina armenia australia austria azerbaijan bahamas bahrain
bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burkina burundi
cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia czech denmark djibouti
dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece
grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica
japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands holland
nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar
romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tobago tunisia turkey turkiye turkmenistan
tuvalu uganda ukraine uae emirates uk britain england scotland wales usa us america uruguay uzbekistan vanuatu vatican
venezuela vietnam yemen zambia zimbabwe
"""
_INDIA = """
andhra arunachal assam bihar chhattisgarh goa gujarat haryana himachal jharkhand karnataka kerala madhya maharashtra
manipur meghalaya mizoram nagaland odisha orissa punjab rajasthan sikkim tamil nadu telangana tripura uttar pradesh
uttarakhand bengal jammu kashmir ladakh lakshadweep puducherry pondicherry chandigarh andaman nicobar dadra nagar haveli
daman diu delhi ncr
"""
_CITIES = """
mumbai bombay kolkata calcutta chennai madras bengaluru bangalore hyderabad ahmedabad pune surat jaipur lucknow kanpur
nagpur indore bhopal patna ranchi raipur bhubaneswar guwahati shillong imphal aizawl kohima agartala gangtok itanagar
dispur thiruvananthapuram trivandrum kochi cochin coimbatore madurai visakhapatnam vizag vijayawada amaravati mysuru
mysore mangaluru panaji dehradun shimla srinagar leh jammu amritsar ludhiana panipat gurugram gurgaon noida faridabad
ghaziabad varanasi prayagraj allahabad agra kota jodhpur udaipur gandhinagar vadodara rajkot sanand dholera mohali
sriharikota thumba kudankulam tarapur kalpakkam jaitapur bastar dantewada sukma naxalbari
washington beijing shanghai tokyo moscow london paris berlin brussels geneva vienna rome madrid lisbon dubai riyadh
tehran kabul islamabad karachi lahore dhaka kathmandu colombo male thimphu yangon bangkok hanoi jakarta manila
canberra sydney ottawa toronto ankara cairo nairobi johannesburg pretoria brasilia budapest kyiv kiev hague
"""
_CONTINENTS = """
asia asian europe european africa african oceania antarctica arctic americas eurasia gulf himalaya himalayas himalayan
deccan gangetic sahel caribbean pacific atlantic mediterranean balkans
"""
_REGIONS = """
east west north south central northeast northwest southeast southwest middle far western eastern northern southern indo
strait straits sea seas ocean oceans bay peninsula plain plains plateau basin delta coast coastal island islands
mainland subcontinent region regions new united kingdom states latin sri lanka saudi arabia zealand arab
district districts
"""
# places named by words that are places only together
PLACE_NAMES = frozenset({"united states", "united kingdom", "united arab emirates", "sri lanka", "saudi arabia",
                         "new zealand", "latin america", "south africa", "north korea", "south korea"})
# every word that, alone or with others of its kind, names only a place
PLACE_WORDS = frozenset((_COUNTRIES + _INDIA + _CITIES + _CONTINENTS + _REGIONS).split())
# words that are places only in company ("new", "east"...): a phrase of them alone is not a place name
_PLACE_ONLY_WITH_OTHERS = frozenset(_REGIONS.split())
_CONNECTORS = frozenset({"of", "on", "and", "for", "the", "in", "&", "-"})
# regions that name a strategic idea rather than a place: a student writes them as a concept
STRATEGIC_REGIONS = frozenset({"indo-pacific", "asia-pacific", "global south", "red corridor"})


# the institutions an article's events happen in: a phrase of only these words ("Lok Sabha and State Assemblies",
# "Union government", "Chief Justices") is the setting of a point, not what a student shows it by
SETTING_WORDS = frozenset("""
lok rajya sabha vidhan parishad parliament parliamentary union central centre center state states government governments
legislature legislatures legislative assembly assemblies council councils chief justice justices court courts supreme
high general election elections president prime minister ministers ministry european house houses upper lower
constitutional amendment amendments seat seats legislator legislators member members mp mps mla mlas
cabinet gazette official territory territories
and of the in
""".split())


def is_setting(words: list[str]) -> bool:
    """Whether a phrase names only the setting: a House, a government, a court, the Cabinet that approves and the
    Gazette that publishes every measure.

    >>> [is_setting(p.split()) for p in ("Lok Sabha and State Assemblies", "Union government", "State Election "
    ...                                  "Commissions", "Supreme Court", "Article 368")]
    [True, True, False, True, False]
    """
    content = [w.lower().strip("'\u2019").removesuffix("'s") for w in words]
    return bool(content) and all(w in SETTING_WORDS for w in content)


def is_place_name(words: list[str]) -> bool:
    """Whether a phrase (its words, any case) names only a place: "Punjab and Haryana", "East Asia", "Taiwan Strait".

    >>> [is_place_name(p.split()) for p in ("Punjab and Haryana", "East Asia", "Taiwan Strait", "AIIMS Delhi",
    ...                                     "new delhi", "export controls", "Gulf", "west", "Indo-Pacific")]
    [True, True, True, False, True, False, True, False, False]
    """
    if " ".join(words).lower().replace("-", " ") in {r.replace("-", " ") for r in STRATEGIC_REGIONS}:
        return False
    content = [w.lower().strip("'\u2019").removesuffix("'s").removesuffix("\u2019s") for w in words]
    content = [part for w in content if w not in _CONNECTORS for part in w.split("-") if part]
    if not content or not all(w in PLACE_WORDS for w in content):
        return False
    if " ".join(content) in PLACE_NAMES:
        return True
    return not all(w in _PLACE_ONLY_WITH_OTHERS for w in content)
