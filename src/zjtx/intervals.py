"""Character spans as half-open intervals [start, end): merging and lookup, shared by the checks and the site."""

from __future__ import annotations

import bisect

Span = tuple[int, int]


def merge(spans: list[Span]) -> list[Span]:
    """Sorted, with overlapping or touching spans joined."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def inside(intervals: list[Span], s: int, e: int) -> bool:
    """Is [s, e) within one of the sorted, merged intervals? O(log n)."""
    i = bisect.bisect_right(intervals, (s, float("inf"))) - 1
    return i >= 0 and intervals[i][0] <= s and e <= intervals[i][1]
