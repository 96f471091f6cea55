"""How large a report may be, declared once: every bound gencli puts on what it reads.

A real report is a few hundred values and a few tens of KB; a hostile or mistaken file within
the byte limit could still hold millions of values or a table of 40,000 columns, and building
those (positions, schema errors, document tables) took minutes and gigabytes. Each bound here is
far above any real report, is checked before the expensive step, and is refused with a message
that names it (README, 拒绝的输入).
"""

from __future__ import annotations

MAX_BYTES = 10 * 1024 * 1024
"""A report file, a template, a git blob: a real report is a few hundred KB."""

MAX_NODES = 30_000
"""Keys, values and list items in one report (the Fujian examples have about 320): bounds the
round-trip reader, the schema checks and the positions of findings."""

MAX_LISTED = 200
"""Findings listed for one file; the rest are counted in one closing line."""

MAX_TABLE_COLUMNS = 30
"""Columns of a Markdown table in a narrative (an A4 page holds about 15 readable ones)."""

MAX_TABLE_ROWS = 1_000
"""Rows of one Markdown table in a narrative."""

MAX_TABLE_CELLS = 20_000
"""Cells of all the Markdown tables of one report (about a second of building)."""

MAX_MARKDOWN_NESTING = 20
"""Nesting levels of Markdown blocks: markdown-it stops building below this level (its
`maxNesting`), so text nested deeper would vanish from both outputs; it is refused instead.
A list item takes two levels, a quote one."""
