"""Form widgets of our own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A select of many plain options (hundreds of counterparties), written in Python: Django's
    own widget renders a template per option, which at that size costs more than the page's
    queries. No option groups; each option is escaped."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        selected = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(option)}"{" selected" if str(option) == selected else ""}>'
            f"{escape(label)}</option>"
            for option, label in self.choices
        )
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html(
            "<select{}>{}</select>",
            flatatt(final_attrs),
            mark_safe(options),  # noqa: S308 - every value and label is escaped above
        )
