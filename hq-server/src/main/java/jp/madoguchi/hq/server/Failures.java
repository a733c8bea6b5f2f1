package jp.madoguchi.hq.server;

/**
 * Describes an exception for the log without its messages: messages (a JSON parser's, a JDBC
 * driver's) can quote input, and input can be personal data. Types and the first frames are enough
 * to find the bug.
 */
final class Failures {
    private static final int FRAMES = 4;

    private Failures() {
    }

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
            if (depth > 0) {
                text.append(" caused by ");
            }
            text.append(current.getClass().getName());
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
                text.append(i == 0 ? " at " : " < ").append(frames[i]);
            }
        }
        return text.toString();
    }
}
