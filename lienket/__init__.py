"""lienket — a map dashboard of the Hải Dương – Hải Phòng – Quảng Ninh linkage agreement (2022–2025)."""

__version__ = "0.1.0"
