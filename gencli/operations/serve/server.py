"""The preview server: aiohttp for the pages and event streams, watchfiles for the saves.

One asyncio loop does everything: aiohttp answers requests and holds one server-sent-event
stream per open tab (any number of tabs, each its own stream), watchfiles (inotify) reports a
saved file within a few milliseconds, and the report is checked and rendered in a worker
thread so that streams keep flowing meanwhile. Each rendering gets a new version number; a tab
ignores an update no newer than what it shows, so a reconnecting tab (EventSource reconnects by
itself) is brought up to date and never back.

Safe by default: it listens on 127.0.0.1 only; a request whose Host header is not this address
(or localhost) at this port is refused, so a web page cannot reach it through DNS rebinding;
only the reports of the folder are served (reports.Reports); every page carries a
Content-Security-Policy allowing no outside request and no inline script; nothing is written.
"""

from __future__ import annotations

import asyncio
import errno
import itertools
import signal
import sys
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

from gencli.loading.sources import SUFFIXES
from gencli.operations.serve import pages
from gencli.operations.serve.preview import Preview, docx_of, preview_file, preview_text
from gencli.operations.serve.reports import Reports

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
KEEPALIVE_SECONDS = 15
WATCH_STEP_MS = 10  # how long a burst of writes (an editor's save) is waited out
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
INDEX = ""  # the stream key of the list of reports


class ServeError(Exception):
    """The server cannot start (the port is taken, the folder is missing), in Chinese."""


@dataclass
class Rendered:
    """The latest rendering of one report and its version."""

    preview: Preview
    version: int
    download: bool


@dataclass
class State:
    """What the server knows: the reports, their latest renderings, the open streams."""

    reports: Reports
    templates: Path | None
    versions: itertools.count = field(default_factory=lambda: itertools.count(1))
    rendered: dict[str, Rendered] = field(default_factory=dict)
    streams: dict[str, set[asyncio.Queue[str | None]]] = field(default_factory=dict)
    index_version: int = 0
    index_names: list[str] = field(default_factory=list)

    async def render(self, name: str, path: Path) -> Rendered:
        """Check and render the report now (in a thread), keeping the version when nothing
        changed."""
        preview = await asyncio.to_thread(preview_file, path, name, self.templates)
        download = preview.document is not None and preview.errors == 0
        known = self.rendered.get(name)
        if known and known.preview == preview and known.download == download:
            return known
        rendered = Rendered(preview, next(self.versions), download)
        self.rendered[name] = rendered
        return rendered

    async def latest(self, name: str, path: Path) -> Rendered:
        return self.rendered.get(name) or await self.render(name, path)

    def names(self) -> list[str]:
        names = list(self.reports.listing())
        if names != self.index_names or not self.index_version:
            self.index_names, self.index_version = names, next(self.versions)
        return names

    def publish(self, key: str, message: str | None) -> None:
        for queue in self.streams.get(key, ()):
            queue.put_nowait(message)

    def close_streams(self) -> None:
        for key in self.streams:
            self.publish(key, None)


def _text(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=message + "\n", content_type="text/plain")


def _allowed_hosts(port: int) -> set[str]:
    return {f"{HOST}:{port}", f"localhost:{port}"}


@web.middleware
async def _guard(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Refuse requests addressed to another host name (DNS rebinding), and mark every answer
    with the page policy."""
    if request.host not in request.app["hosts"]:
        return _text(403, "拒绝：请求的主机名不是本机的预览地址（为防止 DNS 重绑定攻击）。")
    response = await handler(request)
    response.headers["Content-Security-Policy"] = POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


def _state(request: web.Request) -> State:
    return request.app["state"]


def _report(request: web.Request) -> tuple[str, Path]:
    name = request.query.get("name", "")
    path = _state(request).reports.find(name)
    if path is None:
        raise web.HTTPNotFound(text=f"没有这份报告：{name}\n", content_type="text/plain")
    return name, path


async def _index(request: web.Request) -> web.Response:
    state = _state(request)
    names = state.names()
    html = pages.index_page(str(state.reports.root), names, state.index_version)
    return web.Response(text=html, content_type="text/html")


async def _report_page(request: web.Request) -> web.Response:
    name, path = _report(request)
    rendered = await _state(request).latest(name, path)
    from gencli.writers.pdf import soffice

    pdf = soffice() is not None
    html = pages.report_page(name, rendered.preview, rendered.version, rendered.download, pdf)
    return web.Response(text=html, content_type="text/html")


async def _script(request: web.Request) -> web.Response:
    return web.Response(text=pages.PREVIEW_SCRIPT, content_type="text/javascript")


async def _docx(request: web.Request) -> web.Response:
    name, path = _report(request)
    data = await asyncio.to_thread(docx_of, path, _state(request).templates)
    if data is None:
        return _text(409, f"{name} 有错误，修正后才能下载 Word 文件。")
    return web.Response(
        body=data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        headers={"Content-Disposition": pages.download_name(name)},
    )


async def _pdf(request: web.Request) -> web.Response:
    """The report's PDF, laid out by LibreOffice from the same .docx (where it is installed)."""
    from gencli.writers import pdf

    name, path = _report(request)
    data = await asyncio.to_thread(docx_of, path, _state(request).templates)
    if data is None:
        return _text(409, f"{name} 有错误，修正后才能下载 PDF 文件。")
    try:
        printed = (await asyncio.to_thread(pdf.convert, [data]))[0]
    except pdf.PdfError as error:
        return _text(503, str(error))
    return web.Response(
        body=printed,
        content_type="application/pdf",
        headers={"Content-Disposition": pages.download_name(name, ".pdf")},
    )


def _current(state: State, key: str, rendered: Rendered | None) -> str:
    if rendered is None:
        names = state.names()
        return pages.index_update(str(state.reports.root), names, state.index_version)
    return pages.report_update(rendered.preview, rendered.version, rendered.download)


async def _events(request: web.Request) -> web.StreamResponse:
    """One tab's stream: the current state at once, then every update, with keep-alives."""
    state = _state(request)
    key, rendered = INDEX, None
    if "name" in request.query:
        name, path = _report(request)
        key, rendered = name, await state.latest(name, path)
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no"}
    )
    await response.prepare(request)
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    state.streams.setdefault(key, set()).add(queue)
    try:
        message: str | None = _current(state, key, rendered)
        while message is not None:
            await response.write(f"event: update\ndata: {message}\n\n".encode())
            while True:
                try:
                    message = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
                    break
                except asyncio.TimeoutError:
                    await response.write(b": keep-alive\n\n")
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    finally:
        state.streams[key].discard(queue)
    return response


def application(state: State, hosts: set[str]) -> web.Application:
    """The routes; `hosts` is filled in once the port is known (the app is frozen by then)."""
    app = web.Application(middlewares=[_guard])
    app["state"] = state
    app["hosts"] = hosts
    app.router.add_get("/", _index)
    app.router.add_get("/report", _report_page)
    app.router.add_get("/events", _events)
    app.router.add_get("/docx", _docx)
    app.router.add_get("/pdf", _pdf)
    app.router.add_get("/preview.js", _script)
    return app


async def _on_changes(state: State, changed: Iterable[tuple[object, str]]) -> None:
    """Re-render each changed report that a tab shows, and refresh the list when reports come
    or go."""
    listing = state.reports.listing()
    names = {state.reports.name_of(Path(path)) for _, path in changed}
    for name in sorted(n for n in names if n):
        if state.streams.get(name) and name in listing:
            before = state.rendered.get(name)
            rendered = await state.render(name, listing[name])
            if rendered is not before:
                state.publish(name, _current(state, name, rendered))
        elif name not in listing:
            state.rendered.pop(name, None)
    version = state.index_version
    state.names()
    if state.index_version != version:
        state.publish(INDEX, _current(state, INDEX, None))


def _is_yaml(_change: object, path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


async def _watch(state: State, stop: asyncio.Event) -> None:
    from watchfiles import awatch

    async for changed in awatch(
        state.reports.root,
        watch_filter=_is_yaml,
        stop_event=stop,
        step=WATCH_STEP_MS,
        rust_timeout=500,
        yield_on_timeout=False,
    ):
        await _on_changes(state, changed)


WARM_REPORTS = 20  # reports rendered before the first request (the rest on demand)


async def _warm(state: State) -> None:
    """Render the first reports of the folder before anyone asks, and freeze what that
    loaded out of the garbage collector's way: the first save is then as quick as the rest
    (Python imports the error path's modules on first use, and a full collection over them
    could cost a save its 200 ms)."""
    import gc

    for name, path in list(state.reports.listing().items())[:WARM_REPORTS]:
        await state.render(name, path)
    await asyncio.to_thread(preview_text, "kind: gov-info-annual\nyear: [\n", "warm-up.yaml")
    gc.collect()
    gc.freeze()


async def serve(
    target: Path,
    port: int,
    templates: Path | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    """Serve until SIGINT or SIGTERM; `announce` is told the address once it listens."""
    state = State(Reports(target), templates)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    hosts: set[str] = set()
    runner = web.AppRunner(application(state, hosts), handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port, shutdown_timeout=1)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"端口 {port} 已被占用：请用 --port 指定另一个端口（--port 0 自动选择空闲端口）"
            ) from None
        raise ServeError(f"无法在 {HOST}:{port} 上启动预览：{error.strerror or error}") from None
    actual = runner.addresses[0][1]
    hosts.update(_allowed_hosts(actual))
    announce(f"http://{HOST}:{actual}/")
    watcher = asyncio.create_task(_watch(state, stop))
    warming = asyncio.create_task(_warm(state))
    try:
        await stop.wait()
    finally:
        state.close_streams()
        stop.set()
        await asyncio.gather(watcher, warming, return_exceptions=True)
        await runner.cleanup()


def run(target: Path, port: int, templates: Path | None = None) -> None:
    """Run the preview in this process (the command line's entry)."""

    def announce(url: str) -> None:
        print(f"gencli 预览已启动：{url}（按 Ctrl-C 停止）", file=sys.stderr, flush=True)

    asyncio.run(serve(target, port, templates, announce))
    print("预览已停止。", file=sys.stderr, flush=True)
