"""Whole pages cached for anonymous readers, dropped everywhere at once when the guidance changes.

`version` keeps the content version every cached page is keyed by; `pages` stores and serves pages (compressed,
with an ETag); `middleware` marks, compresses and stores public pages; `wsgi` answers cached pages before Django.
"""
