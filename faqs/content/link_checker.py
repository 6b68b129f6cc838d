"""Checking the links from the content files to other sites: run by editors or a scheduler
(`manage.py check_links`), never by a page request, so no reader's visit ever reaches another site.

Every http and https address in the content files (the guides, and the helplines' websites in helplines.md) is
asked for once: HEAD first, then GET where a site does not answer HEAD. A few at a time, each within a timeout,
all within an overall deadline; each failure is reported at every file and line that uses the address.
"""

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from faqs.content.format import read_lines
from faqs.content.loading import SKIPPED_FILES

URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
TRAILING = ".,;:!?*_"  # punctuation that ends a sentence, not the address
USER_AGENT = "guidance-site-link-checker (checks the links in its own content)"
# Answers that mean "ask with GET instead", not that the page is gone.
RETRY_WITH_GET = {403, 405, 501}


@dataclass(frozen=True)
class Link:
    path: Path
    line: int
    url: str


@dataclass(frozen=True)
class Failure:
    link: Link
    problem: str

    def __str__(self):
        return f"{self.link.path}:{self.link.line}: {self.link.url}: {self.problem}"


def find_links(directory):
    """Every external address in the content files in `directory`, where it is written."""
    links = []
    for path in sorted(Path(directory).glob("*.md")):
        if path.name.startswith(SKIPPED_FILES):
            continue
        for number, line in enumerate(read_lines(path), start=1):
            links += [Link(path, number, url.rstrip(TRAILING)) for url in URL.findall(line)]
    return links


def check_url(url, *, timeout):
    """What is wrong with `url`, or None if it answers."""
    problem = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code} {error.reason}"
            if error.code not in RETRY_WITH_GET:
                return problem
        except TimeoutError:
            return f"no answer within {timeout:g} seconds"
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                return f"no answer within {timeout:g} seconds"
            return f"cannot connect ({reason})"
        except (OSError, ValueError) as error:
            return f"cannot connect ({error})"
    return problem


def check_links(links, *, workers=4, timeout=10.0, deadline=300.0):
    """Check each address once, at most `workers` at a time; returns the Failures, in file order. Addresses not
    checked by the `deadline` (seconds) are failures too: nothing is passed over in silence."""
    urls = list(dict.fromkeys(link.url for link in links))
    executor = ThreadPoolExecutor(max_workers=workers)
    futures = {url: executor.submit(check_url, url, timeout=timeout) for url in urls}
    wait(futures.values(), timeout=deadline)
    executor.shutdown(wait=False, cancel_futures=True)
    problems = {
        url: future.result()
        if finished(future)
        else f"not checked within the deadline of {deadline:g} seconds"
        for url, future in futures.items()
    }
    return [Failure(link, problems[link.url]) for link in links if problems[link.url]]


def finished(future):
    return future.done() and not future.cancelled()
