"""A logging filter that keeps query strings (search terms) and client addresses out of every log line."""

import logging
import re

# Matches the query string of a request line or URL: from "?" up to the next space or quote.
QUERY_STRING = re.compile(r"\?[^\s\"']*")


def strip(value):
    return QUERY_STRING.sub("", value) if isinstance(value, str) else value


class StripQueryStrings(logging.Filter):
    def filter(self, record):
        record.msg = strip(str(record.msg))
        if isinstance(record.args, dict):  # logger.info("%(line)s", {"line": ...})
            record.args = {key: strip(value) for key, value in record.args.items()}
        elif record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(strip(arg) for arg in args)
        # The request object carries the client's address and full URL: never let a formatter reach it.
        if hasattr(record, "request"):
            record.request = None
        return True
