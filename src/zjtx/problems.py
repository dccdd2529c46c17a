"""The catalogue of every problem the validator can report: one definition per problem type.

Shaped like frictionless-py's error classes: a code, a severity, a title, a description of when it happens,
the general fix and an example. A check creates a problem by calling its type (`QUOTE_MISMATCH(file, message,
hint, row=…)`), so no check can report a code that is not defined here; the contributing guide's table and
the site's problem page are generated from this module, and a test fails when they drift.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem found: its type's code and severity, where it is, what is wrong and how to fix it."""

    code: str
    file: str  # path relative to the package root
    message: str
    hint: str = ""
    row: int | None = None  # as a spreadsheet shows it: the header is row 1
    field: str | None = None
    value: str | None = None
    severity: Severity = "error"
    char_start: int | None = None  # for a problem located in a normalised text: where it starts

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field:
            parts.append(f"field {self.field}")
        return ", ".join(parts)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ProblemType:
    code: str
    severity: Severity
    family: str  # the part of the validator that reports it (files, frictionless, spans …)
    title: str
    description: str  # when it is reported
    fix: str  # the general fix; a problem's own hint is more specific where the check knows more
    example: str  # an example message, as the report shows it

    def __call__(self, file: str, message: str, hint: str = "", *, row: int | None = None,
                 field: str | None = None, value: object = None, char_start: int | None = None) -> Problem:
        return Problem(self.code, file, message, hint or self.fix, row, field,
                       None if value is None else str(value), self.severity, char_start)


CATALOGUE: dict[str, ProblemType] = {}
FAMILIES = {
    "files": "Files and their encoding",
    "frictionless": "Table Schema (frictionless)",
    "package": "Package configuration",
    "cells": "Cells",
    "documents": "Documents, sources and texts",
    "spans": "Quotes and spans",
    "structure": "Ids and structure",
    "figures": "Figures against quotes",
    "coverage": "Number coverage",
    "responsibilities": "Responsibilities and agencies",
    "translations": "Translations and glossary",
    "codelists": "Codelists",
}


def define(code: str, severity: Severity, family: str, title: str, description: str, fix: str,
           example: str) -> ProblemType:
    if code in CATALOGUE:
        raise ValueError(f"problem code {code!r} defined twice")
    if family not in FAMILIES:
        raise ValueError(f"problem {code!r}: unknown family {family!r}")
    problem_type = ProblemType(code, severity, family, title, description, fix, example)
    CATALOGUE[code] = problem_type
    return problem_type


# ---------------------------------------------------------------- files

UTF8_BOM = define("utf8-bom", "error", "files", "Byte-order mark",
                  "A CSV starts with a UTF-8 byte-order mark, as Excel's 'CSV UTF-8' writes it.",
                  "run `make validate FIX=1` to remove it, or save without BOM",
                  "the file starts with a byte-order mark (BOM), as Excel writes it")
ENCODING = define("encoding", "error", "files", "Not UTF-8",
                  "A file cannot be decoded as UTF-8 (often GBK, as Excel on Chinese Windows saves CSV).",
                  "re-save the file as UTF-8 (Excel: 'CSV UTF-8'; or `iconv -f GB18030 -t UTF-8`)",
                  "the file is not valid UTF-8 (byte 118); it looks like GBK/GB18030")
CHARACTERS_LOST = define("characters-lost", "error", "files", "Chinese replaced by question marks",
                         "A file's Chinese text was replaced by '?' (saved in a Western code page): the "
                         "characters are gone from this file and no conversion brings them back.",
                         "restore the file from git (`git checkout -- FILE`) and redo the edit in an editor or "
                         "Excel saving as 'CSV UTF-8'",
                         "12 cells hold runs of '?' where Chinese text was: the data is already lost")
LINE_ENDS = define("line-ends", "error", "files", "CR or CRLF line ends",
                   "A CSV has Windows (CRLF) or old Mac (CR) line ends; the package uses LF.",
                   "run `make validate FIX=1`, or save with LF (Unix) line ends",
                   "the file has CR or CRLF line ends; the package uses LF")
LINE_ENDS_CHANGED = define("line-ends-changed", "error", "files", "Line ends changed by a checkout",
                           "A source or normalised text differs from its recorded hash only in its line ends "
                           "(what git's core.autocrlf does on Windows); spans and hashes are not checked for it.",
                           "restore the bytes: `git config core.autocrlf false`, then `git rm --cached -r -q . && "
                           "git reset --hard`",
                           "the file's line ends differ from the ones it was recorded with")
MERGE_CONFLICT = define("merge-conflict", "error", "files", "Merge conflict",
                        "A file holds git's merge-conflict markers (<<<<<<<, =======, >>>>>>>).",
                        "resolve the conflict: keep one side of each marked block and delete the marker lines",
                        "the file holds unresolved merge-conflict markers (first at line 14)")
MISSING_FILE = define("missing-file", "error", "files", "Missing file",
                      "A resource's CSV, or a document's source or text, does not exist.",
                      "add the file, or correct the path",
                      "text_path points to a file that does not exist")
EMPTY_FILE = define("empty-file", "error", "files", "Empty file", "A CSV has no header row.",
                    "write the header row", "the file is empty")
CSV_SYNTAX = define("csv-syntax", "error", "files", "CSV syntax",
                    "A row cannot be parsed: usually a double quote that is never closed.",
                    "close the quote; a double quote inside a value is doubled (\"\")",
                    "the row cannot be parsed as CSV: unexpected end of data")
CELL_TOO_LONG = define("cell-too-long", "error", "files", "Cell too long",
                       "A cell is longer than the limit every tool can read (131,072 characters).",
                       "split the text; no field of the package needs a cell this long",
                       "a cell in this row has 200,000 characters; the limit is 131,072")
ROW_LENGTH = define("row-length", "error", "files", "Wrong number of cells",
                    "A row has more or fewer cells than the header.",
                    "a comma inside a value must be in double quotes; check for a missing or extra cell",
                    "the row has 2 cells; the header has 6")
BLANK_ROW = define("blank-row", "error", "files", "Blank row", "A row has no value at all.",
                   "delete the empty row", "the row is empty")
RENAMED_COLUMN = define("renamed-column", "error", "files", "Renamed column",
                        "One column is missing and one unknown column is present: a rename.",
                        "rename the column back", "column 'indicator_english' is not in the schema and "
                        "'indicator_en' is missing")
MISSING_COLUMN = define("missing-column", "error", "files", "Missing column",
                        "A column of the schema is missing from the header.", "add the column",
                        "the required column 'note' is missing")
EXTRA_COLUMN = define("extra-column", "error", "files", "Extra column",
                      "The header has a column the schema does not define.",
                      "remove it, or propose the field in schemas/model.yaml", "column 'comment' is not in the schema")
COLUMN_ORDER = define("column-order", "error", "files", "Column order",
                      "The header has the schema's columns in another order.", "order the header as the schema",
                      "the columns are not in the schema's order")
DUPLICATE_COLUMN = define("duplicate-column", "error", "files", "Duplicate column",
                          "A column name appears twice in the header.", "keep one",
                          "column 'note' appears more than once")
UNREFERENCED_FILE = define("unreferenced-file", "error", "files", "File no document references",
                           "A file in data/sources/ or data/texts/ belongs to no row of documents.csv; the release "
                           "ships only files the package references.",
                           "delete the file, or add the document that uses it",
                           "data/sources/notes.txt is not the source or text of any document")
UNSAFE_PATH = define("unsafe-path", "error", "files", "Path outside the package",
                     "A path in the data is absolute, contains '..', or is (or passes through) a symbolic link: "
                     "every file must lie inside the repository's own folders.",
                     "use the path the schema's pattern shows, e.g. data/texts/<document_id>.txt, to a real file",
                     "text_path '/etc/passwd' is not a path inside the package")

# ---------------------------------------------------------------- package configuration

SCHEMA_DRIFT = define("schema-drift", "error", "package", "Generated file out of date",
                      "datapackage.json, a JSON Schema or the generated part of CONTRIBUTING.md does not match "
                      "schemas/model.yaml and the codelists.", "run `make schemas` and commit the result",
                      "this generated file does not match schemas/model.yaml and the codelists")
CONFIG_ERROR = define("config-error", "error", "package", "Unreadable configuration",
                      "A YAML or JSON configuration file (model, settings, descriptor) cannot be parsed.",
                      "correct the file at the line and column given", "line 12, column 3: mapping values are not "
                      "allowed here")
SKIPPED = define("skipped", "warning", "package", "Table Schema check skipped",
                 "Frictionless did not run because some files cannot be read as their schema says; the JSON "
                 "Schemas check the readable tables instead.", "fix the problems above, then validate again",
                 "frictionless validation was skipped because some files cannot be read")
CHECK_FAILED = define("check-failed", "error", "package", "A check could not run",
                      "One of the validator's checks stopped on data it could not read (the cause is reported "
                      "above it) or reported a problem type it does not declare.",
                      "fix the errors reported above and run again", "check 'responsibilities' could not run")
FRICTIONLESS = define("frictionless", "error", "frictionless", "Frictionless error",
                      "Frictionless reported an error this catalogue has no entry for, or could not load the "
                      "package; the message names frictionless' own error type.",
                      "read frictionless' message; `make schemas` regenerates the descriptor",
                      "frictionless could not load the package: …")

# ---------------------------------------------------------------- Table Schema, as frictionless reports it

TYPE_ERROR = define("type-error", "error", "frictionless", "Wrong type",
                    "A value cannot be read as its field's type (integer, number, boolean, date …).",
                    "write the value in the field's type: integers without commas, dates as YYYY-MM-DD, "
                    "booleans as true/false", "Type error in the cell \"2023/01/19\" in row \"4\" and field "
                    "\"issued_date\"")
CONSTRAINT_ERROR = define("constraint-error", "error", "frictionless", "Constraint not met",
                          "A value breaks a constraint of its field: required, pattern, minimum, maximum or a "
                          "codelist.", "see the field on the data dictionary page; the hint names the rule",
                          "The cell \"≥\" in row at position \"6\" and field \"comparator\" does not conform to "
                          "a constraint")
FOREIGN_KEY = define("foreign-key", "error", "frictionless", "Broken reference",
                     "A value that refers to another resource (a provision, an agency, a document) is not there.",
                     "the value must exist in the referenced resource (a typo, or a row missing there?)",
                     "Row at position \"11\" violates the foreign key: for \"agency_id\": values "
                     "\"changchun/no-such-bureau\" not found")
PRIMARY_KEY = define("primary-key", "error", "frictionless", "Duplicate key",
                     "Two rows have the same primary key.",
                     "ids must be unique: give this row a new id (never reuse a published id)",
                     "Row at position \"5\" violates the primary key")
UNIQUE_ERROR = define("unique-error", "error", "frictionless", "Value not unique",
                      "A field that must be unique holds a value another row has.",
                      "values must be unique: give this row a new value",
                      "Row at position \"5\" has unique constraint violation in field \"target_id\"")
MISSING_CELL = define("missing-cell", "error", "frictionless", "Missing cell",
                      "A row ends before the header does.", "fill the cell", "Row at position \"6\" has a missing "
                      "cell in field \"note\"")
EXTRA_CELL = define("extra-cell", "error", "frictionless", "Extra cell",
                    "A row has more cells than the header.", "remove the extra cell or quote the comma",
                    "Row at position \"6\" has an extra value")
JSON_SCHEMA = define("json-schema", "error", "frictionless", "JSON Schema",
                     "A record breaks its JSON Schema (checked where frictionless could not run).",
                     "see schemas/json/<resource>.schema.json", "'TRUE' is not of type 'boolean'")

# ---------------------------------------------------------------- cells

DRAFT_VALUE = define("draft-value", "error", "cells", "Draft marker left",
                     "A cell still holds the TODO that `make new-document` writes where a person must decide.",
                     "write the value (see CONTRIBUTING.md); empty the cell if the field is optional",
                     "title_en still holds the draft marker TODO")
NOT_ASCII_DIGITS = define("not-ascii-digits", "error", "cells", "Digits that are not ASCII",
                          "A number or date is written with full-width (３０００) or other non-ASCII digits: "
                          "frictionless reads them, but pandas, DuckDB and JSON readers see text.",
                          "write the digits 0-9", "value '３０００' has full-width digits; write 3000")
CONTROL_CHARACTER = define("control-character", "error", "cells", "Control character",
                           "A cell holds a control character (NUL, vertical tab, form feed …), usually pasted "
                           "from Word; spreadsheets and XML reject them.", "delete the character",
                           "the cell holds U+000B (vertical tab) at position 12")
LOOKALIKE_CHARACTER = define("lookalike-character", "error", "cells", "Look-alike character",
                             "Chinese text holds a character that looks like a Chinese or ASCII one but is another "
                             "(Cyrillic, Greek, a Kangxi radical, a CJK compatibility ideograph): searches and "
                             "quotes will not match.", "type the intended character",
                             "U+2F2F (KANGXI RADICAL WORK ⼯) at position 3; the intended character is 工 (U+5DE5)")

# ---------------------------------------------------------------- documents, sources and texts

CHECKSUM = define("checksum", "error", "documents", "Hash mismatch",
                  "A source or normalised text does not match the SHA-256 recorded in documents.csv.",
                  "if the file is right, set the hash the hint gives; source files must stay byte-identical to "
                  "what was received", "source_sha256 does not match the SHA-256 of data/sources/x.txt")
NORMALISATION_MISSING = define("normalisation-missing", "error", "documents", "No normalisation entry",
                               "A document has no entry in settings/normalisation.yaml.",
                               "add '<document_id>: {}' to settings/normalisation.yaml and run `make normalise`",
                               "document 'x-2024' has no entry in settings/normalisation.yaml")
SOURCE_UNREADABLE = define("source-unreadable", "error", "documents", "Source cannot be normalised",
                           "A source text cannot be decoded or normalised.", "source texts must be UTF-8",
                           "the source cannot be normalised: …")
EMPTY_SOURCE = define("empty-source", "error", "documents", "Empty source",
                      "A source text is empty or holds only white space or control characters: there is no "
                      "document to read.", "add the real text of the document, or remove the document",
                      "the source text has no visible character")
TEXT_DRIFT = define("text-drift", "error", "documents", "Text is not the normalised source",
                    "A normalised text differs from what normalisation of its source gives.",
                    "never edit data/texts/ by hand: run `make normalise`",
                    "the normalised text is not what normalisation of the source gives")
REPAIRS_DRIFT = define("repairs-drift", "error", "documents", "Repairs out of date",
                       "data/text_repairs.csv differs from what normalisation records.",
                       "never edit data/text_repairs.csv by hand: run `make normalise`",
                       "the rows of hubei-2023 are not what `make normalise` records")
PLAN_YEARS = define("plan-years", "error", "documents", "Plan years out of order",
                    "plan_start_year is after plan_end_year, or effective_from after effective_to.",
                    "swap or correct the years", "plan_start_year 2025 is after plan_end_year 2022")
UNKNOWN_PROVINCE = define("unknown-province", "error", "documents", "Region code of no province",
                          "A document's region_code does not begin with the two digits of a provincial-level "
                          "division of GB/T 2260 (schemas/codelists/province.csv), so the document cannot be "
                          "placed under its province.",
                          "correct region_code to the document's six-digit GB/T 2260 code",
                          "region_code 190100 is in no province (its first two digits, 19, name none)")

# ---------------------------------------------------------------- quotes and spans

SPAN_RANGE = define("span-range", "error", "spans", "Span outside the text",
                    "char_start/char_end do not describe a span inside the text.",
                    "char_start must be < char_end <= the text length",
                    "span [40, 12) is outside the text (length 5440)")
SPAN_MISMATCH = define("span-mismatch", "error", "spans", "Span points elsewhere",
                       "The quote is in the text, but not at the span.", "set the span the hint gives",
                       "quote is in the text, but not at [120, 131) — the span is off by -1")
QUOTE_MISMATCH = define("quote-mismatch", "error", "spans", "Quote not in the text",
                        "The quote does not occur in the normalised text at all.",
                        "copy the quote exactly from data/texts/", "quote does not occur in the normalised text")

# ---------------------------------------------------------------- ids and structure

ID_DOCUMENT = define("id-document", "error", "structure", "Id of another document",
                     "A provision id does not start with its document id.", "use <document_id>/<numbers>",
                     "provision_id does not start with its document_id 'hubei-2023/'")
ID_PARENT = define("id-parent", "error", "structure", "Wrong parent",
                   "parent_id is not the provision id without its last number.",
                   "the id is the parent's id plus one more number", "parent_id should be 'haiyan-2023/2'")
NESTING = define("nesting", "error", "structure", "Child outside its parent",
                 "A provision's span is not inside its parent's.", "check char_start/char_end of both",
                 "the span [10, 90) is not inside its parent's [12, 400)")
ORDER = define("order", "error", "structure", "Out of order",
               "Provisions of a document are not listed in text order with seq 1, 2, 3 ….",
               "renumber seq and order the rows by char_start", "seq should be 12")
SIBLING_OVERLAP = define("sibling-overlap", "error", "structure", "Overlapping provisions",
                         "Two provisions with the same parent have overlapping spans.",
                         "end the first provision where the next one begins",
                         "the span [120, 400) overlaps its sibling changchun-2022/2.1.2 [380, 600)")
DUPLICATE_LABEL = define("duplicate-label", "error", "structure", "Duplicate label",
                         "Two provisions with the same parent carry the same label.",
                         "check the numbering: each item of a list has its own label",
                         "label '2.' is also the label of changchun-2022/2.1.2")
ID_PROVISION = define("id-provision", "error", "structure", "Fact id of another provision",
                      "A target or amount id is not its provision id followed by /tN or /aN.",
                      "use <provision_id>/t1, /t2 … or /a1, /a2 …", "target_id must be the provision_id "
                      "followed by /tN")
DOCUMENT_MISMATCH = define("document-mismatch", "error", "structure", "Document of another provision",
                           "A row's document_id is not the document of its provision.",
                           "use the provision's document_id", "document_id is 'hubei-2023' but the provision "
                           "belongs to 'baotou-2023'")
OUTSIDE_PROVISION = define("outside-provision", "error", "structure", "Quote outside its provision",
                           "A fact's or unit's span is not inside the provision it is linked to.",
                           "link the row to the provision that contains the quote",
                           "the quote's span [10, 20) is outside provision hubei-2023/9 [3000, 3400)")
DUPLICATE_POSITION = define("duplicate-position", "error", "structure", "Duplicate position",
                            "Two rows of one provision share a position (instruments, units).",
                            "number the rows 1, 2, 3 … in order", "position 1 is also used by instrument "
                            "grants_rewards of hubei-2023/9")
POSITION_GAP = define("position-gap", "error", "structure", "Gap in positions",
                      "The positions of a provision's instruments are not 1, 2, 3 … without a gap (a row was "
                      "deleted, or numbered from 2).", "number the rows 1, 2, 3 … in order, without a gap",
                      "the positions of hubei-2023/9 are 2, 3: position 1 is missing")

# ---------------------------------------------------------------- figures against quotes

FIGURE_NOT_IN_QUOTE = define("figure-not-in-quote", "error", "figures", "Figure not in the quote",
                             "value_as_written or figure_as_written is not part of the quote.",
                             "copy the words that state the number from the quote",
                             "value_as_written is not part of the quote")
VALUE_MISMATCH = define("value-mismatch", "error", "figures", "Value not stated",
                        "value or value_max is not a number the quote states (numbers are compared whole: 5 is "
                        "not in 50).", "use the figure exactly as the text gives it",
                        "value 5 is not a number stated in value_as_written '50家'")
AMOUNT_MISMATCH = define("amount-mismatch", "error", "figures", "Amount not stated",
                         "min_cny or max_cny is not a money figure of the quote in yuan.",
                         "convert to integer yuan: 万元 × 10,000, 亿元 × 100,000,000",
                         "min_cny 50 is not a money figure stated in '50万元'")
RATIO_MISMATCH = define("ratio-mismatch", "error", "figures", "Ratio not stated",
                        "ratio_percent is not a percentage the quote states.", "give the percentage as written",
                        "ratio_percent 3 is not a percentage stated in '30%'")
NO_FIGURE = define("no-figure", "error", "figures", "No figure",
                   "figure_as_written states no money figure or percentage.",
                   "an amount row needs a figure in 元/万元/亿元 or %", "figure_as_written states no money figure")
MIN_OVER_MAX = define("min-over-max", "error", "figures", "Lower figure above the upper",
                      "min_cny > max_cny, or value > value_max.", "swap the two figures",
                      "min_cny 1000000 is greater than max_cny 500000")
AMOUNT_TYPE_FIGURES = define("amount-type-figures", "error", "figures", "Figures do not fit the amount type",
                             "A fixed amount needs min_cny = max_cny; a range both ends; a cap max_cny; a floor "
                             "min_cny; a ratio ratio_percent.", "fill the figures the amount type needs",
                             "a fixed amount needs min_cny and max_cny, equal")
COMPARATOR_WORDING = define("comparator-wording", "error", "figures", "Comparator against its wording",
                            "The comparator contradicts the quote's wording (以上/不少于/不低于 → gte, 左右 → approx, "
                            "以下/不超过/以内 → lte).", "set the comparator the wording implies",
                            "comparator 'eq' but the quote says 以上 (gte)")
TARGET_YEAR = define("target-year", "error", "figures", "Year against the quote or plan",
                     "target_year is not a year the quote names, or lies outside the document's plan period.",
                     "use the year the sentence attaches to", "target_year 2035, but the quote says 2021")
UNBOUND_NUMBER = define("unbound-number", "error", "figures", "Number in a quote bound to no row",
                        "A number in a fact's quote is not the value of any row with that quote, nor excluded: "
                        "usually one of several figures in one sentence lost its row.",
                        "add the row that states it, or a number_exclusions row with a reason",
                        "100 in '分别给予20万元、50万元、100万元' is bound to no row (rows sharing the quote: "
                        "baotou-2023/3.4.9/a1, /a2)")

# ---------------------------------------------------------------- number coverage

REDUNDANT_EXCLUSION = define("redundant-exclusion", "warning", "coverage", "Exclusion not needed",
                             "A number_exclusions row names a number that a target or amount quote already covers.",
                             "delete this exclusion row", "the number at 582 is already in a target or amount quote")
EXCLUSION_SPAN = define("exclusion-span", "error", "coverage", "Exclusion span",
                        "An exclusion's char_end or number does not match the number in the text.",
                        "set char_end and number as the hint gives", "the number at 12 is '2023' ending at 16")
EXCLUSION_NO_NUMBER = define("exclusion-no-number", "error", "coverage", "Exclusion of no number",
                             "No number starts where the exclusion says.",
                             "point char_start at the first digit of the number, or delete the row",
                             "no number starts at 13 in hubei-2023")
UNACCOUNTED_NUMBER = define("unaccounted-number", "error", "coverage", "Number not accounted for",
                            "An Arabic-digit number is in no target or amount quote, no provision label, and no "
                            "exclusion.", "add the target or amount it states, or an exclusion with a reason",
                            "number '500' at [1200, 1203) is in no target or amount quote and not excluded")
CHINESE_QUANTITY = define("chinese-quantity", "warning", "coverage", "Chinese-numeral quantity",
                          "A Chinese-numeral quantity next to a measure word (一名, 三年) lies outside every fact "
                          "quote: a person decides whether it is a target.",
                          "if it is a target, add it; otherwise record the judgement in data/reviewed_warnings.csv",
                          "Chinese-numeral quantity '三年' at 844")
REVIEW_STALE = define("review-stale", "error", "coverage", "Review of no warning",
                      "A row of reviewed_warnings matches no warning any more (the text or the check changed).",
                      "delete the row, or correct char_start and value to the warning now shown",
                      "no chinese-quantity warning with value '三年' starts at 845 in qingdao-2018")

# ---------------------------------------------------------------- responsibilities and agencies

CLAUSE_INCOMPLETE = define("clause-incomplete", "error", "responsibilities", "Clause not fully captured",
                           "The units of a responsibility clause (责任单位:… / …按职责分工负责) are not all rows of "
                           "responsibilities, in order.", "add one row per unit in the clause, in order, verbatim",
                           "the responsibility clause of haiyan-2023/2.1.1 is not fully captured")
UNIT_NOT_IN_PROVISION = define("unit-not-in-provision", "error", "responsibilities", "Unit not in its provision",
                               "name_as_written does not occur in the provision's text.",
                               "copy the unit exactly from the clause", "name_as_written does not occur in the "
                               "provision's text")
AGENCY_UNUSED = define("agency-unused", "error", "responsibilities", "Agency never named",
                       "No responsibility names this agency.", "delete the row, or link the responsibilities "
                       "that name it", "no responsibility names this agency")
AGENCY_REGION = define("agency-region", "error", "responsibilities", "Agency of another place",
                       "A unit is linked to an agency of a region that neither is the document's region, contains "
                       "it (a higher level), nor is a national body.",
                       "link the unit to the agency of the document's region (or add that agency)",
                       "agency haiyan/jingxinju (330424) is not of changchun-2022's region 220100 or above it")
DUPLICATE_AGENCY = define("duplicate-agency", "error", "responsibilities", "Duplicate agency",
                          "Two agencies have the same canonical name and region.",
                          "keep one agency row and link every responsibility to it",
                          "agency 长春市财政局 (220100) is also agency changchun/czj")
ROLE_BASIS = define("role-basis", "error", "responsibilities", "Role against what decides it",
                    "A responsibility's role_basis does not fit its role or its clause: lead needs lead_named or "
                    "order_stated, co needs co_named or order_stated, unspecified needs divided_by_duties (the "
                    "clause says 按职责分工) or not_stated.",
                    "set role_basis to what the text says (schemas/codelists/role_basis.csv)",
                    "role 'unspecified' with role_basis 'lead_named'")
LEAD_UNIT_MISSING = define("lead-unit-missing", "error", "responsibilities", "Lead unit named in prose",
                           "The provision names a lead unit in its prose (由…牵头, …要发挥牵头作用, …要统筹做好) "
                           "that has no responsibility row with role lead.",
                           "add a responsibility row for the unit with role lead",
                           "qingdao-2018/4.2 names a lead unit ('牵头') with no lead row")
MISSING_POLICY_AREA = define("missing-policy-area", "error", "responsibilities", "Measure without a policy area",
                             "A measure or safeguard has no policy_area.",
                             "choose one from schemas/codelists/policy_area.csv", "a measure needs a policy_area")
MISSING_INSTRUMENT = define("missing-instrument", "error", "responsibilities", "Measure without an instrument",
                            "A measure or safeguard has no row in provision_instruments.",
                            "add at least one row for it", "measure hubei-2023/9 has no instrument")

# ---------------------------------------------------------------- translations and glossary

GLOSSARY_RENDERING = define("glossary-rendering", "error", "translations", "Term of art rendered another way",
                            "A Chinese field holds a glossary term, and its English counterpart does not use the "
                            "glossary's rendering.", "use the glossary's English rendering (data/glossary.csv)",
                            "heading holds 揭榜挂帅; heading_en does not say 'open competition'")
TRANSLATION_NUMBERS = define("translation-numbers", "error", "translations", "Numbers differ from the Chinese",
                             "The Arabic numbers of a translation are not those of its Chinese text (a 万 or 亿 "
                             "figure may be written in full, with thousands separators or 'million').",
                             "write every number of the Chinese, and no other digit; Chinese numerals as words",
                             "the translation lacks 50 and has 5 that the Chinese does not state")
TRANSLATION_MISSING = define("translation-missing", "error", "translations", "Provision without translation",
                             "A provision has no English translation.",
                             "add a row to data/provision_translations.csv",
                             "provision hubei-2023/9 has no translation")
TRANSLATION_PENDING = define("translation-pending", "warning", "translations", "Translation still to come",
                             "A provision has no English translation, and its document's translation_status is "
                             "pending (the translations may follow the document); each one is counted.",
                             "add its row to data/provision_translations.csv; once every provision has one, set "
                             "the document's translation_status to complete",
                             "provision shilixian-2024/2.1 has no translation yet (translation_status pending)")
OBLIGATION_WORD = define("obligation-word", "warning", "translations", "Obligation word rendered against the rule",
                         "A translation's modal contradicts the rule of settings/obligation_words.csv, as far as a "
                         "machine can decide: a Chinese 应当/不得/必须/原则上 without its rendering (应当 as "
                         "'should'), or 'shall'/'must' where the Chinese has no form they render (要 as 'must').",
                         "render the Chinese modal the table's way (应当 → shall, 要 → is to/are to …)",
                         "hubei-2023/9: the Chinese has 应当 and the translation does not say 'shall'")
AGENCY_NAME_EN = define("agency-name-en", "error", "translations", "Body named another way in a translation",
                        "A provision's translation does not name a body of its responsibility rows by either of "
                        "the registry's English forms (agencies.name_en or name_en_short); collective bodies "
                        "(各县〔市〕区政府), whose English follows the sentence, are not checked.",
                        "write the registry's name (data/agencies.csv name_en_short where the place is "
                        "understood), or correct the registry's name",
                        "hubei-2023/9 names hubei/cbirc-hubei-bureau; the translation says neither 'Hubei Regulatory "
                        "Bureau of the China Banking and Insurance Regulatory Commission' nor its short form")
HEADING_EN_OPENING = define("heading-en-opening", "error", "translations", "English heading differs from the text",
                            "A provision's heading_en is not the heading its English translation opens with "
                            "(the translation starts with heading_en, then a full stop, a line break or its end).",
                            "make heading_en and the opening of text_en the same words",
                            "heading_en 'Widen the base' is not how the translation opens: 'Lay a solid foundation…'")

# ---------------------------------------------------------------- codelists

DUPLICATE_CODE = define("duplicate-code", "error", "codelists", "Duplicate or empty code",
                        "A codelist has an empty code or the same code twice.",
                        "each code must be unique and filled; then run `make schemas`",
                        "code 'lead' is empty or not unique")


def frictionless_type(error_type: str) -> ProblemType | None:
    """The catalogue's type for a frictionless error type (None: report it as FRICTIONLESS)."""
    return CATALOGUE.get(error_type)
