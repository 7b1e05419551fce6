"""The plan as an official Thai document: Word (.docx) and PDF renderings of a plan document dict."""
