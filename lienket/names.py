"""Vietnamese name keys: match names across sources despite tone-mark placement, prefixes and accents."""

from __future__ import annotations

import re
import unicodedata

# Old-style ("Thuỷ", "Hoà") vs new-style ("Thủy", "Hòa") tone placement: NFC keeps them distinct,
# so the key strips tone marks altogether and keeps only the base letters.
_PREFIXES = re.compile(
    r"^(thanh pho|tp\.?|thi xa|tx\.?|huyen|quan|tinh|phuong|xa|thi tran)\s+", re.IGNORECASE
)


def fold(text: str) -> str:
    """Lower-case ASCII form of a Vietnamese string ("Thủy Nguyên" -> "thuy nguyen")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", ascii_only).strip().lower()


def key(name: str) -> str:
    """Matching key for an administrative name: folded, without a leading unit prefix."""
    folded = fold(name)
    return _PREFIXES.sub("", folded, count=1)


def is_nfc(text: str) -> bool:
    """Whether text is in Unicode NFC, the form the project stores."""
    return unicodedata.is_normalized("NFC", text)
