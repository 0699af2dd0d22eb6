"""What every picture shares: text escaped for SVG and the width of a label character."""

from __future__ import annotations

import html

CHAR_WIDTH = 6.4  # average width of a 12 px label character, for packing labels


def _t(text: object) -> str:
    """Text for SVG: escaped, so no name can add markup."""
    return html.escape(str(text), quote=True)
