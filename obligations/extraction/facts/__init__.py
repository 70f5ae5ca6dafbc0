"""Contract-level facts: governing law, holiday calendars, dates and the term."""

from obligations.extraction.facts.calendars import find_calendars
from obligations.extraction.facts.date_facts import find_date_facts
from obligations.extraction.facts.law import LawFinding, find_governing_law
from obligations.extraction.facts.term import find_term

__all__ = ["LawFinding", "find_calendars", "find_date_facts", "find_governing_law", "find_term"]
