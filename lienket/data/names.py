"""Vietnamese name keys: match names across sources despite tone-mark placement, prefixes and accents."""

from __future__ import annotations

import re
import unicodedata

# Old-style ("Thuỷ", "Hoà") vs new-style ("Thủy", "Hòa") tone placement: NFC keeps them distinct,
# so the key strips tone marks altogether and keeps only the base letters.
_PREFIXES = re.compile(
    r"^(thanh pho|tp\.?|thi xa|tx\.?|huyen|quan|tinh|phuong|xa|thi tran|dac khu)\s+"
)


def fold(text: str) -> str:
    """Lower-case ASCII words of a Vietnamese string ("Thừa Thiên - Huế" -> "thua thien hue")."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^0-9a-z.]+", " ", ascii_only.lower())
    return re.sub(r"\s+", " ", words).strip()


_SUFFIXES = re.compile(r"\s+(province|city|district|town)$")


def key(name: str) -> str:
    """Matching key for an administrative name: folded, without unit prefix, English suffix or
    spaces ("Huyện Thuỷ Nguyên", "Thuy Nguyen District" -> "thuynguyen"; "Hanoi" = "Hà Nội")."""
    stripped = _PREFIXES.sub("", fold(name), count=1).replace(".", "").strip()
    return _SUFFIXES.sub("", stripped).replace(" ", "")


#: Status of a district-level unit from the prefix of its official name.
_STATUS_PREFIXES = {"thanh pho": "thành phố", "thi xa": "thị xã", "huyen": "huyện", "quan": "quận"}


def status_from_name(name: str) -> str | None:
    """'Thị xã Kinh Môn' -> 'thị xã'; None when the name carries no unit prefix."""
    folded = fold(name)
    return next((status for prefix, status in _STATUS_PREFIXES.items()
                 if folded.startswith(prefix + " ")), None)


def is_nfc(text: str) -> bool:
    """Whether text is in Unicode NFC, the form the project stores."""
    return unicodedata.is_normalized("NFC", text)


_COMMUNE_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ")


def is_commune_name(name: str) -> bool:
    """'Phường Kinh Môn', 'Xã Thanh Hà'…: a commune-level unit, whatever district it is named after."""
    return fold(name).startswith(_COMMUNE_PREFIXES)


# Vietnamese tone marks (grave, acute, tilde, hook above, dot below): the ones whose placement
# varies ("hoà"/"hòa"). Vowel marks (â, ă, ơ, ư, đ) stay: "Đông Mai" and "Đồng Mai" differ.
_TONES = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}


def tone_key(text: str) -> str:
    """Lower-case words with each syllable's tone moved to its end: the same for old- and
    new-style tone placement ("Hoà" = "Hòa"), different for different tones or vowels."""
    words = []
    for word in unicodedata.normalize("NFD", text.lower()).split():
        tones = "".join(_TONES[c] for c in word if c in _TONES)
        bare = "".join(c for c in word if c not in _TONES)
        words.append(unicodedata.normalize("NFC", bare) + tones)
    return re.sub(r"[^\w]+", " ", " ".join(words)).strip()


def has_diacritics(text: str) -> bool:
    """Whether the text carries any Vietnamese mark (a name typed without them matches more loosely)."""
    return fold(text) != re.sub(r"\s+", " ", re.sub(r"[^0-9a-z.]+", " ", text.lower())).strip()
