package io.hpo4j.studies.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code hpo} in-process against a database in a temporary directory. */
final class CliTestSupport {

    private final String url;

    CliTestSupport(Path dir) {
        this.url = "jdbc:h2:file:" + dir.resolve("studies").toAbsolutePath();
    }

    String url() {
        return url;
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs {@code hpo args... --storage <temp db>}. */
    Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--storage";
        all[args.length + 1] = url;
        return runRaw(all);
    }

    /** Runs {@code hpo args...} as given. */
    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hpo.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
