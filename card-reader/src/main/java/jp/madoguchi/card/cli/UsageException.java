package jp.madoguchi.card.cli;

/**
 * Something the person asked for that cannot be done as asked, found only while the command runs
 * (e.g. {@code --reader emulator:nosuch}). {@link CardTool} says it in the person's language and
 * exits with {@link CardTool#EXIT_USAGE}; the message key and arguments carry no secret.
 */
final class UsageException extends RuntimeException {
    private final String key;
    private final transient Object[] args;

    UsageException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args.clone();
    }

    String key() {
        return key;
    }

    Object[] args() {
        return args.clone();
    }
}
