package io.hpo4j.studies.dashboard;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may read the dashboard. Only GET and HEAD are served (it is read-only). On a loopback
 * address the {@code Host} header must name the loopback (so a web page elsewhere cannot reach the
 * dashboard by rebinding its own host name to 127.0.0.1). With a token, a request carries it as
 * {@code ?token=}, as the {@value #COOKIE} cookie the first such request sets, or as
 * {@code Authorization: Bearer}. Immutable and thread-safe.
 */
final class AccessGuard {

    static final String COOKIE = "hpo4j_dashboard_token";

    private final String token;
    private final boolean loopback;

    AccessGuard(InetAddress address, String token) {
        this.token = token;
        this.loopback = address.isLoopbackAddress();
    }

    /** What to do with a request. */
    sealed interface Decision permits Allow, Deny {
    }

    /** Serve it; {@code setCookie} is true when the token came in the query and should become a cookie. */
    record Allow(boolean setCookie) implements Decision {
    }

    record Deny(int status, String reason) implements Decision {
    }

    Decision check(String method, String host, String query, List<String> cookies, String authorization) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new Deny(405, "the dashboard is read-only: " + method + " is not served, only GET and HEAD");
        }
        if (loopback && !loopbackHost(host)) {
            return new Deny(421, "the dashboard listens on the loopback only, but the request named host '" + host + "'");
        }
        if (token == null) {
            return new Allow(false);
        }
        if (matches(queryToken(query))) {
            return new Allow(true);
        }
        if (matches(cookieToken(cookies)) || matches(bearer(authorization))) {
            return new Allow(false);
        }
        return new Deny(401, "this dashboard needs its token: open the address that 'hpo dashboard' printed "
                + "(it ends in ?token=...)");
    }

    String cookie() {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private boolean matches(Optional<String> candidate) {
        return candidate.isPresent() && MessageDigest.isEqual(candidate.get().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        return name.equals("localhost") || name.startsWith("127.");
    }

    private static Optional<String> queryToken(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String part : query.split("&")) {
            if (part.startsWith("token=")) {
                return Optional.of(part.substring("token=".length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cookieToken(List<String> headers) {
        if (headers == null) {
            return Optional.empty();
        }
        for (String header : headers) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return Optional.of(p.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ")
                ? Optional.of(authorization.substring("Bearer ".length()).strip()) : Optional.empty();
    }
}
