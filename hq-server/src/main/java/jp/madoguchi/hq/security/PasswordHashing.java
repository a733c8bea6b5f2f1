package jp.madoguchi.hq.security;

/**
 * How clerk passwords are hashed and checked. The storage of accounts depends on this interface;
 * the implementation (a modern memory-hard KDF) lives beside it. Passwords arrive as {@code char[]};
 * implementations do not keep or log them, and callers wipe the array afterwards.
 */
public interface PasswordHashing {
    /** A self-describing encoded hash (algorithm, parameters, salt, hash), safe to store. */
    String hash(char[] password);

    /** Whether {@code password} matches {@code encoded}; constant-time in the hash comparison. */
    boolean verify(char[] password, String encoded);

    /** Whether {@code encoded} was made with weaker parameters than today's and should be re-hashed at next login. */
    default boolean needsRehash(String encoded) {
        return false;
    }
}
