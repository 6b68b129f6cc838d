"""A logging filter that keeps query strings (search terms) and client addresses out of every log line."""

import logging
import re

# Matches the query string of a request line or URL: from "?" up to the next space or quote.
QUERY_STRING = re.compile(r"\?[^\s\"']*")


class StripQueryStrings(logging.Filter):
    def filter(self, record):
        record.msg = QUERY_STRING.sub("", str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(QUERY_STRING.sub("", a) if isinstance(a, str) else a for a in args)
        # The request object carries the client's address and full URL: never let a formatter reach it.
        if hasattr(record, "request"):
            record.request = None
        return True
