"""The project's own checks, beyond what Table Schema can express: one module per family.

Each check is a function of the Context that returns problems, never raises on bad data (a value it cannot
use is skipped: frictionless or another check reports it), and declares the problem types it can report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from zjtx import problems as P
from zjtx.checks import (
    cells,
    codelists,
    coverage,
    documents,
    figures,
    obligations,
    responsibilities,
    spans,
    structure,
    translations,
)
from zjtx.checks.context import Context
from zjtx.model import ConfigError
from zjtx.problems import Problem, ProblemType


@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[[Context], list[Problem]]
    raises: tuple[ProblemType, ...]
    # "document": what it reports of a document depends only on that document's rows, text and source and on
    # the package-wide tables (agencies, glossary, codelists), so a validation by part (incremental.py) may
    # run it on the changed documents alone; "package": it reads every document, and always runs on all.
    scope: str = "document"

    def __call__(self, ctx: Context) -> list[Problem]:
        """Run the check; a problem type it does not declare, or data it trips over, becomes check-failed."""
        try:
            found = self.run(ctx)
        except ConfigError as exc:
            return [P.CONFIG_ERROR(str(exc.code).removeprefix("error: ").split(":", 1)[0],
                                   str(exc.code).removeprefix("error: "))]
        except (KeyError, TypeError, ValueError) as exc:
            return [P.CHECK_FAILED("datapackage.json", f"check '{self.name}' could not run: {exc!r}")]
        declared = {t.code for t in self.raises}
        undeclared = sorted({p.code for p in found} - declared)
        if undeclared:
            found.append(P.CHECK_FAILED("datapackage.json", f"check '{self.name}' reported undeclared problem "
                                        f"types {undeclared}", "declare them in zjtx/checks/__init__.py"))
        return found


CHECKS: list[Check] = [
    Check("cells", cells.check_cells,
          (P.CELL_TOO_LONG, P.CONTROL_CHARACTER, P.NOT_ASCII_DIGITS, P.LOOKALIKE_CHARACTER)),
    Check("documents", documents.check_documents,
          (P.UNSAFE_PATH, P.MISSING_FILE, P.CHECKSUM, P.LINE_ENDS_CHANGED, P.NORMALISATION_MISSING,
           P.SOURCE_UNREADABLE, P.EMPTY_SOURCE, P.TEXT_DRIFT, P.REPAIRS_DRIFT)),
    Check("files", documents.check_unreferenced_files, (P.UNREFERENCED_FILE,), scope="package"),
    Check("dates", documents.check_dates, (P.PLAN_YEARS,)),
    Check("provinces", documents.check_provinces, (P.UNKNOWN_PROVINCE,)),
    Check("spans", spans.check_spans, (P.SPAN_RANGE, P.SPAN_MISMATCH, P.QUOTE_MISMATCH)),
    Check("provision-tree", structure.check_provision_tree, (P.ID_DOCUMENT, P.ID_PARENT, P.NESTING, P.ORDER)),
    Check("fact-links", structure.check_fact_links, (P.ID_PROVISION, P.DOCUMENT_MISMATCH, P.OUTSIDE_PROVISION)),
    Check("siblings", structure.check_siblings, (P.DUPLICATE_LABEL, P.SIBLING_OVERLAP)),
    Check("positions", structure.check_positions, (P.DUPLICATE_POSITION, P.POSITION_GAP)),
    Check("target-values", figures.check_target_values, (P.FIGURE_NOT_IN_QUOTE, P.VALUE_MISMATCH)),
    Check("target-wording", figures.check_target_wording, (P.COMPARATOR_WORDING, P.MIN_OVER_MAX, P.TARGET_YEAR)),
    Check("amount-ranges", figures.check_amount_ranges, (P.MIN_OVER_MAX, P.AMOUNT_TYPE_FIGURES)),
    Check("amount-values", figures.check_amount_values,
          (P.FIGURE_NOT_IN_QUOTE, P.AMOUNT_MISMATCH, P.RATIO_MISMATCH, P.NO_FIGURE)),
    Check("number-coverage", coverage.check_number_coverage,
          (P.REDUNDANT_EXCLUSION, P.EXCLUSION_SPAN, P.EXCLUSION_NO_NUMBER, P.UNACCOUNTED_NUMBER, P.UNBOUND_NUMBER)),
    Check("chinese-quantities", coverage.chinese_quantity_warnings, (P.CHINESE_QUANTITY,)),
    Check("responsibilities", responsibilities.check_responsibilities,
          (P.CLAUSE_INCOMPLETE, P.UNIT_NOT_IN_PROVISION, P.MISSING_POLICY_AREA, P.MISSING_INSTRUMENT)),
    Check("agency-use", responsibilities.check_agency_use, (P.AGENCY_UNUSED,), scope="package"),
    Check("lead-units", responsibilities.check_lead_units, (P.LEAD_UNIT_MISSING,)),
    Check("role-basis", responsibilities.check_role_basis, (P.ROLE_BASIS,)),
    Check("agency-regions", responsibilities.check_agency_regions, (P.AGENCY_REGION, P.DUPLICATE_AGENCY)),
    Check("glossary", translations.check_glossary_renderings, (P.GLOSSARY_RENDERING,)),
    Check("translations", translations.check_translations,
          (P.TRANSLATION_NUMBERS, P.TRANSLATION_MISSING, P.TRANSLATION_PENDING)),
    Check("headings-en", translations.check_headings, (P.HEADING_EN_OPENING,)),
    Check("agency-names-en", translations.check_agency_names, (P.AGENCY_NAME_EN,)),
    Check("obligation-words", obligations.check_obligation_words, (P.OBLIGATION_WORD,)),
    Check("codelists", codelists.check_codelists, (P.DUPLICATE_CODE,)),
]
