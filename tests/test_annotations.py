"""The report on a pull request: on GitHub Actions `zjtx validate` annotates each problem at its line of the
diff and writes a summary for the job's page; no contributed text can start a workflow command."""

from __future__ import annotations

import json
import re

from zjtx import cli
from zjtx.annotations import Where, cell_starts, escape_data, escape_property, record_lines, text_position

# a workflow command as the runner reads it: a line starting (after spaces) with ::
COMMAND = re.compile(r"^::(?P<kind>[a-z-]+)(?: (?P<props>[^:]*))?::(?P<message>.*)$")
HOSTILE = "TRUE\n::add-mask::secret\r\n::set-output name=leak::1\n%0A::error::forged"


def decode(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def commands(output: str) -> list[dict]:
    """Every line of the output the runner would act on, parsed; its properties decoded."""
    found = []
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            m = COMMAND.match(line.lstrip())
            assert m, f"a line the runner would read as a malformed command: {line!r}"
            props = dict(kv.split("=", 1) for kv in (m["props"] or "").split(",") if kv)
            found.append({"kind": m["kind"], **{k: decode(v) for k, v in props.items()},
                          "message": decode(m["message"])})
    return found


def validate_on_github(root, monkeypatch, capsys, *args: str) -> tuple[int, str, str, str]:
    summary = root / "step-summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code = cli.main(["validate", "--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_escaping_follows_the_workflow_command_format():
    assert escape_data("50% done\r\n::x") == "50%25 done%0D%0A::x"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_record_lines_follow_quoted_line_breaks():
    text = 'a,b\n1,"two\nlines"\n\n3,x\n"4"x,y\n5,z\n'
    # header, row 2 (two lines), blank row 3, row 4, row 5 which cannot be parsed: nothing after it
    assert record_lines(text) == [1, 2, 4, 5, 6]
    assert cell_starts('x,"a,""b""",z') == [0, 2, 12]
    assert text_position("ab\ncd\nef", 4) == Where(2, 2)


def test_each_problem_annotated_at_its_physical_line(package_copy, edit_rows, monkeypatch, capsys):
    def damage(rows):
        rows[0]["note"] = "a note\nover three\nlines"  # row 2 spans lines 2-4: every later row moves down 2
        rows[5]["collective"] = "TRUE"  # row 7, on line 9
    edit_rows("data/agencies.csv", damage)
    code, out, err, summary = validate_on_github(package_copy, monkeypatch, capsys)
    assert code == 1 and "Traceback" not in out + err
    (bad,) = [c for c in commands(out) if c["file"] == "data/agencies.csv"]
    assert bad["kind"] == "error" and bad["title"] == "type-error" and bad["line"] == "9"
    line = (package_copy / "data/agencies.csv").read_text(encoding="utf-8").split("\n")[8]
    assert line[int(bad["col"]) - 1:].startswith("TRUE,"), "col points at the cell"
    assert "row 7" in out and "true or false" in bad["message"] and " — " in bad["message"]
    # the summary: the verdict, counts by code with the fix, the problems with line and row
    assert "INVALID" in summary and "| `type-error` | error | 1 |" in summary
    assert "| data/agencies.csv | 9 | 7 | collective | `type-error` |" in summary


def test_one_annotation_per_problem_and_text_spans_at_their_line(package_copy, edit_rows, monkeypatch, capsys):
    removed = {}

    def drop(rows):
        removed.update(rows[0])
        return rows[1:]
    edit_rows("data/number_exclusions.csv", drop)
    edit_rows("data/agencies.csv", lambda rows: rows[1].update(collective="yes"))
    code, out, err, _ = validate_on_github(package_copy, monkeypatch, capsys, "--json")
    problems = json.loads(out)["problems"]  # with --json the annotations go to stderr
    found = commands(err)
    assert code == 1 and len(found) == len(problems) >= 2
    assert sorted((c["file"], c["title"], c["kind"]) for c in found) == \
        sorted((p["file"], p["code"], p["severity"]) for p in problems)
    assert [c["kind"] for c in found] == sorted((c["kind"] for c in found), key=lambda k: k != "error")
    (number,) = [c for c in found if c["title"] == "unaccounted-number"]
    text = (package_copy / number["file"]).read_text(encoding="utf-8")
    start = int(removed["char_start"])
    assert number["file"] == f"data/texts/{removed['document_id']}.txt"
    assert (int(number["line"]), int(number["col"])) == (text.count("\n", 0, start) + 1,
                                                         start - text.rfind("\n", 0, start))
    assert text.split("\n")[int(number["line"]) - 1][int(number["col"]) - 1:].startswith(removed["number"])


def test_hostile_cell_cannot_start_a_workflow_command(package_copy, edit_rows, monkeypatch, capsys):
    def damage(rows):
        rows[3]["collective"] = HOSTILE
        rows[4]["note"] = HOSTILE
    edit_rows("data/agencies.csv", damage)

    def hostile_column():  # a header cell too (an extra column is reported by its name), in another file
        path = package_copy / "data/glossary.csv"
        head, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(f'{head},"{HOSTILE}"\n{rest}', encoding="utf-8")
    for step in (lambda: None, hostile_column):
        step()
        for extra in ((), ("--json",)):
            code, out, err, summary = validate_on_github(package_copy, monkeypatch, capsys, *extra)
            assert code == 1 and "Traceback" not in out + err
            found = commands(out + "\n" + err)
            assert found and {c["kind"] for c in found} <= {"error", "warning"}, "only annotations"
            assert all(set(c) >= {"file", "title", "message"} for c in found)
            assert any("::add-mask::secret" in c["message"] for c in found), "the text is kept, in its message"
            for line in (out + "\n" + err).splitlines():
                assert not re.match(r"\s*::(add-mask|set-output|stop-commands)", line), line
            assert "<" not in summary


def test_summary_escapes_contributed_text(package_copy, edit_rows, monkeypatch, capsys):
    edit_rows("data/agencies.csv", lambda rows: rows[2].update(collective="<img src=x onerror=alert(1)>|x"))
    code, _, _, summary = validate_on_github(package_copy, monkeypatch, capsys)
    assert code == 1 and "<img" not in summary and "&lt;img" in summary
    row = next(line for line in summary.splitlines() if "&lt;img" in line)
    assert row.count("|") == 8, "a | in a cell does not add a column"


def test_valid_package_summary_and_no_annotations(package_copy, monkeypatch, capsys):
    code, out, _, summary = validate_on_github(package_copy, monkeypatch, capsys)
    assert code == 0 and not commands(out) and "VALID" in summary and "No problems" in summary


def test_no_annotations_off_github(package_copy, edit_rows, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    edit_rows("data/agencies.csv", lambda rows: rows[1].update(collective=HOSTILE))
    assert cli.main(["validate", "--root", str(package_copy)]) == 1
    out = capsys.readouterr().out
    assert not commands(out) and "::add-mask::secret" in out  # shown, on the line of its problem
