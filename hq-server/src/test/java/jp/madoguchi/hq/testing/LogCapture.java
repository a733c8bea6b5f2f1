package jp.madoguchi.hq.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what slf4j-simple writes (to System.err) while an action runs, still echoing it. */
public final class LogCapture {
    public interface Action {
        void run() throws Exception;
    }

    private LogCapture() {
    }

    public static String during(Action action) throws Exception {
        return during(action, log -> true);
    }

    /**
     * Runs {@code action}, then keeps capturing until {@code until} holds for the captured text (at
     * most 5 s): access lines are written as responses complete, possibly after the client has them.
     */
    public static synchronized String during(Action action, java.util.function.Predicate<String> until) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        System.setErr(tee);
        try {
            action.run();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline) {
                String sofar;
                synchronized (captured) {
                    sofar = captured.toString(StandardCharsets.UTF_8);
                }
                if (until.test(sofar)) {
                    break;
                }
                Thread.sleep(20);
            }
        } finally {
            System.setErr(original);
        }
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }
}
