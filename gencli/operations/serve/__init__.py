"""`gencli serve`: a live preview beside the editor.

A local web server lists the reports under a folder and shows each as the document `build`
would write, with every finding in place (the table cell whose figure breaks a rule
highlighted with its message) and a list of all findings at their FILE:LINE:COL. When a report
is saved the open pages update without a reload, over server-sent events.

- `annotate` places findings on the cells of the HTML writer's tables;
- `preview` checks and renders one report in memory (never writing anything);
- `reports` finds the reports under the folder and refuses any path outside it;
- `pages` writes the index and report pages (and carries the page's script and style);
- `server` is the aiohttp application, the file watcher and the event streams.

aiohttp and watchfiles are imported only here, so `validate` and `--help` stay light.
"""
