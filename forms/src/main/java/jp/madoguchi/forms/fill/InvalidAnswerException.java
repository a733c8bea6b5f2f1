package jp.madoguchi.forms.fill;

import jp.madoguchi.forms.model.Question;

/**
 * An answer that its question refuses. {@link #value()} gives what was answered; the message
 * quotes it only for choice and number questions, because a kana or postal code answer may be a
 * name's reading or part of an address, and messages end up in logs.
 */
public class InvalidAnswerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String questionId;
    private final transient String value;
    private final ValidationResult.Reason reason;

    public InvalidAnswerException(Question question, String value, ValidationResult.Reason reason) {
        super("answer to " + question.id() + " " + quoted(question, value) + " refused: " + reason);
        this.questionId = question.id();
        this.value = value;
        this.reason = reason;
    }

    private static String quoted(Question question, String value) {
        return switch (question.type()) {
            case CHOICE, NUMBER -> "'" + value + "'";
            case KANA, POSTAL_CODE -> "(value withheld: it may be personal)";
        };
    }

    public String questionId() {
        return questionId;
    }

    /** What was answered. Personal for kana and postal code questions: do not log it. */
    public String value() {
        return value;
    }

    public ValidationResult.Reason reason() {
        return reason;
    }
}
