"""No other web page can touch the person's data through a real ``backbridge serve``.

Plain HTTP and WebSocket clients send what a browser would send for another page: a foreign
``Origin`` or ``Referer`` on a change, ``Origin: null``, a foreign ``Host`` (DNS rebinding).
Each is refused in words for a person and nothing is stored; the app's own requests, and
programs that send neither header, still work; every response carries the security headers.
In-process: the pages need no inline script or style (the policy allows neither), and the app
answers TestClient's ``testserver`` only when told to.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from backbridge.catalog import Catalog
from backbridge.settings import Settings
from backbridge.web.app import create_app
from backbridge.web.security import AllowedHosts, split_host
from tests.browser.conftest import Server, answer_safety_questions, call, start_server, stop_server
from tests.web.conftest import API, TEST_HOSTS
from tests.web.test_nutrition import PROFILE

EVIL = "https://evil.example"
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
REFUSED_CHANGE = "backbridge only accepts changes from its own pages"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start_server(tmp_path / "home")
    yield running
    stop_server(running)


def address(server: Server) -> str:
    """``127.0.0.1:PORT``: the Host the app's own pages send."""
    return urlsplit(server.url).netloc


def send(
    server: Server,
    method: str,
    path: str,
    *,
    json_body: Any = None,
    form: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request as sent, headers included (a ``Host`` given here replaces the real one)."""
    sent = dict(headers or {})
    body: bytes | None = None
    if json_body is not None:
        body = json.dumps(json_body).encode()
        sent["Content-Type"] = "application/json"
    elif form is not None:
        body = urlencode(form).encode()
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def refusal(answer: Answer, status: int) -> str:
    """The one line of a JSON refusal with ``status``."""
    assert answer.status == status, answer.text
    assert answer.headers.get_content_type() == "application/json"
    document = answer.json()
    assert set(document) == {"error"} and "\n" not in document["error"]
    return str(document["error"])


def stored_sets(server: Server) -> list[dict[str, Any]]:
    history = call(server, "GET", "/history")
    return [s for session in history["sessions"] for s in session["sets"]]


def assert_security_headers(answer: Answer, server: Server) -> None:
    for name, value in HEADERS.items():
        assert answer.headers.get(name) == value, name
    policy = answer.headers.get("content-security-policy") or ""
    directives = [d.strip() for d in policy.split(";")]
    for directive in CSP_DIRECTIVES:
        assert directive in directives, policy
    assert f"connect-src 'self' ws://{address(server)}" in directives, policy
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy


@pytest.mark.slow
def test_a_clearance_posted_by_another_page_is_refused_and_nothing_changes(
    server: Server,
) -> None:
    questions = call(server, "GET", "/screening/questions")
    answers = {q["id"]: q["id"] == "bladder" for q in questions}
    assert call(server, "POST", "/screening", {"answers": answers})["status"]["stopped"]
    clearance = {"confirmed": "yes", "by": "practice nurse", "note": "not a clinician"}

    forged = send(server, "POST", "/safety/clearance", form=clearance, headers={"Origin": EVIL})
    assert forged.status == 403
    assert forged.headers.get_content_type() == "text/html", "a page, in the page layout"
    assert f"this request came from another web page ({EVIL})" in forged.text
    assert REFUSED_CHANGE in forged.text
    assert_security_headers(forged, server)
    assert call(server, "GET", "/screening/status")["stopped"], "still stopped"

    own = send(
        server,
        "POST",
        "/safety/clearance",
        form=clearance,
        headers={"Origin": server.url, "Referer": f"{server.url}/safety"},
    )
    assert own.status == 200, own.text
    assert not call(server, "GET", "/screening/status")["stopped"]


@pytest.mark.slow
def test_a_set_posted_by_another_page_is_refused_and_not_stored(server: Server) -> None:
    answer_safety_questions(server)
    logged = {"exercise": "bridge", "reps": 10, "pain": 1}
    for headers in (
        {"Origin": EVIL},
        {"Origin": "http://localhost:1"},  # another program on this computer
        {"Origin": server.url.replace("127.0.0.1", "localhost")},  # another origin, same app
        {"Referer": f"{EVIL}/page"},  # no Origin: the Referer decides
        {"Sec-Fetch-Site": "cross-site"},
    ):
        line = refusal(send(server, "POST", "/api/v1/sets", json_body=logged, headers=headers), 403)
        assert REFUSED_CHANGE in line, headers
    for method, path in (("PATCH", "/api/v1/sets/1"), ("DELETE", "/api/v1/sets/1")):
        refusal(send(server, method, path, json_body={"pain": 0}, headers={"Origin": EVIL}), 403)
    assert stored_sets(server) == []

    same_origin = send(
        server, "POST", "/api/v1/sets", json_body=logged, headers={"Origin": server.url}
    )
    assert same_origin.status == 201, same_origin.text
    own_referer = send(
        server, "POST", "/api/v1/sets", json_body=logged, headers={"Referer": f"{server.url}/"}
    )
    assert own_referer.status == 201, own_referer.text
    program = send(server, "POST", "/api/v1/sets", json_body=logged)  # curl, scripts, the CLI
    assert program.status == 201, program.text
    assert_security_headers(program, server)
    assert len(stored_sets(server)) == 3


@pytest.mark.slow
def test_origin_null_is_refused(server: Server) -> None:
    answer_safety_questions(server)
    forged = send(
        server,
        "POST",
        "/api/v1/sets",
        json_body={"exercise": "bridge", "reps": 10, "pain": 1},
        headers={"Origin": "null"},
    )
    line = refusal(forged, 403)
    assert "Origin: null" in line and REFUSED_CHANGE in line
    assert stored_sets(server) == []


@pytest.mark.slow
def test_a_foreign_host_is_refused_even_for_reading(server: Server) -> None:
    port = urlsplit(server.url).port
    for host in ("evil.example:8000", f"evil.example:{port}", "127.0.0.1.evil.example", "x:y"):
        answer = send(server, "GET", "/api/v1/history", headers={"Host": host})
        line = refusal(answer, 421)
        assert "not backbridge's address" in line and f"http://127.0.0.1:{port}/" in line
        assert "evil" not in (answer.headers.get("content-security-policy") or "")
    page = send(server, "GET", "/", headers={"Host": "evil.example"})
    assert page.status == 421 and page.headers.get_content_type() == "text/html"
    assert "not backbridge&#39;s address" in page.text
    for host in (f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}", "127.0.0.1"):
        assert send(server, "GET", "/api/v1/history", headers={"Host": host}).status == 200, host


@pytest.mark.slow
def test_a_camera_socket_from_another_page_is_refused(server: Server) -> None:
    answer_safety_questions(server)
    parts = urlsplit(server.url)
    path = "/ws/camera?exercise=bridge"
    url = f"ws://{parts.netloc}{path}"
    for host, origin, status in (
        (parts.netloc, EVIL, 403),
        (parts.netloc, "null", 403),
        (f"evil.example:{parts.port}", None, 421),  # DNS rebinding: the name points here
    ):
        reaching = socket.create_connection((parts.hostname, parts.port), timeout=10)
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://{host}{path}", sock=reaching, origin=origin, open_timeout=10).close()
        response = refused.value.response
        assert response.status_code == status, (host, origin)
        line = json.loads(response.body or b"{}")["error"]
        assert "another web page" in line or "Origin: null" in line or "address" in line, line
    for origin in (server.url, None):  # the camera page, and a program without an Origin
        with connect(url, origin=origin, open_timeout=10) as camera:
            camera.send(json.dumps({"t": 0, "width": 640, "height": 480, "landmarks": None}))
            reply = json.loads(camera.recv(timeout=10))
            assert reply["reps"] == 0 and "error" not in reply


@pytest.mark.slow
def test_every_response_carries_the_security_headers(server: Server) -> None:
    for path in (
        "/",
        "/safety",
        "/api/v1/history",
        "/api/v1/openapi.json",
        "/static/backbridge.css",
        "/api/docs",
        "/no-such-page",
        "/api/v1/no-such-thing",
    ):
        assert_security_headers(send(server, "GET", path), server)
    refused = send(
        server, "POST", "/api/v1/checkins", json_body={"pain": 1}, headers={"Origin": EVIL}
    )
    assert_security_headers(refused, server)


@pytest.mark.slow
def test_the_api_docs_load_only_the_apps_own_files(server: Server) -> None:
    page = send(server, "GET", "/api/docs")
    assert page.status == 200
    urls = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in urls
    assert "/static/vendor/swagger-ui/swagger-ui.css" in urls
    assert all(url.startswith("/static/") for url in urls), urls
    assert "<script>" not in page.text, "no inline script: the policy would refuse it"
    assert 'data-openapi-url="/api/v1/openapi.json"' in page.text
    for url in urls:
        assert send(server, "GET", url).status == 200, url


CSS = (
    Path(__file__).resolve().parents[2] / "src" / "backbridge" / "web" / "static" / "backbridge.css"
)
INLINE_STYLE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>")


def test_the_pages_have_no_inline_script_or_style(cleared: TestClient) -> None:
    """What the Content-Security-Policy would refuse: style and on... attributes, scripts
    without a src. Pages with everything drawn: the plan with its bands, a session, the
    nutrition bars."""
    assert cleared.put(f"{API}/nutrition/profile", json=PROFILE).status_code == 200
    assert cleared.post(f"{API}/sessions", json={}).status_code == 201
    pages = ("/", "/session", "/camera", "/progress", "/library", "/library/bridge",
             "/nutrition", "/safety", "/api/docs", "/no-such-page")  # fmt: skip
    for path in pages:
        html = cleared.get(path).text
        for pattern in (INLINE_STYLE, INLINE_HANDLER, INLINE_SCRIPT):
            found = pattern.search(html)
            assert found is None, f"{path}: {found and found.group(0)}"
    assert "band-chip band-" in cleared.get("/").text
    assert 'class="target-fill' in cleared.get("/nutrition").text


def test_every_band_has_its_colour_class(catalog: Catalog) -> None:
    css = CSS.read_text()
    for band in catalog.bands:
        assert f".band-{band.slug} {{ --band: {band.colour.lower()}; }}" in css, band.slug


def test_the_app_answers_testserver_only_when_told(isolated_home: Path) -> None:
    with TestClient(create_app(Settings(home=isolated_home))) as client:
        refused = client.get(f"{API}/history")
        assert refused.status_code == 421 and "testserver" in refused.json()["error"]
    with TestClient(create_app(Settings(home=isolated_home), hosts=TEST_HOSTS)) as client:
        assert client.get(f"{API}/history").status_code == 200


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("LocalHost.", ("localhost", None)),
        ("[::1]:8000", ("::1", 8000)),
        ("[0:0::1]", ("::1", None)),
        ("evil.example:80", ("evil.example", 80)),
        ("evil.example:80x", None),
        ("::1", None),
        ("[::1", None),
        ("a;b", None),
        ("", None),
    ],
)
def test_host_headers_are_read_strictly(header: str, expected: Any) -> None:
    assert split_host(header) == expected


def test_a_wildcard_address_allows_ip_addresses_but_not_names() -> None:
    loopback = AllowedHosts.of()
    assert all(loopback.allow(name) for name in ("127.0.0.1", "localhost", "::1"))
    assert not loopback.allow("192.168.1.5") and not loopback.allow("evil.example")
    assert AllowedHosts.of(["192.168.1.5"]).allow("192.168.1.5")
    everywhere = AllowedHosts.of(["0.0.0.0"])
    assert everywhere.allow("192.168.1.5") and everywhere.allow("fe80::1")
    assert not everywhere.allow("evil.example")
