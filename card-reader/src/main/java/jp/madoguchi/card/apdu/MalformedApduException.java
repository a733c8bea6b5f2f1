package jp.madoguchi.card.apdu;

/** A command APDU whose length fields do not add up; a card answers such a command with 6700. */
public final class MalformedApduException extends Exception {
    public MalformedApduException(String message) {
        super(message);
    }
}
