"""Normalisation of contract text (obligations.extraction.normalise) and the language check.

Pure tests: no database."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from obligations.extraction.language import detect_language, language_warning
from obligations.extraction.normalise import decode_entities, normalise, repair_mojibake


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("terms â€“ independently", "terms – independently"),
        ("the Customerâ€™s data", "the Customer’s data"),
        ("â€œServicesâ€\x9d", "“Services”"),
        ("GeschÃ¤ftsfÃ¼hrer", "Geschäftsführer"),
        ("MarienstraÃŸe 18", "Marienstraße 18"),
        ("fee of â‚¬ 100", "fee of € 100"),
        ("Ã\x81gora", "Ágora"),  # 0x81 is undefined in cp1252: a Latin-1 reading kept it
        ("â\x80\x93 latin-1 reading", "– latin-1 reading"),
        ("Ã¢â‚¬â€œ twice", "– twice"),  # mojibake of mojibake
        ("ï»¿Contract", "Contract"),  # a byte-order mark read as cp1252
        ("Â£100", "£100"),
    ],
)
def test_mojibake_is_repaired(broken: str, repaired: str) -> None:
    assert normalise(broken) == repaired


@pytest.mark.parametrize(
    "genuine",
    [
        "Straß… and more",  # "ß…" would decode to an N'Ko letter: not mojibake
        "São Paulo, Zürich, naïve, café’s",
        "© 2024 ACME; fees in € and £",
        "SÃO PAULO",
    ],
)
def test_genuine_accents_are_left_alone(genuine: str) -> None:
    assert repair_mojibake(genuine) == genuine
    assert normalise(genuine) == genuine


def test_c1_controls_from_a_latin1_decode_become_their_cp1252_characters() -> None:
    assert normalise("the Customer\x92s \x93data\x94 \x96 all") == "the Customer’s “data” – all"


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        ("&quot;we&quot;", '"we"'),
        ("A&amp;B", "A&B"),
        ("10&amp;nbsp;days", "10 days"),
        ("2020&amp;#8211;2021", "2020–2021"),
        ("&amp;amp;amp;", "&"),
        ("&#38;lt;tag&#38;gt;", "<tag>"),
        ("it&#8217;s &#x2019;", "it’s ’"),
        ("&amp;unknown;", "&unknown;"),
    ],
)
def test_html_entities_are_decoded_however_often_they_were_encoded(
    encoded: str, decoded: str
) -> None:
    assert normalise(encoded) == decoded


@pytest.mark.parametrize("plain", ["AT&T", "R&D department", "&notice without semicolon", "a & b"])
def test_text_that_only_resembles_an_entity_is_kept(plain: str) -> None:
    assert decode_entities(plain) == plain
    assert normalise(plain) == plain


def test_spaces_hyphens_and_invisible_characters() -> None:
    text = "30\u00a0days, 12\u202fmonths\u2007now; non\u2011exclusive, co\u2010operate; obli\u00adgation, zero\u200bwidth\ufeff"
    assert (
        normalise(text)
        == "30 days, 12 months now; non-exclusive, co-operate; obligation, zerowidth"
    )


def test_dashes_and_curly_quotes_are_kept() -> None:
    text = "2020 – 2021 — “the Provider” and ‘the Customer’ − 5"
    assert normalise(text) == text


def test_line_ends_trailing_space_and_blank_lines() -> None:
    text = "\n\n  Title  \r\nline one\t \rline two\r\n\r\n\r\n\r\n\r\nline three\x0cpage two  \n\n"
    assert normalise(text) == "  Title\nline one\nline two\n\nline three\npage two"


def test_control_characters_are_removed_and_tabs_kept() -> None:
    assert normalise("a\x00b\x07c\td\x1be\x7f") == "abc\tde"


def test_combining_accents_are_composed() -> None:
    assert normalise("Zu\u0308rich cafe\u0301") == "Zürich café"


# Fragments that interact: entity pieces, mojibake lead and continuation characters, invisible
# characters that may split or join them, line ends and spaces.
_FRAGMENTS = [
    "&",
    "amp;",
    "#38;",
    "#x26;",
    "nbsp;",
    "lt;",
    "#8211;",
    ";",
    "Ã",
    "Â",
    "â",
    "€",
    "™",
    "\x9d",
    "\x81",
    "©",
    "¤",
    "\xa0",
    "\xad",
    "\u200b",
    "\ufeff",
    "\u2011",
    "\r",
    "\n",
    "\r\n",
    " ",
    "\t",
    "e",
    "\u0301",
    "x",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=4)),
        max_size=40,
    ).map("".join)
)
@example("&am\u200bp;lt;")
@example("Ã\u200b©")
@example("Ã\xad")
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalised_text_keeps_the_conventions(text: str) -> None:
    result = normalise(text)
    assert "\r" not in result
    assert "\u00a0" not in result and "\u00ad" not in result and "\u200b" not in result
    assert "\n\n\n" not in result
    assert all(line == line.rstrip(" \t") for line in result.split("\n"))
    assert result == result.rstrip()
    assert normalise(result) == result


# ------------------------------------------------------------------------------------ language

_GERMAN = (
    "Der Anbieter ist verpflichtet, die Software nach dem Stand der Technik zu betreiben. "
    "Die Vergütung wird monatlich im Voraus fällig und ist innerhalb von vierzehn Tagen nach "
    "Rechnungsstellung zu zahlen. Der Vertrag kann von beiden Parteien mit einer Frist von drei "
    "Monaten zum Ende der Laufzeit gekündigt werden. Änderungen dieser Bedingungen werden dem "
    "Kunden mindestens sechs Wochen vor ihrem Inkrafttreten mitgeteilt."
)
_FRENCH = (
    "Le prestataire s'engage à fournir les services décrits dans le bon de commande. Le client "
    "doit payer les factures dans un délai de trente jours à compter de leur réception. Le "
    "présent contrat est conclu pour une durée d'un an et se renouvelle tacitement, sauf "
    "résiliation par l'une des parties avec un préavis de trois mois avant la fin de la période."
)
_SPANISH = (
    "El proveedor deberá prestar los servicios con la diligencia debida. El cliente pagará las "
    "facturas en un plazo de treinta días desde su recepción. El presente contrato tendrá una "
    "duración de un año y se prorrogará por periodos iguales, salvo que cualquiera de las partes "
    "lo denuncie con un preaviso de tres meses antes del fin del periodo."
)
_ITALIAN = (
    "Il fornitore si impegna a fornire i servizi descritti nel presente contratto. Il cliente "
    "deve pagare le fatture entro trenta giorni dalla data di ricevimento. Il contratto ha una "
    "durata di un anno e si rinnova automaticamente, salvo disdetta da parte di una delle parti "
    "con un preavviso di tre mesi prima della scadenza."
)
_DUTCH = (
    "De leverancier zal de diensten leveren zoals beschreven in deze overeenkomst. De klant moet "
    "de facturen binnen dertig dagen na ontvangst betalen. Deze overeenkomst wordt aangegaan voor "
    "de duur van een jaar en wordt stilzwijgend verlengd, tenzij een van de partijen de "
    "overeenkomst opzegt met een opzegtermijn van drie maanden."
)
_PORTUGUESE = (
    "O fornecedor deverá prestar os serviços descritos no presente contrato. O cliente deve "
    "pagar as faturas no prazo de trinta dias a contar da sua receção. O contrato tem a duração "
    "de um ano e renova-se automaticamente, salvo denúncia por qualquer das partes com um "
    "pré-aviso de três meses."
)
_ENGLISH = (
    "The Provider shall make the Services available in accordance with this Agreement. The "
    "Customer shall pay each invoice within thirty (30) days of receipt. This Agreement renews "
    "automatically for successive periods of one year unless either party gives notice of "
    "non-renewal at least three months before the end of the then-current term."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (_GERMAN, "de"),
        (_FRENCH, "fr"),
        (_SPANISH, "es"),
        (_ITALIAN, "it"),
        (_DUTCH, "nl"),
        (_PORTUGUESE, "pt"),
        (_ENGLISH, "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_detect_language_needs_running_text() -> None:
    assert detect_language("Schedule 1 | 12 | 4.5 | EUR 1,000") is None
    assert detect_language("") is None


def test_language_warning_names_the_language() -> None:
    assert language_warning(_GERMAN) == (
        "The text looks German, not English; the extractor reads English contracts, "
        "so expect few or no obligations."
    )
    assert language_warning(_ENGLISH) is None


def test_an_english_contract_quoting_german_law_stays_english() -> None:
    text = (
        _ENGLISH + " This Agreement is governed by German law (§ 14 BGB, Bürgerliches Gesetzbuch)."
    )
    assert detect_language(text) == "en"


def test_other_scripts_are_recognised() -> None:
    russian = "Поставщик обязуется оказывать услуги в соответствии с настоящим договором. " * 3
    assert detect_language(russian) == "ru"


def test_ligatures_from_a_pdf_text_layer_become_their_letters() -> None:
    assert normalise("within \ufb01ve (5) days; not a\ufb00ected") == (
        "within five (5) days; not affected"
    )


def test_letters_that_merely_look_joined_are_kept() -> None:
    assert normalise("fi ff fl \u00e6sthetic \u0153uvre") == "fi ff fl \u00e6sthetic \u0153uvre"
