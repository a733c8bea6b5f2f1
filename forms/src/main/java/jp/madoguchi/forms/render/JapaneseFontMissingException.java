package jp.madoguchi.forms.render;

/**
 * A Japanese font the forms are printed with is not installed (or not readable). The message says
 * which file was looked for and how to fix it, because it is usually read by IT staff installing a
 * booth, not by a developer.
 */
public final class JapaneseFontMissingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    JapaneseFontMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
