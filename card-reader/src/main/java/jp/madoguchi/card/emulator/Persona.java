package jp.madoguchi.card.emulator;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import jp.madoguchi.card.mynumber.Basic4Info;
import jp.madoguchi.card.mynumber.IndividualNumber;
import jp.madoguchi.card.mynumber.MyNumberSpec;
import jp.madoguchi.card.mynumber.PinKind;
import jp.madoguchi.card.mynumber.Sex;

/**
 * One synthetic card holder for the emulator: the text that goes on the card, the three secrets
 * and how many tries each has left. Every value is checked when the persona is made; a bad value
 * throws {@link InvalidFieldException} naming the JSON field. Immutable.
 *
 * <p>The secrets are test data and kept as strings, but they are still never printed:
 * {@link #toString()} shows only the id.
 *
 * @param id short name, {@code [a-z0-9-]+}, also the resource file name of a built-in persona
 * @param description what the persona is for (free text, may be empty)
 * @param name family and given name separated by U+3000
 * @param address the address as the card prints it
 * @param individualNumber 12 digits with a valid check digit
 * @param authPin JPKI authentication PIN, 4 digits
 * @param textPin input-support PIN, 4 digits
 * @param signaturePassword JPKI signature password, 6-16 of {@code A-Z 0-9}
 * @param authPinTriesLeft 0..3, 0 = blocked
 * @param textPinTriesLeft 0..3, 0 = blocked
 * @param signaturePasswordTriesLeft 0..5, 0 = blocked
 * @param nameSubstituted 0-based code-point positions in the name the registry could not represent
 *     (外字); the certificate authority flags them, the card text does not show them
 * @param addressSubstituted the same for the address
 * @param tokenLabel the label at the start of JPKI EF 0006 (up to 32 ASCII characters)
 */
public record Persona(
        String id,
        String description,
        String name,
        String address,
        LocalDate birthDate,
        Sex sex,
        String individualNumber,
        String authPin,
        String textPin,
        String signaturePassword,
        int authPinTriesLeft,
        int textPinTriesLeft,
        int signaturePasswordTriesLeft,
        List<Integer> nameSubstituted,
        List<Integer> addressSubstituted,
        String tokenLabel) {

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");
    private static final Pattern FOUR_DIGITS = Pattern.compile("[0-9]{4}");
    private static final Pattern SIGNATURE_PASSWORD = Pattern.compile("[A-Z0-9]{6,16}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");

    /** Checks every field; see the record description for the rules. */
    public Persona {
        require("id", id != null && ID.matcher(id).matches(), "must be lower-case letters, digits and '-'");
        description = description == null ? "" : description;
        require("name", name != null && !name.isBlank(), "must not be empty");
        require("address", address != null && !address.isBlank(), "must not be empty");
        require("birthDate", birthDate != null, "is required");
        require("sex", sex != null, "is required");
        require("individualNumber", individualNumber != null && IndividualNumber.isValid(individualNumber),
                "must be 12 digits with a valid check digit");
        require("authPin", authPin != null && FOUR_DIGITS.matcher(authPin).matches(), "must be 4 digits");
        require("textPin", textPin != null && FOUR_DIGITS.matcher(textPin).matches(), "must be 4 digits");
        require("signaturePassword", signaturePassword != null && SIGNATURE_PASSWORD.matcher(signaturePassword).matches(),
                "must be 6 to 16 characters of A-Z and 0-9");
        requireTries("authPinTriesLeft", authPinTriesLeft, PinKind.AUTHENTICATION);
        requireTries("textPinTriesLeft", textPinTriesLeft, PinKind.TEXT);
        requireTries("signaturePasswordTriesLeft", signaturePasswordTriesLeft, PinKind.SIGNATURE);
        nameSubstituted = checkedPositions("nameSubstituted", nameSubstituted, name);
        addressSubstituted = checkedPositions("addressSubstituted", addressSubstituted, address);
        tokenLabel = tokenLabel == null ? MyNumberSpec.TOKEN_LABEL_MYNUMBER : tokenLabel;
        require("tokenLabel", tokenLabel.length() <= MyNumberSpec.TOKEN_LABEL_LENGTH
                && PRINTABLE_ASCII.matcher(tokenLabel).matches(), "must be at most 32 printable ASCII characters");
    }

    /** The basic four facts as the text AP stores them. */
    public Basic4Info basic4() {
        return new Basic4Info(name, address, birthDate, sex);
    }

    /** The secret for a PIN kind (test data; never log it). */
    public String secret(PinKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> authPin;
            case TEXT -> textPin;
            case SIGNATURE -> signaturePassword;
        };
    }

    /** Tries left for a PIN kind when the card is made. */
    public int triesLeft(PinKind kind) {
        return switch (kind) {
            case AUTHENTICATION -> authPinTriesLeft;
            case TEXT -> textPinTriesLeft;
            case SIGNATURE -> signaturePasswordTriesLeft;
        };
    }

    /** The same persona with different tries left (e.g. a card that starts blocked). */
    public Persona withTriesLeft(PinKind kind, int tries) {
        return new Persona(id, description, name, address, birthDate, sex, individualNumber, authPin, textPin,
                signaturePassword,
                kind == PinKind.AUTHENTICATION ? tries : authPinTriesLeft,
                kind == PinKind.TEXT ? tries : textPinTriesLeft,
                kind == PinKind.SIGNATURE ? tries : signaturePasswordTriesLeft,
                nameSubstituted, addressSubstituted, tokenLabel);
    }

    @Override
    public String toString() {
        return "Persona[" + id + "]";
    }

    private static void require(String field, boolean condition, String problem) {
        if (!condition) {
            throw new InvalidFieldException(field, problem);
        }
    }

    private static void requireTries(String field, int tries, PinKind kind) {
        require(field, tries >= 0 && tries <= kind.maxTries(), "must be between 0 and " + kind.maxTries());
    }

    private static List<Integer> checkedPositions(String field, List<Integer> positions, String text) {
        if (positions == null) {
            return List.of();
        }
        int codePoints = text.codePointCount(0, text.length());
        Set<Integer> seen = new HashSet<>();
        for (Integer position : positions) {
            require(field, position != null && position >= 0 && position < codePoints,
                    "positions must be code-point indexes from 0 to " + (codePoints - 1));
            require(field, seen.add(position), "lists position " + position + " twice");
        }
        return List.copyOf(positions);
    }

    /**
     * A persona field with a value that breaks its rule. The message names the field and the rule,
     * never the value (it may be a PIN or personal data).
     */
    public static final class InvalidFieldException extends IllegalArgumentException {
        private final String field;
        private final String problem;

        public InvalidFieldException(String field, String problem) {
            super(Objects.requireNonNull(field) + " " + problem);
            this.field = field;
            this.problem = problem;
        }

        /** The JSON field name. */
        public String field() {
            return field;
        }

        /** What is wrong with it, without the value. */
        public String problem() {
            return problem;
        }
    }
}
