"""Word's automatic numbering and paragraph styles, rendered as the text a reader sees.

numbering.xml defines abstract lists (levels with a start, a format such as decimal or
lowerLetter, and a pattern such as "%1.%2" or "(%3)") and list instances (w:num) that point to
them, sometimes restarting a level. Paragraphs join a list directly (w:numPr) or through their
style. Counters run per abstract list, so instances of one list continue each other unless an
instance restarts a level, as Word does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from obligations.extraction.readers.html import list_label

WORD_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)


def local(element: Element) -> str:
    """The tag without its namespace: "p" for "{...wordprocessingml...}p"."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element: Element | None, name: str) -> str | None:
    """A w: attribute in either the transitional or the strict namespace."""
    if element is None:
        return None
    for namespace in WORD_NAMESPACES:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return element.get(name)


def child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    for item in element:
        if local(item) == name:
            return item
    return None


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class Level:
    start: int = 1
    number_format: str = "decimal"
    text: str = "%1."
    suffix: str = " "
    legal: bool = False  # w:isLgl: every placeholder as a decimal, as in "1.1.3"


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    level: int | None = None
    outline: int | None = None


@dataclass
class Numbering:
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # by abstractNumId
    instances: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> level -> start
    style_levels: dict[tuple[str, str], int] = field(default_factory=dict)  # (abstract, style)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def label(self, num_id: str, level: int | None, style_id: str | None) -> str:
        """Count one paragraph of list `num_id` and return its label with its suffix."""
        abstract = self.instances.get(num_id)
        if abstract is None or abstract not in self.levels:
            return ""
        if level is None:
            level = self.style_levels.get((abstract, style_id or ""), 0)
        level = min(max(level, 0), _LEVELS - 1)
        levels = self.levels[abstract]
        counters = self.counters.setdefault(abstract, [None] * _LEVELS)
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted, start in self.restarts.get(num_id, {}).items():
                if 0 <= restarted < _LEVELS:
                    counters[restarted] = start - 1
        definition = levels.get(level, Level())
        current = counters[level]
        counters[level] = (definition.start - 1 if current is None else current) + 1
        for deeper in range(level + 1, _LEVELS):
            counters[deeper] = None
        if definition.number_format == "bullet":
            return "• "
        if definition.number_format == "none" and "%" not in definition.text:
            return definition.text.strip() + definition.suffix if definition.text.strip() else ""

        def render(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            level_definition = levels.get(index, Level())
            value = counters[index]
            if value is None:
                value = level_definition.start
            number_format = "decimal" if definition.legal else level_definition.number_format
            return format_number(value, number_format)

        text = _PLACEHOLDER.sub(render, definition.text).strip()
        return text + definition.suffix if text else ""


def format_number(value: int, number_format: str) -> str:
    if number_format in ("lowerLetter", "upperLetter"):
        label = list_label(value, "a")
    elif number_format in ("lowerRoman", "upperRoman"):
        label = list_label(value, "i")
    elif number_format == "decimalZero":
        return f"{value:02d}"
    elif number_format == "none":
        return ""
    else:
        return str(value)
    return label.upper() if number_format.startswith("upper") else label


def parse_numbering(root: Element | None) -> Numbering:
    numbering = Numbering()
    if root is None:
        return numbering
    for element in root:
        name = local(element)
        if name == "abstractNum":
            abstract = attribute(element, "abstractNumId") or ""
            levels: dict[int, Level] = {}
            for level_element in element:
                if local(level_element) != "lvl":
                    continue
                index = _int(attribute(level_element, "ilvl"), 0) or 0
                levels[index] = _parse_level(level_element)
                style = attribute(child(level_element, "pStyle"), "val")
                if style:
                    numbering.style_levels[(abstract, style)] = index
            numbering.levels[abstract] = levels
        elif name == "num":
            num_id = attribute(element, "numId") or ""
            numbering.instances[num_id] = attribute(child(element, "abstractNumId"), "val") or ""
            for override in element:
                if local(override) != "lvlOverride":
                    continue
                index = _int(attribute(override, "ilvl"), 0) or 0
                start = _int(attribute(child(override, "startOverride"), "val"))
                replacement = child(override, "lvl")
                if replacement is not None:
                    abstract = numbering.instances[num_id]
                    # An instance that redefines a level gets a list of its own.
                    own = f"{abstract}/{num_id}"
                    numbering.levels[own] = dict(numbering.levels.get(abstract, {}))
                    numbering.levels[own][index] = _parse_level(replacement)
                    numbering.instances[num_id] = own
                    for (base, style), style_level in list(numbering.style_levels.items()):
                        if base == abstract:
                            numbering.style_levels[(own, style)] = style_level
                if start is not None:
                    numbering.restarts.setdefault(num_id, {})[index] = start
    return numbering


def _parse_level(element: Element) -> Level:
    suffix = attribute(child(element, "suff"), "val") or "tab"
    return Level(
        start=_int(attribute(child(element, "start"), "val"), 1) or 0,
        number_format=attribute(child(element, "numFmt"), "val") or "decimal",
        text=attribute(child(element, "lvlText"), "val") or "",
        suffix="" if suffix == "nothing" else " ",
        legal=child(element, "isLgl") is not None,
    )


def parse_styles(root: Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for element in root:
        if local(element) != "style" or attribute(element, "type") not in (None, "paragraph"):
            continue
        style_id = attribute(element, "styleId") or ""
        properties = child(element, "pPr")
        num_pr = child(properties, "numPr")
        styles[style_id] = Style(
            name=(attribute(child(element, "name"), "val") or "").strip(),
            based_on=attribute(child(element, "basedOn"), "val"),
            num_id=attribute(child(num_pr, "numId"), "val"),
            level=_int(attribute(child(num_pr, "ilvl"), "val")),
            outline=_int(attribute(child(properties, "outlineLvl"), "val")),
        )
    return styles


def style_chain(styles: dict[str, Style], style_id: str | None) -> list[Style]:
    """The style and the styles it is based on, nearest first."""
    chain: list[Style] = []
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen and len(chain) < 20:
        seen.add(style_id)
        chain.append(styles[style_id])
        style_id = styles[style_id].based_on
    return chain


def heading_level(styles: dict[str, Style], style_id: str | None, outline: int | None) -> int:
    """1–6 for a heading paragraph (by its style name or outline level), 0 for body text."""
    if outline is not None and 0 <= outline < 6:
        return outline + 1
    for style in style_chain(styles, style_id):
        match = _HEADING_NAME.match(style.name)
        if match:
            return min(int(match.group(1)), 6)
        if style.name.lower() == "title":
            return 1
        if style.outline is not None and 0 <= style.outline < 6:
            return style.outline + 1
    if style_id:
        match = re.match(r"^heading([1-9])$", style_id, re.I)
        if match:
            return min(int(match.group(1)), 6)
    return 0


def style_numbering(
    styles: dict[str, Style], style_id: str | None
) -> tuple[str | None, int | None]:
    """The list a paragraph style puts its paragraphs in, if any."""
    for style in style_chain(styles, style_id):
        if style.num_id is not None:
            return style.num_id, style.level
    return None, None
