"""The validation report: typed problems with a location and a hint, rendered for people or as JSON.

Shaped like frictionless' own errors (a code, a message, a location: file, row, field) so that a
contributor reads the project's checks and frictionless' in one report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from zjtx.problems import Problem


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # names of the check groups that ran
    timings: dict[str, float] = field(default_factory=dict)  # seconds per check group (for `make bench`)
    reviewed: int = 0  # warnings hidden because data/reviewed_warnings.csv judges them

    def run(self, name: str, check: Callable[[], list[Problem]]) -> list[Problem]:
        """Run one check group: record its name and wall time, keep its problems, and return them."""
        start = time.perf_counter()
        found = check()
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start
        self.checked.append(name)
        self.extend(found)
        return found

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted_problems(self) -> list[Problem]:
        # Stable, readable order: by file, then row, then code; first-seen order breaks ties.
        return sorted(self.problems, key=lambda p: (p.file, p.row or 0, p.severity != "error", p.code))

    def to_json(self) -> str:
        return json.dumps(
            {"valid": self.ok, "errors": len(self.errors), "warnings": len(self.warnings),
             "reviewed_warnings": self.reviewed, "checks": self.checked,
             "problems": [p.as_dict() for p in self.sorted_problems()]},
            ensure_ascii=False, indent=2,
        )

    def to_text(self, show_warnings: bool = True) -> str:
        lines: list[str] = []
        current = None
        for p in self.sorted_problems():
            if p.severity == "warning" and not show_warnings:
                continue
            if p.file != current:
                current = p.file
                lines.append(f"\n{one_line(p.file)}")
            where = ", ".join(x for x in (f"row {p.row}" if p.row else "", p.field or "") if x)
            lines.append(one_line(f"  {p.severity.upper()} [{p.code}]{' ' + where if where else ''}: {p.message}"))
            if p.value is not None:
                shown = p.value if len(p.value) <= 80 else p.value[:77] + "..."
                lines.append(f"      value: {shown!r}")
            if p.hint:
                lines.append(f"      fix: {one_line(p.hint)}")
        summary = f"{self.summary()}; checks run: {', '.join(self.checked)}"
        return "\n".join([*lines, "", summary]) if lines else summary

    def summary(self) -> str:
        reviewed = f" ({self.reviewed} reviewed in data/reviewed_warnings.csv, not shown)" if self.reviewed else ""
        return (f"{'VALID' if self.ok else 'INVALID'}: {len(self.errors)} error(s), "
                f"{len(self.warnings)} warning(s){reviewed}")


def one_line(text: str) -> str:
    """A message as one line of the report: a line break quoted from a cell is shown as \\n, so no cell's text
    starts a line of its own (where a CI runner would read it as a workflow command)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")
