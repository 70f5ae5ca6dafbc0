"""The template tags that write the long pages' repeated parts."""

from __future__ import annotations

from django.template import Context, Template


def render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_each_card_of_a_page_selects_its_own_member_from_one_menu():
    members = [(1, "ann"), (2, "bob <b>"), (12, "carl")]
    html = render(
        "{% load member_menus %}"
        "{% for chosen in picks %}<select>{% member_options members chosen %}</select>{% endfor %}",
        members=members,
        picks=[2, None, 1, 12],
    )
    menus = html.split("</select>")[:-1]
    assert [menu.count(" selected") for menu in menus] == [1, 0, 1, 1]
    assert '<option value="2" selected>bob &lt;b&gt;</option>' in menus[0]
    assert '<option value="1" selected>ann</option>' in menus[2]
    # 1 is a prefix of 12: only the exact member is selected.
    assert '<option value="12" selected>carl</option>' in menus[3]
    assert '<option value="1">ann</option>' in menus[3]


def test_two_menus_on_one_page_keep_their_own_members():
    html = render(
        "{% load member_menus %}"
        "<select>{% member_options first 1 %}</select><select>{% member_options second 1 %}</select>",
        first=[(1, "ann")],
        second=[(1, "ann"), (3, "dora")],
    )
    first, second = html.split("</select>")[:2]
    assert "dora" not in first and "dora" in second


def test_clip_cuts_long_text_to_its_width_with_an_ellipsis():
    source = "{% load clip %}{{ text|clip:10 }}"
    assert render(source, text="Short") == "Short"
    assert render(source, text="Exactly 10") == "Exactly 10"
    assert render(source, text="Longer than ten") == "Longer th…"
    assert render(source, text="<b>&amp; more text</b>") == "&lt;b&gt;&amp;amp; …"


def test_a_rows_address_is_the_reversed_route_for_its_id():
    from django.urls import reverse

    html = render(
        "{% load links %}{% for pk in ids %}{% id_url 'deadline_mark_done' pk %} {% endfor %}"
        "{% id_url 'contract_review' 7 as review %}{{ review }}",
        ids=[1, 12, 123456],
    )
    expected = [reverse("deadline_mark_done", args=[pk]) for pk in (1, 12, 123456)]
    assert html.split() == [*expected, reverse("contract_review", args=[7])]
