"""Contract-level facts: governing law, holiday calendars, dates and the term."""
