"""How the privacy guard reads text as words, the same way for a case's strings and for what the
site publishes, so that no way of writing a case's text hides it.

Text is compared as words (letters and digits, kept together across hyphens and apostrophes, in
any case), normalised the same way on both sides: backslash escapes (JSON, JavaScript, Markdown)
and URL percent escapes decoded; Unicode compatibility forms taken apart (NFKD: full-width
letters, ligatures, non-breaking and other spaces), case folded, accents and other combining marks
dropped, and so are the characters that show as nothing (zero-width spaces and joiners, soft
hyphens, direction marks, control characters but tab and line and page breaks); every
typographic apostrophe is read as ' and every dash as -. Any other character, every Unicode space
and the underscore among them, is a gap. Each page or file is read as plain text (tags,
attributes and comments are words too) and, if it may hold markup, as a browser shows it (tags
dropped, those of inline elements such as <em> joining what they split, and so Markdown's
emphasis marks, entities decoded): a leak in either reading is a leak. Its path is read too (a
file named after a case id publishes it). Letters of another script that look alike (a Cyrillic о
in "roof") are other letters: the guard compares text, not how it looks.

The ASCII fast path (`tokens`): text that is all ASCII, with no hyphen or apostrophe, is split by
a byte table, three times faster than the regular expression and with the same result (a
property test holds them equal); ASCII needs no normalising but lower case.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import unquote

TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
# a letter or digit, or a gap
ASCII_GAPS = bytes(c if chr(c).isalnum() else ord(" ") for c in range(256))

# JSON and JavaScript escapes (a surrogate pair first), then Markdown's escaped punctuation
ESCAPE = re.compile(
    r"\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})"
    r"|([nrtbf])|([!-/:-@\[-`{-~]))"
)
PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
# A tag (not a comment or a declaration), and the elements whose tags join the text around them.
TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^<>]*>")
MARKS = re.compile(r"[*_`~]+")  # Markdown's emphasis, code and strike-through
MARKUP = re.compile(r"[<&*_`~]")
INLINE = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strong "  # noqa: SIM905
    "sub sup time tt u var wbr".split()
)
# Typography read as its plain mark: apostrophes, dashes, and the letters that show as a space.
APOSTROPHES = "\u00b4\u02b9\u02bc\u02bd\u02c8\u055a\u05f3\u2018\u2019\u201b\u2032\u2035\ua78c\uff07"
DASHES = "\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e17\u2e1a"
DASHES += "\u2e3a\u2e3b\u2e40\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d"
BLANK_LETTERS = "\u115f\u1160\u3164\uffa0"
TYPOGRAPHY = {
    **dict.fromkeys(APOSTROPHES, "'"),
    **dict.fromkeys(DASHES, "-"),
    **dict.fromkeys(BLANK_LETTERS, " "),
}
TYPOGRAPHIC = re.compile("[" + "".join(TYPOGRAPHY) + "]")
# the soft hyphen, or a character from U+0300 on: what may be a mark or a format character
MAYBE_INVISIBLE = re.compile("[^\x00-\xac\xae-\u02ff]")
ABOVE_BMP = re.compile("[\U00010000-\U0010ffff]")
# control characters but tab, line and page breaks: they show as nothing (NUL among them, so that
# UTF-16 text reads as text)
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


@functools.cache
def _invisible() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Combining marks (what NFKD leaves of an accent) and format characters (zero-width spaces
    and joiners, soft hyphens, direction marks), from this Python's Unicode database: built on
    first use, as only text that is not ASCII needs it. Those of the Basic Multilingual Plane
    and those above it are two searches: `re` finds the first kind by a bitmap, fast, but tries
    the second kind range by range, so only text that holds such a character pays for it."""
    codes = [
        code
        for plane in (range(0x20000), range(0xE0000, 0xE1000))
        for code in plane
        if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf")
    ]
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    low = "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges if b < 0x10000)
    high = "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges if a >= 0x10000)
    return re.compile(f"[{low}]"), re.compile(f"[{high}]")


def _escape(match: re.Match[str]) -> str:
    high, low, code, gap, mark = match.groups()
    if high:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + int(low, 16) - 0xDC00)
    if code:
        value = int(code, 16)
        return " " if 0xD800 <= value < 0xE000 else chr(value)
    return " " if gap else mark


def plain(text: str) -> str:
    """A text with its backslash and percent escapes decoded."""
    if "\\" in text:
        text = ESCAPE.sub(_escape, text)
    if "%" in text and PERCENT.search(text):
        text = unquote(text, errors="replace")
    return text


def _tag(match: re.Match[str]) -> str:
    return "" if match[2].rpartition(":")[2].lower() in INLINE else " "


def shown(text: str) -> str:
    """A text as a browser shows it as HTML, or as Markdown once rendered: tags dropped, entities
    decoded, and Markdown's emphasis and code marks dropped (written as entities too, they would
    show, but hide no word)."""
    return MARKS.sub("", html.unescape(TAG.sub(_tag, text)))


def normal(text: str) -> str:
    """A text normalised: typography read as its plain mark, compatibility forms taken apart,
    casefolded, marks and invisible characters dropped (`tokens` needs it only for text that is
    not ASCII, since ASCII needs no more than lower case)."""
    if not text.isprintable():
        text = CONTROL.sub("", text)
    text = TYPOGRAPHIC.sub(lambda match: TYPOGRAPHY[match[0]], text)
    text = unicodedata.normalize("NFKD", text).casefold()
    if text.isascii():
        return text
    # casefolding can leave what NFKD takes apart (ǅ) or a mark (İ)
    text = unicodedata.normalize("NFKD", text)
    if MAYBE_INVISIBLE.search(text):
        low, high = _invisible()
        text = low.sub("", text)
        if ABOVE_BMP.search(text):
            text = high.sub("", text)
    return text


def tokens(text: str) -> list[str]:
    """A plain text's words: what TOKEN finds in `normal(text)` (by the ASCII fast path where it
    can)."""
    if not text.isascii():
        return TOKEN.findall(normal(text))
    if not text.isprintable() and CONTROL.search(text):
        text = CONTROL.sub("", text)
    if "-" in text or "'" in text:
        return TOKEN.findall(text.lower())
    return text.encode().translate(ASCII_GAPS).decode().lower().split()


def readings(text: str) -> list[list[str]]:
    """A page's words as plain text and, if it may hold markup, as a browser shows it."""
    text = plain(text)
    if MARKUP.search(text):
        return [tokens(text), tokens(shown(text))]
    return [tokens(text)]
