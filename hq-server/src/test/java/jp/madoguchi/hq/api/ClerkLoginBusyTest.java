package jp.madoguchi.hq.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jp.madoguchi.hq.presence.TestHeadquarters;
import jp.madoguchi.hq.security.PasswordHashing;
import jp.madoguchi.hqlink.client.HqRejectedException;
import jp.madoguchi.hqlink.client.HqUnavailableException;
import org.junit.jupiter.api.Test;

/** At most two password hashes at once: a login that cannot start within the short wait is told 503 busy. */
class ClerkLoginBusyTest {

    /** A hash that takes longer than the login wait, and counts how many run at once. */
    private static final class SlowHashing implements PasswordHashing {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public String hash(char[] password) {
            return "slow";
        }

        @Override
        public boolean verify(char[] password, String encoded) {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(ClerkApi.LOGIN_WAIT.toMillis() + 700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            return false;
        }

        @Override
        public boolean needsRehash(String encoded) {
            return false;
        }
    }

    @Test
    void aThirdAndFourthSimultaneousLoginAreToldBusyNotQueuedForever() throws Exception {
        SlowHashing hashing = new SlowHashing();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (TestHeadquarters hq = new TestHeadquarters(Duration.ofSeconds(20), hashing)) {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String username = "someone-" + i;
                logins.add(pool.submit(() -> {
                    try {
                        hq.clerkClient().login(username, "pw".toCharArray());
                        return "signed in";
                    } catch (HqRejectedException e) {
                        return e.status() + " " + e.errorCode();
                    } catch (HqUnavailableException e) {
                        return e.reason() + " retry-after " + e.retryAfter().map(Duration::toSeconds).orElse(-1L);
                    }
                }));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> login : logins) {
                outcomes.add(login.get(20, TimeUnit.SECONDS));
            }
            Collections.sort(outcomes);
            assertEquals(List.of("401 bad_credentials", "401 bad_credentials", "BUSY retry-after 1", "BUSY retry-after 1"),
                    outcomes);
            assertTrue(hashing.most.get() <= 2, "at most two hashes at once, saw " + hashing.most.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
