"""One colour per speaker, the same on every chart and on the evidence page.

:func:`speaker_colours` is the only place a speaker's colour is decided. The two voices that are
not quoted speakers keep fixed colours (``reporter`` blue, ``editorial`` red, as in the voice
charts), quoted text nobody could be named for is grey, and the quoted speakers share
:data:`SPEAKER_PALETTE` in alphabetical order of their names. The assignment depends only on the
*set* of names given, never on their order, so two charts of one article agree when they are given
the same set: give every chart the article's full list of speakers (e.g.
``quotes.speaker_table(article).speaker`` plus the voices) and pick a subset's colours from the
returned dict, rather than calling it on a subset.

>>> c = speaker_colours(["Sergey Lavrov", "reporter", "John Kerry", "editorial"])
>>> c["reporter"], c["editorial"], c["John Kerry"], c["Sergey Lavrov"]
('#4C72B0', '#C44E52', '#DD8452', '#55A868')
>>> speaker_colours(["John Kerry", "Sergey Lavrov"]) == speaker_colours(["Sergey Lavrov", "John Kerry"])
True
>>> text_colour("#4C72B0"), text_colour("#CCB974")
('#ffffff', '#000000')
"""
from __future__ import annotations

from collections.abc import Iterable

#: Fixed colours of the article's own voices and of unattributed quoted text (the voice colours
#: are those of the voice charts: report blue, editorial red, boilerplate grey).
VOICE_COLOURS = {"reporter": "#4C72B0", "report": "#4C72B0", "(reporter)": "#4C72B0", "(report)": "#4C72B0",
                 "editorial": "#C44E52", "(editorial)": "#C44E52", "boilerplate": "#8C8C8C"}
UNATTRIBUTED_COLOUR = "#8C8C8C"
UNATTRIBUTED_NAMES = ("(unattributed quote)", "unattributed", "")

#: Colours for quoted speakers: seaborn's "deep" palette without its blue, red and grey (kept for
#: the voices), then the same hues darker. Neighbours differ in hue; after 14 speakers the
#: colours repeat (the evidence page also prints every speaker's name, so a repeat is never the
#: only cue).
SPEAKER_PALETTE = ("#DD8452", "#55A868", "#8172B3", "#937860", "#DA8BC3", "#CCB974", "#64B5CD",
                   "#B1400D", "#12711C", "#591E71", "#592F0D", "#A23582", "#B8850A", "#006374")


def speaker_colours(names: Iterable) -> dict[str, str]:
    """``{name: "#rrggbb"}`` for every name given (voices and quoted speakers alike); see the
    module docstring for the rule. Names are compared as strings; ``None`` or NaN counts as
    unattributed."""
    out: dict[str, str] = {}
    speakers = set()
    for n in names:
        key = _name(n)
        if key in VOICE_COLOURS:
            out[key] = VOICE_COLOURS[key]
        elif key in UNATTRIBUTED_NAMES:
            out[key] = UNATTRIBUTED_COLOUR
        else:
            speakers.add(key)
    for i, name in enumerate(sorted(speakers, key=lambda s: (s.casefold(), s))):
        out[name] = SPEAKER_PALETTE[i % len(SPEAKER_PALETTE)]
    return out


def _name(n) -> str:
    if n is None or (isinstance(n, float) and n != n):
        return ""
    return str(n)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` ("#rrggbb"; WCAG relative
    luminance, threshold where both contrasts are equal)."""
    rgb = [int(background[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if lum > 0.179 else "#ffffff"


def tint(colour: str, alpha: float = 0.16) -> str:
    """``colour`` blended with white (``alpha`` of the colour): a background light enough to read
    black text on.

    >>> tint("#000000", 0.25)
    '#bfbfbf'
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * alpha):02x}" for c in rgb)
