package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.StorageException;
import org.h2.tools.Server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * An H2 TCP server for workers in several processes or on several machines (what
 * {@code hpo server} runs): it creates or opens the database {@code <directory>/<name>} with the
 * user {@value #USER} and the given password, brings its schema up to date, then serves it at
 * {@link #url()}. Clients can open only that database (no {@code -ifNotExists}), and only with the
 * password.
 *
 * <p>Bound to {@code 127.0.0.1} unless another address is given; a non-loopback address also lets
 * other machines connect (H2's {@code -tcpAllowOthers}). H2 reads the bind address from the system
 * property {@code h2.bindAddress} once per JVM, when its first class loads, so a JVM serves one
 * bind address.
 *
 * <pre>{@code
 * try (H2Server server = H2Server.start(Path.of("/srv/hpo"), "studies", 9092, "127.0.0.1", password)) {
 *     // workers: JdbcStorage.builder(server.url()).credentials(new Credentials(H2Server.USER, password))
 *     server.awaitStop();
 * }
 * }</pre>
 */
public final class H2Server implements AutoCloseable {

    /** The database user the server's database is created with. */
    public static final String USER = "hpo";

    private final Server server;
    private final JdbcStorage holder;
    private final String url;

    private H2Server(Server server, JdbcStorage holder, String url) {
        this.server = server;
        this.holder = holder;
        this.url = url;
    }

    /**
     * Opens (or creates) the database and starts serving it.
     *
     * @param port        the TCP port; 0 for a free one
     * @param bindAddress the address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @throws IllegalArgumentException if the name or address is invalid, the password is empty, or
     *                                  the database exists with another password
     * @throws StorageException         if the database cannot be opened or the port is taken
     */
    public static H2Server start(Path directory, String name, int port, String bindAddress, String password) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("database name: expected letters, digits, '_' or '-', but got '" + name + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port: expected 0..65535, but got " + port);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the H2 server needs a password: give --password-file FILE or set "
                    + Credentials.PASSWORD_VARIABLE);
        }
        InetAddress bind;
        try {
            bind = InetAddress.getByName(bindAddress);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind: not an address of this machine: '" + bindAddress + "'");
        }
        String previous = System.getProperty("h2.bindAddress");
        if (previous != null && !previous.equals(bindAddress)) {
            throw new IllegalStateException("this JVM already serves H2 on " + previous + "; it cannot also bind " + bindAddress);
        }
        System.setProperty("h2.bindAddress", bindAddress);
        Path base = directory.toAbsolutePath().normalize();
        String fileUrl = "jdbc:h2:file:" + base.resolve(name) + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;FILE_LOCK=FILE";
        JdbcStorage holder;
        try {
            holder = JdbcStorage.builder(fileUrl).credentials(new Credentials(USER, password)).retry(RetryPolicy.NONE).build();
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException s && "28000".equals(s.getSQLState())) {
                throw new IllegalArgumentException("the database " + base.resolve(name) + " exists with another user or password;"
                        + " give the password it was created with");
            }
            throw e;
        }
        List<String> args = new ArrayList<>(List.of("-tcpPort", String.valueOf(port), "-baseDir", base.toString()));
        if (!bind.isLoopbackAddress()) {
            args.add("-tcpAllowOthers");
        }
        try {
            Server server = Server.createTcpServer(args.toArray(String[]::new)).start();
            String host = bind.isAnyLocalAddress() ? "127.0.0.1" : bind.getHostAddress();
            return new H2Server(server, holder, "jdbc:h2:tcp://" + host + ":" + server.getPort() + "/" + name);
        } catch (SQLException e) {
            holder.close();
            throw new StorageException("could not start the H2 server on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The URL clients open, e.g. {@code jdbc:h2:tcp://127.0.0.1:9092/studies} (no credentials in it). */
    public String url() {
        return url;
    }

    public int port() {
        return server.getPort();
    }

    /** Blocks until the server stops (another thread closes it, or the JVM exits). */
    public void awaitStop() throws InterruptedException {
        while (server.isRunning(false)) {
            Thread.sleep(500);
        }
    }

    /** Stops serving and closes the database. Idempotent. */
    @Override
    public void close() {
        server.stop();
        holder.close();
    }
}
