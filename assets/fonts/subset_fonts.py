#!/usr/bin/python3
"""Subsets the console's fonts from Debian's font packages, at build time.

Why: the full DejaVu Sans pair is 1.4 MB; the console bakes Western Latin text plus the handful
of Font Awesome icons its UI draws (the browser draws everything else, src/ui/text_run.h). The subset fonts go into switchboard.data, which
the browser downloads before the first frame, so every kilobyte here is load time.

What ships (this file is the one place that says which text characters are covered; the icons
come from the UI's icon header, the one place that names them):
  sans.ttf       DejaVu Sans, TEXT_RANGES below
  sans-bold.ttf  DejaVu Sans Bold, TEXT_RANGES below
  icons.ttf      Font Awesome 4.7, only the codepoints found in the icon header
  text-ranges.bin  the text fonts' codepoints as ImGui glyph ranges (what the baker asks for)

The platform layer bakes exactly what the text subset contains (text-ranges.bin), so adding a
range here is the only change needed.

Usage: subset_fonts.py --out DIR --icons-header src/ui/icons.h
       [--dejavu-dir /usr/share/fonts/truetype/dejavu] [--awesome /usr/share/.../fontawesome-webfont.ttf]
Run with Debian's /usr/bin/python3 (python3-fonttools), not a pyenv interpreter.
"""

import argparse
import os
import re
import struct
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

# Text coverage, as inclusive codepoint ranges.
# Only what the first screen and most Western text need: every other character (Latin Extended,
# Greek, Cyrillic, arrows, and every other script and emoji) is drawn by the browser through the
# text seam (src/ui/text_run.h). Fewer glyphs bake faster at start-up (issue 12: ~950 → ~330).
TEXT_RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (Western European letters, the middle dot)
    (0x2000, 0x206F),  # General Punctuation (dashes, quotes, bullet, ellipsis)
    (0x20A0, 0x20BF),  # Currency Symbols (euro, ruble, hryvnia)
    (0x25CF, 0x25CF),  # Black circle (presence dots)
    (0xFFFD, 0xFFFD),  # Replacement character: ImGui's fallback glyph
]

# Font Awesome 4.7 keeps its icons in the Private Use Area.
ICON_PUA = (0xF000, 0xF2FF)

# A C/C++ string literal (optionally u8-prefixed); escapes are decoded below.
STRING_LITERAL = re.compile(r'(?:u8)?"((?:[^"\\\n]|\\.)*)"')
HEX_NUMBER = re.compile(r"\b0[xX]([0-9a-fA-F]{4})\b")


def decode_c_string(body):
    """Decodes a C string literal's body (\\xNN bytes, \\uXXXX, \\UXXXXXXXX, plain UTF-8)."""
    out = bytearray()
    i = 0
    raw = body.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c != 0x5C:  # not a backslash
            out.append(c)
            i += 1
            continue
        kind = chr(raw[i + 1])
        if kind == "x":
            m = re.match(rb"[0-9a-fA-F]+", raw[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif kind in "uU":
            n = 4 if kind == "u" else 8
            out += chr(int(raw[i + 2:i + 2 + n], 16)).encode("utf-8")
            i += 2 + n
        else:
            out += {"n": b"\n", "t": b"\t", "\\": b"\\", '"': b'"', "0": b"\0"}.get(kind, b"")
            i += 2
    return out.decode("utf-8", errors="replace")


def icon_codepoints(header_path):
    """Every Font Awesome codepoint the header writes, as a string literal ("\xef\x80\x82",
    u8"\uf002") or as a number (0xF002, e.g. in a kIconCodepoints table)."""
    with open(header_path, encoding="utf-8") as f:
        text = f.read()
    found = set()
    for m in STRING_LITERAL.finditer(text):
        found.update(ord(ch) for ch in decode_c_string(m.group(1)))
    found.update(int(m.group(1), 16) for m in HEX_NUMBER.finditer(text))
    return sorted(cp for cp in found if ICON_PUA[0] <= cp <= ICON_PUA[1])


def subset_font(src, dst, codepoints):
    options = subset.Options()
    options.hinting = False  # stb_truetype ignores hinting: drop the instructions
    options.desubroutinize = True
    options.layout_features = []  # ImGui does no shaping: no GSUB/GPOS
    options.name_IDs = [0, 1, 2]  # copyright, family, style
    options.name_languages = [0x0409]
    options.drop_tables += ["FFTM", "GDEF", "GSUB", "GPOS", "kern", "DSIG", "gasp", "hdmx", "LTSH", "VDMX"]
    options.notdef_outline = True
    font = TTFont(src, lazy=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    font.save(dst)
    return len(font.getGlyphOrder()), sorted(font.getBestCmap().keys())


def write_ranges(path, codepoints):
    """The codepoints the text subset really has, as ImGui glyph ranges: little-endian uint16
    (first, last) pairs and a 0. The baker passes exactly these to ImGui, which otherwise looks up
    every codepoint of the range it is given in the font (65,000 lookups per font for the BMP)."""
    pairs = []
    for cp in codepoints:
        if cp > 0xFFFF:
            continue
        if pairs and pairs[-1][1] + 1 == cp:
            pairs[-1][1] = cp
        else:
            pairs.append([cp, cp])
    with open(path, "wb") as f:
        f.write(struct.pack(f"<{2 * len(pairs) + 1}H", *[v for p in pairs for v in p], 0))
    return len(pairs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--icons-header", required=True)
    parser.add_argument("--dejavu-dir", default="/usr/share/fonts/truetype/dejavu")
    parser.add_argument("--awesome", default="/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf")
    args = parser.parse_args()

    text = [cp for lo, hi in TEXT_RANGES for cp in range(lo, hi + 1)]
    icons = icon_codepoints(args.icons_header)
    if not icons:
        sys.exit(f"subset_fonts: no Font Awesome codepoints (U+F000..U+F2FF) in {args.icons_header}")

    os.makedirs(args.out, exist_ok=True)
    jobs = [
        (os.path.join(args.dejavu_dir, "DejaVuSans.ttf"), "sans.ttf", text),
        (os.path.join(args.dejavu_dir, "DejaVuSans-Bold.ttf"), "sans-bold.ttf", text),
        (args.awesome, "icons.ttf", icons),
    ]
    covered = None
    for src, name, cps in jobs:
        if not os.path.isfile(src):
            sys.exit(f"subset_fonts: {src} is missing (scripts/setup installs fonts-dejavu-core and fonts-font-awesome)")
        dst = os.path.join(args.out, name)
        glyphs, mapped = subset_font(src, dst, cps)
        if name == "sans.ttf":
            covered = mapped
        print(f"subset_fonts: {name}: {glyphs} glyphs, {os.path.getsize(dst)} bytes")
    # Bold has the same coverage as regular (both DejaVu Sans); one list serves both.
    n = write_ranges(os.path.join(args.out, "text-ranges.bin"), covered)
    print(f"subset_fonts: text-ranges.bin: {n} ranges, {len(covered)} codepoints")


if __name__ == "__main__":
    main()
