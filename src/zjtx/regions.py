"""GB/T 2260 region codes (six digits: province, prefecture, county, two each): what contains what."""

from __future__ import annotations


def region_contains(outer: str, inner: str) -> bool:
    """Does GB/T 2260 region `outer` contain (or equal) region `inner`? 420000 ⊇ 420100 ⊇ 420102."""
    if outer == inner:
        return True
    if outer.endswith("0000"):
        return inner.startswith(outer[:2])
    if outer.endswith("00"):
        return inner.startswith(outer[:4])
    return False


def province_code(region_code: str) -> str:
    """The code of the provincial-level division holding a region (a code of schemas/codelists/province.csv
    when the region is valid): 330424 -> 330000."""
    return region_code[:2] + "0000"
