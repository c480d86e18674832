"""Matplotlib's SVG made fit to sit inside a page under the portal's Content-Security-Policy.

The policy allows no `style` attribute and no `<style>` element without a nonce, which matplotlib
writes on every shape; SVG's presentation attributes (`fill="#fff"`) draw the same and are no
style. Each figure's ids get a prefix (several figures share a page), the font is the page's,
coordinates keep one decimal (a tenth of a point) and the metadata goes: the four plots of a run
then weigh about a third of what matplotlib wrote, within the page budget."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

SVG = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Properties a shape inherits from the page (the portal's font) rather than from matplotlib.
DROPPED = frozenset({"font-family"})
GEOMETRY = ("d", "x", "y", "transform", "points")
DECIMALS = re.compile(r"(-?\d+\.\d)\d+")
REFERENCE = re.compile(r"url\(#([^)]+)\)")
HREF = re.compile(r"^#(.+)$")
BETWEEN_TAGS = re.compile(r">\s+<")


def inline(text: str, prefix: str, labelled_by: str) -> str:
    """The figure as an `<svg role="img">` named by the element `labelled_by` (its caption)."""
    root = ElementTree.fromstring(text)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG}}}metadata", f"{{{SVG}}}style"):
                parent.remove(child)
    used = {
        reference
        for element in root.iter()
        for value in element.attrib.values()
        for reference in REFERENCE.findall(value) + HREF.findall(value)
    }
    for element in root.iter():
        if element.attrib.get("id") not in used:  # matplotlib names every group; few are used
            element.attrib.pop("id", None)
        _presentation(element)
        _prefixed(element, prefix)
        for name in GEOMETRY:
            if name in element.attrib:
                element.set(name, DECIMALS.sub(r"\1", " ".join(element.attrib[name].split())))
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    # What matplotlib's own <style> said; inherited by every shape.
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    root.set("width", "100%")
    root.set("role", "img")
    root.set("aria-labelledby", labelled_by)
    root.set("focusable", "false")
    # Plain tag names and the namespace as an attribute, whatever ElementTree's global map of
    # prefixes says: qrcode (the second factor's QR code) registers "svg" for it, and an
    # `<svg:svg>` is no SVG in an HTML page.
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
    root.attrib = {"xmlns": SVG, **root.attrib}
    return BETWEEN_TAGS.sub("><", ElementTree.tostring(root, encoding="unicode"))


def _presentation(element: ElementTree.Element) -> None:
    style = element.attrib.pop("style", "")
    for declaration in style.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if name and value and name not in DROPPED:
            element.set(name, value)


def _prefixed(element: ElementTree.Element, prefix: str) -> None:
    if "id" in element.attrib:
        element.set("id", f"{prefix}-{element.attrib['id']}")
    href = element.attrib.pop(XLINK_HREF, None) or element.attrib.pop("href", None)
    if href is not None:
        element.set("href", f"#{prefix}-{href[1:]}" if href.startswith("#") else href)
    for name, value in list(element.attrib.items()):
        if "url(#" in value:
            element.set(name, REFERENCE.sub(rf"url(#{prefix}-\1)", value))
