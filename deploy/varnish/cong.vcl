vcl 4.1;
# Varnish in front of Cổng's app servers: the scale-out path past one machine
# (docs/deployment.md#scale-out). Debian: apt install varnish varnish-modules.
#
# Django marks each cacheable anonymous page with the surrogate keys of what it showed
# (CONG_SURROGATE_HEADER=xkey: the page, its ancestors, the records and images on it, its
# host "h:<host>" and "all"); cong.core.surrogate.VarnishBackend (CONG_VARNISH_URL) purges
# by key with one `PURGE /` carrying `xkey-purge: k1 k2 ...`, and single URLs with a
# `PURGE <path>` and the page's Host. Several Varnish servers: one backend entry each in
# CONG_FRONTEND_CACHE.

import std;
import xkey;

# The app servers: gunicorn, or nginx with the page cache off (CONG_PAGE_CACHE_DIR unset:
# Varnish is the cache; nginx's files carry no keys). Add one `backend`
# per server and a director (import directors) to spread the load.
backend app {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors and anyone with a session see their own pages; so do the admin and the
    # visit beacon's API.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.url ~ "^/(admin|cms|api)/") {
        return (pass);
    }
    # Tracking parameters never change a page (the list of cong/core/pagecache.py).
    set req.url = regsuball(req.url, "([?&])(utm_[a-z_]+|fbclid|gclid|zarsrc)=[^&]*", "\1");
    set req.url = regsuball(req.url, "[?&]+$", "");
    set req.url = regsub(req.url, "\?&+", "?");
    # Only the pages Django marks cacheable are kept (vcl_backend_response); a query string
    # (filters, search, page 2) goes to the app.
    if (req.url ~ "\?") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Cacheable: Django sent its keys and set no cookie. Everything else passes.
    if (beresp.http.xkey && !beresp.http.Set-Cookie && beresp.status == 200) {
        set beresp.ttl = 1h;     # purges keep it fresh; the TTL bounds what a lost purge costs
        set beresp.grace = 6h;   # served stale while the app is down (as nginx's .stale.html)
        unset beresp.http.Cache-Control;
        set beresp.http.Cache-Control = "no-cache";
        return (deliver);
    }
    set beresp.uncacheable = true;
    set beresp.ttl = 120s;
    return (deliver);
}

sub vcl_deliver {
    # The keys are for Varnish only.
    unset resp.http.xkey;
    unset resp.http.n-gone;
}
