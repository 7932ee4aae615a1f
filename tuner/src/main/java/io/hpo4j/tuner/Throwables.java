package io.hpo4j.tuner;

/** How a failure is written in a trial's fail reason: the exception's class and message, with up to three causes. */
final class Throwables {

    private Throwables() {
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && cause != e && depth++ < 3) {
            sb.append(" (caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                sb.append(": ").append(cause.getMessage());
            }
            sb.append(')');
            cause = cause.getCause();
        }
        return sb.toString();
    }
}
