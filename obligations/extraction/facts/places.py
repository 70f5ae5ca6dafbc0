"""Jurisdictions as contracts name them, with their ISO 3166 codes: countries (alpha-2),
US states ("US-NY"), Canadian provinces ("CA-ON"), Australian states ("AU-VIC"), Swiss cantons
("CH-ZH") and German states ("DE-BE"), and the adjectives that stand for them ("Swiss law")."""

from __future__ import annotations

import re

US_STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
    "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
    "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS",
    "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
    "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
    "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
}  # fmt: skip

COUNTRIES = {
    "germany": "DE", "federal republic of germany": "DE", "switzerland": "CH",
    "swiss confederation": "CH", "austria": "AT", "france": "FR", "italy": "IT", "spain": "ES",
    "portugal": "PT", "netherlands": "NL", "the netherlands": "NL", "belgium": "BE",
    "luxembourg": "LU", "ireland": "IE", "republic of ireland": "IE", "denmark": "DK",
    "sweden": "SE", "norway": "NO", "finland": "FI", "iceland": "IS", "poland": "PL",
    "czech republic": "CZ", "czechia": "CZ", "slovakia": "SK", "hungary": "HU", "romania": "RO",
    "bulgaria": "BG", "greece": "GR", "cyprus": "CY", "malta": "MT", "croatia": "HR",
    "slovenia": "SI", "estonia": "EE", "latvia": "LV", "lithuania": "LT", "liechtenstein": "LI",
    "united kingdom": "GB", "england": "GB", "england and wales": "GB", "wales": "GB",
    "scotland": "GB", "northern ireland": "GB", "great britain": "GB",
    "united states": "US", "united states of america": "US", "usa": "US", "u.s.a.": "US",
    "canada": "CA", "mexico": "MX", "brazil": "BR", "argentina": "AR", "chile": "CL",
    "colombia": "CO", "peru": "PE", "china": "CN", "people's republic of china": "CN",
    "prc": "CN", "hong kong": "HK", "taiwan": "TW", "japan": "JP", "korea": "KR",
    "republic of korea": "KR", "south korea": "KR", "singapore": "SG", "india": "IN",
    "israel": "IL", "state of israel": "IL", "turkey": "TR", "united arab emirates": "AE",
    "russia": "RU", "russian federation": "RU", "ukraine": "UA", "australia": "AU",
    "new zealand": "NZ", "south africa": "ZA", "republic of south africa": "ZA",
    "kazakhstan": "KZ", "republic of kazakhstan": "KZ", "papua new guinea": "PG",
    "philippines": "PH", "thailand": "TH", "malaysia": "MY", "indonesia": "ID", "vietnam": "VN",
    "bermuda": "BM", "cayman islands": "KY", "british virgin islands": "VG", "egypt": "EG",
    "nigeria": "NG", "kenya": "KE", "saudi arabia": "SA", "qatar": "QA",
}  # fmt: skip

REGIONS = {
    # Canadian provinces and Australian states: contract law is theirs, not the country's
    "ontario": "CA-ON", "british columbia": "CA-BC", "quebec": "CA-QC", "québec": "CA-QC",
    "alberta": "CA-AB", "manitoba": "CA-MB", "saskatchewan": "CA-SK", "nova scotia": "CA-NS",
    "new brunswick": "CA-NB", "new south wales": "AU-NSW", "victoria": "AU-VIC",
    "queensland": "AU-QLD", "western australia": "AU-WA", "south australia": "AU-SA",
    "tasmania": "AU-TAS",
}  # fmt: skip

SWISS_CANTONS = {
    "zurich": "ZH", "zürich": "ZH", "bern": "BE", "berne": "BE", "lucerne": "LU", "luzern": "LU",
    "uri": "UR", "schwyz": "SZ", "zug": "ZG", "fribourg": "FR", "solothurn": "SO",
    "basel-stadt": "BS", "basel": "BS", "basel-landschaft": "BL", "schaffhausen": "SH",
    "st. gallen": "SG", "st gallen": "SG", "graubünden": "GR", "grisons": "GR", "aargau": "AG",
    "thurgau": "TG", "ticino": "TI", "vaud": "VD", "valais": "VS", "neuchâtel": "NE",
    "neuchatel": "NE", "geneva": "GE", "genève": "GE", "jura": "JU", "glarus": "GL",
}  # fmt: skip

GERMAN_STATES = {
    "baden-württemberg": "BW", "baden-wurttemberg": "BW", "bavaria": "BY", "bayern": "BY",
    "berlin": "BE", "brandenburg": "BB", "bremen": "HB", "hamburg": "HH", "hesse": "HE",
    "hessen": "HE", "lower saxony": "NI", "mecklenburg-western pomerania": "MV",
    "mecklenburg-vorpommern": "MV", "north rhine-westphalia": "NW", "nordrhein-westfalen": "NW",
    "rhineland-palatinate": "RP", "saarland": "SL", "saxony": "SN", "saxony-anhalt": "ST",
    "schleswig-holstein": "SH", "thuringia": "TH",
}  # fmt: skip

# "Swiss law", "German public holidays", "New York law"
ADJECTIVES = {
    "swiss": "CH", "german": "DE", "austrian": "AT", "french": "FR", "italian": "IT",
    "spanish": "ES", "portuguese": "PT", "dutch": "NL", "belgian": "BE", "irish": "IE",
    "danish": "DK", "swedish": "SE", "norwegian": "NO", "finnish": "FI", "polish": "PL",
    "czech": "CZ", "english": "GB", "british": "GB", "scottish": "GB", "scots": "GB",
    "uk": "GB", "u.k.": "GB", "american": "US", "canadian": "CA", "mexican": "MX",
    "brazilian": "BR", "chinese": "CN", "japanese": "JP", "korean": "KR", "indian": "IN",
    "israeli": "IL", "singaporean": "SG", "singapore": "SG", "hong kong": "HK",
    "australian": "AU", "luxembourg": "LU", "colombian": "CO", "argentine": "AR",
    "chilean": "CL", "peruvian": "PE", "taiwanese": "TW", "russian": "RU", "turkish": "TR", "liechtenstein": "LI", "californian": "US-CA",
}  # fmt: skip

# Every name, longest first so that "new york" wins over "york" and "west virginia" over
# "virginia".
_NAMES: dict[str, str] = {}
for _name, _code in COUNTRIES.items():
    _NAMES[_name] = _code
for _name, _code in US_STATES.items():
    _NAMES[_name] = "US-" + _code
_NAMES.update(REGIONS)


def _alternatives(names: dict[str, str]) -> str:
    """A regex matching any of `names`, longest first, with any run of spaces between words."""
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)


PLACE_NAME = re.compile(r"\b(?:" + _alternatives(_NAMES) + r")\b", re.IGNORECASE)
ADJECTIVE = re.compile(r"\b(?:" + _alternatives(ADJECTIVES) + r")", re.IGNORECASE)
US_STATE_ADJECTIVE = re.compile(r"\b(?:" + _alternatives(US_STATES) + r")", re.IGNORECASE)


def place_code(name: str) -> str | None:
    """'New York' -> 'US-NY', 'England and Wales' -> 'GB', 'Ontario' -> 'CA-ON'."""
    key = re.sub(r"\s+", " ", name.strip().lower()).replace("’", "'")
    return _NAMES.get(key)


def adjective_code(word: str) -> str | None:
    key = word.strip().lower()
    if key in ADJECTIVES:
        return ADJECTIVES[key]
    if key in US_STATES:
        return "US-" + US_STATES[key]
    return None
