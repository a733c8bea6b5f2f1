package jp.madoguchi.forms.model;

import java.util.List;
import java.util.Optional;

/**
 * One question the resident answers instead of writing: a short prompt, large-button choices (or
 * a number or kana to enter), an optional condition and default.
 *
 * @param id referenced by fields ({@code answer.ID}) and by other questions' conditions
 * @param prompt the question, in every booth language
 * @param type what kind of answer
 * @param choices for {@link Type#CHOICE}: the buttons, in order; empty otherwise
 * @param defaultValue the answer taken when the resident is not asked or skips; null: none
 * @param when ask only when this holds; null: always ask
 * @param min for {@link Type#NUMBER}: smallest allowed value
 * @param max for {@link Type#NUMBER}: largest allowed value
 */
public record Question(
        String id,
        LocalizedText prompt,
        Type type,
        List<Choice> choices,
        String defaultValue,
        Condition when,
        Integer min,
        Integer max) {

    public Question {
        choices = List.copyOf(choices);
    }

    public Optional<Choice> choice(String value) {
        return choices.stream().filter(c -> c.value().equals(value)).findFirst();
    }

    /** The kinds of answer. */
    public enum Type {
        /** One of the choices (large buttons). */
        CHOICE,
        /** A whole number between min and max (a number pad; copies 1–10). */
        NUMBER,
        /** Katakana or hiragana only, e.g. a reading of a name (a kana keyboard). */
        KANA,
        /** A Japanese postal code, 7 digits written NNN-NNNN. */
        POSTAL_CODE
    }

    /**
     * One answer button.
     *
     * @param value the stable value stored in the application ({@code work}, {@code self})
     * @param label the button's text in every booth language
     * @param paperText how the choice is printed on the Japanese paper form
     */
    public record Choice(String value, LocalizedText label, String paperText) {
    }

    /**
     * Ask a question only when another one was answered with one of {@code anyOf}.
     *
     * @param question the id of an earlier question
     * @param anyOf the answer values that make this question asked
     */
    public record Condition(String question, List<String> anyOf) {
        public Condition {
            anyOf = List.copyOf(anyOf);
        }
    }
}
