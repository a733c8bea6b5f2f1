package jp.madoguchi.forms.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the booth knows from the card: the basic 4 info and, from the signature certificate, which
 * characters were substituted (外字). Personal data: {@link #toString()} hides it.
 *
 * @param name as on the card (family and given name separated by U+3000)
 * @param address as on the card
 * @param birthDate Gregorian
 * @param sex ISO 5218 code: "1" male, "2" female, "9" not applicable
 * @param nameSubstituted 0-based code-point positions in the name that the card substituted
 * @param addressSubstituted the same for the address
 */
public record CardData(String name, String address, LocalDate birthDate, String sex, List<Integer> nameSubstituted,
        List<Integer> addressSubstituted) {

    public CardData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
        nameSubstituted = nameSubstituted == null ? List.of() : List.copyOf(nameSubstituted);
        addressSubstituted = addressSubstituted == null ? List.of() : List.copyOf(addressSubstituted);
    }

    public CardData(String name, String address, LocalDate birthDate, String sex) {
        this(name, address, birthDate, sex, List.of(), List.of());
    }

    @Override
    public String toString() {
        return "CardData[redacted]";
    }
}
