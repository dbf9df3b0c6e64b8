"""deploy/nginx.conf, parsed (no nginx needed): sticky sessions, websockets, headers, loopback upstreams.

A Streamlit session lives in one process, so the proxy must send every
request of a browser to the same upstream; the websocket must be upgraded;
framing is forbidden; the upstreams are this machine's processes only.
``benchmarks/bench_load.py --proxy`` runs the same file under a real nginx.
When an ``nginx`` binary is present, ``nginx -t`` checks the syntax too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx.conf"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[{};]|[^\s{};"\']+')


def parse(text: str) -> list:
    """nginx config as nested lists: ``[name, args, children]`` (children ``None`` for a simple directive)."""
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    stack: list[list] = [[]]
    words: list[str] = []
    for token in _TOKEN.findall(code):
        if token == ";":
            stack[-1].append([words[0], words[1:], None])
            words = []
        elif token == "{":
            block = [words[0], words[1:], []]
            stack[-1].append(block)
            stack.append(block[2])
            words = []
        elif token == "}":
            assert not words, f"unterminated directive {words}"
            stack.pop()
        else:
            words.append(token[1:-1] if token[0] in "\"'" else token)
    assert len(stack) == 1 and not words, "unbalanced braces"
    return stack[0]


def find(block: list, name: str, *args: str) -> list:
    """The directives or blocks called `name` (whose first arguments are `args`)."""
    return [d for d in block if d[0] == name and d[1][: len(args)] == list(args)]


def one(block: list, name: str, *args: str) -> list:
    """The single directive or block called `name` (`args`)."""
    found = find(block, name, *args)
    assert len(found) == 1, f"{name} {args}: {len(found)} found"
    return found[0]


@pytest.fixture(scope="module")
def http() -> list:
    return one(parse(CONF.read_text()), "http")[2]


@pytest.fixture(scope="module")
def server(http: list) -> list:
    return one(http, "server")[2]


def _maps(http: list) -> dict[str, tuple[str, dict[str, str]]]:
    """``map $source $target { key value; }`` blocks: target → (source, {key: value})."""
    return {b[1][1]: (b[1][0], {d[0]: d[1][0] for d in b[2]}) for b in find(http, "map")}


def test_the_parser_reads_blocks_directives_and_quoted_values():
    tree = parse('a 1;\nb { c "x y; {z}"; d { e; } }  # f { g; }\n')
    assert tree == [["a", ["1"], None], ["b", [], [["c", ["x y; {z}"], None], ["d", [], [["e", [], None]]]]]]
    with pytest.raises(AssertionError):
        parse("a { b;")


def test_upstreams_are_loopback_processes_hashed_by_the_sticky_key(http):
    upstream = one(http, "upstream", "corridors")[2]
    servers = [d[1][0] for d in find(upstream, "server")]
    assert servers == ["127.0.0.1:8501", "127.0.0.1:8502"]
    assert all(re.fullmatch(r"127\.0\.0\.1:\d+", s) for s in servers)
    # a consistent hash of the sticky key: adding a process moves few sessions
    assert one(upstream, "hash")[1] == ["$corridors_sticky", "consistent"]


def test_the_sticky_key_is_the_cookie_the_proxy_sets(http, server):
    maps = _maps(http)
    source, values = maps["$corridors_sticky"]
    assert source == "$cookie_corridors_backend"
    assert values["default"] == "$cookie_corridors_backend"  # a returning browser keeps its process
    assert values[""] not in ("", "$cookie_corridors_backend")  # a new one gets a key
    cookies = [d[1][1] for d in find(server, "add_header", "Set-Cookie")]
    assert len(cookies) == 1
    assert cookies[0].startswith("corridors_backend=$corridors_sticky;")
    assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    assert find(server, "add_header", "Set-Cookie")[0][1][-1] == "always"


def test_the_websocket_is_upgraded_and_kept_open(http, server):
    source, values = _maps(http)["$connection_upgrade"]
    assert source == "$http_upgrade" and values == {"default": "upgrade", "": "close"}
    stream = one(server, "location", "/_stcore/stream")[2]
    assert one(stream, "proxy_pass")[1] == ["http://corridors"]
    assert one(stream, "proxy_http_version")[1] == ["1.1"]
    headers = {d[1][0]: d[1][1] for d in find(stream, "proxy_set_header")}
    assert headers["Upgrade"] == "$http_upgrade" and headers["Connection"] == "$connection_upgrade"
    assert headers["Host"] == "$host"  # Streamlit checks Origin against Host
    timeout = one(stream, "proxy_read_timeout")[1][0]
    assert int(timeout.rstrip("s")) >= 3600


def test_every_location_goes_to_the_upstream_with_the_host(server):
    locations = find(server, "location")
    assert {" ".join(b[1]) for b in locations} >= {"/", "/_stcore/stream", "/_stcore/upload_file/", "= /_stcore/metrics"}
    for block in locations:
        assert one(block[2], "proxy_pass")[1] == ["http://corridors"], block[1]
        if block[1] != ["=", "/_stcore/metrics"]:
            assert ["Host", "$host"] in [d[1] for d in find(block[2], "proxy_set_header")], block[1]


def test_security_headers_and_metrics(server):
    headers = {d[1][0]: d[1][1:] for d in find(server, "add_header")}
    assert headers["X-Frame-Options"] == ["DENY", "always"]
    assert headers["Content-Security-Policy"] == ["frame-ancestors 'none'", "always"]
    assert headers["X-Content-Type-Options"] == ["nosniff", "always"]
    metrics = one(server, "location", "=", "/_stcore/metrics")[2]
    assert [d[:2] for d in metrics if d[0] in ("allow", "deny")] == [["allow", ["127.0.0.1"]], ["deny", ["all"]]]
    upload = one(server, "location", "/_stcore/upload_file/")[2]
    assert one(upload, "limit_req")[1][0] == "zone=corridors_uploads"
    size = one(server, "client_max_body_size")[1][0]
    assert re.fullmatch(r"\d+m", size) and int(size[:-1]) <= 10


@pytest.mark.skipif(not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(), reason="nginx not installed")
def test_nginx_accepts_the_file(tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    text = CONF.read_text().replace("listen 80;", "listen 127.0.0.1:18080;")
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n" + text)
    done = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True, check=False, timeout=30)
    assert done.returncode == 0, done.stderr
