package io.hpo4j.studies.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Where the dashboard listens and who may read it.
 *
 * <pre>{@code
 * DashboardOptions local = DashboardOptions.loopback(8080);              // http://127.0.0.1:8080/
 * DashboardOptions lan = DashboardOptions.bind("0.0.0.0", 8080);         // wider: a token is required
 * }</pre>
 *
 * @param address where to listen; a loopback address needs no token
 * @param port    the TCP port, or 0 for a free one
 * @param token   the token every request must carry (as {@code ?token=} once, then a cookie), or
 *                null; required when {@code address} is not a loopback address
 * @param clock   the clock that dates the views (durations of running trials)
 */
public record DashboardOptions(InetAddress address, int port, String token, Clock clock) {

    /** The port {@code hpo dashboard} uses unless told otherwise (optuna-dashboard's too). */
    public static final int DEFAULT_PORT = 8080;

    public DashboardOptions {
        if (address == null || clock == null) {
            throw new IllegalArgumentException("address and clock must not be null, but got " + address + " and " + clock);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in 0..65535 (0 for a free port), but got " + port);
        }
        if (!address.isLoopbackAddress() && (token == null || token.length() < 16)) {
            throw new IllegalArgumentException("listening on " + address.getHostAddress()
                    + " (not loopback) needs a token of at least 16 characters, but got "
                    + (token == null ? "none" : token.length() + " characters"));
        }
    }

    /** 127.0.0.1 on {@code port}, no token. */
    public static DashboardOptions loopback(int port) {
        return new DashboardOptions(InetAddress.getLoopbackAddress(), port, null, Clock.systemUTC());
    }

    /**
     * {@code host} (a name or an address, e.g. {@code 0.0.0.0}) on {@code port}, with a fresh random
     * token unless {@code host} is a loopback address.
     *
     * @throws IllegalArgumentException if {@code host} does not resolve
     */
    public static DashboardOptions bind(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind must be an address or host name of this machine, but '" + host
                    + "' does not resolve", e);
        }
        return new DashboardOptions(address, port, address.isLoopbackAddress() ? null : newToken(), Clock.systemUTC());
    }

    /** A copy with another clock. */
    public DashboardOptions withClock(Clock newClock) {
        return new DashboardOptions(address, port, token, newClock);
    }

    /** 32 hex digits from a {@link SecureRandom}. */
    static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
