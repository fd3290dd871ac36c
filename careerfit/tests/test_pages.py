"""What every page shares: language, landmarks, skip link, no third-party hosts, a strict CSP."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/roles/", "/roles/devops-engineer/", "/roles/ai-ml-engineer/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_declare_their_language_and_landmarks_and_a_working_skip_link(client, path):
    html = client.get(path).content.decode()

    assert '<html lang="en-ca">' in html
    assert re.search(r'<a class="skip-link[^"]*" href="#main">Skip to main content</a>', html)
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and '<nav class="site-nav" aria-label="Main">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_pages_load_nothing_from_another_host_and_have_no_inline_script(client, path):
    response = client.get(path)
    html = response.content.decode()

    sources = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources), sources
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r'\sstyle="', html), "inline style attribute"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy and "default-src 'self'" in policy


def test_a_wrong_address_gets_a_page_that_explains(client):
    response = client.get("/results/not-a-result/")

    assert response.status_code == 404
    assert "There is nothing at this address" in response.content.decode()


def test_an_expired_form_explains_that_nothing_was_saved():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/assessment/start/")

    assert response.status_code == 403
    assert "nothing was saved" in response.content.decode()


def _get_routes() -> list[str]:
    """Every URL pattern whose view answers GET, with sample arguments, so none is forgotten."""
    from django.urls import URLPattern, URLResolver, get_resolver

    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                routes.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return routes


GET_PAGES = [
    *PUBLIC_PAGES,
    "/api/v1/roles",
    "/api/v1/skills",
    "/api/v1/categories",
    "/api/v1/openapi.json",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password-reset/",
    "/admin/login/",
]


@pytest.mark.parametrize("path", GET_PAGES)
def test_head_is_answered_wherever_get_is_so_uptime_monitors_see_the_site_up(client, path):
    got, head = client.get(path), client.head(path)

    assert got.status_code == 200, path
    assert head.status_code == 200 and head.content == b""


def test_every_view_that_answers_get_also_answers_head(admin_client):
    """No route may answer GET and refuse HEAD (a 405 tells a monitor the site is down)."""
    from django.urls import resolve

    refused = []
    for route in _get_routes():
        if "<" in route or "(?P" in route or route.startswith("admin/"):
            continue  # routes with arguments are covered by the tests of their pages
        path = "/" + route.lstrip("^").rstrip("$")
        view = resolve(path).func
        if admin_client.get(path).status_code == 405:
            continue  # a POST-only view
        if admin_client.head(path).status_code == 405:
            refused.append((path, view.__name__))
    assert refused == []


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_heatmap_shade_keeps_its_figure_readable():
    """axe does not check text inside SVG: the heatmap's figures are checked here, at 4.5:1 (WCAG 1.4.3)."""
    css = (settings.BASE_DIR / "static" / "css" / "careerfit.css").read_text()
    fills = dict(re.findall(r"\.heatmap rect\.(shade-\d) \{ fill: (#[0-9a-f]{6}); \}", css))
    text = {}
    for selectors, colour in re.findall(r"((?:\.heatmap text\.shade-\d,? ?)+) \{ fill: (#[0-9a-f]{3,6}); \}", css):
        colour = colour if len(colour) == 7 else "#" + "".join(ch * 2 for ch in colour[1:])
        for shade in re.findall(r"shade-\d", selectors):
            text[shade] = colour

    assert set(fills) == set(text) == {f"shade-{n}" for n in range(5)}
    for shade, fill in fills.items():
        light, dark = sorted([_luminance(fill), _luminance(text[shade])], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, shade
