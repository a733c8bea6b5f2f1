package jp.madoguchi.hq.store;

import jp.madoguchi.hq.security.Sha256;

import java.util.concurrent.atomic.AtomicInteger;
import jp.madoguchi.hq.security.PasswordHashing;

/**
 * A trivial stand-in for the Argon2id implementation: {@code fake-sha256$} and the unsalted
 * SHA-256 of the password. Counts verifications, so tests can see an unknown username costs one too.
 */
final class FakePasswordHashing implements PasswordHashing {
    private static final String PREFIX = "fake-sha256$";
    final AtomicInteger verifications = new AtomicInteger();

    @Override
    public String hash(char[] password) {
        return PREFIX + Sha256.hex(password);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        verifications.incrementAndGet();
        return encoded.equals(hash(password));
    }
}
