"""The words that tell what a duration in a sentence is: the cues of a deadline before it
("within", "no later than", "30 days' prior written notice") and after it ("after receipt",
"before the end of"), and the words that make it something else (a look-back, a term, a
definition, an age). `time_cues` reads a duration with them.

Each pattern reads the end of the words before a duration (a "tail", anchored at `$`) or the
start of the words after it (matched at the duration's end), so that a search starting near
the duration stays short.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# A phrase between the cue and the amount that does not change the meaning.
FILLER_TAIL_RE = re.compile(
    r"(?:\s*\b(?:(?:a|an|the)\s+)?(?:(?:notice|cure|grace|payment)\s+)?(?:period|term|total|maximum"
    r"|minimum|(?:minimum|maximum)\s+period)\s+of(?:\s+notice\s+of)?"
    r"|\s*\bnot\s+(?:less|more)\s+than|\s*\bno\s+(?:less|more)"
    r"\s+than|\s*\bup\s+to|\s*\ba\s+maximum\s+of|\s*\bmaximum|\s*\bat\s+least|\s*\ba\s+full"
    r"|\s*\bnot\s+fewer\s+than|\s*\bno\s+fewer\s+than|\s*\ba(?:n)?\s+(?:further|additional)"
    r"|(?<=within)\s+the\s+first"
    # "within (i) thirty (30) days for ... and (ii) ninety (90) days": the items of a list
    r"|\s*\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)"
    r"|\s*\ba(?:n)?)\s*$",
    _I,
)
LOOKBACK_TAIL_RE = re.compile(
    r"(?<![\w-])(?:the|such|this|that|these|those|each|every|per|any|its|their|first|initial|last|"
    r"preceding|previous|past|remaining|successive|subsequent|additional|further|renewal|"
    r"consecutive|next|then[- ]current|current|extended|extension|same|minimum|once)\s*$",
    _I,
)
# "notice of renewal at least 120 days before ...": the word names what the notice announces,
# not a period of the same kind before this one ("the renewal 12 months").
NOTICE_OF_TAIL_RE = re.compile(
    r"\bnotices?\s+of\s+(?:its\s+|their\s+|such\s+)?(?:renewal|extension)\s*$", _I
)
NEXT_PERIOD_TAIL_RE = re.compile(
    r"\b(?:(?:with)?in|during|over)\s+the\s+(?:following|next|ensuing|succeeding)\s*$", _I
)
HORIZON_RE = re.compile(r"\b(?:forecast|projection|plan|budget|estimate)s?\b", _I)
DEADLINE_TAIL_RE = re.compile(
    r"\b(?:within|later\s+than|latest|upon|after|(?:shall|will)\s+have|has|have|"
    r"deadline(?:\s+(?:shall|will)\s+be|\s+is|\s+of)?|notice\s+period(?:\s+(?:shall|will)\s+be"
    r"|\s+is)?|(?:cure|grace)\s+period(?:\s+(?:shall|will)\s+be|\s+is)|period\s+of\s+notice"
    r"|notice\s+of|(?:is|are|be|become)\s+due|due|payable|"
    r"expires?|expire\s+within|lapse|times?\s*[:=]|before|prior\s+to"
    # Payment terms: "Net 30 days", "Payment terms: 30 days after receipt of invoice".
    r"|net|payment\s+terms?(?:\s*[:=]|\s+(?:are|is|shall\s+be|will\s+be))(?:\s+net)?"
    # "billed quarterly, on payment terms of 60 days"
    r"|(?:payment\s+terms?|terms\s+of\s+payment)\s+of(?:\s+net)?)\s*$",
    _I,
)
# A duration fronted before its clause ("Within 30 days after ..., Licensee shall pay")
# belongs to the subject and verb that follow it.
FRONTED_RE = re.compile(r"(?:^|[,;:(]|\b(?:and|or|but|then)|^\W*\(?[0-9a-z]{1,4}[.)])\s*$", _I)
OBLIGATION_WORD_RE = re.compile(
    r"\b(?:shall|must|will|may|can|agrees?|undertakes?|required|obliged|obligated|entitled|due|"
    r"payable|deadline|expires?|expire[ds]|notice|notif\w*|terminat\w*|renew\w*|warrants?"
    # "These obligations continue for five (5) years after this Agreement ends."
    r"|obligations?|surviv\w*)\b"
    r"|\w['’]ll\b",
    _I,
)
DEEMED_GIVEN_RE = re.compile(
    r"\bdeemed\s+(?:to\s+have\s+been\s+)?(?:duly\s+)?(?:given|received|delivered|served|made|"
    r"effective)\b",
    _I,
)
TERM_TAIL_RE = re.compile(
    r"\b(?:for|of|is|be|are|was|means|term|during|renew\w*|extend\w*)\s*$", _I
)
APOSTROPHE = r"\s*(?:['’]s?|s['’])?\s*(?:\((?:\d+|[a-z -]+)\)\s*)?"
NOTICE_RIGHT_RE = re.compile(
    APOSTROPHE + r"(?:(?:prior|advance|written|previous|formal|express|calendar)\s+){0,3}"
    r"(?:notice|notification)\b",
    _I,
)
RIGHT_CUE_RE = re.compile(
    APOSTROPHE + r"(?:,\s*(?=after|following|from|before|prior))?(?:calendar\s+)?"
    r"(?P<cue>(?:or\s+more\s+)?(?:past\s+due|overdue|late\b|delinquent)"
    r"|after|following|subsequent\s+to|from|of|before|prior\s+to|prior|preceding"
    r"|in\s+advance(?:\s+of)?"
    r"|in\s+arrears|thereafter|to\s+the\s+end|since|later|beyond"
    r"|(?:commencing|starting|beginning)\s+(?:on|with|from|upon|at))\b",
    _I,
)
EACH_CASE_RE = re.compile(
    r"[^.;]{0,200}?,?\s+in\s+(?:each|either|any|every)\s+(?:such\s+)?case\s+"
    r"(?=(?:after|following|from|before|prior\s+to)\b)",
    _I,
)
# The near end of a window whose far end names the event for both: "not less than nine (9)
# months nor more than fifteen (15) months before the expiration".
WINDOW_END_RE = re.compile(
    r"\s*,?\s*(?:n?or|and|but)\s+(?:not?\s+)?(?:more|less|later|earlier|fewer|greater)\s+than"
    r"\s+[^.;]{1,40}?\b(?:hours?|days?|weeks?|months?|years?)\b(?:'s?)?\s*,?\s*"
    r"(?=(?:after|following|from|before|prior\s+to)\b)",
    _I,
)
AFTER_WORDS = ("after", "following", "subsequent to")
# "one year commencing on acceptance" counts from acceptance, as "from acceptance" does.
STARTING_CUE_RE = re.compile(r"(?:commencing|starting|beginning)\s", _I)
NOTICE_LEFT_RE = re.compile(
    r"(?:notice\s+period|period\s+of\s+notice|notice|notification)\s+(?:(?:shall|will)\s+be\s+|is\s+|of\s+"
    # "the period for prior notice of Subprocessor changes is 10 business days"
    r"|(?:of|for|to)\s+[^,.;:()]{1,40}?\s+(?:(?:shall|will)\s+be|is)\s+"
    # "upon written notice to the other Party of at least 3 months"
    r"|(?:in\s+writing\s+)?(?:to|from)\s+(?:(?!\bend\b|\bto\b)[^,.;:()]){1,40}?\s+of\s+)?"
    r"(?:(?:at\s+least|not\s+less\s+than|no\s+less\s+than|a\s+minimum\s+of|minimum|the)\s+)?$",
    _I,
)
NOTICE_EVENT_RE = re.compile(
    r"^(?:\s+(?:to|of|from)\s+[^,.;()]{1,40}?)?\s*\b(?:before|prior\s+to|preceding|in\s+advance\s+of|"
    r"to\s+the\s+end)\b",
    _I,
)
DEFINITION_RE = re.compile(
    r"[\"“”'‘][^\"“”]{1,60}[\"“”'’]\s*(?:\([^)]*\)\s*)?(?:shall\s+)?(?:means?|has\s+the"
    r"\s+meaning|refers?\s+to|shall\s+refer)\b",
    _I,
)
DAY_CUE_TAIL_RE = re.compile(
    r"(?:(?:not|no)\s+later\s+than|on\s+or\s+before|by|on|before)?\s*(?:the\s*)?$", _I
)
# The word that may close a duration used as a noun: "each three (3) month period".
PERIOD_WORD_RE = re.compile(r"^\s*(?:period|term|interval|cycle)\b", _I)
BEFORE_WORDS = ("before", "prior to", "prior", "preceding", "in advance", "in advance of")
LIMITATION_RE = re.compile(
    r"limitation\s+period|period\s+of\s+limitation|statute\s+of\s+limitations?|time[- ]barred"
    r"|\bclaims?\b[^.;]{0,80}\b(?:expire|lapse|become\s+statute|be\s+(?:brought|commenced|filed)"
    r")|\baction\b[^.;]{0,160}\b(?:brought|commenced|filed)\b",
    _I,
)
NOT_DEADLINE_AFTER_RE = re.compile(r"\s*(?:old\b|of\s+age\b|in\s+age\b|of\s+experience\b)", _I)
BEFORE_CUE_RE = re.compile(r"(?:before|prior\s+to)$")
PAST_DUE_RE = re.compile(
    APOSTROPHE + r"(?:or\s+more\s+)?(?:past\s+due|overdue|late\b|delinquent)", _I
)
# A state that lasts for a time before a right arises: "if the Force Majeure Event continues
# for a period of thirty (30) days", "if the service is unavailable for 15 or more days".
# A sentence that opens on its event ("Upon expiration or termination of this Agreement, ...")
# and a right that lasts a while after it ("may for", "may sell its stock for").
UPON_EVENT_RE = re.compile(
    r"\W*(?:\(?[0-9a-z]{1,3}(?:\.\d+)*[.)]?\s+)?(?:upon|after|following)\s+"
    r"(?P<event>(?:the\s+)?(?:expiration|expiry|termination|end)[^,;]{0,80}?),",
    _I,
)
RIGHT_FOR_RE = re.compile(r"\bmay\b(?:\s+[\w'’-]+){0,8}?\s+for\s+$", _I)
LASTING_CONDITION_RE = re.compile(
    r"\b(?:if|in\s+the\s+event|where|should|when(?:ever)?)\b(?P<what>[^.;]{0,160}?)\s+"
    r"(?:continu\w*|persist\w*|last(?:s|ing)?|remain\w*|stays?|(?:has\s+been|is|are|was|were)\s+"
    r"(?:suspended|unavailable|delayed|prevented|interrupted|down)|affect\w*|prevent\w*"
    r"|delay\w*)\b[^.;]{0,80}?\bfor\s+(?:(?:a\s+(?:total\s+)?period\s+of|more\s+than|over"
    r"|in\s+excess\s+of|at\s+least|longer\s+than)\s+)*$",
    _I,
)
# A rule another section states, recalled here: "(which, as stated there, must be claimed
# within sixty (60) days ...)", "as provided in Section 7.2, no Member may ... unless ...". Not
# "except as provided in Section 4", which makes this sentence the rule.
RESTATED_RE = re.compile(
    r"(?<!except\s)(?<!unless\s)(?<!otherwise\s)\bas\s+(?:provided|stated|set\s+(?:forth|out)"
    r"|described|specified)\s+(?:there(?:in)?\b|in\s+(?:section|clause|article|paragraph)\s+\d"
    r"[\w.()]*\s*,)",
    _I,
)
# A wait: "until at least 30 days have passed since that notice", "before ten days have elapsed
# after delivery".
UNTIL_TAIL_RE = re.compile(r"\b(?:until|till|before|unless)\s*$", _I)
ELAPSED_SINCE_RE = re.compile(
    r"\s+(?:have|has|shall\s+have|will\s+have)\s+(?:passed|elapsed|expired|run)\s+"
    r"(?:since|after|from|following)\s+",
    _I,
)
# Words of money not paid when due.
UNPAID = r"past\s+due|overdue|unpaid|delinquent|in\s+arrears"
# "Accounts that stay past due for sixty (60) days may be cancelled": money unpaid that long
# after it fell due, said in a relative clause.
UNPAID_FOR_RE = re.compile(
    rf"\b(?:that|which)\s+(?:stay|remain|continue|is|are)s?\s+(?:{UNPAID})\s+for\s+"
    r"(?:(?:more\s+than|at\s+least|over|longer\s+than)\s+)*$",
    _I,
)
# "If such period exceeds 1 month, either Party may terminate": a state outlasting a time.
EXCEEDS_CONDITION_RE = re.compile(
    r"\b(?:if|in\s+the\s+event|where|should|when(?:ever)?)\b(?P<what>[^.;]{0,160}?)\s+"
    r"(?:exceed\w*|(?:is|are|be|lasts?)\s+(?:longer|more)\s+than)\s+$",
    _I,
)
# Records or copies kept for a time: "shall retain ... for at least", "are retained for". Kept
# confidential is a state, not records kept; "may keep" is a permission.
KEPT_FOR_RE = re.compile(
    r"(?:(?P<passive>\b(?:is|are|be|been|will\s+be)\s+(?:retained|kept|stored|preserved|archived))"
    r"|(?<!may\s)(?<!can\s)\b(?:retain|keep|maintain|store|preserve|archive)s?\b"
    r"(?!\s+(?:\w+\s+)?confidential))"
    r"[^.;:]{0,100}?\bfor\s+(?:a\s+(?:minimum\s+)?(?:period\s+of\s+)?|at\s+least\s+"
    r"|not\s+less\s+than\s+|no\s+less\s+than\s+|a\s+minimum\s+of\s+)*$",
    _I,
)
# What is kept, named before or after the time: records, not insurance or a service.
KEPT_THING_RE = re.compile(
    r"\b(?:records?|books|data|backups?|logs?|copies|documents?|files|reports?|invoices|history"
    r"|accounts|information)\b",
    _I,
)
UNPAID_RE = re.compile(rf"\b(?:{UNPAID})\b", _I)
# The events a bare "from" or "of" after a duration counts from: "30 days from receipt".
DATED_EVENT_RE = re.compile(
    r"\b(?:receipt|date|end|delivery|notice|termination|expir\w*|invoice|last|release|updat\w*"
    r"|creation|download|disclosure|purchase|acceptance|installation|completion|signing|signature"
    r"|execution|closing|commencement|issu\w*)",
    _I,
)


EVENT_END_RE = re.compile(
    r"[;:\[\]]|\.(?:\s|$)|,\s|\s(?:unless|provided|and\s+(?:shall|will|must|may)|in\s+which|"
    r"whichever|if\s)",
    _I,
)


# The last word of every filler `FILLER_TAIL_RE` strips: a tail ending otherwise has none, and
# is not scanned (the pattern is tried at every position of the window).
FILLER_LAST_WORDS = (
    "of", "than", "to", "maximum", "least", "full", "further", "additional", "first", ")", "a",
    "an",
)  # fmt: skip
