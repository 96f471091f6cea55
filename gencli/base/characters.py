"""Characters that change what a reader sees without being seen: bidi controls (U+202A–202E,
U+2066–2069), zero-width characters (U+200B–200D, U+2060, U+FEFF), C1 controls and DEL.

`受理\u202e92\u202c件` prints as “受理29件”: the figure read is not the figure written. A report
never needs them, so validation refuses them (in figures, names and narrative alike) and
`diff` shows them escaped, so that a reviewer sees `<U+202E>` where the change hides one.
"""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\x7f-\x9f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]")


def named(character: str) -> str:
    return f"<U+{ord(character):04X}>"


def escaped(text: str) -> str:
    """`text` with every invisible character written as <U+XXXX>."""
    return INVISIBLE.sub(lambda match: named(match.group()), text)
