"""A drawn figure as a chart: matplotlib's SVG made fit to sit inline in a page among others
(plain element names, its own ids, no stylesheet, scaling to the page) and named for screen
readers with a <title> and <desc>, byte-identical from one run to the next."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
SVG = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
REFERENCE = re.compile(r"url\(#([^)]+)\)")
SVG_STYLE = "display:block;width:600px;max-width:100%;height:auto;margin:0 auto"


@dataclass(frozen=True)
class Chart:
    """One chart: the id of the table it illustrates, its title, text alternative and SVG."""

    id: str
    title: str
    description: str
    svg: str


def chart(chart_id: str, title: str, description: str, fig: Figure) -> Chart:
    """The figure saved as SVG, with no date or creator, and made accessible."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=NO_METADATA)
    return Chart(
        chart_id, title, description, accessible(buffer.getvalue(), chart_id, title, description)
    )


def accessible(raw: str, chart_id: str, title: str, description: str) -> str:
    """matplotlib's SVG made fit to sit inline in a page among others, named for screen readers."""
    root = ET.fromstring(raw.encode("utf-8"))
    prefix = f"chart-{chart_id}-"
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]  # plain names: the page is HTML, not XML
        own_ids(element, prefix)
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    for defs in root.findall("defs"):
        for style in defs.findall("style"):
            defs.remove(style)  # its '*' selector would reach every other SVG on the page
        if len(defs) == 0:
            root.remove(defs)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.attrib.update(
        {
            "xmlns": SVG,
            "width": "100%",
            "style": SVG_STYLE,
            "stroke-linejoin": "round",
            "stroke-linecap": "butt",
            "role": "img",
            "aria-labelledby": f"{prefix}title {prefix}desc",
        }
    )
    for index, (tag, text) in enumerate((("title", title), ("desc", description))):
        element = ET.Element(tag, {"id": prefix + tag})
        element.text = text
        root.insert(index, element)
    return ET.tostring(root, encoding="unicode")


def own_ids(element: ET.Element, prefix: str) -> None:
    """Prefix every id and reference, so two charts on one page never share an id."""
    if "id" in element.attrib:
        element.set("id", prefix + element.attrib["id"])
    href = element.attrib.pop(XLINK_HREF, None)
    if href is not None:
        element.set("href", "#" + prefix + href[1:] if href.startswith("#") else href)
    for key, value in list(element.attrib.items()):
        if "url(#" in value:
            element.set(key, REFERENCE.sub(lambda m: f"url(#{prefix}{m[1]})", value))
