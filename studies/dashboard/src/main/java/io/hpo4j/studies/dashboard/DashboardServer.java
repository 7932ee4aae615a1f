package io.hpo4j.studies.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The dashboard's web server: the page, its assets and the JSON API it polls, over a
 * {@link Storage} that it only reads.
 *
 * <pre>{@code
 * try (Storage storage = JdbcStorage.open("jdbc:h2:file:/data/studies");
 *      DashboardServer server = DashboardServer.start(storage, "/data/studies", DashboardOptions.loopback(8080))) {
 *     System.out.println("dashboard at " + server.url());
 *     server.awaitStop();
 * }
 * }</pre>
 *
 * <h2>API (GET, JSON, snake case)</h2>
 * <ul>
 *   <li>{@code /api/studies} — every study with counts by state and its best value;</li>
 *   <li>{@code /api/studies/NAME} — its trials with curves, intermediate values, verdicts
 *       (provisional for running trials), parameter importance;</li>
 *   <li>{@code /api/studies/NAME/trials/N} — one trial with its attributes and provenance.</li>
 * </ul>
 * Every answer has an {@code ETag}; a poll that sends it back in {@code If-None-Match} gets 304
 * while nothing changed. The page polls every two seconds.
 *
 * <p>Thread-safe; requests are served by a small pool of daemon threads. Closing stops the server
 * (not the storage, which the caller owns).
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final String ASSETS = "/io/hpo4j/studies/dashboard/assets/";
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardOptions options;
    private final StudyViews views;
    private final AccessGuard guard;
    private final String storageName;
    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Object stopped = new Object();
    private volatile boolean running = true;

    private DashboardServer(HttpServer server, ExecutorService executor, DashboardOptions options, StudyViews views,
                            String storageName) {
        this.server = server;
        this.executor = executor;
        this.options = options;
        this.views = views;
        this.guard = new AccessGuard(options.address(), options.token());
        this.storageName = storageName;
    }

    /**
     * Starts serving {@code storage}.
     *
     * @param storageName how the page names the storage (its URL, password masked)
     * @throws UncheckedIOException if the address or port cannot be bound
     */
    public static DashboardServer start(Storage storage, String storageName, DashboardOptions options) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.address(), options.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.address().getHostAddress() + ":" + options.port()
                    + " (" + e.getMessage() + "); choose another --port, or 0 for a free one", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "hpo-dashboard-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DashboardServer server = new DashboardServer(http, executor, options,
                new StudyViews(storage, OverfitThresholds.defaults(), options.clock()), storageName);
        http.setExecutor(executor);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    /** The port it listens on (the one chosen, if the options asked for 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open in a browser, with the token if there is one. */
    public URI url() {
        String host = options.address().isAnyLocalAddress() ? "127.0.0.1" : options.address().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/" + (options.token() == null ? "" : "?token=" + options.token()));
    }

    /** Blocks until {@link #close()} is called (from another thread, or a shutdown hook). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (running) {
                stopped.wait();
            }
        }
    }

    @Override
    public void close() {
        synchronized (stopped) {
            if (!running) {
                return;
            }
            running = false;
            stopped.notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            try {
                serve(exchange);
            } catch (RuntimeException e) {
                LOG.error("dashboard: {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                if (exchange.getResponseCode() == -1) {   // nothing sent yet: say so instead of dropping the connection
                    sendJson(exchange, 500, new Views.Error(500, "the dashboard failed: " + e), false);
                }
            }
        } catch (IOException e) {
            LOG.debug("dashboard: a client went away: {}", e.toString());
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        AccessGuard.Decision decision = guard.check(exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().get("Cookie"), exchange.getRequestHeaders().getFirst("Authorization"));
        if (decision instanceof AccessGuard.Deny deny) {
            if (deny.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            }
            send(exchange, deny.status(), "text/plain; charset=utf-8", (deny.reason() + "\n").getBytes(StandardCharsets.UTF_8), false);
            return;
        }
        if (((AccessGuard.Allow) decision).setCookie()) {
            exchange.getResponseHeaders().add("Set-Cookie", guard.cookie());
        }
        route(exchange);
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals("/") || path.equals("/index.html")) {
            asset(exchange, "index.html");
        } else if (path.equals("/favicon.ico")) {
            asset(exchange, "favicon.svg");
        } else if (path.startsWith("/assets/")) {
            asset(exchange, path.substring("/assets/".length()));
        } else if (path.equals("/api/studies") || path.startsWith("/api/studies/")) {
            api(exchange, segments(path.substring("/api/studies".length())));
        } else {
            sendJson(exchange, 404, new Views.Error(404, "no such page: " + path), false);
        }
    }

    private void api(HttpExchange exchange, List<String> segments) throws IOException {
        Object body;
        int status = 200;
        try {
            if (segments.isEmpty()) {
                body = views.studies(storageName);
            } else if (segments.size() == 1) {
                body = views.study(segments.get(0));
            } else if (segments.size() == 3 && segments.get(1).equals("trials") && segments.get(2).matches("\\d{1,9}")) {
                body = views.trial(segments.get(0), Integer.parseInt(segments.get(2)));
            } else {
                throw new StudyViews.NotFound("no such API path: /api/studies/" + String.join("/", segments));
            }
        } catch (StudyViews.NotFound e) {
            status = 404;
            body = new Views.Error(404, e.getMessage());
        } catch (StorageException e) {
            status = 503;
            body = new Views.Error(503, "the storage cannot be read: " + e.getMessage());
        }
        sendJson(exchange, status, body, true);
    }

    private void sendJson(HttpExchange exchange, int status, Object body, boolean conditional) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, status, "application/json; charset=utf-8", json.writeValueAsBytes(body), conditional);
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        if (!ASSET_NAME.matcher(name).matches()) {
            sendJson(exchange, 404, new Views.Error(404, "no such asset: " + name), false);
            return;
        }
        byte[] bytes;
        try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + name)) {
            if (in == null) {
                sendJson(exchange, 404, new Views.Error(404, "no such asset: " + name), false);
                return;
            }
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), bytes, true);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean conditional)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        if (conditional && status == 200) {
            String etag = "\"" + digest(body) + "\"";
            headers.set("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The decoded path segments after {@code /api/studies}. */
    private static List<String> segments(String rest) {
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
