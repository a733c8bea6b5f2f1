package jp.madoguchi.forms.fill;

/**
 * Received bytes that cannot be read back as a signed application: not JSON, not canonical, another
 * schema, a form the catalogue does not have, a member missing or of the wrong type. The message names
 * the problem and where it is (member names, field ids), never a value: it may reach a log, and the
 * values are the resident's.
 */
public class UnreadableApplicationException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadableApplicationException(String message) {
        super(message);
    }
}
