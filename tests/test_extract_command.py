"""`manage.py extract`: the JSON shape, the readable table, and one stderr line with a non-zero
exit status for each class of bad input while the other files are still extracted."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from obligations.extraction.pipeline import detect_title

REPO = Path(__file__).resolve().parents[1]

CONTRACT = """HOSTING SERVICES AGREEMENT

This Hosting Services Agreement (the "Agreement") is made as of March 5, 2021 between Nimbus
Hosting Ltd. (the "Provider") and Orchard Foods Inc. (the "Customer").

1. Term

This Agreement shall commence on the Effective Date and continue for an initial term of one (1)
year. This Agreement shall automatically renew for successive one (1) year periods unless either
party gives written notice of non-renewal at least sixty (60) days prior to the end of the
then-current term.

2. Fees

The Customer shall pay each invoice within thirty (30) days after receipt.

3. Governing Law

This Agreement shall be governed by the laws of the State of New York. Support is not provided
on New York banking holidays.
"""

GERMAN = (
    "Dieser Vertrag unterliegt dem Recht der Bundesrepublik Deutschland. Der Kunde ist "
    "verpflichtet, jede Rechnung innerhalb von dreißig Tagen nach Erhalt zu bezahlen. Die "
    "Kündigungsfrist beträgt drei Monate zum Ende der Vertragslaufzeit. Der Anbieter wird den "
    "Kunden über Änderungen mit einer Frist von sechs Wochen informieren und die Daten nach der "
    "Beendigung des Vertrages löschen, soweit keine gesetzlichen Aufbewahrungspflichten bestehen.\n"
)


@pytest.mark.parametrize(
    ("text", "reader_title", "title"),
    [
        ("x", "Terms of Service", "Terms of Service"),
        (
            "Exhibit 10.2\n\nExecution Version\n\nSUPPLY AGREEMENT\n\nThis ...",
            "Exhibit 10.2",
            "SUPPLY AGREEMENT",
        ),
        (
            "EXECUTION VERSION STRATEGIC ALLIANCE AGREEMENT This Agreement is made ...",
            None,
            "STRATEGIC ALLIANCE AGREEMENT",
        ),
        ("Exhibit 99\n\n1. LICENSE\n\nThe licensor grants a licence.", "Exhibit 99", None),
        ("The Customer shall pay the fees under this Agreement.", None, None),
    ],
)
def test_titles(text: str, reader_title: str | None, title: str | None) -> None:
    assert detect_title(text, reader_title) == title


def run(*paths: Path | str, output: str | None = None) -> tuple[int, str, str]:
    """Call the command in this process: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    args = [str(path) for path in paths] + ([f"--format={output}"] if output else [])
    try:
        call_command("extract", *args, stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    return status, out.getvalue(), err.getvalue()


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def contract(tmp_path: Path) -> Path:
    path = tmp_path / "hosting.txt"
    path.write_text(CONTRACT, encoding="utf-8")
    return path


def _pdf_bytes() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 8, "The Customer shall pay each invoice within thirty (30) days.")
    return bytes(pdf.output())


def bad_files(folder: Path) -> dict[str, Path]:
    """One file of each bad-input class."""
    files = {name: folder / name for name in (
        "empty.txt", "binary.txt", "truncated.pdf", "encrypted.pdf", "bomb.docx", "huge.txt",
        "german.txt",
    )}  # fmt: skip
    files["empty.txt"].write_bytes(b"")
    files["binary.txt"].write_bytes(bytes(range(256)) * 64)
    data = _pdf_bytes()
    files["truncated.pdf"].write_bytes(data[: len(data) // 2])
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(data)))
    writer.encrypt("secret")
    with files["encrypted.pdf"].open("wb") as stream:
        writer.write(stream)
    with zipfile.ZipFile(files["bomb.docx"], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + bytes(16 * 1024 * 1024))
    with files["huge.txt"].open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB without using the disk
    files["german.txt"].write_text(GERMAN, encoding="utf-8")
    return files


def test_json_has_the_documented_shape(contract: Path) -> None:
    status, out, err = run(contract, output="json")
    assert (status, err) == (0, "")
    (document,) = json.loads(out)["documents"]
    assert document["source"] == str(contract)
    assert document["title"] == "HOSTING SERVICES AGREEMENT"
    assert document["governing_law"] == "US-NY"
    assert document["calendars"] == ["US-NY"]
    assert {"kind": "signed", "date": "2021-03-05"} in [
        {"kind": d["kind"], "date": d["date"]} for d in document["dates"]
    ]
    assert all(set(d) >= {"kind", "date", "quote"} for d in document["dates"])
    term = document["term"]
    assert (term["initial_term"], term["renewal_term"], term["auto_renews"]) == (
        "1 years",
        "1 years",
        True,
    )
    assert term["notice_period"] == "60 days"
    assert [c["ref"] for c in document["clauses"]] == ["", "1", "2", "3"]
    assert all(set(c) >= {"ref", "heading", "kinds"} for c in document["clauses"])
    keys = {"clause_ref", "quote", "party", "kind", "summary", "period", "relation", "anchor",
            "recurrence"}  # fmt: skip
    assert document["obligations"]
    assert all(set(ob) >= keys for ob in document["obligations"])
    payment = next(ob for ob in document["obligations"] if ob["period"] == "30 days")
    assert (payment["clause_ref"], payment["party"], payment["relation"]) == (
        "2",
        "customer",
        "after",
    )
    assert "thirty (30) days" in payment["quote"]


def test_table_is_the_default_and_aligns_obligations(contract: Path) -> None:
    status, out, err = run(contract)
    assert (status, err) == (0, "")
    assert f"== {contract}" in out
    assert "Title:    HOSTING SERVICES AGREEMENT" in out
    assert "Law:      US-NY" in out
    assert "signed 2021-03-05" in out
    assert "initial 1 years, renewal 1 years, auto-renews yes, notice 60 days" in out
    all_lines = out.splitlines()
    at = next(i for i, line in enumerate(all_lines) if line.split()[:1] == ["Clause"])
    header, rule, *rows = all_lines[at:]
    assert header.split() == ["Clause", "Party", "Period", "Relation", "Anchor", "Summary"]
    assert set(rule.replace(" ", "")) == {"-"}
    # every column starts where its rule of dashes starts, in the header and in every row
    starts = [match.start() for match in re.finditer(r"-+", rule)]
    assert [header[start:].split()[0] for start in starts] == header.split()
    for row in rows:
        assert all(row[start - 1] == " " for start in starts[1:] if start < len(row))
    assert any("customer" in row and "30 days" in row and "after" in row for row in rows)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("truncated.pdf", "truncated"),
        ("encrypted.pdf", "encrypted"),
        ("bomb.docx", "zip bomb"),
        ("huge.txt", "200 MB"),
        ("german.txt", "German"),
        ("missing.txt", "does not exist"),
    ],
)
def test_each_bad_input_gives_one_line_and_a_failing_status(
    tmp_path: Path, contract: Path, name: str, words: str
) -> None:
    bad = bad_files(tmp_path).get(name, tmp_path / name)
    status, out, err = run(bad, contract, output="json")
    assert status == 1
    assert len(lines(err)) == 1
    assert words in err
    assert name in err
    assert "Traceback" not in err + out
    documents = json.loads(out)["documents"]
    assert [d["source"] for d in documents] == [str(bad), str(contract)]
    assert documents[1]["governing_law"] == "US-NY"  # the good file is still extracted


def test_every_bad_input_at_once_in_a_real_process(tmp_path: Path, contract: Path) -> None:
    files = bad_files(tmp_path)
    command = [sys.executable, "manage.py", "extract", *map(str, files.values()), str(contract)]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines(result.stderr)) == len(files)
    for name in files:
        assert sum(name in line for line in lines(result.stderr)) == 1
    assert f"== {contract}" in result.stdout  # the table of the good file
    assert "auto-renews yes" in result.stdout


def test_many_files_keep_their_order(tmp_path: Path) -> None:
    paths = []
    for number in range(6):
        path = tmp_path / f"contract{number}.txt"
        path.write_text(CONTRACT.replace("New York", "Texas" if number % 2 else "New York"))
        paths.append(path)
    status, out, _ = run(*paths, output="json")
    documents = json.loads(out)["documents"]
    assert status == 0
    assert [d["source"] for d in documents] == [str(p) for p in paths]
    assert [d["governing_law"] for d in documents] == ["US-NY", "US-TX"] * 3


def test_a_file_name_is_required() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "extract"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "FILE" in result.stderr


def test_output_cut_short_by_its_reader_shows_no_traceback(tmp_path: Path) -> None:
    paths = []
    for number in range(40):
        path = tmp_path / f"contract{number}.txt"
        path.write_text(CONTRACT, encoding="utf-8")
        paths.append(str(path))
    process = subprocess.Popen(
        [sys.executable, "manage.py", "extract", *paths, "--format", "json"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100).startswith(b"{")
    process.stdout.close()  # like `| head -c 100`
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
