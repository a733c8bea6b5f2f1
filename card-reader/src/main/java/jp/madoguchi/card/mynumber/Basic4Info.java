package jp.madoguchi.card.mynumber;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The basic four facts (基本4情報) read from the text AP. Personal data: never log it, never put it
 * in an exception message. {@link #toString()} deliberately hides the values.
 */
public record Basic4Info(String name, String address, LocalDate birthDate, Sex sex) {
    public Basic4Info {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(sex, "sex");
    }

    @Override
    public String toString() {
        return "Basic4Info[redacted]";
    }
}
