package jp.madoguchi.forms.fill;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Question;

/**
 * The few questions a resident answers instead of writing, as a small flow: which question comes
 * next, which apply at all, whether an answer is acceptable, and the final set of answers with
 * defaults taken.
 *
 * <p><b>Conditions.</b> A question with a {@code when} condition applies only when the earlier
 * question it names applies and its answer is one of {@code anyOf}. An earlier question that was not
 * answered counts with its default (so "whose record" defaulting to {@code self} keeps a
 * "relation" question off the screen); with neither answer nor default it satisfies no condition.
 * A condition must name an earlier question: a definition that does otherwise is refused when the
 * flow is built, because answers are taken in order and a forward reference could never be settled.
 *
 * <p><b>Validation.</b> A choice must be one of the choice values. A number is ASCII digits only (the
 * number pad has no sign), between {@code min} and {@code max}, and is stored without leading zeros.
 * Kana is hiragana and katakana letters (ぁ–ゖ, ァ–ヺ), the iteration marks ゝゞヽヾ (名前 like みすゞ
 * use them), the long vowel mark ー and the full-width space U+3000, with at least one letter; nothing
 * else, so half-width katakana, the middle dot and Latin letters are refused. A postal code is
 * {@code NNN-NNNN} or seven ASCII digits, and is stored as {@code NNN-NNNN} so the signed application
 * has one spelling of it.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuestionFlow {

    private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern POSTAL_CODE = Pattern.compile("([0-9]{3})-?([0-9]{4})");
    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

    private final FormDefinition form;

    /**
     * @throws IllegalArgumentException when two questions share an id, a condition names a question
     *     that is not asked before it, or a default is not a valid answer to its own question
     */
    public QuestionFlow(FormDefinition form) {
        this.form = Objects.requireNonNull(form, "form");
        checkDefinition(form);
    }

    /**
     * The next question to put to the resident: the first applicable question that has no valid
     * answer in {@code answersSoFar}. Empty when every applicable question is answered.
     */
    public Optional<Question> next(Map<String, String> answersSoFar) {
        Map<String, String> effective = new HashMap<>();
        for (Question question : form.questions()) {
            if (!conditionHolds(question, effective)) {
                continue;
            }
            String given = answersSoFar.get(question.id());
            ValidationResult result = given == null ? null : validate(question, given);
            if (result == null || !result.isValid()) {
                return Optional.of(question);
            }
            effective.put(question.id(), result.normalizedValue());
        }
        return Optional.empty();
    }

    /**
     * The questions that apply given {@code answersSoFar}, in the order they are asked. Earlier
     * unanswered questions count with their defaults; invalid answers count as unanswered.
     */
    public List<Question> applicable(Map<String, String> answersSoFar) {
        List<Question> applicable = new ArrayList<>();
        Map<String, String> effective = new HashMap<>();
        for (Question question : form.questions()) {
            if (!conditionHolds(question, effective)) {
                continue;
            }
            applicable.add(question);
            String given = answersSoFar.get(question.id());
            ValidationResult result = given == null ? null : validate(question, given);
            if (result != null && result.isValid()) {
                effective.put(question.id(), result.normalizedValue());
            } else if (question.defaultValue() != null) {
                effective.put(question.id(), storedDefault(question));
            }
        }
        return Collections.unmodifiableList(applicable);
    }

    /**
     * The final answers: every applicable question's valid answer (normalised) or else its default,
     * in the order the form asks them. Answers to questions that no longer apply (the resident went
     * back and changed an earlier answer) are dropped.
     *
     * @throws InvalidAnswerException for the first given answer (in asking order) that its question refuses
     * @throws MissingAnswerException naming every applicable question with neither answer nor default
     * @throws IllegalArgumentException when an answer names no question of the form (a typo on the
     *     command line must not be dropped silently)
     */
    public Map<String, String> complete(Map<String, String> answers) {
        Set<String> unknown = new HashSet<>(answers.keySet());
        form.questions().forEach(question -> unknown.remove(question.id()));
        if (!unknown.isEmpty()) {
            List<String> sorted = new ArrayList<>(unknown);
            Collections.sort(sorted);
            throw new IllegalArgumentException("form " + form.id() + " has no question " + String.join(", ", sorted));
        }
        Map<String, String> completed = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Question question : form.questions()) {
            if (!conditionHolds(question, completed)) {
                continue;
            }
            String given = answers.get(question.id());
            if (given != null) {
                ValidationResult result = validate(question, given);
                if (!result.isValid()) {
                    throw new InvalidAnswerException(question, given, result.failure());
                }
                completed.put(question.id(), result.normalizedValue());
            } else if (question.defaultValue() != null) {
                completed.put(question.id(), storedDefault(question));
            } else {
                missing.add(question.id());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingAnswerException(form.id(), missing);
        }
        return Collections.unmodifiableMap(completed);
    }

    /** Whether {@code value} is an acceptable answer to {@code question}, and how it is stored. */
    public static ValidationResult validate(Question question, String value) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(value, "value");
        return switch (question.type()) {
            case CHOICE -> question.choice(value).isPresent()
                    ? ValidationResult.valid(value)
                    : ValidationResult.invalid(ValidationResult.Reason.NOT_A_CHOICE);
            case NUMBER -> validateNumber(question, value);
            case KANA -> isKana(value)
                    ? ValidationResult.valid(value)
                    : ValidationResult.invalid(ValidationResult.Reason.NOT_KANA);
            case POSTAL_CODE -> validatePostalCode(value);
        };
    }

    private static ValidationResult validateNumber(Question question, String value) {
        if (!ASCII_DIGITS.matcher(value).matches()) {
            return ValidationResult.invalid(ValidationResult.Reason.NOT_A_NUMBER);
        }
        BigInteger number = new BigInteger(value);
        if (number.compareTo(INT_MIN) < 0 || number.compareTo(INT_MAX) > 0) {
            // Numbers are ints everywhere after this (copies, fee); a larger one is not a number we take.
            return ValidationResult.invalid(ValidationResult.Reason.NOT_A_NUMBER);
        }
        int parsed = number.intValue();
        if (question.min() != null && parsed < question.min()) {
            return ValidationResult.invalid(ValidationResult.Reason.BELOW_MIN);
        }
        if (question.max() != null && parsed > question.max()) {
            return ValidationResult.invalid(ValidationResult.Reason.ABOVE_MAX);
        }
        return ValidationResult.valid(Integer.toString(parsed));
    }

    private static ValidationResult validatePostalCode(String value) {
        var matcher = POSTAL_CODE.matcher(value);
        if (!matcher.matches()) {
            return ValidationResult.invalid(ValidationResult.Reason.NOT_POSTAL_CODE);
        }
        return ValidationResult.valid(matcher.group(1) + "-" + matcher.group(2));
    }

    private static boolean isKana(String value) {
        boolean hasLetter = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isKanaLetter(c)) {
                hasLetter = true;
            } else if (c != 'ー' && c != '\u3000') {
                return false;
            }
        }
        return hasLetter;
    }

    private static boolean isKanaLetter(char c) {
        boolean hiragana = (c >= 'ぁ' && c <= 'ゖ') || c == 'ゝ' || c == 'ゞ';
        boolean katakana = (c >= 'ァ' && c <= 'ヺ') || c == 'ヽ' || c == 'ヾ';
        return hiragana || katakana;
    }

    /** A default is stored as an answer would be (normalised), so "03" and "3" sign the same. */
    private static String storedDefault(Question question) {
        return validate(question, question.defaultValue()).normalizedValue();
    }

    private static boolean conditionHolds(Question question, Map<String, String> effectiveAnswers) {
        Question.Condition when = question.when();
        if (when == null) {
            return true;
        }
        String answer = effectiveAnswers.get(when.question());
        return answer != null && when.anyOf().contains(answer);
    }

    private static void checkDefinition(FormDefinition form) {
        Set<String> earlier = new HashSet<>();
        for (Question question : form.questions()) {
            Question.Condition when = question.when();
            if (when != null && !earlier.contains(when.question())) {
                throw new IllegalArgumentException("form " + form.id() + ": the condition of question "
                        + question.id() + " names " + when.question() + ", which is not asked before it");
            }
            if (question.defaultValue() != null && !validate(question, question.defaultValue()).isValid()) {
                throw new IllegalArgumentException("form " + form.id() + ": the default of question "
                        + question.id() + " is not a valid answer to it");
            }
            if (!earlier.add(question.id())) {
                throw new IllegalArgumentException("form " + form.id() + ": two questions are called " + question.id());
            }
        }
    }
}
