"""The proposer's recognisers, read from settings/propose.yaml (data with examples, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from zjtx.model import ConfigError, read_yaml

RULES_REL = "settings/propose.yaml"


@dataclass(frozen=True)
class ExclusionRule:
    id: str
    reason: str
    pattern: re.Pattern[str]
    weak: bool = False


@dataclass
class Rules:
    raw: dict
    exclusions: list[ExclusionRule]
    lead_in_prose: list[tuple[str, re.Pattern[str]]]

    @property
    def amounts(self) -> dict:
        return self.raw["amounts"]

    @property
    def targets(self) -> dict:
        return self.raw["targets"]

    @property
    def tiers(self) -> list[dict]:
        return self.raw["tiers"]

    @property
    def responsibilities(self) -> dict:
        return self.raw["responsibilities"]


def load(root: Path) -> Rules:
    raw = read_yaml(root / RULES_REL, RULES_REL)
    if not isinstance(raw, dict):
        raise ConfigError(f"{RULES_REL}: expected a mapping")
    try:
        exclusions = [ExclusionRule(r["id"], r["reason"], re.compile(r["pattern"]), bool(r.get("weak")))
                      for r in raw["exclusions"]]
        leads = [(r["id"], re.compile(r["pattern"])) for r in raw["responsibilities"]["lead_in_prose"]]
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"{RULES_REL}: a rule is malformed ({exc})") from exc
    return Rules(raw, exclusions, leads)


def first_word(text: str, words: list[str]) -> str | None:
    return next((w for w in words if w in text), None)


def tiers_in(text: str, tiers: list[dict]) -> list[tuple[int, str]]:
    """(position, tier) of each tier named in `text`, in order; the most specific tier wins where two
    overlap (小巨人 inside 专精特新“小巨人”企业 is little_giant, not specialised_sme)."""
    taken: list[tuple[int, int, str]] = []
    for entry in tiers:
        for word in entry["words"]:
            for m in re.finditer(re.escape(word), text):
                if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                    taken.append((m.start(), m.end(), entry["tier"]))
    return sorted((s, tier) for s, _, tier in taken)
