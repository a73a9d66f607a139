"""Probe ``data_table`` (WCAG 1.3.1): a table of data tells a screen reader which header goes with each cell.

Reads ``dom.markup.tables`` (shape, header cells, caption, what the cells hold). All ``review``: whether a
table holds data or only lays things out is a judgement.

- a grid of short text (2+ rows and columns, most cells filled, no form fields, headings, lists or nested
  tables, not role="presentation") with no header cell at all: nothing ties each value to what it is;
- a data table (one with header cells) nested inside another: its cells lose the outer headers, and screen
  readers announce the two tables inconsistently;
- a data table with headers both along the top and down the side and no ``scope`` or ``headers``
  attributes: which header applies is left to the screen reader's guess (technique H63);
- otherwise, a data table with no caption or accessible name: in a list of tables it is just "table".

One ``fail``, from ``axtree`` (its table and grid nodes' ``dom.unassigned_headers``): a header cell that no cell
of its table is assigned to (ACT rule d0f69e, by the HTML table model: a cell's ``headers`` attribute, else the
header cells above it and to its left as their ``scope`` allows), in a table that has data cells. A screen
reader offers it as the header of nothing: a column header with no column, or a cell that names another header
instead of it.
"""

from __future__ import annotations

from auditor.findings import Finding
from auditor.probes.base import AuditParams, ProbeMeta, records

META = ProbeMeta(
    id="data_table",
    summary="tables of data with no header cells, nested tables, two-way headers without scope, no caption",
    title="Data tables have headers a screen reader can use",
    failure_title="Data tables do not say which header goes with each cell",
    wcag=("1.3.1",),
    personas=("ashleigh",),
    impact="moderate",
    fix="Mark the header cells with <th> (scope=\"col\" along the top, scope=\"row\" down the side), give the "
        "table a <caption>, and do not put one data table inside another; if it only lays things out, use CSS "
        "instead of a table, or role=\"presentation\".",
    artifacts=("dom", "axtree"),
    why={"ashleigh": "Moving through a table cell by cell, she hears each header with the value, or only the "
                     "value with nothing to say what it is."},
)

MAX_AVG_CHARS = 80  # a grid of short values, not a layout table holding paragraphs


def _int(table: dict, key: str) -> int:
    value = table.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _looks_like_data(table: dict) -> bool:
    cells = _int(table, "cells")
    return (_int(table, "rows") >= 2 and _int(table, "cols") >= 2 and cells > 0
            and _int(table, "filled") * 4 >= cells * 3 and _int(table, "avg_chars") <= MAX_AVG_CHARS
            and not _int(table, "controls") and not _int(table, "blocks") and not _int(table, "nested_tables"))


def _finding(table: dict, key: str, message: str) -> Finding:
    return META.finding("review", message, selector=table.get("selector", ""), snippet=table.get("snippet", ""),
                        role="table", name=str(table.get("text") or "")[:80], key=key,
                        evidence={k: table.get(k) for k in ("rows", "cols", "headers", "named", "scoped")})


def _unassigned(artifacts: dict) -> list[Finding]:
    findings = []
    for node in records(artifacts, "axtree", "nodes") or []:
        lone = (node.get("dom") or {}).get("unassigned_headers") or []
        for cell in lone:
            if not isinstance(cell, dict):
                continue
            text = " ".join(str(cell.get("text") or "").split())
            findings.append(META.finding(
                "fail", f"{{who}} finds the header '{text}' in this table, but no cell belongs to it: no column "
                        "or row of data under it, or its cells name other headers instead",
                selector=cell.get("selector", ""), role=str(cell.get("role") or "columnheader"), name=text[:80],
                key="unassigned",
                fix="Remove the header cell, give it the cells it heads, or name it in those cells' headers "
                    "attributes.", wcag=["1.3.1"],
                evidence={"table": node.get("selector", "")}))
    return findings


def check(artifacts: dict, params: AuditParams) -> list[Finding]:
    findings = _unassigned(artifacts)
    tables = records(artifacts, "dom", "markup", "tables")
    if tables is None:
        return findings
    for table in tables:
        if str(table.get("role") or "").lower() in ("presentation", "none"):
            continue
        shape = f"{_int(table, 'rows')} rows by {_int(table, 'cols')} columns"
        if not _int(table, "headers"):
            if _looks_like_data(table):
                findings.append(_finding(table, "no-headers", f"{{who}} hears the cells of a {shape} table one "
                                         "by one with no header to say what each value is"))
            continue
        if table.get("inside_data_table"):
            findings.append(_finding(table, "nested", "{who} meets a data table inside a cell of another data "
                                     "table: its cells lose the outer table's headers, and screen readers "
                                     "announce the two tables inconsistently"))
        elif table.get("column_headers") and table.get("row_headers") and not table.get("scoped"):
            findings.append(_finding(table, "two-way", f"{{who}} may hear the wrong header in this {shape} "
                                     "table: it has headers along the top and down the side, and no scope "
                                     "attributes to say which way each one reads"))
        elif not table.get("named") and not _int(table, "nested_tables"):
            findings.append(_finding(table, "no-caption", f"{{who}} hears just 'table, {shape}': the data "
                                     "table has no caption to say what it holds"))
    return findings
