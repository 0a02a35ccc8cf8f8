"""The charts' shared look: colours and hatching that read in greyscale, one width and type size
for a phone first, matplotlib's settings while drawing, and the bars, labels, grid and legend every
chart is drawn with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType


@dataclass(frozen=True)
class Look:
    """How one series is drawn: fill, hatching, and the colour of a value written on it."""

    fill: str
    hatch: str
    ink: str


INK = "#1a1a1a"
EDGE = "#1a1a1a"  # every bar is outlined, so even a light fill stands out 3:1 from the white page
# Dark blue, then orange (Okabe-Ito, safe for colour-blind readers) hatched, then pale blue: three
# clearly different greys when printed in black and white.
DARK = Look("#1d4e89", "", "#ffffff")
MID = Look("#e69f00", "//", INK)
LIGHT = Look("#c6dbef", "", INK)
NOT_SHOWN = Look("#ffffff", ".", INK)

# Phone first: 6.4 inches is 460.8 units of viewBox, shown at most 600 px wide and down to 360 px
# on a phone, where 15 points come out at about 12 CSS px (11.7 at 360 px, 12.7 at 390 px).
WIDTH = 6.4
FONT_SIZE = 15
STYLE: dict[RcKeyType, Any] = {
    # Text stays <text>, so it scales crisply, can be selected and needs no glyph outlines.
    "svg.fonttype": "none",
    # Fixed ids for clip paths and hatches: the same bytes every run.
    "svg.hashsalt": "complaints-as-code",
    # Bundled with matplotlib, so nothing is fetched; a browser without it uses its sans-serif.
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 1.2,
}


def figure(height: float) -> tuple[Figure, Axes]:
    """A figure of the charts' width with one set of axes, laid out to fit its legend."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def bar(
    ax: Axes,
    places: list,
    sizes: list,
    look: Look,
    bottom: list | None = None,
    horizontal: bool = False,
    width: float = 0.7,
) -> None:
    """Bars outlined in ink, so their edge contrasts with the page whatever the fill."""
    if not places:
        return
    style: dict[str, Any] = {
        "color": look.fill,
        "hatch": look.hatch or None,
        "edgecolor": EDGE,
        "linewidth": 0.8,
    }
    if horizontal:
        ax.barh(places, sizes, height=0.8, left=bottom, **style)
    else:
        ax.bar(places, sizes, width=width, bottom=bottom, **style)


def on_bar(ax: Axes, x: float, y: float, text: str, look: Look) -> None:
    """A value written on a bar segment; on a hatched one, on a white patch so it stays legible."""
    box = (
        {"boxstyle": "square,pad=0.1", "facecolor": "#ffffff", "edgecolor": "none"}
        if look.hatch
        else None
    )
    ax.text(x, y, text, ha="center", va="center", color=look.ink, bbox=box)


def grid(ax: Axes, axis: Literal["x", "y"]) -> None:
    """Light grid lines across the values, behind the bars."""
    ax.grid(axis=axis, color="#c8c8c8", linewidth=0.8)
    ax.set_axisbelow(True)


def legend(fig: Figure, entries: list[tuple[str, Look]]) -> None:
    """The legend above the chart, one swatch per series, read row by row."""
    from matplotlib.patches import Patch

    handles = [
        Patch(
            facecolor=look.fill, hatch=look.hatch or None, edgecolor=EDGE, linewidth=0.8, label=name
        )
        for name, look in entries
    ]
    columns = len(handles) if len(handles) <= 3 else 2
    if len(handles) == 4:  # matplotlib fills a legend column by column; read it row by row
        handles = [handles[0], handles[2], handles[1], handles[3]]
    fig.legend(
        handles=handles,
        loc="outside upper center",
        ncols=columns,
        frameon=False,
        handlelength=1.6,
        handleheight=1.1,
        columnspacing=1.2,
    )
