"""Open local files in Chromium with the network cut off, and record every attempt to reach it.

``offline_page`` gives a page in a fresh browser context where every request that is not
for a ``file:`` or ``data:`` URL is aborted and recorded (Playwright routing), and every
request the page makes at all is listed too (``request`` events), so a test can assert
that nothing left the page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Page, Route

LOCAL_SCHEMES = ("file:", "data:", "about:")


@dataclass
class NetworkLog:
    """Requests a page tried to send elsewhere (``blocked``), and page errors."""

    blocked: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def left_the_page(self) -> list[str]:
        """Every attempt to reach something that is not a local file or inline data."""
        remote = [url for url in self.requested if not url.startswith(LOCAL_SCHEMES)]
        return sorted(set(self.blocked) | set(remote))

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")


@contextlib.contextmanager
def offline_page(browser: Browser, width: int = 1280, height: int = 720) -> Iterator[tuple[Page, NetworkLog]]:
    """A page whose network is blocked (local files only), with its ``NetworkLog``."""
    log = NetworkLog()
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    context.route("**/*", log._route)
    page = context.new_page()
    page.on("request", lambda request: log.requested.append(request.url))
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    try:
        yield page, log
    finally:
        context.close()
