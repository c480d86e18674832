"""matplotlib's SVG as a page holds it: no style, ids of its own, named by its caption, and SVG
whatever another library did to ElementTree's namespace prefixes (qrcode registers "svg")."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from vip.simulation.plots import svg
from vip.web.svg import SVG, inline


def drawn() -> str:
    figure, axes = plt.subplots()
    axes.plot([0, 1, 2], [2, 1, 3], label="a line")
    axes.legend()
    return svg(figure)


def test_a_plot_has_no_style_and_is_named_by_its_caption() -> None:
    text = inline(drawn(), prefix="plot-a", labelled_by="plot-a-caption")
    assert "style" not in text and "<metadata" not in text
    root = ElementTree.fromstring(text)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "plot-a-caption"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids and all(i.startswith("plot-a-") for i in ids)
    references = [e.get("href") for e in root.iter() if e.get("href")]
    assert all(r[1:] in ids for r in references)


def test_it_stays_svg_when_another_library_registers_a_prefix() -> None:
    ElementTree.register_namespace("svg", SVG)  # as qrcode does for the second factor's QR code
    text = inline(drawn(), prefix="plot-b", labelled_by="plot-b-caption")
    assert text.startswith(f'<svg xmlns="{SVG}"')
    assert "<svg:" not in text
