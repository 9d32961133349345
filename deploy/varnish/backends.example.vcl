# The machine-specific part of default.vcl: copy to backends.vcl (next to default.vcl) and fill in.
# Adding an app server: one more backend, one more add_backend line, reload Varnish (docs/deploy.md).

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = healthz;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = healthz;
}

# The S3-compatible server holding the media, over plain HTTP on the private network (e.g. MinIO). With a
# storage reachable only over HTTPS, point MEDIA_PUBLIC_URL at the bucket or a CDN and leave /media/ unused.
backend media {
    .host = "10.0.0.21";
    .port = "9000";
}

# Who may purge: the app servers (Wagtail's frontend cache).
acl purgers {
    "127.0.0.1";
    "10.0.0.11";
    "10.0.0.12";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

# /media/<name> is <bucket>/<name> in the storage.
sub media_backend {
    set req.backend_hint = media;
    set req.http.Host = "10.0.0.21:9000";
    set req.url = regsub(req.url, "^/media/", "/torino-media/");
}
