"""A line-by-line transliteration of Module:Convert's default rounding, as an oracle for property tests.

It follows the Lua functions `extract_number`, `default_precision`, `cvtround` and `format_number` of the
English Wikipedia's Module:Convert statement by statement (Lua patterns rewritten as `re`), without the fast
paths and shortcuts of `roros_cli.units`, so the two can be compared on any input. Only what the default
rounding of a plain decimal needs is here: no fractions, ranges, sigfig or spelling.
"""

from __future__ import annotations

import math
import re

MAXSIGFIG = 14


def extract(text: str) -> tuple[float, str, bool]:
    """(value, clean, scientific): separators and sign removed from clean, as the module's to_en does."""
    clean = text.strip().replace(",", "")
    value = float(clean)
    if clean[:1] in "+-":
        clean = clean[1:]
    scientific = re.match(r"^([\d.]+)[Ee]([+-]?\d+)", clean) is not None
    return value, clean, scientific


def default_precision(invalue: float, inclean: str, outvalue: float, in_scale: float, out_is_feet: bool) -> int:
    integer, dot, decimals, expstr = re.match(r"^(\d*)(\.?)(\d*)(.*)", inclean).groups()  # type: ignore[union-attr]
    exponent = int(expstr[1:]) if expstr[:1] in ("e", "E") else None
    prec = -len(re.search(r"0*$", integer).group()) if dot == "" else len(decimals)  # type: ignore[union-attr]
    if exponent is not None:
        prec = prec - exponent
    if invalue == 0 or outvalue <= 0:
        return 0
    if out_is_feet and math.floor(invalue) == invalue:
        adjust = -math.log10(in_scale)
    else:
        adjust = math.log10(abs(invalue / outvalue))
    adjust = adjust + math.log10(2)
    minprec = 1 - math.floor(math.log10(outvalue) + 1e-14)
    return max(math.floor(prec + adjust), minprec)


def format_number(show: str, exponent: int | None, isnegative: bool, scientific: bool) -> str:
    xhi, xlo = (4, 2) if scientific else (10, 4)
    sign = "-" if isnegative else ""
    maxlen = MAXSIGFIG
    if exponent is None:
        integer, dot, decimals = re.match(r"^(\d*)(\.?)(.*)", show).groups()  # type: ignore[union-attr]
        if integer in ("0", ""):
            zeros, figs = re.match(r"^(0*)([^0]?.*)", decimals).groups()  # type: ignore[union-attr]
            if len(figs) == 0:
                if len(zeros) > maxlen:
                    show = "0." + zeros[:maxlen]
            elif len(zeros) >= xlo:
                show = figs
                exponent = -len(zeros)
            elif len(figs) > maxlen:
                show = "0." + zeros + figs[:maxlen]
        elif len(integer) >= xhi:
            show = integer + decimals
            exponent = len(integer)
        else:
            maxlen = maxlen + len(dot)
            if len(show) > maxlen:
                show = show[:maxlen]
    if exponent is not None:
        if len(show) > maxlen:
            show = show[:maxlen]
        if exponent > xhi or exponent <= -xlo or (exponent == xhi and show != "1" + "0" * (xhi - 1)):
            significand = show[0] + "." + show[1:] if len(show) > 1 else show
            return sign + significand + "e" + str(exponent - 1)
        if exponent >= len(show):
            show = show + "0" * (exponent - len(show))
        elif exponent <= 0:
            show = "0." + "0" * (-exponent) + show
        else:
            show = show[:exponent] + "." + show[exponent:]
    if isnegative and re.match(r"^0.?0*$", show):
        sign = ""
    return sign + with_separator(show)


def with_separator(text: str) -> str:
    if text.endswith("."):
        text = text[:-1]
    if len(text) < 4:
        return text
    integer, dot, decimals = text.partition(".")
    if len(integer) < 4:
        return text
    first = len(integer) % 3 or 3
    groups = [integer[:first]] + [integer[i : i + 3] for i in range(first, len(integer), 3)]
    return ",".join(groups) + dot + decimals


def cvtround(text: str, in_scale: float, out_scale: float, per: bool, out_is_feet: bool) -> str:
    """The figure {{convert|text|in|out}} shows, with `e` standing for `×10^` and an ASCII minus."""
    invalue, clean, scientific = extract(text)
    outvalue = invalue * (out_scale / in_scale) if per else invalue * (in_scale / out_scale)
    isnegative = outvalue < 0
    outvalue = abs(outvalue)
    precision = default_precision(invalue, clean, outvalue, in_scale, out_is_feet)
    exponent = None
    if precision >= 0:
        fudge = 2e-14 if precision <= 8 else 0
        show = "%.*f" % (precision, outvalue + fudge)
    else:
        precision = -precision
        shift = 10.0**precision
        show = "%.0f" % (outvalue / shift)
        if show != "0":
            exponent = len(show) + precision
    return format_number(show, exponent, isnegative, scientific)
