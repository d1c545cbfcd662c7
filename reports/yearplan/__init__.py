"""The yearly-plan file (docs/yearly-plan-format.md): one reporting year as JSON.

`read` checks a file and gives a Plan; `compare` says what importing it would change;
`apply` writes it (reports.services.year_import does both, in one transaction); `export`
writes a year as a file. reports.yearplan.reporttext reads a report in the published
text layout into the same format.
"""
