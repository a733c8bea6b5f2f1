package jp.madoguchi.card.pcsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What every test through the real PC/SC stack shares: a private pcscd for the class (checked for
 * health at the end), the readers, and the resources a test opened, closed after it in reverse
 * order, after which both virtual readers must be empty again before the next test looks.
 */
abstract class RealStackTest {
    static final String READER = PrivatePcscd.FIRST_READER;
    static final String SECOND_READER = PrivatePcscd.SECOND_READER;
    static final Duration WAIT = Duration.ofSeconds(5);

    static PrivatePcscd pcscd;
    static Readers readers;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void startPcscd() throws Exception {
        pcscd = PrivatePcscd.start();
        readers = Readers.pcsc();
    }

    @AfterAll
    static void stopPcscd() throws Exception {
        if (pcscd != null) {
            pcscd.closeAndAssertHealthy();
            pcscd = null;
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
        awaitPresence(READER, false);
        awaitPresence(SECOND_READER, false);
    }

    /** Closes {@code resource} after the test. */
    <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    static void awaitPresence(String reader, boolean present) throws Exception {
        PrivatePcscd.awaitPresence(readers, reader, present, WAIT);
    }
}
