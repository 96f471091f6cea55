"""`gencli serve`, run as a user runs it (a separate process on a free port), over real HTTP:
the pages, the findings placed on their cells, the event streams of several tabs, and what the
server refuses. The browser test is in test_serve_browser.py."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gencli.checking.validation import check_file
from gencli.operations.serve.annotate import annotate, label_key
from gencli.operations.serve.preview import preview_file

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "fujian-amr-2020.yaml"
# The example's row （一）予以公开 of table 三: 自然人 14 … 总计 15.
DISCLOSED = "disclosed:            [14,"
DISCLOSED_WRONG = "disclosed:            [15,"
STARTUP_SECONDS = 30


class Server:
    """A `gencli serve` process and plain HTTP requests to it."""

    def __init__(self, target: Path, cache: Path, *options: str) -> None:
        env = {**os.environ, "GENCLI_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gencli", "serve", str(target), "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.process.stderr is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        line = ""
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                self.url = found.group(0)
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError(f"gencli serve 未启动：{line}")

    def get(self, path: str, host: str | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": host} if host else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        text = body.decode("utf-8", "replace")
        return response.status, dict(response.getheaders()), text

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a user stops it: the exit code and what it printed last."""
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=30)
        return self.process.returncode, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    (reports / "county").mkdir(parents=True)
    shutil.copy(EXAMPLE, reports / "good.yaml")
    text = EXAMPLE.read_text(encoding="utf-8")
    assert DISCLOSED in text
    (reports / "county" / "wrong.yaml").write_text(
        text.replace(DISCLOSED, DISCLOSED_WRONG), encoding="utf-8"
    )
    return reports


@pytest.fixture
def server(folder: Path, tmp_path: Path) -> Iterator[Server]:
    running = Server(folder, tmp_path / "cache")
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def _stream(server: Server, query: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", f"/events{query}")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    return response


def _next_update(stream: http.client.HTTPResponse) -> str:
    """The data of the next `update` event (keep-alive comments skipped)."""
    event, data = None, []
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            event = line[len("event: ") :]
        elif line.startswith("data: "):
            data.append(line[len("data: ") :])
        elif line == "" and event == "update":
            return "\n".join(data)


def test_the_index_lists_the_reports_of_the_folder_and_its_subfolders(server: Server) -> None:
    status, headers, page = server.get("/")
    assert status == 200
    assert re.findall(r'<a href="/report\?name=([^"]+)">', page) == [
        "county/wrong.yaml",
        "good.yaml",
    ]
    assert "共 2 份" in page
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_a_report_with_a_wrong_total_shows_the_document_with_the_cell_marked(
    server: Server,
) -> None:
    status, _, page = server.get("/report?name=county/wrong.yaml")
    assert status == 200
    title = re.search(r"<h1>(.*?)</h1>", page)
    assert title and re.sub(r"<[^>]+>", "", title.group(1)) == (
        "福建省市场监督管理局2020年政府信息公开工作年度报告"
    )
    assert "共 2 处错误、0 处警告" in page
    marked = re.findall(
        r'<td class="([^"]*finding[^"]*)" id="([^"]+)" title="([^"]*)">(\d+)</td>', page
    )
    assert [(m[0], m[3]) for m in marked] == [
        ("align-center figure finding error", "15"),
        ("align-center figure finding error", "22"),
    ]
    assert "这里填写的是 15" in marked[0][2]
    # The list links each finding, at FILE:LINE:COL, to its cell.
    links = re.findall(r'<a class="where" href="#([^"]+)">([^<]+)</a>', page)
    assert links == [
        (marked[0][1], "county/wrong.yaml:76:76"),
        (marked[1][1], "county/wrong.yaml:98:28"),
    ]
    assert 'id="download"' in page and "hidden>" in page  # no download while it has errors


def test_a_clean_report_offers_its_docx(server: Server) -> None:
    _, _, page = server.get("/report?name=good.yaml")
    assert "未发现错误或警告" in page and not re.search(r"<td[^>]*finding", page)
    status, headers, _ = server.get("/docx?name=good.yaml")
    assert status == 200
    assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=UTF-8''good.docx" in headers["Content-Disposition"]
    status, _, message = server.get("/docx?name=county/wrong.yaml")
    assert status == 409 and "有错误，修正后才能下载" in message


def test_a_saved_report_reaches_every_open_tab(server: Server, folder: Path) -> None:
    first, second = (_stream(server, "?name=good.yaml") for _ in range(2))
    initial = [_next_update(first), _next_update(second)]
    assert all('"version": ' in update and "未发现错误" in update for update in initial)
    report = folder / "good.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace(DISCLOSED, DISCLOSED_WRONG), encoding="utf-8"
    )
    for stream in (first, second):
        update = _next_update(stream)
        assert "共 2 处错误" in update and "这里填写的是 15" in update


def test_the_list_updates_when_a_report_is_added(server: Server, folder: Path) -> None:
    stream = _stream(server, "")
    assert "共 2 份" in _next_update(stream)
    shutil.copy(EXAMPLE, folder / "county" / "new.yaml")
    update = _next_update(stream)
    assert "共 3 份" in update and "county/new.yaml" in update


def test_a_report_that_does_not_parse_shows_its_error_not_a_stale_page(
    server: Server, folder: Path
) -> None:
    report = folder / "good.yaml"
    report.write_text("kind: gov-info-annual\nyear: [2020\n", encoding="utf-8")
    _, _, page = server.get("/report?name=good.yaml")
    assert "<h1>" not in page
    assert "这份报告还不能排版" in page
    assert re.search(r'<span class="where">good\.yaml:\d+:\d+</span>', page)


@pytest.mark.parametrize(
    "request_path",
    [
        "/report?name=../outside.yaml",
        "/report?name=/etc/passwd",
        "/report?name=link-out.yaml",
        "/report?name=linked/outside.yaml",
        "/report?name=.hidden.yaml",
        "/report?name=notes.yaml",
        "/report?name=county/../good.yaml",
        "/docx?name=../outside.yaml",
        "/events?name=../outside.yaml",
        "/reports/good.yaml",
    ],
)
def test_only_the_folder_s_reports_are_served(
    folder: Path, tmp_path: Path, request_path: str
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "outside.yaml")
    (folder / "link-out.yaml").symlink_to(tmp_path / "outside.yaml")
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    shutil.copy(EXAMPLE, folder / ".hidden.yaml")
    (folder / "notes.yaml").write_text("title: 会议记录\n", encoding="utf-8")  # not a report
    server = Server(folder, tmp_path / "cache")
    try:
        status, _, text = server.get(request_path)
        assert status == 404
        assert "福建省市场监督管理局" not in text
        _, _, index = server.get("/")
        assert "link-out" not in index and "outside" not in index and "hidden" not in index
    finally:
        server.stop()


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example:80", "localhost:1"])
def test_requests_for_another_host_are_refused(server: Server, host: str) -> None:
    status, _, text = server.get("/", host=host)
    assert status == 403 and "DNS 重绑定" in text
    assert server.get("/report?name=good.yaml", host=host)[0] == 403


def _outward_address() -> str | None:
    """This machine's address on its default route (a UDP connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.254", 9))  # TEST-NET-1: routed, never answered
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_it_listens_on_loopback_only(server: Server) -> None:
    address = _outward_address()
    if address is None:
        pytest.skip("本机没有回环以外的地址")
    assert server.get("/")[0] == 200
    with pytest.raises(OSError), socket.create_connection((address, server.port), timeout=2):
        pass


def test_ctrl_c_stops_it_cleanly_and_nothing_was_written(server: Server, folder: Path) -> None:
    before = sorted((p, p.stat().st_mtime_ns) for p in folder.rglob("*"))
    for path in ("/", "/report?name=good.yaml", "/docx?name=good.yaml"):
        assert server.get(path)[0] == 200
    stream = _stream(server, "?name=good.yaml")
    _next_update(stream)
    code, printed = server.stop()
    assert code == 0
    assert printed.strip().endswith("预览已停止。")
    assert "Traceback" not in printed
    assert sorted((p, p.stat().st_mtime_ns) for p in folder.rglob("*")) == before


def test_a_port_in_use_is_a_clear_message(folder: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "gencli", "serve", str(folder), "--port", str(port)],
            capture_output=True,
            check=False,
            text=True,
            timeout=60,
            env={**os.environ, "GENCLI_CACHE_DIR": str(tmp_path / "cache")},
        )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"gencli serve：端口 {port} 已被占用：请用 --port 指定另一个端口（--port 0 自动选择空闲端口）"
    )


def test_findings_go_to_the_cell_their_labels_name() -> None:
    """Placement by labels, on the writer's own table: each figure cell of 表三 row （七）总计
    is found from the path validate gives it."""
    wrong = EXAMPLE.read_text(encoding="utf-8").replace(DISCLOSED, DISCLOSED_WRONG)
    checked_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gencli-annotate-{os.getpid()}.yaml"
    checked_path.write_text(wrong, encoding="utf-8")
    try:
        findings = check_file(checked_path).diagnostics
        preview = preview_file(checked_path, "r.yaml")
    finally:
        checked_path.unlink()
    assert [f.path[-2:] for f in findings] == [("（一）予以公开", "总计"), ("（七）总计", "自然人")]
    assert preview.document is not None
    annotated = annotate(preview.document, findings)
    assert annotated.places == ["finding-cell-1", "finding-cell-2"]
    row = re.search(r"<tr>(?:(?!</tr>).)*（七）总计(?:(?!</tr>).)*</tr>", annotated.html)
    assert row is not None
    figures = re.findall(r"<td[^>]*>(\d+)</td>", row.group(0))
    assert figures == ["22", "5", "0", "0", "0", "0", "27"]
    assert re.search(
        r'<td class="[^"]*finding error" id="finding-cell-2"[^>]*>22</td>', row.group(0)
    )


def test_a_finding_without_a_unique_cell_is_only_listed() -> None:
    table = (
        "<table><tr><th>项目</th><th>数量</th><th>数量</th></tr>"
        "<tr><th>甲</th><td>1</td><td>2</td></tr></table>"
    )
    from gencli.checking.diagnostics import ERROR, Diagnostic

    tie = Diagnostic("r.yaml", 3, 1, ERROR, "不对", ("甲", "数量"))
    unnamed = Diagnostic("r.yaml", 4, 1, ERROR, "不对", ("乙", "数量"))
    assert annotate(table, [tie, unnamed]).places == [None, None]
    assert label_key("二、主动公开政府信息情况") == label_key("主动公开政府信息情况")


@pytest.mark.office
def test_the_pdf_is_offered_where_libreoffice_is_installed(server: Server) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) 未安装")
    _, _, page = server.get("/report?name=good.yaml")
    assert '<a id="download-pdf" href="/pdf?name=good.yaml">下载 PDF</a>' in page
    status, headers, body = server.get("/pdf?name=good.yaml")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body.startswith("%PDF-")
    assert "filename*=UTF-8''good.pdf" in headers["Content-Disposition"]
    status, _, message = server.get("/pdf?name=county/wrong.yaml")
    assert status == 409 and "有错误，修正后才能下载 PDF" in message
