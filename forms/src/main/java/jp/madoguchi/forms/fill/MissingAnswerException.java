package jp.madoguchi.forms.fill;

import java.util.List;

/**
 * Questions that apply but have neither an answer nor a default. The CLI reports it naming the
 * questions; the booth never reaches it because it asks every applicable question.
 */
public class MissingAnswerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> questionIds;

    public MissingAnswerException(String formId, List<String> questionIds) {
        super("form " + formId + ": no answer and no default for " + String.join(", ", questionIds));
        this.questionIds = List.copyOf(questionIds);
    }

    /** The ids of the unanswered questions, in the order the form asks them. */
    public List<String> questionIds() {
        return questionIds;
    }
}
