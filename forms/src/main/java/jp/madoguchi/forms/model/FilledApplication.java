package jp.madoguchi.forms.model;

import java.util.List;
import java.util.Map;

/**
 * A form filled from the card, the answers and the context: what the resident reviews, signs and
 * sends. Its canonical JSON (see {@code jp.madoguchi.forms.fill.CanonicalJson}) is what is signed.
 *
 * @param form the definition it was filled from
 * @param context date, reference and booth
 * @param answers every question's final answer (asked, defaulted), by question id; questions whose
 *     condition did not hold are absent
 * @param fields every cell of the paper form with its written value, in layout order
 * @param copies the number of copies (1 when the form has no {@code copies} question)
 * @param feeTotal yen
 * @param clerkChecks characters a clerk must check because the card substituted them (外字)
 * @param applicant the card data the application was filled from, carried whole so the signed JSON
 *     names the applicant exactly as the card does, whatever cells the form prints; null only for an
 *     application built with the older seven-argument constructor (added after the first model
 *     without breaking its callers)
 */
public record FilledApplication(
        FormDefinition form,
        FillContext context,
        Map<String, String> answers,
        List<FilledField> fields,
        int copies,
        int feeTotal,
        List<ClerkCheck> clerkChecks,
        CardData applicant) {

    public FilledApplication {
        answers = Map.copyOf(answers);
        fields = List.copyOf(fields);
        clerkChecks = List.copyOf(clerkChecks);
    }

    /** An application without the applicant's card data (the first model's shape). */
    public FilledApplication(FormDefinition form, FillContext context, Map<String, String> answers,
            List<FilledField> fields, int copies, int feeTotal, List<ClerkCheck> clerkChecks) {
        this(form, context, answers, fields, copies, feeTotal, clerkChecks, null);
    }

    /** Whether a clerk must look at the application before it is treated as exact. */
    public boolean needsClerkCheck() {
        return !clerkChecks.isEmpty();
    }

    /**
     * One written cell.
     *
     * @param id the cell's id ({@code applicant.name})
     * @param section the title of its section
     * @param label the printed label
     * @param value the written value ("" when the source gave nothing, e.g. an unasked question)
     */
    public record FilledField(String id, String section, String label, String value) {
    }

    /**
     * A field holding characters the card substituted.
     *
     * @param fieldId the cell ({@code applicant.name}); {@code card.name} or {@code card.address} when
     *     the card substituted characters in a field no cell prints (the signed applicant still holds them)
     * @param positions 0-based code-point positions within the written value
     */
    public record ClerkCheck(String fieldId, List<Integer> positions) {
        public ClerkCheck {
            positions = List.copyOf(positions);
        }
    }

    @Override
    public String toString() {
        return "FilledApplication[" + form.id() + ", " + context.reference() + "]";
    }
}
