package jp.madoguchi.hq.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Clerk passwords hashed with Argon2id (RFC 9106) through Bouncy Castle's {@link Argon2BytesGenerator},
 * stored in the PHC string format {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} with
 * standard Base64 without padding, so hashes are readable by libargon2, argon2-cffi, Spring Security and
 * friends if headquarters ever changes language.
 *
 * <p><b>Parameters.</b> The default is {@code m=19456 KiB (19 MiB), t=3, p=1}: OWASP's first recommended
 * Argon2id configuration ({@code m=19 MiB, t=2, p=1}) with one more pass. Measured on the 2-core development
 * machines with Bouncy Castle's pure-Java Argon2, JIT warmed up: {@code t=2} took 32–36 ms per hash on an idle
 * machine (below the 50–150 ms a login can afford and should spend) and 61–85 ms while other builds loaded
 * it; {@code t=3} took 86–91 ms under the same load (idle not measured: ~50 ms by scaling with t). We add a pass rather than memory so
 * that each concurrent login still holds only 19 MiB of heap: a 2-core headquarters also serves hundreds of
 * booths. {@code Argon2PasswordHashingTest#reportsTimePerHash} prints the figure on every run. One lane
 * because Bouncy Castle computes lanes one after another, so more lanes would add nothing here. The HTTP
 * layer should allow at most about two logins to hash at once, because a 2-core machine gains nothing from
 * more.
 *
 * <p><b>Secrets.</b> The {@code char[]} password is encoded to UTF-8 into arrays this class owns and wipes
 * ({@link Argon2BytesGenerator#generateBytes(char[], byte[])} is not used because its internal UTF-8 copy is
 * never cleared). The caller keeps and wipes its own {@code char[]}.
 *
 * <p><b>Failure.</b> {@link #verify} returns {@code false} for a wrong password and for anything it cannot
 * parse; it never throws for a bad encoding, so a corrupt row cannot be told apart from a wrong password by
 * whoever is logging in. Parameters read from an encoding are bounded so that a corrupt or planted row
 * cannot make a login allocate gigabytes.
 *
 * <p>Thread-safe: instances are immutable; each call uses its own generator.
 */
public final class Argon2PasswordHashing implements PasswordHashing {

    /** OWASP Password Storage Cheat Sheet: Argon2id with 19 MiB and 2 passes is the minimum configuration. */
    public static final int OWASP_MIN_MEMORY_KIB = 19 * 1024;
    /** OWASP minimum number of passes at {@link #OWASP_MIN_MEMORY_KIB}. */
    public static final int OWASP_MIN_ITERATIONS = 2;

    public static final int DEFAULT_MEMORY_KIB = OWASP_MIN_MEMORY_KIB;
    public static final int DEFAULT_ITERATIONS = 3;
    public static final int DEFAULT_PARALLELISM = 1;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    // Bounds on what verify() accepts from a stored string (see class comment).
    private static final int MAX_MEMORY_KIB = 256 * 1024; // 256 MiB: far above today, far below a small heap
    private static final int MAX_ITERATIONS = 32;
    private static final int MAX_PARALLELISM = 16;
    private static final int MIN_SALT_BYTES = 8;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_FIELD_BYTES = 128;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=(\\d{1,3})\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$([A-Za-z0-9+/]{11,200})\\$([A-Za-z0-9+/]{22,200})");

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random;

    /** Today's parameters: {@code m=19456, t=3, p=1}. */
    public Argon2PasswordHashing() {
        this(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /**
     * Stronger parameters than the default, e.g. for a faster production server.
     *
     * @throws IllegalArgumentException below the OWASP minimums ({@code m ≥ 19456 KiB, t ≥ 2, p ≥ 1}) or above
     *     what {@link #verify} would accept back
     */
    public Argon2PasswordHashing(int memoryKib, int iterations, int parallelism) {
        if (memoryKib < OWASP_MIN_MEMORY_KIB || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + OWASP_MIN_MEMORY_KIB + ".." + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < OWASP_MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 passes must be " + OWASP_MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 lanes must be 1.." + MAX_PARALLELISM);
        }
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.random = new SecureRandom();
    }

    @Override
    public String hash(char[] password) {
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        try {
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                    + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        if (password == null) {
            return false;
        }
        Optional<Encoded> parsed = parse(encoded);
        if (parsed.isEmpty()) {
            return false;
        }
        Encoded stored = parsed.get();
        byte[] candidate = null;
        try {
            candidate = derive(password, stored.salt, stored.memoryKib, stored.iterations, stored.parallelism,
                    stored.hash.length);
            // MessageDigest.isEqual is constant-time in the contents for equal lengths (JDK 6u17+).
            return MessageDigest.isEqual(candidate, stored.hash);
        } catch (RuntimeException unexpected) {
            return false;
        } finally {
            if (candidate != null) {
                Arrays.fill(candidate, (byte) 0);
            }
            Arrays.fill(stored.hash, (byte) 0);
        }
    }

    /** True when {@code encoded} is not today's algorithm or is weaker in any parameter, salt or hash length. */
    @Override
    public boolean needsRehash(String encoded) {
        Optional<Encoded> parsed = parse(encoded);
        if (parsed.isEmpty()) {
            return true;
        }
        Encoded stored = parsed.get();
        return stored.memoryKib < memoryKib
                || stored.iterations < iterations
                || stored.parallelism < parallelism
                || stored.salt.length < SALT_BYTES
                || stored.hash.length < HASH_BYTES;
    }

    @Override
    public String toString() {
        return "Argon2id(m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + ")";
    }

    /**
     * Raw Argon2id (version 0x13) over the UTF-8 bytes of {@code password}; the UTF-8 copy is wiped before
     * returning. Package-private for the known-answer tests.
     */
    static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        byte[] passwordBytes = utf8(password);
        try {
            return deriveRaw(passwordBytes, salt, null, null, memoryKib, iterations, parallelism, length);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    /** Argon2id with optional secret and associated data, as RFC 9106 §5.3 uses them; for tests. */
    static byte[] deriveRaw(byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (secret != null) {
            builder.withSecret(secret);
        }
        if (associatedData != null) {
            builder.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(builder.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    /** UTF-8 bytes of {@code password} in an exactly-sized array; every intermediate buffer is wiped. */
    private static byte[] utf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(password));
        } catch (CharacterCodingException cannotHappenWithReplace) {
            throw new IllegalStateException(cannotHappenWithReplace);
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }

    private static Optional<Encoded> parse(String encoded) {
        if (encoded == null || encoded.length() > 512) {
            return Optional.empty();
        }
        Matcher matcher = PHC.matcher(encoded);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            int version = Integer.parseInt(matcher.group(1));
            long memory = Long.parseLong(matcher.group(2));
            long passes = Long.parseLong(matcher.group(3));
            long lanes = Long.parseLong(matcher.group(4));
            if (version != 19 || lanes < 1 || lanes > MAX_PARALLELISM || passes < 1 || passes > MAX_ITERATIONS
                    || memory < 8 * lanes || memory > MAX_MEMORY_KIB) {
                return Optional.empty();
            }
            byte[] salt = B64_DECODER.decode(matcher.group(5));
            byte[] hash = B64_DECODER.decode(matcher.group(6));
            if (salt.length < MIN_SALT_BYTES || salt.length > MAX_FIELD_BYTES
                    || hash.length < MIN_HASH_BYTES || hash.length > MAX_FIELD_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new Encoded((int) memory, (int) passes, (int) lanes, salt, hash));
        } catch (IllegalArgumentException malformed) { // NumberFormatException, bad Base64
            return Optional.empty();
        }
    }

    private static final class Encoded {
        final int memoryKib;
        final int iterations;
        final int parallelism;
        final byte[] salt;
        final byte[] hash;

        Encoded(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
            this.memoryKib = memoryKib;
            this.iterations = iterations;
            this.parallelism = parallelism;
            this.salt = salt;
            this.hash = hash;
        }
    }
}
