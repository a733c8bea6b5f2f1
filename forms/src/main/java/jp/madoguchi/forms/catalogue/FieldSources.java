package jp.madoguchi.forms.catalogue;

import java.util.ArrayList;
import java.util.List;

import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FieldSource.BoothField;
import jp.madoguchi.forms.model.FieldSource.CardField;
import jp.madoguchi.forms.model.FieldSource.ComputedField;

/**
 * The one-string notation of a {@link FieldSource} in definition files ({@code card.name},
 * {@code answer.copies}, {@code text:見本市長　様}): parsing and printing.
 *
 * <p>Parsing checks the notation only; whether {@code answer.X} names a question of the form is
 * the catalogue's check, because only it knows the form.
 */
public final class FieldSources {

    /** Every valid form of the notation, as error messages and FORMS.md list them. */
    public static final String VALID_FORMS = String.join(", ", validForms());

    private static final String ANSWER_PREFIX = "answer.";
    private static final String TEXT_PREFIX = "text:";

    private FieldSources() {
    }

    /**
     * Parses the notation.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and listing the valid
     *     forms (ready to show to IT staff)
     */
    public static FieldSource parse(String notation) {
        if (notation == null || notation.isBlank()) {
            throw new IllegalArgumentException("a source is empty; sources are: " + VALID_FORMS);
        }
        // Fixed text is taken exactly as written after the colon (spaces included).
        if (notation.startsWith(TEXT_PREFIX)) {
            String text = notation.substring(TEXT_PREFIX.length());
            if (text.isEmpty()) {
                throw new IllegalArgumentException("source 'text:' has no text after the colon; write e.g. 'text:見本市長　様'");
            }
            return new FieldSource.Text(text);
        }
        String trimmed = notation.strip();
        if (trimmed.startsWith(ANSWER_PREFIX)) {
            String questionId = trimmed.substring(ANSWER_PREFIX.length());
            if (questionId.isEmpty()) {
                throw new IllegalArgumentException("source 'answer.' names no question; write answer.<question id>, e.g. 'answer.copies'");
            }
            return new FieldSource.Answer(questionId);
        }
        for (CardField field : CardField.values()) {
            if (trimmed.equals("card." + field.key())) {
                return new FieldSource.Card(field);
            }
        }
        for (BoothField field : BoothField.values()) {
            if (trimmed.equals("booth." + field.key())) {
                return new FieldSource.Booth(field);
            }
        }
        for (ComputedField field : ComputedField.values()) {
            if (trimmed.equals("computed." + field.key())) {
                return new FieldSource.Computed(field);
            }
        }
        throw new IllegalArgumentException("unknown source '" + trimmed + "'"
                + Suggestions.didYouMean(trimmed, fixedNotations()) + "; sources are: " + VALID_FORMS);
    }

    /** The notation of {@code source}; {@code parse(print(s))} equals {@code s}. */
    public static String print(FieldSource source) {
        return source.notation();
    }

    /** Whether the source gives a date (formats wareki and gregorian need one). */
    static boolean isDate(FieldSource source) {
        return source instanceof FieldSource.Card card && card.field() == CardField.BIRTH_DATE
                || source instanceof FieldSource.Computed computed && computed.field() == ComputedField.TODAY;
    }

    private static List<String> fixedNotations() {
        List<String> notations = new ArrayList<>();
        for (CardField field : CardField.values()) {
            notations.add("card." + field.key());
        }
        for (BoothField field : BoothField.values()) {
            notations.add("booth." + field.key());
        }
        for (ComputedField field : ComputedField.values()) {
            notations.add("computed." + field.key());
        }
        return notations;
    }

    private static List<String> validForms() {
        List<String> forms = new ArrayList<>();
        for (CardField field : CardField.values()) {
            forms.add("card." + field.key());
        }
        forms.add(ANSWER_PREFIX + "<question id>");
        for (BoothField field : BoothField.values()) {
            forms.add("booth." + field.key());
        }
        for (ComputedField field : ComputedField.values()) {
            forms.add("computed." + field.key());
        }
        forms.add(TEXT_PREFIX + "<fixed text>");
        return forms;
    }
}
