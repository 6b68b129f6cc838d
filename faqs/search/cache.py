"""What search derives from the whole index (the spelling vocabulary, each document's audiences), kept in memory
and built again when the index changes: its signature (documents, highest id, and a generation the triggers
bump on every write) differs, or `forget()` is called (after a rebuild or a migrate, and by tests)."""

import time

# Content changes rarely; what is derived is rebuilt at most this often even when nothing seems to change.
SECONDS = 300
_built = {}  # {name: (monotonic time, signature, value)}


def forget():
    _built.clear()


def cached(name, signature, build):
    built = _built.get(name)
    if built and built[1] == signature and time.monotonic() - built[0] < SECONDS:
        return built[2]
    value = build()
    _built[name] = (time.monotonic(), signature, value)
    return value


def previous(name):
    """The value last built for `name`, whatever state of the index it was built for; None if there is none."""
    built = _built.get(name)
    return built[2] if built else None
