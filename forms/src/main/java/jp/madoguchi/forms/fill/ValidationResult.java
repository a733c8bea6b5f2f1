package jp.madoguchi.forms.fill;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking one answer: either valid, with the value as it will be stored (postal
 * codes and numbers are normalised), or invalid, with a typed reason and a message key the booth
 * translates.
 *
 * @param normalizedValue the value to store when valid; null when invalid
 * @param failure why the answer was refused; null when valid
 */
public record ValidationResult(String normalizedValue, Reason failure) {

    public ValidationResult {
        if ((normalizedValue == null) == (failure == null)) {
            throw new IllegalArgumentException("a result is either a normalised value or a failure");
        }
    }

    public static ValidationResult valid(String normalizedValue) {
        return new ValidationResult(Objects.requireNonNull(normalizedValue, "normalizedValue"), null);
    }

    public static ValidationResult invalid(Reason reason) {
        return new ValidationResult(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isValid() {
        return failure == null;
    }

    /** Why the answer was refused; empty when it is valid. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(failure);
    }

    /** The booth's message key for the refusal, e.g. {@code answer.invalid.above_max}; empty when valid. */
    public Optional<String> messageKey() {
        return reason().map(Reason::messageKey);
    }

    /** Why an answer was refused. */
    public enum Reason {
        /** A choice question answered with a value that is none of its choices. */
        NOT_A_CHOICE,
        /** A number question answered with something other than ASCII digits, or too large for the booth. */
        NOT_A_NUMBER,
        /** A number smaller than the question's minimum (the message shows {@code min}). */
        BELOW_MIN,
        /** A number larger than the question's maximum (the message shows {@code max}). */
        ABOVE_MAX,
        /** A kana question answered with anything but hiragana, katakana, ー and the full-width space. */
        NOT_KANA,
        /** A postal code question answered with anything but NNN-NNNN or seven digits. */
        NOT_POSTAL_CODE;

        /** The dotted i18n key, {@code answer.invalid.<reason in lower case>}. */
        public String messageKey() {
            return "answer.invalid." + name().toLowerCase(Locale.ROOT);
        }
    }
}
