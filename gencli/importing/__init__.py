"""Importing a published report (a portal's web page, a Word file) into gencli YAML.

A pipeline stage beside loading and checking: a source is read into a `flow` (paragraphs and
tables as grids, in reading order, whatever the file format), the flow is read against a kind's
form (`gov_info_annual`: parts at their headings, tables 二/三/四 matched row by row to the
form's labels), and the result is written as the YAML a person would have typed (`writing`).
Nothing here guesses silently: every assumption and every cell that could not be placed is
carried to the written file's comments.
"""
