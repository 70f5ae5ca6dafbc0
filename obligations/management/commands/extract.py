"""`manage.py extract FILE... [--format table|json]`: what the extractor finds in contract files.

The default is a readable table per document (title, law, dates, term, then one aligned row per
obligation); `--format json` prints the JSON of ../shared/docs/extraction-format.md. A file that
cannot be read (empty, binary, damaged or encrypted PDF, zip bomb, too large) or that is not in
English gets one line on stderr; the other files are still extracted and printed, and the
command ends with exit status 1. No traceback is ever shown.

Files are extracted in parallel, one worker process per core, and printed in the order given.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from obligations.extraction.model import ReadError
from obligations.extraction.pipeline import extract_path, extraction_to_json

# Fewer files than this are extracted in this process: starting workers would cost more.
_PARALLEL_FROM = 4


def _extract_one(path: str) -> dict[str, Any]:
    """The JSON of one file, or {"source", "error"}; never raises (it runs in a worker)."""
    try:
        extraction = extract_path(path)
    except ReadError as error:
        return {"source": path, "error": " ".join(str(error).split())}
    except MemoryError:
        return {"source": path, "error": f"{path} is too large to extract in memory; split it."}
    except Exception as error:  # a bug must not hide the other files' results
        name = type(error).__name__
        return {
            "source": path,
            "error": f"{path} could not be extracted (internal error {name}: {error}); "
            "please report it with the file.",
        }
    result = extraction_to_json(extraction)
    language = extraction.document.language
    result["problem"] = language is not None and language != "en"
    return result


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _results(paths: list[str]) -> Iterator[dict[str, Any]]:
    workers = min(os.cpu_count() or 1, len(paths))
    parallel = "fork" in multiprocessing.get_all_start_methods()
    if len(paths) < _PARALLEL_FROM or workers < 2 or not parallel:
        yield from map(_extract_one, paths)
        return
    # Forked workers inherit the loaded extractor; results come back in the order given.
    done = 0
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    try:
        # The largest files go first, so that no worker is left with a big one at the end.
        futures = {
            index: pool.submit(_extract_one, paths[index])
            for index in sorted(range(len(paths)), key=lambda i: -_size(paths[i]))
        }
        for index in range(len(paths)):
            yield futures[index].result()
            done += 1
    except BrokenProcessPool:
        # A worker died (killed, out of memory): the rest are extracted here, one by one.
        yield from map(_extract_one, paths[done:])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # also when the output is abandoned


def _cell(value: object, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table(document: dict[str, Any]) -> str:
    """A readable summary of one document's JSON."""
    lines = [f"== {document['source']}"]
    lines.append(f"Title:    {document.get('title') or '-'}")
    law = document.get("governing_law") or "-"
    calendars = ", ".join(document.get("calendars") or []) or "-"
    lines.append(f"Law:      {law}    Holiday calendars: {calendars}")
    dates = document.get("dates") or []
    lines.append(
        "Dates:    " + ("; ".join(f"{d['kind']} {d['date']}" for d in dates) if dates else "-")
    )
    term = document.get("term") or {}
    auto = {True: "yes", False: "no", None: "-"}[term.get("auto_renews")]
    lines.append(
        f"Term:     initial {term.get('initial_term') or '-'}, renewal "
        f"{term.get('renewal_term') or '-'}, auto-renews {auto}, notice "
        f"{term.get('notice_period') or '-'}"
    )
    obligations = document.get("obligations") or []
    lines.append(f"Obligations: {len(obligations)}")
    if obligations:
        columns = (
            ("Clause", "clause_ref", 12),
            ("Party", "party", 8),
            ("Period", "period", 16),
            ("Relation", "relation", 8),
            ("Anchor", "anchor", 20),
            ("Summary", "summary", 70),
        )
        rows = [[_cell(ob.get(key), width) for _, key, width in columns] for ob in obligations]
        widths = [
            max([len(title)] + [len(row[i]) for row in rows])
            for i, (title, _, _) in enumerate(columns)
        ]
        header = [title for title, _, _ in columns]
        for row in [header, ["-" * w for w in widths], *rows]:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


class Command(BaseCommand):
    help = (
        "Extract clauses, obligations and contract facts (law, dates, term) from contract files "
        "(.txt, .md, .html, .pdf, .docx) and print them as a table or as JSON."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="contract files")
        parser.add_argument(
            "--format",
            choices=("table", "json"),
            default="table",
            help="a readable table (default) or JSON as in extraction-format.md",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [os.fspath(path) for path in options["files"]]
        documents: list[dict[str, Any]] = []
        failed = False
        try:
            for result in _results(paths):
                if "error" in result:
                    failed = True
                    self.stderr.write(result["error"])
                    documents.append(result)
                    continue
                failed = failed or bool(result.pop("problem", False))
                name = os.path.basename(result["source"])
                for warning in result.get("warnings") or []:
                    self.stderr.write(f"{name}: {warning}")
                documents.append(result)
                if options["format"] == "table":
                    self.stdout.write(render_table(result) + "\n")
            if options["format"] == "json":
                self.stdout.write(
                    json.dumps({"documents": documents}, ensure_ascii=False, indent=1)
                )
            self.stdout.flush()
        except KeyboardInterrupt:
            self.stderr.write("Interrupted; nothing more was extracted.")
            sys.exit(130)
        except BrokenPipeError:
            # the reader of the output went away (`| head`): stop quietly, as other tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        if failed:
            sys.exit(1)
