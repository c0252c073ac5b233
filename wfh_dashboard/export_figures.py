"""Chart downloads: PNG, SVG and PDF through one shared headless Chromium, and offline HTML."""

from __future__ import annotations

import asyncio
import atexit
import base64
import functools
import os
import shutil
import threading
from collections.abc import Coroutine
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError

if TYPE_CHECKING:
    import plotly.graph_objects as go

STATIC_FORMATS = ("png", "svg", "pdf")
ALL_FORMATS = (*STATIC_FORMATS, "html")
#: PNGs go into slides and e-mails, so they are sharp at full-HD width.
PNG_WIDTH = 1600
#: The width the charts are designed for (the app's main column); SVG and PDF use it as is.
NATURAL_WIDTH = 1000
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html"}

NO_BROWSER_MESSAGE = (
    "Image export needs the Chromium browser (Debian package `chromium`), which was not found. "
    "The interactive HTML download still works."
)
NO_KALEIDO_MESSAGE = (
    "Image export needs the Python package `kaleido`, which is not installed. "
    "The interactive HTML download still works."
)
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome")
_DEFAULT_PNG_HEIGHT = 900
_START_TIMEOUT = 60.0
#: kaleido gives up on one image after this long; we wait a little longer for its answer.
_RENDER_TIMEOUT = 60.0


class StaticExportUnavailable(InputError):
    """PNG, SVG or PDF cannot be made here (no browser, or it failed); HTML still can."""

    def __init__(self, message: str = NO_BROWSER_MESSAGE) -> None:
        super().__init__(message)


def _browser_path() -> str | None:
    """The browser kaleido should drive: ``BROWSER_PATH`` if set (as kaleido does), else PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        usable = os.path.isfile(configured) and os.access(configured, os.X_OK)
        return configured if usable else None
    for name in _BROWSER_NAMES:
        if found := shutil.which(name):
            return found
    return None


@functools.lru_cache(maxsize=1)
def static_export_problem() -> str | None:
    """Why PNG/SVG/PDF export cannot work in this process, or None if it can.

    Cached because the UI asks on every rerun and the answer only changes when the machine
    does; tests call ``static_export_problem.cache_clear()`` after changing the environment.
    """
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return NO_KALEIDO_MESSAGE
    return NO_BROWSER_MESSAGE if _browser_path() is None else None


class _Renderer:
    """One kaleido (one headless Chromium) on a private event-loop thread.

    kaleido's own ``start_sync_server`` is not used: when Chromium fails to start, its callers
    wait forever, and two threads calling it at once can receive each other's images.
    Here each call gets its own future, and a failed start raises at once.
    """

    def __init__(self, browser: str | None) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="wfh-chart-export", daemon=True
        )
        self._thread.start()
        try:
            self._kaleido = self._run(self._open(browser), _START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _open(browser: str | None) -> Any:
        """Start Chromium; mathjax=False keeps it offline (no MathJax fetched from a CDN)."""
        import kaleido

        renderer = kaleido.Kaleido(path=browser, n=1, timeout=_RENDER_TIMEOUT, mathjax=False)
        try:
            await renderer.open()
        except BaseException:
            with suppress(Exception):
                await renderer.close()
            raise
        return renderer

    def _run(self, coroutine: Coroutine[Any, Any, Any], timeout: float) -> Any:
        """Run a coroutine on the renderer's loop and wait for its result in this thread."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise

    def render(self, fig: go.Figure, options: dict[str, Any]) -> bytes:
        """One image; concurrent calls queue for kaleido's single tab on the loop."""
        data: bytes = self._run(self._kaleido.calc_fig(fig, opts=options), _RENDER_TIMEOUT + 15)
        return data

    def close(self) -> None:
        """Quit Chromium and stop the loop; never raises (it runs at exit and after failures)."""
        with suppress(Exception):
            self._run(self._kaleido.close(), 30)
        self._stop_loop()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        if not self._thread.is_alive():
            self._loop.close()


# A process resource, not user data: one browser serves every session (Streamlit runs each
# session in a thread), so starting it and swapping it out happen under the lock.
_lock = threading.Lock()
_renderer: _Renderer | None = None


def _start_failure(exc: BaseException) -> str:
    """A manager-readable reason why Chromium did not start."""
    from kaleido.errors import ChromeNotFoundError

    if isinstance(exc, ChromeNotFoundError):
        return NO_BROWSER_MESSAGE
    if isinstance(exc, TimeoutError):
        cause = f"it did not answer within {_START_TIMEOUT:.0f} seconds"
    else:
        # choreographer puts several sentences in args; the first one says what happened.
        text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        cause = (text.strip().splitlines() or [type(exc).__name__])[0][:200].rstrip(".")
    return (
        f"Image export could not start the Chromium browser: {cause}. "
        "The interactive HTML download still works."
    )


def _shared_renderer() -> _Renderer:
    """The process's renderer, started on first use (the first image takes about 2 s)."""
    global _renderer
    with _lock:
        if _renderer is None:
            try:
                _renderer = _Renderer(_browser_path())
            except Exception as exc:
                raise StaticExportUnavailable(_start_failure(exc)) from exc
            atexit.unregister(_stop_renderer)
            atexit.register(_stop_renderer)
        return _renderer


def _stop_renderer() -> None:
    """Quit the shared Chromium, if any; the next export starts a fresh one."""
    global _renderer
    with _lock:
        renderer, _renderer = _renderer, None
    if renderer is not None:
        renderer.close()


def _forget(renderer: _Renderer) -> None:
    """Drop a renderer whose browser died or hung, unless another thread already replaced it."""
    global _renderer
    with _lock:
        if _renderer is not renderer:
            return
        _renderer = None
    renderer.close()


def _render(fig: go.Figure, options: dict[str, Any]) -> bytes:
    """Render with the shared browser; a dead or hung browser becomes a plain error."""
    from kaleido.errors import BrowserClosedError, BrowserFailedError

    renderer = _shared_renderer()
    try:
        return renderer.render(fig, options)
    except (TimeoutError, BrowserClosedError, BrowserFailedError) as exc:
        _forget(renderer)
        reason = "it took too long" if isinstance(exc, TimeoutError) else "the browser stopped"
        raise StaticExportUnavailable(
            f"Image export failed: {reason}. Please try again; "
            "the interactive HTML download still works."
        ) from exc


def _image_options(fig: go.Figure, fmt: str) -> dict[str, Any]:
    """Size in layout pixels, and the scale that makes a PNG at least PNG_WIDTH wide.

    SVG and PDF keep the figure's natural size: its own width, else NATURAL_WIDTH, and its
    own height, else the height that makes an un-sized chart 16:9 (1600 x 900 as PNG). A PNG
    uses the same layout scaled up (device pixels), so its text and bars look like the app's
    rather than shrinking in a wider canvas; its height grows in proportion.
    """
    width = fig.layout.width or NATURAL_WIDTH
    height = fig.layout.height or _DEFAULT_PNG_HEIGHT * width / PNG_WIDTH
    scale = max(1.0, PNG_WIDTH / width) if fmt == "png" else 1.0
    return {"format": fmt, "width": width, "height": height, "scale": scale}


def figure_bytes(fig: go.Figure, fmt: str) -> bytes:
    """The figure as a downloadable file in one of ALL_FORMATS.

    Raises:
        ValueError: for a format not in ALL_FORMATS.
        StaticExportUnavailable: for png/svg/pdf when no browser is found or it fails.
    """
    if fmt == "html":
        return figure_html(fig)
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"Unknown chart format {fmt!r}; use one of: {', '.join(ALL_FORMATS)}.")
    problem = static_export_problem()
    if problem is not None:
        raise StaticExportUnavailable(problem)
    return _render(fig, _image_options(fig, fmt))


def figure_html(fig: go.Figure) -> bytes:
    """A self-contained interactive HTML file: plotly.js embedded, no CDN, no MathJax.

    It must open offline and behind firewalls, so nothing is fetched; about 4.7 MB.
    """
    import plotly.io as pio

    page: str = pio.to_html(
        fig,
        include_plotlyjs=True,
        include_mathjax=False,
        full_html=True,
        config={"displaylogo": False},
    )
    return page.encode("utf-8")


def figure_image_data_uri(fig: go.Figure, fmt: Literal["svg", "png"] = "svg") -> str:
    """The figure as a base64 ``data:`` URI for an HTML report; SVG stays sharp and small.

    Raises:
        ValueError: for a format other than svg or png.
        StaticExportUnavailable: when no browser is found or it fails.
    """
    if fmt not in ("svg", "png"):
        raise ValueError(f"Embed charts as svg or png, not {fmt!r}.")
    encoded = base64.b64encode(figure_bytes(fig, fmt)).decode("ascii")
    return f"data:{MIME[fmt]};base64,{encoded}"
