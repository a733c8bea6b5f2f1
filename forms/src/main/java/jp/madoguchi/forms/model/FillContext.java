package jp.madoguchi.forms.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything besides the card and the answers that a filled form depends on. Passing it in,
 * instead of reading the clock or inventing numbers inside, keeps filling deterministic: the same
 * definition, card, answers and context always give the same canonical JSON bytes.
 *
 * @param date the date of the application
 * @param reference the application's reference number (the booth or headquarters assigns it)
 * @param booth where it is filled
 */
public record FillContext(LocalDate date, String reference, Booth booth) {
    public FillContext {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(booth, "booth");
    }
}
