# Varnish in front of the app servers (docs/deploy.md, "Topology"). Varnish 7 (Debian's package).
#
# What it does:
# - caches what readers ask for: pages as long as their Cache-Control allows (60 s when they say nothing),
#   static files and image renditions as long as they say (a year: their names change when they do);
# - never caches the admin, previews, signed-in users (Django's session cookie), POSTs and anything that sets a
#   cookie or says private/no-store/no-cache, nor a redirect or error that says nothing; keeps http and https
#   apart; strips tracking parameters and every cookie but the session's;
# - keeps a page 6 hours past its time ("grace") and hands that copy out only while the app servers cannot answer
#   (every one sick for the probe, or the app answering 5xx: the database out); while they can, a page past its
#   time is fetched again before it is served, so a listing whose time was capped at a release's embargo end
#   shows the release from that second on (a stale copy would hide it until some reader's background fetch);
# - spreads misses over the healthy app servers (probes on /healthz) and retries another one when one fails;
# - answers PURGE from the app servers only (Wagtail's frontend cache purges a page when it is published), and
#   bans every page and document (not static files or renditions) on a PURGE of /.page-cache/ban-all, which the app servers send after
#   every content change (base/cache_invalidation.py): almost any change shows on many pages (menus, footer,
#   listings, maps, feeds), and the app's own cache is renewed as a whole the same way.
#
# The machine-specific part (the app servers, who may purge, where the media bucket is) is in backends.vcl,
# next to this file: copy deploy/varnish/backends.example.vcl and fill it in.
vcl 4.1;

import directors;
import std;

probe healthz {
    .request = "GET /healthz HTTP/1.1"
        "Host: varnish-probe"
        "Connection: close"
        "User-Agent: Varnish health probe";
    .interval = 1s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
    .initial = 2;
}

include "backends.vcl";

sub vcl_recv {
    # One id for this request in Varnish's log and the app server's (config/request_log.py).
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9._-]{1,64}$") {
        set req.http.X-Request-ID = "varnish-" + req.xid;
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.url == "/.page-cache/ban-all") {
            # Every page object (they carry X-Url, set below; static files and media do not). Tested against
            # obj.* only, so Varnish's ban lurker clears them in the background.
            ban("obj.http.X-Url ~ .");
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    set req.backend_hint = app.backend();
    # A copy past its time (grace, vcl_backend_response) only when the app servers cannot answer. While one is
    # healthy, none: a page's time is capped at the next instant pages change by the clock (a release's embargo end,
    # config/page_cache.py), and a stale copy served past it would hide a release that is out, for as long as
    # nobody asked since (Varnish serves the stale copy first, then fetches in the background). A request that
    # failed once (the app answered 5xx, vcl_backend_response; restarted by vcl_synth) takes the stale copy too.
    # Bans and purges remove copies whole: a copy changed content made out of date is never served, even stale.
    # X-Stale-Retry (set here only): "done" once restarted, "never" for media (below).
    unset req.http.X-Stale-Retry;
    if (req.restarts > 0) {
        set req.http.X-Stale-Retry = "done";
        set req.grace = 6h;  # req.grace outlives a restart: the first try's 0s would still be in force
    } else if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    if (req.url ~ "^/(healthz|readyz)$") {
        return (pass);
    }
    if (req.url ~ "^/media/") {
        # An object's own address only, never the bucket's: its root lists the keys (?list-type=2, ?prefix=,
        # ?uploads…), and the random folder of each image's name (config/media_storage.py) is secret only while
        # nobody can list them. No rendition address has a query or ends in "/".
        if (req.url ~ "[?]" || req.url ~ "/$") {
            return (synth(404, "Not Found"));
        }
        # Renditions (images/) are the only public media, as in the bucket (config/object_storage.py): documents are
        # served by the app (/documents/<id>/<name>, where privacy and a release's embargo are checked), originals by
        # nobody. Without a bucket, /media/ is MEDIA_ROOT behind a file server, where a document keeps the name it was
        # uploaded with, and that server decodes and normalises the path: no encoded ASCII character (%2e, %2f, %64),
        # dot segment or empty segment passes either. A rendition's name needs none of them.
        if (req.url !~ "^/media/images/[^/]" || req.url ~ "%[0-7]" || req.url ~ "/[.][.]?(/|$)" || req.url ~ "//") {
            return (synth(404, "Not Found"));
        }
        # Image renditions, public in the bucket: cached here, whoever asks.
        unset req.http.Cookie;
        unset req.http.Authorization;
        # Never restarted (vcl_synth, vcl_deliver): media_backend rewrites the address, which a restart would send
        # to the app servers. A failed fetch from the bucket is Varnish's 503.
        set req.http.X-Stale-Retry = "never";
        # Renditions carry no embargo (a page's text does, not its pictures' files), and the app's health says nothing
        # of the bucket's: an expired one is served from grace while the bucket fetch fails or is under way.
        set req.grace = 6h;
        call media_backend;
        return (hash);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin (previews included: they are under /admin/) is for editors, never shared.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/(en/)?preview") {
        return (pass);
    }
    if (req.url ~ "^/static/") {
        unset req.http.Cookie;
        return (hash);
    }
    # Tracking parameters make no difference to a page: one cached copy for every campaign.
    if (req.url ~ "[?&](utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "([?&])(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*&?", "\1");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # Only Django's session cookie matters (a signed-in editor: never cached); analytics and consent cookies,
    # and the CSRF cookie on a GET, do not change the page.
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }
    if (req.http.Authorization) {
        return (pass);
    }
    return (hash);
}

sub vcl_hash {
    # The scheme the reader used (set by the TLS terminator in front): an http request's answer (the redirect to
    # https) must never be served for the https address. No return: the built-in vcl_hash adds the URL and Host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # A stale copy is better than an error page while the app servers are down (docs/deploy.md, "Faults"); it is
    # kept this long, and served only when they cannot answer (req.grace, vcl_recv).
    set beresp.grace = 6h;
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # Keep serving the stale copy rather than replace it with an error.
        return (abandon);
    }
    if (beresp.status >= 500 && !bereq.uncacheable && !bereq.http.X-Stale-Retry) {
        # The app is up but cannot answer (the database out: a 503 page): the reader's request is restarted
        # (vcl_synth) and may then take a stale copy; where there is none, that second try delivers the app's page.
        return (abandon);
    }
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # What the app says is not to be shared, or sets a cookie, is passed on and never kept: the early-access pages,
    # the 202 "PDF being prepared", pages rendered while the content changed, anything with a CSRF cookie. (Every
    # path here ends in return, so Varnish's built-in rules, which would refuse these too, never run: say it here.)
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (bereq.url ~ "^/(media|static)/") {
        return (deliver);  # their own Cache-Control: a year for renditions and hashed static files
    }
    # Pages and documents (a document can be replaced or withdrawn under the same address) are marked for the ban
    # of every page (vcl_recv); the mark is not sent to readers (vcl_deliver).
    set beresp.http.X-Url = bereq.url;
    if (bereq.url ~ "^/documents/") {
        return (deliver);
    }
    if (beresp.status != 200 && !beresp.http.Cache-Control) {
        # A redirect or an error the app did not mark as shareable (an http -> https redirect, a slash added) is
        # asked again: kept, one wrong copy would be served to every reader.
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Pages are small and rendered whole before they are sent: received whole here too, so that an app server
    # dying half-way is a failed fetch that vcl_synth restarts on another one, never a truncated page.
    set beresp.do_stream = false;
    if (!beresp.http.Cache-Control && beresp.ttl > 0s) {
        set beresp.ttl = 60s;  # a page that says nothing: short, publishing purges it anyway
    }
    return (deliver);
}

sub vcl_backend_error {
    # The app server chosen went away (killed, restarting) before the probe noticed: try again. The round robin
    # is shared by every request in flight, so a retry may land on the same dead server: up to three retries
    # (max_retries is 4), each a refused connection, which costs nothing.
    if (bereq.retries < 3 && bereq.method ~ "^(GET|HEAD)$") {
        return (retry);
    }
}

sub vcl_synth {
    # A fetch that failed (the app server died while answering): ask again, the probe or the round robin sends
    # it to another app server. Also a 5xx given up for a stale copy (vcl_backend_response): the second try may
    # take one (vcl_recv).
    if (resp.status == 503 && req.restarts < 2 && req.method ~ "^(GET|HEAD)$" && req.http.X-Stale-Retry != "never") {
        return (restart);
    }
}

sub vcl_deliver {
    # Varnish's own 503 after every retry failed (no Retry-After: the app's 503 page has one): once more.
    if (
        resp.status == 503 && !resp.http.Retry-After && req.restarts < 2 && req.method ~ "^(GET|HEAD)$"
        && req.http.X-Stale-Retry != "never"
    ) {
        return (restart);
    }
    unset resp.http.X-Url;
    # This request's id, not the one of the request that filled the cache.
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    # Whether this answer came from the cache, for the logs and the tests (and readers' curiosity).
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
