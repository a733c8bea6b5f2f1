package jp.madoguchi.hqlink.message;

import java.util.List;

/** Checks a message's fields in its record constructor, so a message is valid however it was built. */
final class Require {
    private Require() {
    }

    static void version(int v, String message) {
        if (v != Protocol.VERSION) {
            throw new IllegalArgumentException(message + ": unsupported protocol version v=" + v
                    + " (this side speaks v=" + Protocol.VERSION + ")");
        }
    }

    static <T> T present(T value, String message, String field) {
        if (value == null) {
            throw new IllegalArgumentException(message + ": missing required field '" + field + "'");
        }
        return value;
    }

    static String text(String value, String message, String field) {
        present(value, message, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(message + ": required field '" + field + "' is empty");
        }
        return value;
    }

    static <T> List<T> list(List<T> value, String message, String field) {
        present(value, message, field);
        for (T element : value) {
            present(element, message, field + "[]");
        }
        return List.copyOf(value);
    }

    static int notNegative(int value, String message, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(message + ": field '" + field + "' is negative: " + value);
        }
        return value;
    }
}
