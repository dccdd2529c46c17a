"""Obligation words: a translation renders the strength of the Chinese modal the way settings/obligation_words.csv
says (应当 → shall, 必须 → must, 要 → is to, 鼓励 → encourage, 可 → may …).

Only what a machine can decide is checked, as warnings:
- a form marked `required` (it is always the modal: 应当, 不得, 必须, 原则上) in the Chinese, and none of its
  renderings in the English — 应当 read as "should" is the case this exists for;
- a rendering marked `reserved` (shall, must) in the English, and no form it renders in the Chinese — "must"
  for 要 overstates a directive.
A form that is also part of other words (要 in 重要, 可 in 可持续) is neither: the table still says how to render
it, for the translator.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from zjtx import problems as P
from zjtx.checks.context import Context
from zjtx.model import ConfigError
from zjtx.outline import own_texts
from zjtx.problems import Problem

FIELDS = ["form", "renderings", "required", "reserved", "note"]
BOOLEANS = {"true": True, "false": False}


@dataclass(frozen=True)
class Rule:
    form: str
    renderings: tuple[str, ...]
    required: bool
    reserved: bool


def parse_rules(content: str, rel: str) -> list[Rule]:
    """The rules of the table; a malformed row is a ConfigError that names the file and row."""
    reader = csv.DictReader(io.StringIO(content))
    if reader.fieldnames != FIELDS:
        raise ConfigError(f"error: {rel}: the header must be {','.join(FIELDS)}")
    rules = []
    for row_no, row in enumerate(reader, start=2):
        try:
            renderings = json.loads(row["renderings"] or "")
        except ValueError:
            renderings = None
        ok = (isinstance(renderings, list) and renderings and all(isinstance(r, str) and r.strip() for r in renderings)
              and row["form"] and row["required"] in BOOLEANS and row["reserved"] in BOOLEANS)
        if not ok:
            raise ConfigError(f"error: {rel}: row {row_no}: needs a form, renderings as a JSON array of English "
                              "words, and required/reserved as true or false")
        rules.append(Rule(row["form"], tuple(renderings), BOOLEANS[row["required"]], BOOLEANS[row["reserved"]]))
    return rules


def load_rules(ctx: Context) -> list[Rule]:
    path = ctx.layout.settings / "obligation_words.csv"
    rel = ctx.layout.rel(path)
    try:
        return parse_rules(path.read_text(encoding="utf-8-sig"), rel)  # Excel saves CSV with a BOM
    except FileNotFoundError as exc:
        raise ConfigError(f"error: {rel} is missing") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"error: {rel} is not UTF-8 (byte {exc.start})") from exc


def times(english: str, words: str) -> int:
    """How often the English uses these words (whole words, any case)."""
    return len(re.findall(r"(?<![A-Za-z])" + r"\s+".join(map(re.escape, words.split())) + r"(?![A-Za-z])", english,
                          re.IGNORECASE))


def says(english: str, words: str) -> bool:
    return times(english, words) > 0


def first_word(rendering: str) -> str:
    return rendering.split()[0].lower()


def contradictions(rules: list[Rule], zh: str, en: str) -> list[str]:
    """What the English does against the rules, in words (empty when nothing decidable is wrong)."""
    found = []
    for rule in rules:
        if rule.required and rule.form in zh and not any(says(en, r) for r in rule.renderings):
            wanted = " or ".join(repr(r) for r in rule.renderings)
            found.append(f"the Chinese has {rule.form} and the translation does not say {wanted}")
    # each occurrence of a required form needs its reserved word: two 应当 and one 不得 are three "shall"s
    strict = [rule for rule in rules if rule.required and rule.reserved]
    for word in sorted({first_word(r) for rule in strict for r in rule.renderings}):
        held = [(rule.form, zh.count(rule.form)) for rule in strict
                if rule.form in zh and any(first_word(r) == word for r in rule.renderings)]
        needed, have = sum(n for _, n in held), times(en, word)
        if have and have < needed:
            listed = ", ".join(f"{form} ×{n}" for form, n in held)
            found.append(f"the Chinese has {listed} and the translation says {word!r} {have} time(s), not {needed}")
    reserved = {first_word(r) for rule in rules if rule.reserved for r in rule.renderings}
    for word in sorted(reserved):
        forms = [rule.form for rule in rules if any(first_word(r) == word for r in rule.renderings)]
        if says(en, word) and not any(f in zh for f in forms):
            found.append(f"the translation says {word!r}, which renders {'/'.join(forms)}, and the Chinese has none")
    return found


def check_obligation_words(ctx: Context) -> list[Problem]:
    table = ctx.tables.get("provision_translations")
    if table is None:
        return []
    rules = load_rules(ctx)
    own = own_texts(ctx.rows("provisions"))
    problems = []
    for row_no, row in table.numbered():
        zh = own.get(row["provision_id"])
        if zh is None:
            continue  # a foreign-key error
        for said in contradictions(rules, zh, row.get("text_en", "")):
            problems.append(P.OBLIGATION_WORD(table.path, f"{row['provision_id']}: {said}",
                                              row=row_no, field="text_en", value=row["provision_id"]))
    return problems
