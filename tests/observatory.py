"""The MDN HTTP Observatory's scoring rubric, applied to a response from Django's test client.

From "HTTP Observatory Scoring Methodology" (MDN, "Tests & Scoring"): every site starts at 100; the
penalties are taken first and, only if what is left is 90 or more, the bonuses are added. A+ is 100
or more. The tests graded here are those that read the response: Content Security Policy, cookies,
CORS, Cross-Origin-Resource-Policy, HSTS, redirection (given the answer to the same address over
http), Referrer-Policy, Subresource Integrity, X-Content-Type-Options and X-Frame-Options.

Where the rubric leaves room, the rule used is written next to it. Not graded: the HSTS preload
list (+5, needs the real list) and crossdomain.xml / clientaccesspolicy.xml (we serve neither).
The published table gives "corp-not-implemented" +5 and an implemented CORP 0, the opposite of what
its own descriptions say; here a missing CORP scores 0, like a same-origin or same-site one.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

SIX_MONTHS = 15_768_000
GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
PRIVATE_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRER_POLICIES = {"origin", "origin-when-cross-origin", "unsafe-url"}
REFERRER_POLICIES = PRIVATE_REFERRER_POLICIES | UNSAFE_REFERRER_POLICIES | {"no-referrer-when-downgrade"}
# Sources that let anything in: a whole scheme or any host.
BROAD_SOURCES = {"*", "http:", "https:", "data:", "blob:", "filesystem:"}
# Anti-CSRF and session cookies, told apart by name as the Observatory does.
SESSION_NAMES = re.compile(r"sess|login|auth|token|sid|user", re.IGNORECASE)
CSRF_NAMES = re.compile(r"csrf|xsrf", re.IGNORECASE)


@dataclass
class Grade:
    score: int
    grade: str
    results: dict = field(default_factory=dict)  # test name -> (result, modifier)

    def __str__(self):
        lines = [f"{self.grade} ({self.score})"]
        lines += [f"  {name}: {result} ({modifier:+d})" for name, (result, modifier) in self.results.items()]
        return "\n".join(lines)


def parse_csp(header):
    """{directive: [sources]} from a Content-Security-Policy header; None if it cannot be parsed."""
    policy = {}
    for part in header.split(";"):
        tokens = part.split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if not re.fullmatch(r"[a-z-]+", name) or name in policy:
            return None  # a repeated or malformed directive
        policy[name] = [token if token.startswith("'") else token.lower() for token in tokens[1:]]
    return policy or None


def grade_csp(header, *, secure):
    if header is None:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    if policy is None:
        return "csp-header-invalid", -25
    default = policy.get("default-src")

    def sources(directive, fallback=True):
        if directive in policy:
            return policy[directive]
        return default if fallback else None

    script = sources("script-src")
    objects = sources("object-src")
    style = sources("style-src")
    has_hash_or_nonce = script is not None and any(s.startswith(("'nonce-", "'sha")) for s in script)
    if (
        script is None
        or objects is None
        or ("'unsafe-inline'" in script and not has_hash_or_nonce)
        or BROAD_SOURCES & set(script)
        or BROAD_SOURCES & set(objects)
    ):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if secure:
        # An http: scheme or address: in scripts, styles, frames and the like; or only in images and media.
        def insecure(values):
            return any(v == "http:" or v.startswith("http://") for v in values or [])

        passive = {"img-src", "media-src"}
        active = [d for d in policy if d.endswith("-src") and d not in passive]
        if any(insecure(policy[d]) for d in active):
            return "csp-implemented-with-insecure-scheme", -20
        if any(insecure(sources(d)) for d in passive):
            return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if style is None or "'unsafe-inline'" in style or BROAD_SOURCES & set(style):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def grade_cookies(response, *, hsts):
    # Django keeps the Set-Cookie headers in response.cookies; a cookie being deleted sets nothing.
    cookies = {name: morsel for name, morsel in response.cookies.items() if morsel["max-age"] != 0}
    if not cookies:
        return "cookies-not-found", 0
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies.items():
        session = bool(SESSION_NAMES.search(name)) and not CSRF_NAMES.search(name)
        samesite = (morsel["samesite"] or "").lower()
        candidates = []
        if not morsel["secure"]:
            if session:
                candidates.append(
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts
                    else ("cookies-session-without-secure-flag", -40)
                )
            else:
                candidates.append(
                    ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20)
                )
        if session and not morsel["httponly"]:
            candidates.append(("cookies-session-without-httponly-flag", -30))
        if samesite and samesite not in ("strict", "lax"):
            candidates.append(("cookies-samesite-flag-invalid", -20))
        if not samesite:
            if CSRF_NAMES.search(name):
                candidates.append(("cookies-anticsrf-without-samesite-flag", -20))
            else:
                candidates.append(("cookies-secure-with-httponly-sessions", 0))
        for candidate in candidates:
            if candidate[1] < worst[1]:
                worst = candidate
    return worst


def grade_cors(response):
    origin = response.headers.get("Access-Control-Allow-Origin")
    if origin is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    if origin.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    if response.headers.get("Access-Control-Allow-Credentials", "").lower() == "true":
        # The grader asks with a foreign Origin: echoing it back with credentials is universal access.
        return "cross-origin-resource-sharing-implemented-with-universal-access", -50
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def grade_corp(response):
    value = response.headers.get("Cross-Origin-Resource-Policy")
    if value is None:
        return "corp-not-implemented", 0
    value = value.strip().lower()
    if value == "same-origin":
        return "corp-implemented-with-same-origin", 0
    if value == "same-site":
        return "corp-implemented-with-same-site", 0
    if value == "cross-origin":
        return "corp-implemented-with-cross-origin", -20
    return "corp-header-invalid", -20


def hsts_max_age(response):
    """max-age of a valid Strict-Transport-Security header; None if missing, -1 if invalid."""
    header = response.headers.get("Strict-Transport-Security")
    if header is None:
        return None
    match = re.search(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:;|$)", header, re.IGNORECASE)
    return int(match.group(1)) if match else -1


def grade_hsts(response, *, secure):
    if not secure:
        return "hsts-not-implemented-no-https", -20
    max_age = hsts_max_age(response)
    if max_age is None:
        return "hsts-not-implemented", -20
    if max_age < 0:
        return "hsts-header-invalid", -20
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def grade_redirection(http_response, url):
    """From the answer to the same address over http (None: the site does not listen on http)."""
    if http_response is None:
        return "redirection-not-needed-no-http", 0
    if http_response.status_code not in (301, 302, 303, 307, 308):
        return "redirection-missing", -20
    location = urlsplit(http_response.headers["Location"])
    if location.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if location.hostname != urlsplit(url).hostname:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def grade_referrer_policy(response):
    header = response.headers.get("Referrer-Policy")
    if header is None:
        return "referrer-policy-not-implemented", 0
    # Browsers use the last policy they know in a comma-separated list.
    known = [token.strip().lower() for token in header.split(",") if token.strip().lower() in REFERRER_POLICIES]
    if not known:
        return "referrer-policy-header-invalid", -5
    if known[-1] in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    if known[-1] in UNSAFE_REFERRER_POLICIES:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-not-implemented", 0


def grade_sri(response, url):
    if not response.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    try:
        soup = BeautifulSoup(response.content, "html.parser")
    except Exception:  # noqa: BLE001 - anything the parser chokes on is "not parsable"
        return "html-not-parsable", -20
    site = urlsplit(url)
    scripts = [script for script in soup.find_all("script") if script.get("src")]
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = []
    for script in scripts:
        src = urlsplit(script["src"])
        other_host = bool(src.netloc) and src.hostname != site.hostname
        downgraded = src.scheme == "http" and site.scheme == "https"
        if other_host or downgraded:
            external.append((src, bool(script.get("integrity"))))
    if not external:
        if all(script.get("integrity") for script in scripts):
            return "sri-implemented-and-all-scripts-loaded-securely", 5
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    insecure = any(src.scheme == "http" for src, _ in external)
    with_sri = all(integrity for _, integrity in external)
    if with_sri:
        if insecure:
            return "sri-implemented-but-external-scripts-not-loaded-securely", -20
        return "sri-implemented-and-external-scripts-loaded-securely", 5
    if insecure:
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def grade_content_type_options(response):
    value = response.headers.get("X-Content-Type-Options")
    if value is None:
        return "x-content-type-options-not-implemented", -5
    if value.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def grade_frame_options(response):
    policy = parse_csp(response.headers.get("Content-Security-Policy", "")) or {}
    ancestors = policy.get("frame-ancestors")
    if ancestors and not (BROAD_SOURCES & set(ancestors)):
        return "x-frame-options-implemented-via-csp", 5
    value = response.headers.get("X-Frame-Options")
    if value is None:
        return "x-frame-options-not-implemented", -20
    value = value.strip().upper()
    if value in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("ALLOW-FROM "):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def grade(response, url, *, http_response=None):
    """Grade ``response`` (from ``url``); ``http_response`` is the answer to the same address over http."""
    secure = urlsplit(url).scheme == "https"
    hsts = secure and (hsts_max_age(response) or 0) > 0
    results = {
        "content-security-policy": grade_csp(response.headers.get("Content-Security-Policy"), secure=secure),
        "cookies": grade_cookies(response, hsts=hsts),
        "cross-origin-resource-sharing": grade_cors(response),
        "cross-origin-resource-policy": grade_corp(response),
        "strict-transport-security": grade_hsts(response, secure=secure),
        "redirection": grade_redirection(http_response, url),
        "referrer-policy": grade_referrer_policy(response),
        "subresource-integrity": grade_sri(response, url),
        "x-content-type-options": grade_content_type_options(response),
        "x-frame-options": grade_frame_options(response),
    }
    modifiers = [modifier for _, modifier in results.values()]
    score = 100 + sum(m for m in modifiers if m < 0)
    if score >= 90:
        score += sum(m for m in modifiers if m > 0)
    score = max(score, 0)
    letter = next(letter for floor, letter in GRADES if score >= floor)
    return Grade(score=score, grade=letter, results=results)
