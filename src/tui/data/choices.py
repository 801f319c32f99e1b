"""The names pkit offers as choices: export tables and formats, brief topics and formats.

Kept apart from the modules that implement them, so that the command line's parser can
list its ``choices`` without importing the export, brief and analytics code (and every
record they define) at each start of pkit.
"""

from __future__ import annotations

EXPORT_TABLES = ("overview", "exports", "imports", "assembly", "quotes", "sources", "conflicts")
EXPORT_ALL_TABLES = (*EXPORT_TABLES, "observations")
EXPORT_FORMATS = ("csv", "json", "md")  # text formats; the CLI adds "xlsx" (a workbook)
BRIEF_TOPICS = ("all", "hardware", "exports", "imports")
BRIEF_FORMATS = ("text", "md", "html")
