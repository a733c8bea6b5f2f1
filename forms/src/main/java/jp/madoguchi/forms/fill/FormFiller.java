package jp.madoguchi.forms.fill;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.madoguchi.forms.model.CardData;
import jp.madoguchi.forms.model.FieldSource;
import jp.madoguchi.forms.model.FillContext;
import jp.madoguchi.forms.model.FilledApplication;
import jp.madoguchi.forms.model.FilledApplication.ClerkCheck;
import jp.madoguchi.forms.model.FilledApplication.FilledField;
import jp.madoguchi.forms.model.FormDefinition;
import jp.madoguchi.forms.model.Format;
import jp.madoguchi.forms.model.Question;
import jp.madoguchi.forms.model.Section;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card data in, filled application out (書かない窓口): completes the answers, writes every cell of
 * the paper form from its source in its format, and marks what a clerk must check.
 *
 * <p><b>Sources.</b> {@code card.*} from the card ({@code card.birthDate} as an ISO date, {@code
 * card.sex} as the ISO 5218 code, for the cell's format to write); {@code answer.X} from the completed
 * answers, "" when X did not apply; {@code booth.*} and {@code computed.today}/{@code
 * computed.reference} from the {@link FillContext}; {@code computed.feeTotal} is feePerCopy × the
 * {@code copies} answer (× 1 when the form has no such question or it did not apply); {@code text:}
 * as written. Nothing is read from the clock, so the same inputs give the same application.
 *
 * <p><b>Characters.</b> Names and addresses keep the card's characters; only a cell with
 * {@link Format#FULLWIDTH} widens ASCII.
 *
 * <p><b>外字.</b> For every cell written from {@code card.name} or {@code card.address} whose card
 * value has substituted characters, the application carries a {@link ClerkCheck} with the cell's id
 * and the positions in the written value. Positions carry over unchanged because the formats a
 * card text can be written in ({@code PLAIN}, {@code FULLWIDTH}, {@code ANSWER}, which writes a
 * non-answer as it is) map one code point to one. When the card substitutes characters in a field
 * the form prints nowhere, the check is still carried, under the field's source notation
 * ({@code card.name}, {@code card.address}), because the signed JSON names the applicant from the
 * card: an application holding a substituted character is never presented as exact.
 *
 * <p>Logs carry the form id and the reference number only, never card data or answers.
 * Stateless and thread-safe.
 */
public final class FormFiller {

    private static final Logger LOG = LoggerFactory.getLogger(FormFiller.class);

    /** The question whose answer is the number of copies, when a form has one. */
    public static final String COPIES_QUESTION = "copies";

    /**
     * Fills {@code form}.
     *
     * @throws MissingAnswerException when an applicable question has neither answer nor default
     * @throws InvalidAnswerException when a given answer is refused by its question
     * @throws IllegalArgumentException when the definition is inconsistent (a cell names a question
     *     the form does not have, a format cannot write its source's value) or an answer names no
     *     question of the form
     */
    public FilledApplication fill(FormDefinition form, CardData card, Map<String, String> answers, FillContext context) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(context, "context");

        Map<String, String> completed = new QuestionFlow(form).complete(answers);
        int copies = copies(form, completed);
        int feeTotal = Math.multiplyExact(form.feePerCopy(), copies);

        List<FilledField> fields = new ArrayList<>();
        List<ClerkCheck> clerkChecks = new ArrayList<>();
        boolean nameShown = false;
        boolean addressShown = false;
        for (Section section : form.sections()) {
            for (Section.Row row : section.rows()) {
                for (Section.Cell cell : row.cells()) {
                    String value = write(form, cell, card, completed, context, feeTotal);
                    fields.add(new FilledField(cell.id(), section.title(), cell.label(), value));
                    if (cell.source() instanceof FieldSource.Card cardSource) {
                        List<Integer> substituted = substitutedPositions(card, cardSource.field());
                        if (!substituted.isEmpty()) {
                            clerkChecks.add(new ClerkCheck(cell.id(), positionsIn(value, cell, substituted)));
                        }
                        nameShown |= cardSource.field() == FieldSource.CardField.NAME;
                        addressShown |= cardSource.field() == FieldSource.CardField.ADDRESS;
                    }
                }
            }
        }
        if (!nameShown && !card.nameSubstituted().isEmpty()) {
            clerkChecks.add(new ClerkCheck(new FieldSource.Card(FieldSource.CardField.NAME).notation(),
                    card.nameSubstituted()));
        }
        if (!addressShown && !card.addressSubstituted().isEmpty()) {
            clerkChecks.add(new ClerkCheck(new FieldSource.Card(FieldSource.CardField.ADDRESS).notation(),
                    card.addressSubstituted()));
        }

        FilledApplication application = new FilledApplication(form, context, completed, fields, copies, feeTotal,
                clerkChecks, card);
        LOG.debug("filled form {} v{} for {}: {} fields, {} clerk checks", form.id(), form.version(),
                context.reference(), fields.size(), clerkChecks.size());
        return application;
    }

    private static int copies(FormDefinition form, Map<String, String> completed) {
        String answer = completed.get(COPIES_QUESTION);
        if (answer == null) {
            return 1;
        }
        try {
            int copies = Integer.parseInt(answer);
            if (copies < 1) {
                throw new NumberFormatException();
            }
            return copies;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("form " + form.id() + ": the answer to " + COPIES_QUESTION
                    + " must be a whole number of at least 1; give the question a min of 1");
        }
    }

    private static String write(FormDefinition form, Section.Cell cell, CardData card, Map<String, String> answers,
            FillContext context, int feeTotal) {
        Question question = null;
        String raw;
        FieldSource source = cell.source();
        if (source instanceof FieldSource.Card c) {
            raw = switch (c.field()) {
                case NAME -> card.name();
                case ADDRESS -> card.address();
                case BIRTH_DATE -> card.birthDate().toString();
                case SEX -> card.sex();
            };
        } else if (source instanceof FieldSource.Answer a) {
            question = form.question(a.questionId()).orElseThrow(() -> new IllegalArgumentException(
                    "form " + form.id() + ": cell " + cell.id() + " takes the answer to " + a.questionId()
                            + ", which the form does not ask"));
            raw = answers.getOrDefault(a.questionId(), "");
        } else if (source instanceof FieldSource.Booth b) {
            raw = switch (b.field()) {
                case MUNICIPALITY -> context.booth().municipality();
                case LOCATION -> context.booth().location();
                case ID -> context.booth().id();
            };
        } else if (source instanceof FieldSource.Computed c) {
            raw = switch (c.field()) {
                case TODAY -> context.date().toString();
                case FEE_TOTAL -> Integer.toString(feeTotal);
                case REFERENCE -> context.reference();
            };
        } else if (source instanceof FieldSource.Text t) {
            raw = t.text();
        } else {
            throw new IllegalArgumentException("cell " + cell.id() + " has no source");
        }
        try {
            return ValueFormats.apply(cell.format(), raw == null ? "" : raw, question);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("form " + form.id() + ": cell " + cell.id() + " ("
                    + source.notation() + " as " + cell.format() + "): " + e.getMessage(), e);
        }
    }

    private static List<Integer> substitutedPositions(CardData card, FieldSource.CardField field) {
        return switch (field) {
            case NAME -> card.nameSubstituted();
            case ADDRESS -> card.addressSubstituted();
            case BIRTH_DATE, SEX -> List.of();
        };
    }

    /**
     * The substituted positions within the written value. Only formats that keep one code point per
     * code point can carry them; the others cannot write a name or address at all, so reaching the
     * exception means a definition error, reported rather than pointing the clerk at the wrong place.
     */
    private static List<Integer> positionsIn(String written, Section.Cell cell, List<Integer> cardPositions) {
        if (cell.format() != Format.PLAIN && cell.format() != Format.FULLWIDTH && cell.format() != Format.ANSWER) {
            throw new IllegalArgumentException("cell " + cell.id() + " writes card text as " + cell.format()
                    + ", which cannot carry substituted character positions");
        }
        int length = written.codePointCount(0, written.length());
        for (int position : cardPositions) {
            if (position < 0 || position >= length) {
                throw new IllegalArgumentException("card data: a substituted position of the field in cell "
                        + cell.id() + " lies outside its value");
            }
        }
        return cardPositions;
    }
}
