package jp.madoguchi.forms.catalogue;

import java.util.Objects;

/**
 * One thing wrong in a definition file, located so that IT staff can go straight to it.
 *
 * @param file the file as the reader knows it: the path in the municipality's folder, or
 *     {@code classpath:/jp/madoguchi/forms/catalogue/NAME.yaml} for a shipped definition
 * @param line 1-based line of the offending node; 0 when the problem concerns the whole file or
 *     folder (unreadable, missing)
 * @param column 1-based column; 0 when unknown
 * @param message what is wrong and, where it can be said, how to put it right
 */
public record Problem(String file, int line, int column, String message) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /**
     * {@code file:line:column: message}, the form compilers use, so editors and terminals can
     * jump to it; a whole-file problem (line 0) is written {@code file: message}.
     */
    @Override
    public String toString() {
        if (line <= 0) {
            return file + ": " + message;
        }
        return file + ":" + line + ":" + column + ": " + message;
    }
}
