"""A minimal Language Server Protocol client over stdio, to drive the real yaml-language-server.

JSON-RPC messages framed by `Content-Length` headers; the server's own requests (it asks the
client for its configuration) are answered so it never waits on us. Diagnostics arrive as
`textDocument/publishDiagnostics` notifications and are kept per document URI.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

SERVER_PACKAGE = "yaml-language-server@1.25.0"  # 1.x runs on node 20; 2.x wants node 22
CACHE = Path(
    os.environ.get("GENCLI_LSP_DIR")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "gencli-tests"
    / "yaml-language-server"
)
SERVER = CACHE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def ensure_server() -> Path | str:
    """The server's launcher, installed into the cache folder if missing; a str is the reason
    (in Chinese) why it cannot be had."""
    if SERVER.exists():
        return SERVER
    if not shutil.which("node") or not shutil.which("npm"):
        return "没有安装 node 和 npm，无法运行 yaml-language-server"
    done = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), SERVER_PACKAGE],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0 or not SERVER.exists():
        return f"npm 无法安装 {SERVER_PACKAGE}：{done.stderr.strip()[-300:]}"
    return SERVER


class LanguageServer:
    """One server process; `request` waits for the answer, notifications are collected."""

    def __init__(self, launcher: Path, root: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(launcher), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.answers: dict[int, queue.Queue] = {}
        self.diagnostics: dict[str, list[dict]] = {}
        self.published = threading.Condition()
        self.settings = {
            "yaml": {
                "validate": True,
                "hover": True,
                "completion": True,
                "schemaStore": {"enable": False},
            }
        }
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})

    # --- framing -------------------------------------------------------------------------

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                continue
            self._dispatch(json.loads(stream.read(length).decode("utf-8")))

    def _dispatch(self, message: dict) -> None:
        if "id" in message and "method" in message:  # the server asks us something
            result: Any = None
            if message["method"] == "workspace/configuration":
                items = message["params"].get("items", [])
                result = [
                    self.settings.get(i.get("section", ""), self.settings)
                    if i.get("section")
                    else self.settings
                    for i in items
                ]
            self._send({"id": message["id"], "result": result})
        elif "id" in message:
            self.answers.setdefault(message["id"], queue.Queue()).put(message)
        elif message.get("method") == "textDocument/publishDiagnostics":
            with self.published:
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self.published.notify_all()

    # --- protocol ------------------------------------------------------------------------

    def request(self, method: str, params: dict, timeout: float = 60) -> Any:
        self.next_id += 1
        number = self.next_id
        box = self.answers.setdefault(number, queue.Queue())
        self._send({"id": number, "method": method, "params": params})
        answer = box.get(timeout=timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: dict) -> None:
        self._send({"method": method, "params": params})

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": text if text is not None else path.read_text(encoding="utf-8"),
                }
            },
        )
        return uri

    def diagnostics_for(self, uri: str, timeout: float = 60) -> list[dict]:
        """The diagnostics the server publishes for `uri` once it has validated it."""
        deadline = time.monotonic() + timeout
        with self.published:
            while uri not in self.diagnostics:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"yaml-language-server 未在 {timeout} 秒内发布 {uri} 的诊断")
                self.published.wait(left)
            return self.diagnostics[uri]

    def close(self) -> None:
        try:
            self.request("shutdown", {}, timeout=10)
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001, S110 - a stuck server is killed below
            pass
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
