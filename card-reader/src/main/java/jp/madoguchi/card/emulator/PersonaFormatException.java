package jp.madoguchi.card.emulator;

import java.io.IOException;

/**
 * A persona file that cannot be used: not JSON, a missing or unknown field, or a value that breaks
 * its rule. The message names the file and the field, never the value.
 */
public final class PersonaFormatException extends IOException {
    private final String source;
    private final String field;

    public PersonaFormatException(String source, String field, String problem, Throwable cause) {
        super(source + ": " + (field == null ? "" : "field '" + field + "': ") + problem, cause);
        this.source = source;
        this.field = field;
    }

    /** The file or classpath resource the persona came from. */
    public String source() {
        return source;
    }

    /** The offending JSON field, or null when the problem is the file as a whole. */
    public String field() {
        return field;
    }
}
