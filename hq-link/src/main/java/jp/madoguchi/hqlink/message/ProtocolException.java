package jp.madoguchi.hqlink.message;

/**
 * A message that is not valid for this protocol: not JSON, a missing or empty required field, a wrong
 * type, an unsupported version. The message says which message and which field, and never quotes the content.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A presence frame whose {@code type} this side does not know (a newer peer); receivers may skip it. */
    public static final class UnknownFrameType extends ProtocolException {
        private static final long serialVersionUID = 1L;
        private final String frameType;

        public UnknownFrameType(String frameType, Throwable cause) {
            super("unknown presence frame type '" + frameType + "'", cause);
            this.frameType = frameType;
        }

        public String frameType() {
            return frameType;
        }
    }
}
