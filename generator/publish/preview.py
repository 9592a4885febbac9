"""``make preview``: the built site served by Debian's nginx with the production configuration.

A generated wrapper ``nginx.conf``, in a temporary folder with nginx's pid, logs and temp
files, runs one server on 127.0.0.1 that sets only what must differ from the county's
server (address, root, no TLS) and includes the committed ``deploy/nginx/site.conf`` and
``brotli.conf`` and the site's own ``nginx-redirects.conf`` where the build has one. nginx runs in the foreground
until Ctrl+C. The browser tests start it the same way (``start``).
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from . import nginx

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "nginx"
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")


def _quoted(path: Path) -> str:
    """A path as an nginx string; a character nginx would read as syntax is refused."""
    text = str(path)
    if re.search(r'["\\$\n]', text):
        raise ValueError(f"路径 {text!r} 含有 nginx 配置中不能直接写的字符")
    return f'"{text}"'


def _built_with(option: str) -> str:
    """A path nginx was built with (``nginx -V``), e.g. ``--conf-path``."""
    shown = subprocess.run([NGINX, "-V"], capture_output=True, text=True, check=True).stderr
    found = re.search(rf"{option}=(\S+)", shown)
    if not found:
        raise RuntimeError(f"nginx -V 没有给出 {option}")
    return found.group(1)


def wrapper(temp: Path, servers: str, reader: Path) -> str:
    """A main nginx.conf around ``servers`` (server blocks); pid, logs and temp files in
    ``temp``; workers that can read the folder ``reader``."""
    conf_dir = Path(_built_with("--conf-path")).parent
    modules = Path(os.environ.get("NGINX_MODULES") or _built_with("--modules-path"))
    # As root, nginx's workers would run as nobody, who may not read the site: run them as
    # the site's owner instead.
    user = ""
    if os.geteuid() == 0:
        user = f"user {pwd.getpwuid(reader.resolve().stat().st_uid).pw_name};\n"
    temps = "".join(
        f"    {kind}_temp_path {_quoted(temp / kind)};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""\
# Generated for make preview (generator/publish/preview.py); everything but the committed
# deploy/nginx/ files lives in this temporary folder.
daemon off;
worker_processes 1;
pid {_quoted(temp / "nginx.pid")};
error_log stderr warn;
{user}load_module {_quoted(modules / "ngx_http_brotli_filter_module.so")};
events {{
    worker_connections 256;
}}
http {{
    include {_quoted(conf_dir / "mime.types")};
    default_type application/octet-stream;
    sendfile on;
    access_log off;
{temps}{servers}}}
"""


def redirects_include(site: Path) -> str:
    """The include of the site's redirects, as a pattern that matches that one file: nginx
    reads a pattern's matches, and none is no error, so that any build — a stock
    ``mkdocs build`` writes no nginx-redirects.conf — passes ``nginx -t``."""
    if re.search(r"[*?\[\]]", str(site)):
        raise ValueError(f"路径 {str(site)!r} 含有 nginx 会当作通配符的字符")
    return _quoted(site / nginx.INCLUDE)


def server(site: Path, port: int) -> str:
    """The preview's server: only the address, root and no TLS differ from the county's."""
    return f"""\
    server {{
        listen 127.0.0.1:{port};
        server_name 127.0.0.1;
        root {_quoted(site)};
        include {_quoted(DEPLOY / "site.conf")};
        include {_quoted(DEPLOY / "brotli.conf")};
        include {redirects_include(site)};
    }}
"""


def serve(conf: str, port: int, temp: Path) -> subprocess.Popen[bytes]:
    """Check and start nginx with ``conf``; return once it answers on ``port``."""
    temp.mkdir(parents=True, exist_ok=True)
    path = temp / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    command = [NGINX, "-p", str(temp), "-e", "stderr", "-c", str(path)]
    # nginx reads $NGINX as the listening sockets handed over by a binary upgrade, and
    # logs an [emerg] line for the path that make exports under that name: not for nginx.
    env = {k: v for k, v in os.environ.items() if k != "NGINX"}
    subprocess.run([*command, "-t", "-q"], check=True, env=env)
    proc = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx 启动失败（退出码 {proc.returncode}）")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    raise RuntimeError(f"nginx 10 秒内没有在端口 {port} 上应答")


def start(site: Path, port: int, temp: Path) -> subprocess.Popen[bytes]:
    """nginx serving ``site`` on 127.0.0.1:``port`` as make preview does; the caller stops it."""
    return serve(wrapper(temp, server(site, port), site), port, temp)


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.publish.preview",
        description="用 nginx 和正式服务器的配置预览网站",
    )
    parser.add_argument("--site", default="site", help="生成的网站（默认 site）")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"错误：{args.site}/ 中没有生成的网站，请先运行 make site", file=sys.stderr)
        return 1
    if not Path(NGINX).is_file():
        print(f"错误：找不到 nginx（{NGINX}），请先运行 make nginx", file=sys.stderr)
        return 1
    if not _port_free(args.port):
        print(f"错误：端口 {args.port} 已被占用，请换一个：make preview PORT=8081", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as Ctrl+C does
    temp = Path(tempfile.mkdtemp(prefix="minsheng-nginx-"))
    try:
        proc = start(site, args.port, temp)
        print(
            f"预览：http://127.0.0.1:{args.port}/（nginx，配置同正式服务器；按 Ctrl+C 结束）",
            flush=True,
        )
        try:
            proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGQUIT)  # graceful: finish the requests under way
            proc.wait()
        return 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
