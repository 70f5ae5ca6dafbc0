"""The rule for each style of clause marker, on its own: when "ARTICLE IV", "§ 3", "5.2",
"Exhibit A" or an all-caps line starts a clause, and when it does not.

Every line here is written for these tests.
"""

from __future__ import annotations

from obligations.extraction import clauses
from obligations.extraction.clauses import _accept, _Candidate, _numbered, _State


def _candidate(line: str) -> _Candidate:
    candidate = _numbered(line, 0)
    assert candidate is not None, line
    return candidate


def _accepts(line: str, state: _State, *, body_started: bool = True) -> str | None:
    return _accept(_candidate(line), state, body_started)


def test_every_numbered_style_has_a_rule() -> None:
    styles = {_candidate(line).style for line in ("§ 3 Fees", "ARTICLE 2 TERM", "5.2 Fees")}
    styles |= {_candidate("Exhibit A").style, "caps"}
    assert styles <= set(clauses._ACCEPT_BY_STYLE)


def test_an_article_follows_the_last_one() -> None:
    state = _State(article=1)
    assert _accepts("ARTICLE II PAYMENT", state) == "ARTICLE II"
    assert state.article == 2
    # A jump of five articles is a cross-reference, not the next article...
    assert _accepts("ARTICLE VII", _State(article=1)) is None
    # ...unless what follows continues from it.
    state = _State(article=1)
    assert _accept(_candidate("ARTICLE VII"), state, True, resync=True) == "ARTICLE VII"


def test_an_article_with_words_that_are_no_heading_is_a_reference() -> None:
    assert _accepts("Article 3 of the Supply Agreement applies mutatis mutandis.", _State()) is None


def test_a_section_sign_follows_the_last_one() -> None:
    assert _accepts("§ 2 Payment", _State(sign=1)) == "§ 2"
    assert _accepts("§ 9 Payment", _State(sign=1)) is None


def test_a_decimal_continues_the_numbering() -> None:
    state = _State(decimal=(5, 1))
    assert _accepts("5.2 Late Payment", state) == "5.2"
    assert state.decimal == (5, 2)
    assert _accepts("5.9 Late Payment", _State(decimal=(5, 1))) is None
    # The first number of a body with a heading opens it.
    assert _accepts("7. Confidentiality", _State()) == "7"


def test_a_plain_numbered_list_after_a_colon_is_no_clause() -> None:
    state = _State(decimal=(3,))
    first = _candidate("1. The Supplier shall deliver the Goods to the Site.")
    first.after_colon = True
    assert _accept(first, state, True) is None
    assert state.list_next == 2
    second = _candidate("2. The Supplier shall invoice the Buyer monthly.")
    assert _accept(second, state, True) is None
    assert state.list_next == 3
    assert state.decimal == (3,)


def test_an_exhibit_restarts_the_numbering_once_the_body_has_started() -> None:
    state = _State(decimal=(12, 3), sign=4, article=6)
    assert _accepts("Exhibit A", state) == "Exhibit A"
    assert (state.decimal, state.sign, state.article) == ((), 0, 0)
    assert _accepts("Exhibit A", _State(), body_started=False) is None
    assert (
        _accepts("Exhibit B attached hereto and incorporated herein by reference", _State()) is None
    )


def test_an_all_caps_line_is_a_heading_only_in_the_body() -> None:
    caps = _Candidate(0, "caps", rest="CONFIDENTIALITY")
    state = _State()
    assert _accept(caps, state, True) == "CONFIDENTIALITY"
    assert state.parent_heading == "CONFIDENTIALITY"
    assert _accept(_Candidate(0, "caps", rest="MASTER SERVICES AGREEMENT"), _State(), False) is None
